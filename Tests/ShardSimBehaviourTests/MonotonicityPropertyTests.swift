import ShardSimModel
import ShardSimTestSupport
import Testing

/// Properties the planner relies on: on the same seed and a uniform key set, more shards never throttle more,
/// and a higher rate never throttles less.
///
/// Why these runs are comparable at all: a producer's arrival times, keys and sizes come from its own
/// sub-stream and do not depend on the stream (docs/model.md §1), so every shard count sees the same records;
/// and with Poisson arrivals each record's gap is the same Exp(1) draw divided by the rate, so a higher rate
/// replays the same records compressed in time. Runs use one attempt per record (no retries to feed back),
/// no aggregation (which packs per predicted shard), and fixed sizes of at most 1,000 B, so that 1,000
/// records fill less than a window's 1 MiB and only the records limit can throttle.
@Suite struct MonotonicityPropertyTests {
    private static let shardCounts = [1, 2, 3, 4, 6, 8]

    /// Pairs (fewer, more) where the larger layout refines the smaller one: every shard of `more` lies inside one
    /// shard of `fewer` (any layout refines one shard; the powers of two halve exactly, since 2^128 divides
    /// evenly). Each of `fewer`'s shards then sees exactly the union of its children's records; per window a
    /// shard throttles max(0, offered − limit), and max(0, a − L) + max(0, b − L) ≤ max(0, a + b − L), so
    /// the refined layout throttles no more: exactly, whatever the noise.
    private static let refinements = [(1, 2), (1, 3), (1, 4), (1, 6), (1, 8), (2, 4), (2, 8), (4, 8)]

    /// For other steps (2 → 3, 3 → 4, 4 → 6, 6 → 8) the boundaries move and keys change shards, so a shard's
    /// share of the keys differs by the binomial noise of the key set (about 1–2 % of its load with thousands of
    /// keys), while every step cuts each shard's mean load by at least 25 %. Where both fractions are far from
    /// zero the step dominates; near zero a burst on the one shard that drew more keys could in principle
    /// throttle a few records more. The tolerance allows that and no more: 0.2 percentage points of throttled
    /// attempts, against fractions that range up to about 80 % here.
    private static let noiseTolerance = 0.002

    private func throttledFraction(
        shards: Int, recordsPerSecond: Double, recordSizeBytes: Int, arrival: String,
        keyCount: Int, seed: Int, duration: String = "15s"
    ) throws -> Double {
        let json = writeScenario(
            shards: shards, recordsPerSecond: recordsPerSecond, recordSizeBytes: recordSizeBytes,
            duration: duration, arrival: arrival,
            keys: #"{ "distribution": "uniform", "count": \#(keyCount), "prefix": "k-" }"#,
            maxAttempts: 1, seed: seed)
        return try runScenario(json).totals.writeThrottledFraction
    }

    @Test func moreShardsNeverThrottleMore() throws {
        // Random configurations from a fixed generator: 2 to 8 shards' worth of records, both arrival kinds.
        for caseNumber in 0..<4 {
            var generator = RandomScenarioGenerator(caseNumber: 1_000 + caseNumber)
            let rate = Double(generator.int(2_000...8_000))
            let size = generator.int(100...1_000)
            let arrival = caseNumber.isMultiple(of: 2) ? "poisson" : "uniform"
            let keyCount = generator.int(2_000...20_000)
            let seed = generator.int(0...1_000_000)
            var fractions: [Int: Double] = [:]
            for shards in Self.shardCounts {
                fractions[shards] = try throttledFraction(
                    shards: shards, recordsPerSecond: rate, recordSizeBytes: size,
                    arrival: arrival, keyCount: keyCount, seed: seed)
            }
            let context =
                "case \(caseNumber): \(rate) rec/s of \(size) B, \(arrival), \(keyCount) keys, seed \(seed): \(fractions.sorted { $0.key < $1.key })"
            for (fewer, more) in Self.refinements {
                #expect(
                    fractions[more]! <= fractions[fewer]!,
                    "\(more) shards throttle more than \(fewer) (exact); \(context)")
            }
            for (fewer, more) in zip(Self.shardCounts, Self.shardCounts.dropFirst()) {
                #expect(
                    fractions[more]! <= fractions[fewer]! + Self.noiseTolerance,
                    "\(more) shards vs \(fewer); \(context)")
            }
            // Not vacuous: one shard is far over its limit in every case (2,000 rec/s or more).
            #expect(fractions[1]! > 0.4, "\(context)")
        }
    }

    @Test func higherRatesNeverThrottleLessOnOneEvenlyFedShard() throws {
        // Exact: one shard, evenly spaced records: every window gets the rate's count (±1 for rounding), and the
        // throttled fraction is max(0, rate − 1,000) / rate, which never falls as the rate rises.
        let rates: [Double] = [500, 900, 1_000, 1_100, 1_500, 2_000, 3_000, 5_000]
        let fractions = try rates.map {
            try throttledFraction(
                shards: 1, recordsPerSecond: $0, recordSizeBytes: 500, arrival: "uniform", keyCount: 100, seed: 7,
                duration: "10s")
        }
        for index in fractions.indices.dropFirst() {
            #expect(
                fractions[index] >= fractions[index - 1],
                "rate \(rates[index]) throttles less than \(rates[index - 1]): \(fractions)")
        }
        #expect(fractions[0] == 0)
        expectNear(fractions.last!, 0.8, within: 0.01, "5,000 rec/s on one shard")
    }

    @Test func higherRatesNeverThrottleLessOnManyShards() throws {
        // Poisson arrivals at a higher rate replay the same records compressed in time (common random numbers),
        // but aligned windows cut the compressed bursts differently, so this is monotone in expectation, not
        // exactly: each step here raises every shard's mean load by at least 10 %, far above the noise of
        // 4 shards × 20 windows; the same tolerance as above covers the flat ends.
        let rates: [Double] = [1_000, 2_000, 3_000, 3_500, 4_000, 4_500, 5_000, 6_000, 8_000]
        let fractions = try rates.map {
            try throttledFraction(
                shards: 4, recordsPerSecond: $0, recordSizeBytes: 300, arrival: "poisson", keyCount: 10_000, seed: 11,
                duration: "20s")
        }
        for index in fractions.indices.dropFirst() {
            #expect(
                fractions[index] + Self.noiseTolerance >= fractions[index - 1],
                "rate \(rates[index]) throttles less than \(rates[index - 1]): \(fractions)")
        }
        #expect(fractions.first! < 0.001)
        #expect(fractions.last! > 0.4)
    }
}
