import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// One shard offered Poisson arrivals at 950 records/s of 100 B (95 % of the 1,000 records/s limit), each record
/// sent alone, no retries, no request latency, 1 s accounting windows from time 0 (docs/model.md §4, §18
/// Validation). Window k holds X_k ~ Poisson(950) records and throttles (X_k − 1,000)⁺, so the throttled fraction
/// tends to E[(X − 1,000)⁺] / 950 = 0.000746 (scipy, as in ReplicationValidationTests): below the SLO's 0.1 %, but
/// 20 s are only 20 windows, so some seeds throttle more than 0.1 % and some less. Two shards halve the load and
/// never throttle (P(X > 1,000) for X ~ Poisson(≈475) is below 10⁻⁵⁰).
enum PlanReplicationsTestsScenario {
    static let text = """
        { "name": "near-the-limit", "seed": 1, "duration": "20s",
          "stream": { "shardCount": 1 },
          "assumptions": { "writeAccountingWindow": "1s", "putRequestLatency": "0s" },
          "producers": [{
            "name": "p", "recordsPerSecond": 950, "arrival": "poisson", "recordSizeBytes": 100,
            "api": "PutRecord", "partitionKeys": { "distribution": "uniform", "count": 100, "prefix": "k-" },
            "retry": { "maxAttempts": 1 } }],
          "slo": { "maxWriteThrottledFraction": 0.001 } }
        """

    /// Replications 1 … 6 of seed 1: 1, then SplitMix64's first output from 1 ⊕ (i × 0xD1B54A32D192ED03) (Python:
    /// def mix(x): x = (x + 0x9E3779B97F4A7C15) % 2**64; x = ((x ^ x >> 30) * 0xBF58476D1CE4E5B9) % 2**64;
    /// x = ((x ^ x >> 27) * 0x94D049BB133111EB) % 2**64; return x ^ x >> 31).
    static let seeds: [UInt64] = [
        1, 694_183_512_642_609_129, 9_853_264_649_648_847_181, 16_753_217_345_285_270_968,
        1_840_731_303_111_563_610, 2_136_003_357_415_565_544,
    ]
}

/// `plan --replications N --meet-fraction F` as a user runs it: every candidate on the same N seeds, a count meets
/// the SLO in at least ⌈F · N⌉ of them, and the verdicts are the ones N ordinary runs give.
@Suite struct PlanReplicationsTests {
    private func scenarioFile() throws -> String {
        try writeTemporaryFile(PlanReplicationsTestsScenario.text, prefix: "plan-replications")
    }

    private func plan(_ path: String, _ extra: [String], threads: Int? = nil) throws -> [String: Any] {
        let outcome = ShardSimCommand.run(["plan", path, "--format", "json"] + extra, threads: threads)
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        return try jsonObject(outcome.standardOutput)
    }

