import ShardSimModel
import ShardSimPlanner
import ShardSimScenario
import Testing

/// Replicated mean end-to-end latencies against closed forms derived from the read rules (docs/model.md section
/// 18.1; the rules are sections 6 and 8).
///
/// Every scenario: one shard; one producer of 100 B records sent alone (`PutRecord`) with Poisson arrivals from time
/// 0, well under every limit; `logCoalescingWindow` 0, so each log entry is one record and a record's latency is
/// recorded exactly (section 5: inside a coalesced entry acceptance times are interpolated); the default propagation
/// delay d = 200 ms (`sharedReadPropagationDelay`, which Lambda's polls share). End-to-end latency is delivery −
/// acceptance, and a consumer's exact mean (`endToEndLatency.mean`) isolates the wait the read path adds.
///
/// Two effects beyond the stationary formula, derived too: (1) a run starts empty, so the first poll interval
/// with records is cut short by the start (records visible from d on), which lowers the mean by about
/// P² / (12 T) for polls every P over a run of T (polling case 1: 0.69 ms); (2) records whose delivery would fall
/// after the end are not counted (whole poll intervals, so no bias). The expected values below average the exact
/// conditional mean over the poll phase (and, with jitter, over the gaps) in numpy; a record-by-record Monte Carlo of
/// the same rules in numpy agrees with each (figures beside each case). `scripts/validation-reference.py` prints them.
@Suite struct ReadLatencyValidationTests {
    static func scenario(seconds: Int, recordsPerSecond: Int, seed: UInt64, jitter: Double, consumers: String) throws
        -> SimulationConfiguration
    {
        let json = """
            { "name": "read-latency", "seed": \(seed), "duration": "\(seconds)s",
              "stream": { "shardCount": 1 },
              "assumptions": { "putRequestLatency": "0s", "logCoalescingWindow": "0s", "pollJitterFraction": \(jitter) },
              "producers": [{
                "name": "p", "recordsPerSecond": \(recordsPerSecond), "arrival": "poisson", "recordSizeBytes": 100,
                "api": "PutRecord", "partitionKeys": { "distribution": "uniform", "count": 10, "prefix": "k-" }
              }],
              "consumers": \(consumers) }
            """
        return try ScenarioDecoder.decode(Array(json.utf8)).configuration
    }

    /// Each consumer's mean end-to-end latency (ms) over `count` replications, seeded as `run --replications`
    /// seeds them (`ReplicationSeeds`) and summarised by the same `SampleSummary` (Student-t interval).
    static func meanLatencies(_ configuration: SimulationConfiguration, count: Int) -> [SampleSummary] {
        let configurations = ReplicationSeeds.seeds(base: configuration.seed, count: count).map { seed in
            var replication = configuration
            replication.seed = seed
            return replication
        }
        let results = ParallelRuns.run(configurations, threads: 2)
        return configuration.consumers.indices.map { consumer in
            SampleSummary(results.map { $0.consumers[consumer].statistics.endToEndLatency.mean / 1e6 })
        }
    }

