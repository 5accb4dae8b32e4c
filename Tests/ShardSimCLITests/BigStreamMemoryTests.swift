import Foundation
import ShardSimTestSupport
import Testing

/// Streams of thousands of shards and a million keys stay within the memory the run budget plans for, and `plan`
/// holds one run per thread plus its answer, not every candidate it simulated (issue 19: a flow plan of a
/// 1,000-shard stream held 1.5 GB). Each run is a real `shardsim` process, measured by its own peak resident set.
@Suite struct BigStreamMemoryTests {
    @Test func eventFidelityWithAMillionKeysAndThousandsOfShardsStaysWithinItsEstimate() throws {
        let probe = try BudgetProbe("shardsim-big-stream")
        // 2,000 shards written about twice a second each for 10 minutes, by a producer over 1,000,000 uniform keys:
        // the estimate is 24 MiB for the process, 32 B a key and 16 KiB + 48 B a simulated second a shard
        // (its three write series of 16 B points), 24 + 30.5 + 2,000 × 44.1 KiB / 1,024 = 140.7 MiB.
        let path = try probe.write(
            "million-keys",
            """
            { "name": "million-keys", "duration": "10m", "fidelity": "event", "seed": 3,
              "stream": { "shardCount": 2000 },
              "producers": [{ "name": "p", "recordsPerSecond": 4000, "recordSizeBytes": 100,
                              "partitionKeys": { "distribution": "uniform", "count": 1000000, "prefix": "device-" } }] }
            """)
        let estimate = try probe.estimate(path)
        #expect(estimate.fidelity == "event")
        expectNear(estimate.memoryMiB, 141, within: 1, "the estimate 'validate' prints, in MiB")
        let run = try probe.run([
            "run", path, "--format", "json", "--out", probe.folder.appendingPathComponent("r.json").path,
        ])
        #expect(run.exitStatus == 0, "\(run.standardError)")
        // Measured 121 MiB in a release build. A measurement of 0 (no /proc) would make the check vacuous.
        #expect(run.peakResidentMiB > 64, "\(run.peakResidentMiB) MiB")
        #expect(
            run.peakResidentMiB <= estimate.memoryMiB,
            "\(run.peakResidentMiB) MiB resident against an estimate of \(estimate.memoryMiB) MiB")
    }

    @Test func aPlanHoldsTheRunsInFlightAndItsAnswerNotEveryCandidate() throws {
        let probe = try BudgetProbe("shardsim-plan-memory")
        // 150,000 records/s of 1,000 B over 10,000 uniform keys need at least 150 shards (1,000 records/s each);
        // Poisson bursts and uneven key shares make the plan try 16 counts from 150 to 314 shards, in flow fidelity.
        let scenario = { (shards: Int) in
            """
            { "name": "big-plan-scaled", "duration": "5m", "fidelity": "flow", "seed": 7,
              "stream": { "shardCount": \(shards) },
              "producers": [{ "name": "fleet", "recordsPerSecond": 150000, "recordSizeBytes": 1000,
                              "partitionKeys": { "distribution": "uniform", "count": 10000, "prefix": "device-" } }] }
            """
        }
        let out = probe.folder.appendingPathComponent("out.json").path
        let plan = try probe.run(["plan", try probe.write("plan", scenario(100)), "--format", "json", "--out", out])
        #expect(plan.exitStatus == 0, "\(plan.standardError)")
        let answer = try jsonObject(try String(contentsOfFile: out, encoding: .utf8))
        let candidates = try #require(answer["candidates"] as? [[String: Any]]).compactMap { $0["shardCount"] as? Int }
        #expect(candidates.count >= 12, "candidates: \(candidates)")
        let largest = try #require(candidates.max())
        let largestRun = try probe.run([
            "run", try probe.write("largest", scenario(largest)), "--format", "json", "--out", out,
        ])
        let nothing = try probe.run([
            "run", try probe.write("nothing", scenario(1)), "--set", "duration=1s", "--format", "json", "--out", out,
        ])
        #expect(largestRun.exitStatus == 0 && nothing.exitStatus == 0)
        // On one thread (the probe's) a plan holds the candidate running and the run it will report: at most two runs
        // of the largest candidate over what the process holds anyway, with 4 MiB of slack for allocator noise.
        // Holding every candidate's run, as it did, took about ten times one run.
        let oneRun = largestRun.peakResidentMiB - nothing.peakResidentMiB
        #expect(oneRun > 2, "one run of \(largest) shards: \(oneRun) MiB")
        let figures =
            "plan: \(plan.peakResidentMiB) MiB; one run of \(largest) shards \(largestRun.peakResidentMiB) MiB, "
            + "the process alone \(nothing.peakResidentMiB) MiB"
        #expect(plan.peakResidentMiB <= nothing.peakResidentMiB + 2 * oneRun + 4, "\(figures)")
    }
}