    /// What an ordinary `run` at `shards` with `seed` measures: the throttled fraction and the SLO verdict, with
    /// the busiest shard's peak utilisation (the tighter of records and bytes).
    private func singleRun(_ path: String, shards: Int, seed: UInt64) throws -> (
        throttled: Double, met: Bool, peakUtilization: Double
    ) {
        let outcome = ShardSimCommand.run([
            "run", path, "--format", "json", "--seed", "\(seed)", "--set", "stream.shardCount=\(shards)",
        ])
        let document = try jsonObject(outcome.standardOutput)
        let totals = try #require(document["totals"] as? [String: Any])
        let slo = try #require(document["slo"] as? [String: Any])
        let shardList = try #require(document["shards"] as? [[String: Any]])
        let peak =
            shardList.map { shard in
                max(
                    shard["peakWriteRecordsUtilization"] as? Double ?? 0,
                    shard["peakWriteBytesUtilization"] as? Double ?? 0)
            }.max() ?? 0
        return (try #require(totals["writeThrottledFraction"] as? Double), try #require(slo["met"] as? Bool), peak)
    }

    @Test func theReplicatedAnswerIsTheOneTheSeedsAgreeOn() throws {
        let path = try scenarioFile()
        let seeds = PlanReplicationsTestsScenario.seeds
        // Six ordinary runs at one shard, one per replication seed: the plan must count exactly these verdicts.
        let oneShard = try seeds.map { try singleRun(path, shards: 1, seed: $0) }
        let meeting = oneShard.filter(\.met).count
        // Seed 1 meets it (so the single-seed plan answers 1) but not every seed does (so N = 6 answers 2).
        #expect(oneShard[0].met && meeting < seeds.count && meeting > 0)
        let single = try plan(path, [])
        #expect(single["recommendedShardCount"] as? Int == 1)
        let replicated = try plan(path, ["--replications", "6"])
        #expect(replicated["recommendedShardCount"] as? Int == 2)
        let candidates = try #require(replicated["candidates"] as? [[String: Any]])
        #expect(candidates.map { $0["shardCount"] as? Int } == [1, 2, 3, 4])
        #expect(candidates.map { $0["replicationsMeetingSlo"] as? Int } == [meeting, 6, 6, 6])
        #expect(candidates.map { $0["meetsSlo"] as? Bool } == [false, true, true, true])
        // The binding metric's summary at one shard is the six runs' throttled fractions summarised by hand.
        let binding = try #require(candidates[0]["bindingMetric"] as? [String: Any])
        #expect(binding["objective"] as? String == "maxWriteThrottledFraction")
        #expect(binding["limit"] as? Double == 0.001)
        let values = oneShard.map(\.throttled)
        let mean = values.reduce(0, +) / 6
        expectNear(try #require(binding["mean"] as? Double), mean, within: 1e-6, "mean of the six runs")
        #expect(binding["min"] as? Double == values.min())
        #expect(binding["max"] as? Double == values.max())
        // t₀.₉₇₅(5) = 2.570581836 (tables): the interval is mean ± 2.5706 · s / √6.
        let s = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 5).squareRoot()
        let interval = try #require(binding["ci95"] as? [Double])
        expectNear(interval[1] - interval[0], 2 * 2.570581836 * s / 6.0.squareRoot(), within: 2e-6, "interval width")
        let summary = try #require(replicated["replications"] as? [String: Any])
        #expect((summary["seeds"] as? [NSNumber])?.map(\.uint64Value) == seeds)
        #expect(summary["replicationsRequired"] as? Int == 6)
        #expect(summary["bindingObjective"] as? String == "maxWriteThrottledFraction")
    }

    /// ⌈F · N⌉ decides: with the k seeds that meet it at one shard, F = k/6 − 0.01 still needs k (one shard is the
    /// answer) and F = k/6 + 0.01 needs k + 1 (two shards).
    @Test func theMeetFractionSetsHowManySeedsMustMeetTheSlo() throws {
        let path = try scenarioFile()
        let meeting = try PlanReplicationsTestsScenario.seeds.filter { try singleRun(path, shards: 1, seed: $0).met }
            .count
        let enough = Double(meeting) / 6 - 0.01, tooMuch = Double(meeting) / 6 + 0.01
        let lenient = try plan(path, ["--replications", "6", "--meet-fraction", String(enough)])
        #expect(lenient["recommendedShardCount"] as? Int == 1)
        #expect((lenient["replications"] as? [String: Any])?["replicationsRequired"] as? Int == meeting)
        let strict = try plan(path, ["--replications", "6", "--meet-fraction", String(tooMuch)])
        #expect(strict["recommendedShardCount"] as? Int == 2)
        #expect((strict["replications"] as? [String: Any])?["replicationsRequired"] as? Int == meeting + 1)
    }

    /// The robust headroom is the worst replication's busiest second at the answer: 1 − the largest peak
    /// utilisation any of the six runs at two shards reports.
    @Test func theHeadroomIsTheWorstSeedsBusiestSecond() throws {
        let path = try scenarioFile()
        let peaks = try PlanReplicationsTestsScenario.seeds.map {
            try singleRun(path, shards: 2, seed: $0).peakUtilization
        }
        let replicated = try plan(path, ["--replications", "6"])
        expectNear(try #require(replicated["headroom"] as? Double), 1 - peaks.max()!, within: 1e-9, "robust headroom")
        let robust = try #require((replicated["replications"] as? [String: Any])?["robustHeadroom"] as? [String: Any])
        let worst = try #require(peaks.firstIndex(of: peaks.max()!))
        #expect(robust["replication"] as? Int == worst + 1)
        #expect((robust["seed"] as? NSNumber)?.uint64Value == PlanReplicationsTestsScenario.seeds[worst])
    }

    @Test func oneReplicationIsThePlanWithoutTheOption() throws {
        let path = try scenarioFile()
        for format in ["json", "text", "markdown", "html"] {
            let plain = ShardSimCommand.run(["plan", path, "--format", format])
            for extra in [["--replications", "1"], ["--replications", "1", "--meet-fraction", "0.5"]] {
                let one = ShardSimCommand.run(["plan", path, "--format", format] + extra)
                #expect(one.exitCode == 0 && one.standardOutput == plain.standardOutput, "--format \(format) \(extra)")
            }
        }
    }

    @Test func theSameBytesOnAnyThreadCount() throws {
        let path = try scenarioFile()
        for format in ["json", "text"] {
            let words = ["plan", path, "--format", format, "--replications", "5"]
            let one = ShardSimCommand.run(words, threads: 1)
            #expect(one.exitCode == 0)
            for threads in [2, 3, 8] {
                #expect(ShardSimCommand.run(words, threads: threads).standardOutput == one.standardOutput, "\(threads)")
            }
        }
    }

    @Test func theTextSaysHowManySeedsEachCountMetTheSloIn() throws {
        let path = try scenarioFile()
        let meeting = try PlanReplicationsTestsScenario.seeds.filter { try singleRun(path, shards: 1, seed: $0).met }
            .count
        for format in ["text", "markdown", "html"] {
            let output = ShardSimCommand.run(["plan", path, "--format", format, "--replications", "6"]).standardOutput
            #expect(output.contains("2 shards met the SLO in 6 of 6 seeds; 1 shard in \(meeting) of 6"), "\(format)")
            #expect(output.contains("in the worst of 6 seeds"), "\(format)")
        }
    }

    /// With one seed a plan near the limit is a close call, and the text says so; a load far from the limit is not.
    /// Whether seed 1's 20 windows show it is luck: P(X > 1,000) = 0.0516 for X ~ Poisson(950) (Python, summing the
    /// pmf), so 0.9484²⁰ = 35 % of seeds never exceed the limit, throttle nothing and give a clear "1 shard". Over
    /// 400 s (`--set duration=400s`) every seed shows it: 1 shard throttles (X − 1,000)⁺ per window, mean 0.708 and
    /// variance 16.39 records (Python), so its throttled fraction is 0.000746 ± √(400 × 16.39) / 380,000 = ± 0.000213.
    /// Either it meets the SLO (≤ 0.1 %): the answer is 1 shard, and some second was offered above the limit unless
    /// all 400 windows stay at or below 1,000 (0.9484⁴⁰⁰ = 6 × 10⁻¹⁰), which the hint names; or it misses: the answer
    /// is 2 shards and 1 shard missed by less than a factor of 2 unless its fraction passes 0.2 %, 5.9 standard
    /// deviations above its mean. So the hint appears on any seed, whatever the draws.
    @Test func aSingleSeedCloseCallSuggestsReplications() throws {
        let path = try scenarioFile()
        let close = ShardSimCommand.run(["plan", path, "--set", "duration=400s"]).standardOutput
        #expect(close.contains("close call"))
        #expect(close.contains("--replications 20"))
        let far = ShardSimCommand.run(["plan", path, "--set", "producers.0.recordsPerSecond=500"]).standardOutput
        #expect(!far.contains("close call"))
        // The JSON of a single-seed plan gains nothing.
        let json = try jsonObject(ShardSimCommand.run(["plan", path, "--format", "json"]).standardOutput)
        #expect(json["replications"] == nil && json["flipHint"] == nil)
    }

    @Test(arguments: ["0", "-0.5", "1.01", "abc", "nan", "inf", ""])
    func aMeetFractionOutsideZeroToOneIsRefused(value: String) throws {
        let path = try scenarioFile()
        let outcome = ShardSimCommand.run(["plan", path, "--replications", "4", "--meet-fraction", value])
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("--meet-fraction expects a number above 0 and at most 1"))
        #expect(outcome.standardError.contains("got '\(value)'"))
    }

    @Test(arguments: ["0", "1001", "-3", "2.5"])
    func aReplicationCountOutsideOneToAThousandIsRefused(value: String) throws {
        let path = try scenarioFile()
        let outcome = ShardSimCommand.run(["plan", path, "--replications", value])
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("--replications expects a whole number from 1 to 1,000, got '\(value)'"))
    }
}

