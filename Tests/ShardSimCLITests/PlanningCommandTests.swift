import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// `plan`, `compare` and `sweep` as a user runs them.
@Suite struct PlanningCommandTests {
    private static let scenario = """
        { "name": "cli-plan", "duration": "1m", "seed": 3, "stream": { "shardCount": 1 },
          "producers": [{ "name": "p", "recordsPerSecond": 1500, "recordSizeBytes": 200,
                          "partitionKeys": { "distribution": "uniform", "count": 5000 } }] }
        """

    private func file() throws -> String {
        try writeTemporaryFile(Self.scenario, prefix: "plan")
    }

    @Test func planJSONHasTheContractKeys() throws {
        let outcome = ShardSimCommand.run(["plan", try file(), "--format", "json"])
        #expect(outcome.exitCode == 0)
        let plan = try jsonObject(outcome.standardOutput)
        for key in ["recommendedShardCount", "feasible", "reason", "bindingLimit", "formulaShardCount", "candidates"] {
            #expect(plan[key] != nil, "missing \(key)")
        }
        // 1,500 rec/s: 1.5 shards' worth of the records limit, so at least 2.
        #expect((plan["recommendedShardCount"] as? Int ?? 0) >= 2)
        let candidate = try #require((plan["candidates"] as? [[String: Any]])?.first)
        for key in ["shardCount", "meetsSlo", "writeThrottledFraction", "monthlyTotal"] {
            #expect(candidate[key] != nil)
        }
    }

    @Test func compareJSONHasTheContractKeys() throws {
        let outcome = ShardSimCommand.run(["compare", try file(), "--format", "json"])
        #expect(outcome.exitCode == 0)
        let comparison = try jsonObject(outcome.standardOutput)
        #expect(comparison["cheaper"] as? String == "PROVISIONED")
        #expect(comparison.keys.contains("cheaperMeetingSlo"))
        #expect((comparison["provisioned"] as? [String: Any])?["shardCount"] != nil)
        #expect(
            ((comparison["onDemand"] as? [String: Any])?["stream"] as? [String: Any])?["streamMode"] as? String
                == "ON_DEMAND")
    }

    @Test func compareTakesOnDemandSettingsOnAProvisionedScenario() throws {
        // The scenario is PROVISIONED; --set stream.onDemand.… describes compare's on-demand side. A stated prior
        // peak of 10,000 records/s: twice that is ⌈20,000 / 1,000⌉ = 20 shards at the start (MODE).
        let path = try file()
        let outcome = ShardSimCommand.run([
            "compare", path, "--format", "json",
            "--set", "stream.onDemand.priorPeakWriteRecordsPerSecond=10000",
        ])
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        let onDemand = try #require(try jsonObject(outcome.standardOutput)["onDemand"] as? [String: Any])
        #expect(onDemand["comparedAs"] as? String == "ESTABLISHED")
        #expect(onDemand["priorPeakSource"] as? String == "scenario")
        #expect((onDemand["stream"] as? [String: Any])?["shardCountStart"] as? Int == 20)
        for key in ["offeredTraffic", "costNote"] { #expect(onDemand.keys.contains(key), "missing \(key)") }
        // The new-stream case is an explicit option; a wrong value is a usage error.
        let fresh = ShardSimCommand.run(["compare", path, "--on-demand-stream", "new"])
        #expect(fresh.exitCode == 0)
        #expect(fresh.standardOutput.contains("first minutes of a NEW stream"))
        #expect(ShardSimCommand.run(["compare", path, "--on-demand-stream", "old"]).exitCode == 2)
        // run and plan accept the field too (it only shapes compare's on-demand side).
        #expect(ShardSimCommand.run(["validate", path, "--set", "stream.onDemand.compareAs=NEW_STREAM"]).exitCode == 0)
    }

    @Test func sweepRunsTheGridInOrderAndIsDeterministic() throws {
        let path = try file()
        let words = [
            "sweep", path, "--vary", "stream.shardCount=1,2,3", "--vary", "producers.0.recordSizeBytes=100,900",
            "--format", "csv",
        ]
        let outcome = ShardSimCommand.run(words)
        #expect(outcome.exitCode == 0)
        let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 7)
        #expect(
            lines[0].hasPrefix("stream.shardCount,producers.0.recordSizeBytes,shardCountEnd,writeThrottledFraction"))
        #expect(lines[1].hasPrefix("1,100,1,"))
        #expect(lines[2].hasPrefix("1,900,1,"))
        #expect(lines[6].hasPrefix("3,900,3,"))
        #expect(ShardSimCommand.run(words).standardOutput == outcome.standardOutput)
    }

    @Test func sweepNamesTheBadPoint() throws {
        let outcome = ShardSimCommand.run(["sweep", try file(), "--vary", "stream.shardCount=2,0"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("stream.shardCount=0"))
    }
}
