import ShardSimPlanner
import ShardSimTestSupport
import Testing

/// The replication seed rule, the t quantile and the summary statistics, against values computed outside Swift.
@Suite struct ReplicationStatisticsTests {
    /// Replication 1 is the scenario's seed; replication i ≥ 2 is SplitMix64's first output from seed ⊕ (i × K),
    /// K = 0xD1B54A32D192ED03 (docs/model.md section 18). Computed in Python:
    ///   M = 2**64 - 1
    ///   def mix(z): z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M; z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M;
    ///               return z ^ (z >> 31)
    ///   def s(seed, i): return seed if i == 1 else mix(((seed ^ ((i * 0xD1B54A32D192ED03) & M)) + 0x9E3779B97F4A7C15) & M)
    @Test func replicationSeedsFollowTheDocumentedRule() {
        let vectors: [(base: UInt64, seeds: [UInt64])] = [
            (1, [1, 694_183_512_642_609_129, 9_853_264_649_648_847_181]),
            (42, [42, 18_048_596_636_615_606_144, 5_632_914_758_302_621_589]),
            (0, [0, 4_349_182_596_431_645_316, 1_743_751_926_215_444_844]),
            (UInt64.max, [UInt64.max, 3_898_857_541_137_637_178, 2_975_338_345_066_512_093]),
        ]
        for (base, seeds) in vectors {
            #expect(ReplicationSeeds.seeds(base: base, count: 3) == seeds, "seed \(base)")
        }
        #expect(ReplicationSeeds.seed(base: 1, replication: 1_000) == 2_182_989_931_199_216_548)
        #expect(ReplicationSeeds.seed(base: 42, replication: 1_000) == 7_046_426_453_261_996_585)
        // A thousand replications of one seed never share a seed.
        #expect(Set(ReplicationSeeds.seeds(base: 42, count: 1_000)).count == 1_000)
    }

    /// t₀.₉₇₅(df), from scipy.stats.t.ppf(0.975, df) (scipy 1.17); published tables give the first ones to three
    /// decimals: 12.706, 4.303, 2.776, 2.262, 2.093, 2.042 (df 1, 2, 4, 9, 19, 30), 2.021 (40), 2.000 (60),
    /// 1.980 (120).
    @Test func tQuantileMatchesIndependentValues() {
        let exact: [(Int, Double)] = [
            (1, 12.706204736174698), (2, 4.302652729749462), (4, 2.7764451051977934), (9, 2.262157162798205),
            (19, 2.0930240544083087), (29, 2.045229642132703), (30, 2.0422724563012378),
            (31, 2.039513446396408), (40, 2.021075390306273), (60, 2.0002978220142604),
            (99, 1.9842169515864174), (120, 1.9799304050824402), (500, 1.9647198374673676),
            (999, 1.9623414611334493),
        ]
        for (degreesOfFreedom, value) in exact {
            expectNear(
                StudentT.quantile975(degreesOfFreedom: degreesOfFreedom), value, within: 5e-8,
                "t quantile at df \(degreesOfFreedom)")
        }
    }

    /// The sample 2, 4, 4, 4, 5, 5, 7, 9 by hand: mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32, sample
    /// variance 32/7, s = 2.138090; half-width t₀.₉₇₅(7) · s/√8 = 2.364624 × 0.755929 = 1.787488 (Python statistics.stdev agrees).
    @Test func summaryOfAHandSample() throws {
        let summary = SampleSummary([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(summary.count == 8)
        #expect(summary.mean == 5)
        #expect(summary.minimum == 2 && summary.maximum == 9)
        expectNear(summary.standardDeviation, 2.138090, within: 1e-6, "sample standard deviation")
        let interval = try #require(summary.confidenceInterval95)
        expectNear(interval.lowerBound, 5 - 1.787488, within: 1e-6, "interval low")
        expectNear(interval.upperBound, 5 + 1.787488, within: 1e-6, "interval high")
    }

    @Test func oneValueHasNoInterval() {
        let summary = SampleSummary([3.5])
        #expect(summary.mean == 3.5 && summary.standardDeviation == 0 && summary.confidenceInterval95 == nil)
        #expect(summary.halfWidth95 == 0)
    }

    /// Large values keep their digits: 10⁹ + 1, 10⁹ + 2, 10⁹ + 3 have s = 1 exactly.
    @Test func largeValuesLoseNoDigits() {
        let summary = SampleSummary([1e9 + 1, 1e9 + 2, 1e9 + 3])
        #expect(summary.standardDeviation == 1)
        #expect(summary.mean == 1e9 + 2)
    }
}