/// The run budget counts every candidate a plan may simulate once per replication (docs/model.md §14, §18.2): the
/// scenario above estimates 2,786,632 units of work as a single-seed plan (its refusal under a tiny budget prints
/// it), so six replications are 6 × 2,786,632 = 16,719,792: a budget of 5,000,000 admits the first and refuses the
/// second, naming the replications, before running anything. `--fidelity event`: plan's default `auto` would run
/// candidates over their share in flow instead (CandidateFidelityTests).
@Suite struct PlanReplicationsBudgetTests {
    @Test func everyReplicationOfEveryCandidateCountsAgainstTheBudget() throws {
        let folder = try makeTemporaryFolder("plan-replications-budget")
        defer { try? FileManager.default.removeItem(at: folder) }
        try PlanReplicationsTestsScenario.text.write(
            to: folder.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        func plan(_ replications: Int, budget: String) throws -> (status: Int32, error: String) {
            let child = try ShardsimProcess(
                ["plan", "s.json", "--format", "json", "--replications", "\(replications)", "--fidelity", "event"],
                in: folder,
                environment: ["SHARDSIM_MAX_WORK": budget])
            #expect(child.waitForExit(timeout: 120))
            return (child.process.terminationStatus, child.standardError)
        }
        #expect(try plan(1, budget: "1000").error.contains("2,786,632 units of work"))
        #expect(try plan(1, budget: "5000000").status == 0)
        let refused = try plan(6, budget: "5000000")
        #expect(refused.status == 2)
        #expect(
            refused.error.hasPrefix(
                "shardsim plan: planning with 6 replications (every candidate it may simulate, each 6 times) is too "
                    + "large for event fidelity"))
        #expect(refused.error.contains("16,719,792 units of work"))
    }
}