    static func expectCovers(_ summary: SampleSummary, _ expected: Double, _ what: String) throws {
        let interval = try #require(summary.confidenceInterval95)
        #expect(
            interval.contains(expected),
            "\(what): expected \(expected) ms, interval \(interval.lowerBound) … \(interval.upperBound)")
    }

    /// One shared reader polling every P = 1 s, no jitter (`pollJitterFraction` 0), 20 records/s for T = 120 s.
    /// A record visible at v = acceptance + d waits for the next poll: polls are P apart from a uniform phase, so the
    /// wait is uniform on [0, P) and the mean latency is d + P / 2 = 700 ms in the steady state; with the start
    /// effect, E = d + E_φ[(x² / 2 + n P² / 2) / (x + n P)] (x = first poll at or after d, minus d; n whole
    /// intervals after it before T) = 699.302 ms (midpoint rule over 200,000 phases; record-level Monte Carlo of
    /// 4,000 runs 699.31 ± 0.09 ms, standard deviation per run 5.9 ms). Measured (20 replications, seed 18):
    /// 697.63 … 702.74 ms (mean 700.18).
    @Test func pollingEverySecondAddsHalfAnIntervalPlusPropagation() throws {
        let configuration = try Self.scenario(
            seconds: 120, recordsPerSecond: 20, seed: 18, jitter: 0,
            consumers: #"[{ "name": "app", "type": "shared", "pollInterval": "1s" }]"#)
        let summary = Self.meanLatencies(configuration, count: 20)[0]
        try Self.expectCovers(summary, 699.302, "mean latency, P = 1 s")
        #expect(summary.halfWidth95 < 5, "half-width \(summary.halfWidth95) ms")
    }

    /// P = 5 s with the largest jitter, `pollJitterFraction` J = 0.5: gaps uniform on [P(1 − J), P(1 + J)], the first
    /// poll at a uniform phase in [0, P). A record lands in a gap with probability proportional to its length
    /// (length-biased), so the mean wait is E[G²] / (2 E[G]) = P / 2 × (1 + J² / 3) = 2,708.3 ms, not P / 2; with d,
    /// 2,908.3 ms stationary; over T = 600 s at 5 records/s with the start effect, 2,902.59 ms (± 0.14, numpy over
    /// 200,000 gap sequences; record-level Monte Carlo 2,900.9 ± 1.1 ms, 72 ms per run). The interval must also
    /// exclude the naive d + P / 2 = 2,700 ms: the jitter term is 208 ms, several half-widths.
    /// A 95 % interval misses the exact value on 1 seed in 20 by construction: seed 18's interval covered it with the
    /// old draws (2,832.19 … 2,903.47 ms), seed 16's did not, and with the ziggurat gaps seed 18's does not either.
    /// So the check uses the per-run spread known independently instead: standard deviation 72 ms per run (Monte
    /// Carlo above; 300 replications from seed 99 gave 69 ms and 2,903.9 ± 7.8 ms), so the mean of 20 runs has a
    /// standard error of 72 / √20 = 16.1 ms. Within 4 standard errors, 64.4 ms, of 2,902.59 ms: a false alarm once in
    /// 16,000 seeds (normal tail). The naive 2,700 ms lies 202.6 ms away, 12.6 standard errors: the mean must stay
    /// more than 4 standard errors above it, so the jitter term is visible on any seed.
    @Test func jitteredPollingWaitsTheLengthBiasedResidual() throws {
        let configuration = try Self.scenario(
            seconds: 600, recordsPerSecond: 5, seed: 18, jitter: 0.5,
            consumers: #"[{ "name": "app", "type": "shared", "pollInterval": "5s" }]"#)
        let summary = Self.meanLatencies(configuration, count: 20)[0]
        let standardError = 72 / Double(20).squareRoot()
        #expect(
            abs(summary.mean - 2_902.59) <= 4 * standardError,
            "mean latency, P = 5 s, J = 0.5: \(summary.mean) ms, expected 2,902.59 ± \(4 * standardError)")
        #expect(summary.mean - 2_700 > 4 * standardError, "the jitter term is visible: \(summary.mean) ms")
    }

    /// Lambda (section 8) polls each shard on the exact 1 s cadence (P = 1 s) from a uniform phase; a read into an
    /// empty buffer opens the batching window W; when it expires the batch (everything buffered: batchSize 10,000 is
    /// never reached) is invoked and runs 20 ms + 0.5 ms per record; latency = invocation end − acceptance. With W
    /// not a whole number of polls, the polls at t₀ … t₀ + ⌊W⌋ join the batch, the next poll opens the next window:
    /// cycles of C = (⌊W / P⌋ + 1) P, each batch holding the records visible in (t₀ − P, t₀ + C − P] and invoked at
    /// t₀ + W. Mean wait from visibility to invocation = W + P − C / 2; the record-weighted duration is
    /// 20 ms + 0.5 ms × E[n²] / E[n] = 20 + 0.5 (λC + 1) ms for n ~ Poisson(λC). So the mean latency is
    /// d + W + P − C / 2 + 20 ms + 0.5 ms (λC + 1):
    /// - W = 2.5 s (C = 3 s), λ = 100/s: 200 + 2,000 + 20 + 150.5 = 2,370.5 ms stationary; over T = 120 s with the
    ///   start effect 2,365.015 ms (record-level Monte Carlo 2,365.4 ± 0.2 ms, 8.7 ms per run);
    /// - W = 0 (C = P): d + P / 2 + 20 + 0.5 (λ + 1) = 770.5 ms stationary, 769.732 ms over 120 s (Monte Carlo
    ///   769.66 ± 0.06 ms, 2.7 ms per run).
    /// Measured (seed 18): W = 2.5 s 2,364.28 … 2,372.36 ms (mean 2,368.32); W = 0 769.72 … 772.05 ms (mean 770.89).
    @Test func lambdaBatchingWindowAddsItsCycle() throws {
        let lambda = #"""
            [{ "name": "windowed", "type": "lambda", "batchSize": 10000, "maximumBatchingWindowInSeconds": 2.5,
               "duration": { "base": "20ms", "perRecord": "0.5ms" } },
             { "name": "no-window", "type": "lambda", "batchSize": 10000, "maximumBatchingWindowInSeconds": 0,
               "duration": { "base": "20ms", "perRecord": "0.5ms" } }]
            """#
        let configuration = try Self.scenario(
            seconds: 120, recordsPerSecond: 100, seed: 18, jitter: 0.1, consumers: lambda)
        let summaries = Self.meanLatencies(configuration, count: 20)
        try Self.expectCovers(summaries[0], 2_365.015, "Lambda, W = 2.5 s")
        try Self.expectCovers(summaries[1], 769.732, "Lambda, W = 0")
    }
}
