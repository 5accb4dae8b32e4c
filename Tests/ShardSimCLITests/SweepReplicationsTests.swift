import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// `sweep --replications N` as a user runs it: every point over the same N seeds, each row's figures with their
/// mean and 95 % half-width, the same bytes split by --partition and joined by merge-results, on any thread count.
@Suite struct SweepReplicationsTests {
    /// One shard, each 100 B record sent alone (PutRecord) as it arrives, Poisson arrivals, no retries, no request
    /// latency, 1 s accounting windows aligned to 0 (the closed-form set-up of docs/model.md section 18): window k
    /// holds X ~ Poisson(λ) records and the shard throttles (X − 1,000)⁺, so the throttled fraction's mean is
    /// E[(X − 1,000)⁺] / λ = 0.000746 at λ = 950 and 0.048408 at λ = 1,050 (scipy, as in ReplicationValidationTests).
    static let scenario = """
        { "name": "poisson-one-shard", "seed": 16, "duration": "10s", "stream": { "shardCount": 1 },
          "assumptions": { "writeAccountingWindow": "1s", "putRequestLatency": "0s" },
          "slo": { "maxWriteThrottledFraction": 0.01 },
          "producers": [{ "name": "p", "recordsPerSecond": 1000, "arrival": "poisson", "recordSizeBytes": 100,
                          "api": "PutRecord", "partitionKeys": { "distribution": "uniform", "count": 100, "prefix": "k-" },
                          "retry": { "maxAttempts": 1 } }] }
        """
    static let vary = ["--vary", "producers.0.recordsPerSecond=950,1050"]
    static let oldColumns =
        "producers.0.recordsPerSecond,shardCountEnd,writeThrottledFraction,recordsFailed,putLatencyP99Ms,"
        + "maxIteratorAgeMs,monthlyTotal,sloMet"

    private func sweep(_ path: String, _ extra: [String], threads: Int? = nil) -> String {
        let outcome = ShardSimCommand.run(["sweep", path] + Self.vary + extra, threads: threads)
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        return outcome.standardOutput
    }

    /// Each row's means checked against the closed forms with the spread known by hand, not by the row's own 95 %
    /// interval: a t-interval of 6 skewed samples (at λ = 950 most windows throttle nothing, so a replication's
    /// fraction is often 0 and the sample deviation small) misses the exact value far more often than 1 seed in 20.
    /// Run over 100 s (`--set duration=100s`, 100 windows a replication) to tighten the means. Per window the
    /// throttled count (X − 1,000)⁺ has variance 16.39 at λ = 950 and 946.3 at λ = 1,050 (Python, summing the
    /// Poisson pmf), so a replication's fraction has a standard deviation of √(100 × 16.39) / 95,000 = 0.000426 and
    /// √(100 × 946.3) / 105,000 = 0.00293, and the mean of 6 of 0.000174 and 0.00120. Each mean must lie within 4 of
    /// those (0.000696, 0.00479) of the closed form: a false alarm on about 1 seed in 16,000 (normal tail).
    @Test func csvGainsEachFiguresMeanAndHalfWidth() throws {
        let path = try writeTemporaryFile(Self.scenario, prefix: "sweep-replications")
        let lines = sweep(path, ["--format", "csv", "--replications", "6", "--set", "duration=100s"])
            .split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(
            lines[0] == Self.oldColumns
                + ",replications,writeThrottledFraction.mean,writeThrottledFraction.ci95HalfWidth,"
                + "recordsFailed.mean,recordsFailed.ci95HalfWidth,putLatencyP99Ms.mean,putLatencyP99Ms.ci95HalfWidth,"
                + "maxIteratorAgeMs.mean,maxIteratorAgeMs.ci95HalfWidth,monthlyTotal.mean,monthlyTotal.ci95HalfWidth,"
                + "sloMetReplications")
        let header = lines[0].split(separator: ",").map(String.init)
        let expected = [(0.000_745_556_749_591, 4 * 0.000_174), (0.048_408_290_298_888, 4 * 0.001_20)]
        for (line, (exact, tolerance)) in zip(lines.dropFirst(), expected) {
            let cells = Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",").map(String.init)))
            #expect(cells["replications"] == "6")
            let mean = try #require(Double(cells["writeThrottledFraction.mean"] ?? ""))
            let half = try #require(Double(cells["writeThrottledFraction.ci95HalfWidth"] ?? ""))
            #expect(abs(mean - exact) <= tolerance, "\(line)")
            #expect(half > 0, "\(line)")
            // Every record throttled is failed (one attempt): the two means agree, 100 s × λ × fraction.
            let failed = try #require(Double(cells["recordsFailed.mean"] ?? ""))
            let rate = try #require(Double(cells["producers.0.recordsPerSecond"] ?? ""))
            #expect(abs(failed - mean * rate * 100) < 0.02 * max(1, failed))
        }
        // λ = 950 throttles 0.07 % ± 0.04 % a replication, far below the SLO's 1 %: met in all 6; λ = 1,050 throttles
        // 4.8 % ± 0.3 %: met in none.
        #expect(lines[1].hasSuffix(",6"))
        #expect(lines[2].hasSuffix(",0"))
        // The month at λ = 950: 730 shard-hours × $0.015 = $10.95, plus accepted records
        // 950 × (1 − 0.000746) × 2,628,000 s = 2,494.7 M PUT payload units × $0.014 = $34.926: $45.876. A
        // replication's accepted count is Poisson(95,000) to within its throttles, ± 0.32 %, so ± $0.113 on the
        // $34.93 and ± $0.046 on the mean of 6: within 4 of those, $0.185.
        let cells = Dictionary(uniqueKeysWithValues: zip(header, lines[1].split(separator: ",").map(String.init)))
        let month = try #require(Double(cells["monthlyTotal.mean"] ?? ""))
        #expect(abs(month - 45.876) <= 0.185, "\(lines[1])")
    }

    @Test func oneReplicationIsTheSweepWithoutTheOption() throws {
        let path = try writeTemporaryFile(Self.scenario, prefix: "sweep-replications")
        for format in ["csv", "json", "markdown", "text"] {
            let plain = sweep(path, ["--format", format])
            #expect(sweep(path, ["--format", format, "--replications", "1"]) == plain, "--format \(format)")
        }
        #expect(sweep(path, ["--format", "csv"]).hasPrefix(Self.oldColumns + "\n"))
    }

    @Test func partitionsMergeIntoTheWholeTableByteForByte() throws {
        let folder = try makeTemporaryFolder("sweep-replications-merge")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("s.json").path
        try Self.scenario.write(toFile: path, atomically: true, encoding: .utf8)
        let vary = ["--vary", "producers.0.recordsPerSecond=950,1000,1050"]
        for count in [2, 3] {
            var slices: [String] = []
            for index in 1...count {
                let slice = folder.appendingPathComponent("part-\(index).json").path
                let outcome = ShardSimCommand.run(
                    ["sweep", path] + vary + [
                        "--replications", "4", "--partition", "\(index)/\(count)", "--format", "json", "--out", slice,
                    ])
                #expect(outcome.exitCode == 0, "\(outcome.standardError)")
                slices.append(slice)
            }
            for format in ["csv", "json", "markdown", "text"] {
                let whole = ShardSimCommand.run(["sweep", path] + vary + ["--replications", "4", "--format", format])
                let merged = ShardSimCommand.run(["merge-results"] + slices + ["--format", format])
                #expect(merged.exitCode == 0, "\(merged.standardError)")
                #expect(merged.standardOutput == whole.standardOutput, "\(count) partitions, --format \(format)")
            }
        }
    }

    @Test func theSameBytesOnAnyThreadCount() throws {
        let path = try writeTemporaryFile(Self.scenario, prefix: "sweep-replications")
        for format in ["csv", "json"] {
            let one = sweep(path, ["--format", format, "--replications", "5"], threads: 1)
            for threads in [2, 3, 7] {
                #expect(sweep(path, ["--format", format, "--replications", "5"], threads: threads) == one)
            }
        }
    }

    @Test func textAndMarkdownShowTheColumns() throws {
        let path = try writeTemporaryFile(Self.scenario, prefix: "sweep-replications")
        for format in ["text", "markdown"] {
            let output = sweep(path, ["--format", format, "--replications", "3"])
            #expect(output.contains("throttled (mean ± 95%)"), "--format \(format)")
            #expect(output.contains("SLO met in"), "--format \(format)")
            #expect(output.contains("3 of 3") && output.contains("0 of 3"), "--format \(format)")
        }
    }
}

