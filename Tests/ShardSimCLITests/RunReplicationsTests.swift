import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// Near the records limit (1,100 records/s offered to one shard), with a consumer, so every metric moves.
enum RunReplicationsTestsScenario {
    static let text = """
        { "name": "replicated", "duration": "5s", "seed": 9, "stream": { "shardCount": 1 },
          "producers": [{ "name": "web", "recordsPerSecond": 1100, "recordSizeBytes": 200,
                          "partitionKeys": { "distribution": "uniform", "count": 100 }, "retry": { "maxAttempts": 2 } }],
          "consumers": [{ "name": "reader", "type": "shared" }] }
        """
}

/// `run --replications N` as a user runs it: one replication is today's report, several add their summary, on any
/// thread count the same bytes, and the run budget counts them all.
@Suite struct RunReplicationsTests {
    private func scenarioFile() throws -> String {
        try writeTemporaryFile(RunReplicationsTestsScenario.text, prefix: "replications")
    }

    @Test func oneReplicationIsTheRunWithoutTheOption() throws {
        let path = try scenarioFile()
        for format in ["json", "text", "markdown", "html", "csv"] {
            let plain = ShardSimCommand.run(["run", path, "--format", format])
            let one = ShardSimCommand.run(["run", path, "--format", format, "--replications", "1"])
            #expect(plain.exitCode == 0 && one.exitCode == 0)
            #expect(one.standardOutput == plain.standardOutput, "--format \(format)")
        }
    }

    @Test func severalReplicationsAddTheirSummaryToReplicationOnesReport() throws {
        let path = try scenarioFile()
        let plain = try jsonObject(ShardSimCommand.run(["run", path, "--format", "json"]).standardOutput)
        let outcome = ShardSimCommand.run(["run", path, "--format", "json", "--replications", "4"])
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        var document = try jsonObject(outcome.standardOutput)
        let replications = try #require(document.removeValue(forKey: "replications") as? [String: Any])
        // Everything else is replication 1's report: the run with the scenario's seed.
        #expect(NSDictionary(dictionary: document).isEqual(to: plain))
        #expect(replications["count"] as? Int == 4)
        let seeds = try #require(replications["seeds"] as? [NSNumber]).map(\.uint64Value)
        // Seed 9, then SplitMix64's first output from 9 ⊕ (i × 0xD1B54A32D192ED03) (Python, as in
        // ReplicationStatisticsTests).
        #expect(seeds == [9, 3_003_831_928_046_000_627, 18_232_109_975_685_822_886, 12_458_370_769_596_787_139])
        let metrics = try #require(replications["metrics"] as? [String: [String: Any]])
        #expect(
            Set(metrics.keys) == [
                "writeThrottledFraction", "recordsFailed", "putLatencyP99Ms", "monthlyCost",
                "consumers.reader.maxIteratorAgeMs", "consumers.reader.endToEndLatencyP99Ms",
            ])
        for (name, summary) in metrics {
            let mean = try #require(summary["mean"] as? Double), low = try #require(summary["min"] as? Double)
            let high = try #require(summary["max"] as? Double)
            let interval = try #require(summary["ci95"] as? [Double])
            #expect(low <= mean && mean <= high, "\(name)")
            #expect(interval.count == 2 && interval[0] <= mean && mean <= interval[1], "\(name)")
        }
        // Replication 1's throttled fraction is one of the four the summary spans.
        let totals = try #require(plain["totals"] as? [String: Any])
        let first = try #require(totals["writeThrottledFraction"] as? Double)
        let throttled = try #require(metrics["writeThrottledFraction"])
        #expect(try #require(throttled["min"] as? Double) <= first && first <= (throttled["max"] as? Double ?? 0))
        #expect(try #require(throttled["stddev"] as? Double) > 0)
    }

    @Test func theSameBytesOnAnyThreadCount() throws {
        let path = try scenarioFile()
        for format in ["json", "text"] {
            let words = ["run", path, "--format", format, "--replications", "6"]
            let one = ShardSimCommand.run(words, threads: 1)
            #expect(one.exitCode == 0)
            for threads in [2, 4] {
                #expect(ShardSimCommand.run(words, threads: threads).standardOutput == one.standardOutput)
            }
        }
    }

    @Test func textMarkdownAndHTMLShowTheTable() throws {
        let path = try scenarioFile()
        for format in ["text", "markdown", "html"] {
            let output = ShardSimCommand.run(["run", path, "--format", format, "--replications", "3"]).standardOutput
            #expect(output.contains("Replications"), "--format \(format)")
            #expect(output.contains("mean ± 95% half-width"), "--format \(format)")
            #expect(output.contains("reader: max iterator age"), "--format \(format)")
        }
    }
}

/// The run budget counts every replication (docs/model.md §14, §18): the scenario above is about 7,790 units of
/// work a run (the refusal prints the estimate), so a budget of 50,000 admits one run and 6 replications
/// (46,740) and refuses 20 (155,800) with the single run's message shape, before running anything.
@Suite struct RunReplicationsBudgetTests {
    @Test func tooManyReplicationsAreRefusedLikeATooLargeRun() throws {
        let folder = try makeTemporaryFolder("replications-budget")
        defer { try? FileManager.default.removeItem(at: folder) }
        try RunReplicationsTestsScenario.text.write(
            to: folder.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        func run(_ replications: Int) throws -> (status: Int32, error: String) {
            let child = try ShardsimProcess(
                ["run", "s.json", "--format", "json", "--replications", "\(replications)"], in: folder,
                environment: ["SHARDSIM_MAX_WORK": "50000"])
            #expect(child.waitForExit(timeout: 120))
            return (child.process.terminationStatus, child.standardError)
        }
        #expect(try run(1).status == 0)
        #expect(try run(6).status == 0)
        let refused = try run(20)
        #expect(refused.status == 2)
        #expect(
            refused.error.hasPrefix(
                "shardsim run: running 20 replications is too large for event fidelity: about 110,000 user records"))
        #expect(refused.error.contains("155,790 units of work"))
    }
}
