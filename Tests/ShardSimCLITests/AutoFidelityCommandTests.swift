import Foundation
import ShardSimTestSupport
import Testing

@testable import ShardSimCLI

/// `plan`, `compare` and `sweep` with no `--fidelity` choose per candidate, side and point (docs/model.md section 14),
/// run here as a user runs them: the built `shardsim` as a child process.
@Suite struct AutoFidelityCommandTests {
    /// 200,000 records/s of 1,000 B over 10,000 uniform keys for 10 minutes: every candidate, side and point
    /// simulates at least 200,000 × 600 = 120,000,000 user records in event fidelity, one unit of work each, above
    /// the 100,000,000-unit ten-second auto limit whatever its share of the 2,000,000,000-unit budget, so `auto`
    /// runs every one in flow. The loose SLO (up to 30 % throttled) lets the plan stop after its first round of
    /// four counts, so the test takes seconds in a debug build; flow's cost does not depend on the SLO.
    static func bigStream(shards: Int) -> String {
        """
        { "name": "big-auto", "duration": "10m", "seed": 7, "stream": { "shardCount": \(shards) },
          "producers": [{ "name": "fleet", "recordsPerSecond": 200000, "recordSizeBytes": 1000,
                          "partitionKeys": { "distribution": "uniform", "count": 10000, "prefix": "device-" } }],
          "slo": { "maxWriteThrottledFraction": 0.3 } }
        """
    }

    @Test func aNoFlagPlanOfABigStreamRunsEveryCandidateInFlowAndSaysSo() throws {
        let probe = try BudgetProbe("shardsim-auto-plan")
        let path = try probe.write("big", Self.bigStream(shards: 100))
        let plan = try probe.run(["plan", path, "--format", "json"], threads: 2)
        #expect(plan.exitStatus == 0, "\(plan.standardError)")
        let answer = try jsonObject(plan.standardOutput)
        let candidates = try #require(answer["candidates"] as? [[String: Any]])
        // The bound is 200 shards (200,000 records/s ÷ 1,000 a shard): at least its first round, 200 to 203.
        #expect(candidates.count >= 4)
        #expect(candidates.allSatisfy { $0["fidelity"] as? String == "flow" }, "\(candidates)")
        let note = try #require(answer["fidelityNote"] as? String)
        #expect(note.contains("event: none"), "\(note)")
        // The same plan forced into flow finds the same count (and prints no fidelity column: one was requested).
        let flow = try probe.run(["plan", path, "--format", "json", "--fidelity", "flow"], threads: 2)
        let forced = try jsonObject(flow.standardOutput)
        #expect(forced["recommendedShardCount"] as? Int == answer["recommendedShardCount"] as? Int)
        #expect(forced["fidelityNote"] == nil)
        #expect(plan.wallSeconds < 120, "the no-flag plan took \(plan.wallSeconds) s")
    }

    @Test func aNoFlagCompareAndSweepOfABigStreamRunInFlowAndSaySo() throws {
        let probe = try BudgetProbe("shardsim-auto-compare")
        let path = try probe.write("big", Self.bigStream(shards: 100))
        let compare = try probe.run(["compare", path, "--format", "json"], threads: 2)
        #expect(compare.exitStatus == 0, "\(compare.standardError)")
        let sides = try jsonObject(compare.standardOutput)
        for side in ["provisioned", "onDemand"] {
            let report = try #require(sides[side] as? [String: Any])
            #expect(report["fidelity"] as? String == "flow", "\(side)")
        }
        #expect((sides["fidelityNote"] as? String)?.contains("PROVISIONED in flow fidelity, ON_DEMAND in flow") == true)
        let sweep = try probe.run(
            ["sweep", path, "--vary", "stream.shardCount=200,250", "--format", "json"], threads: 2)
        #expect(sweep.exitStatus == 0, "\(sweep.standardError)")
        let table = try jsonObject(sweep.standardOutput)
        let rows = try #require(table["rows"] as? [[String: Any]])
        #expect(rows.count == 2 && rows.allSatisfy { $0["fidelity"] as? String == "flow" }, "\(rows)")
        // Two points: each point's share is 2,000,000,000 ÷ 2, so the threshold is the auto limit itself.
        #expect((table["fidelityNote"] as? String)?.contains("at most 100000000 units") == true)
        // Each slice decides its point's fidelity over the whole grid: merged, the slices are the one table.
        var slices: [String] = []
        for index in 1...2 {
            let slice = probe.folder.appendingPathComponent("slice-\(index).json").path
            let run = try probe.run(
                [
                    "sweep", path, "--vary", "stream.shardCount=200,250", "--partition", "\(index)/2", "--format",
                    "json",
                    "--out", slice,
                ], threads: 2)
            #expect(run.exitStatus == 0, "\(run.standardError)")
            slices.append(slice)
        }
        let merged = try probe.run(["merge-results"] + slices + ["--format", "json"])
        #expect(merged.standardOutput == sweep.standardOutput)
    }

    /// A library scenario that event fidelity plans within its share: the no-flag plan and sweep are byte for byte
    /// the `--fidelity event` ones, with no fidelity column or note (the committed reports stay as they are).
    @Test func aSmallLibraryScenarioStaysInEventFidelityWithIdenticalOutput() throws {
        let probe = try BudgetProbe("shardsim-auto-library")
        let scenario = repositoryRoot.appendingPathComponent("scenarios/small-records-at-5000-per-second.json").path
        for words in [
            ["plan", scenario, "--format", "json"],
            ["sweep", scenario, "--vary", "stream.shardCount=4,6", "--format", "json"],
        ] {
            let auto = try probe.run(words, threads: 2)
            let event = try probe.run(words + ["--fidelity", "event"], threads: 2)
            #expect(auto.exitStatus == 0 && event.exitStatus == 0, "\(auto.standardError)\(event.standardError)")
            #expect(auto.standardOutput == event.standardOutput, "\(words[0])")
            #expect(!auto.standardOutput.contains("\"fidelityNote\""), "\(words[0])")
        }
    }

    @Test func benchWorkloadGRunsTheBigStreamOfDocsSpeed() throws {
        let file = try String(
            contentsOf: repositoryRoot.appendingPathComponent("docs/speed/workload-big-plan.json"), encoding: .utf8)
        #expect(BenchCommandWorkload.bigStreamScenario == file)
        #expect(BenchCommandWorkload.all.map(\.name) == ["g-plan", "g-compare", "g-sweep"])
        // 1,400 to 1,850 shards in steps of 50: ten points.
        #expect(BenchCommandWorkload.sweepShardCounts.count == 10)
    }
}