/// The run budget counts every replication of a sweep and of a compare (docs/model.md §14, §18), before running
/// anything. The sweep's two points are 76,757 and 84,757 units of work a run (event fidelity, as the single-run
/// refusal prints them), so 2 replications are 2 × 161,514 = 323,028 units, within a budget of 400,000, and 20 are
/// 20 × 161,514 = 3,230,280, refused.
@Suite struct ReplicationBudgetTests {
    private func run(_ words: [String], scenario: String, budget: String) throws -> (status: Int32, error: String) {
        let folder = try makeTemporaryFolder("replications-budget")
        defer { try? FileManager.default.removeItem(at: folder) }
        try scenario.write(to: folder.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        let child = try ShardsimProcess(words, in: folder, environment: ["SHARDSIM_MAX_WORK": budget])
        #expect(child.waitForExit(timeout: 120))
        return (child.process.terminationStatus, child.standardError)
    }

    @Test func aSweepCountsEveryPointOfEveryReplication() throws {
        // --fidelity event: sweep's and compare's default auto would run what is over its share in flow instead.
        let words =
            ["sweep", "s.json", "--fidelity", "event"] + SweepReplicationsTests.vary + [
                "--format", "csv", "--replications",
            ]
        #expect(try run(words + ["2"], scenario: SweepReplicationsTests.scenario, budget: "400000").status == 0)
        let refused = try run(words + ["20"], scenario: SweepReplicationsTests.scenario, budget: "400000")
        #expect(refused.status == 2)
        #expect(refused.error.hasPrefix("shardsim sweep: this sweep's 2 points × 20 replications is too large"))
        #expect(refused.error.contains("3,230,280 units of work"))
    }

    @Test func aCompareCountsBothSidesOfEveryReplication() throws {
        let words = ["compare", "s.json", "--fidelity", "event", "--format", "json", "--replications"]
        let scenario = CompareReplicationsTests.clearlyDifferent
        #expect(try run(words + ["2"], scenario: scenario, budget: "500000").status == 0)
        let refused = try run(words + ["50"], scenario: scenario, budget: "500000")
        #expect(refused.status == 2)
        #expect(refused.error.hasPrefix("shardsim compare: comparing with 50 replications"))
    }
}
