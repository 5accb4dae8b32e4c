import ShardSimModel
import ShardSimPlanner
import ShardSimScenario
import ShardSimTestSupport
import Testing

/// `plan`, `compare` and their hand-derived answers (AWS's per-shard limits, the sizing formula, prices).
@Suite struct PlannerTests {
    private func configuration(_ json: String) throws -> Scenario {
        try ScenarioDecoder.decode(Array(json.utf8))
    }

    private func producerScenario(
        recordsPerSecond: Double, recordSizeBytes: Int,
        keys: String = #"{ "distribution": "uniform", "count": 20000, "prefix": "k-" }"#,
        extra: String = "", consumers: String = "[]", duration: String = "5m"
    ) -> String {
        """
        { "name": "plan", "duration": "\(duration)", "seed": 7, "stream": { "shardCount": 1 },
          "producers": [{ "name": "p", "recordsPerSecond": \(recordsPerSecond), "recordSizeBytes": \(recordSizeBytes),
                          "partitionKeys": \(keys) \(extra) }],
          "consumers": \(consumers) }
        """
    }

    @Test func smallRecordsAreBoundByTheRecordsLimitNotBandwidth() throws {
        // 5,000 rec/s of 100 B: 5 shards' worth of the 1,000 records/s limit; with Poisson bursts 6–7 are needed.
        // AWS's formula rounds 100 B up to 1 KiB: 5,000 KiB/s ÷ 1,024 = 4.88, ceiling 5 (not the 1 that 0.48 MiB/s
        // of raw bytes would give).
        let scenario = try configuration(producerScenario(recordsPerSecond: 5_000, recordSizeBytes: 100))
        let plan = Planner.plan(scenario.configuration, objective: nil)
        let count = try #require(plan.recommendedShardCount)
        #expect((6...7).contains(count))
        #expect(plan.bindingLimit == .writeRecordsPerSecond)
        #expect(plan.bounds.formulaShardCount == 5)
    }

    @Test func aggregationCarriesTheSameLoadOnOneShard() throws {
        let scenario = try configuration(
            producerScenario(
                recordsPerSecond: 5_000, recordSizeBytes: 100,
                extra: #", "aggregation": { "enabled": true }"#))
        #expect(Planner.plan(scenario.configuration, objective: nil).recommendedShardCount == 1)
    }

    @Test func fourKiBRecordsNeedThreeShardsWhereTheFormulaSaysTwo() throws {
        let scenario = try configuration(producerScenario(recordsPerSecond: 500, recordSizeBytes: 4_096))
        let plan = Planner.plan(scenario.configuration, objective: nil)
        #expect(plan.recommendedShardCount == 3)
        #expect(plan.bindingLimit == .writeBytesPerSecond)
        #expect(plan.bounds.formulaShardCount == 2)
    }

    @Test func aKeyAboveOneShardsLimitIsInfeasibleAndNamed() throws {
        let hot =
            #"{ "distribution": "hotKeys", "hot": [{ "key": "tenant-42", "share": 0.6 }], "others": { "count": 5000, "prefix": "tenant-" } }"#
        let plan = Planner.plan(
            try configuration(producerScenario(recordsPerSecond: 2_000, recordSizeBytes: 200, keys: hot)).configuration,
            objective: nil)
        #expect(!plan.feasible)
        #expect(plan.recommendedShardCount == nil)
        #expect(plan.bindingLimit == .partitionKey)
        #expect(plan.reason.contains("tenant-42"))
        #expect(plan.reason.contains("1,200 records/s"))
        #expect(plan.reason.contains("60.0% of p"))
        let milder = hot.replacingOccurrences(of: "0.6", with: "0.3")
        let feasible = Planner.plan(
            try configuration(producerScenario(recordsPerSecond: 2_000, recordSizeBytes: 200, keys: milder))
                .configuration,
            objective: nil)
        #expect(feasible.feasible)
        #expect(feasible.bindingLimit == .partitionKey)
    }

    @Test func fourSharedReadersOfSixHundredKiBPerSecondNeedTwoShards() throws {
        // 600 rec/s × 1 KiB in (0.59 MiB/s, one shard writes it); four shared readers read 2.35 MiB/s, over one
        // shard's 2 MiB/s of shared reads: 2 shards, bound by reads. The formula: 2,400 KiB/s out / 2,048 → 2.
        let readers = (1...4).map { #"{ "name": "r\#($0)", "type": "shared" }"# }.joined(separator: ",")
        let plan = Planner.plan(
            try configuration(
                producerScenario(
                    recordsPerSecond: 600, recordSizeBytes: 1_024,
                    consumers: "[\(readers)]")
            ).configuration, objective: nil)
        #expect(plan.recommendedShardCount == 2)
        #expect(plan.bindingLimit == .readBytesPerSecond)
        #expect(plan.bounds.formulaShardCount == 2)
    }

    @Test func aSlowLambdaFunctionBindsTheShardCount() throws {
        // 200 rec/s; batches of 100 take 1 s, one at a time per shard: a shard carries 100 records/s of function
        // throughput, so 2 shards are needed although one shard writes the load easily.
        let lambda =
            #"[{ "name": "f", "type": "lambda", "batchSize": 100, "duration": { "base": "1s", "perRecord": "0ms" } }]"#
        let plan = Planner.plan(
            try configuration(
                producerScenario(
                    recordsPerSecond: 200, recordSizeBytes: 500,
                    consumers: lambda, duration: "2m")
            ).configuration, objective: nil)
        #expect(plan.bindingLimit == .lambdaThroughput)
        #expect(plan.recommendedShardCount == 2)
    }

    @Test func aLambdaReadingKPLAggregatesCountsEachAggregateOnceInItsBatch() throws {
        // 5,000 rec/s of 100 B, KPL-aggregated into ~51,200 B Kinesis records (~420 user records each). batchSize
        // 100 counts Kinesis records; a full batch is capped by the 6 MB event: 4 × ⌈51,200 / 3⌉ + 532 ≈ 68,800 B
        // per record, 6,291,456 / 68,800 = 91 records ≈ 38,000 user records taking 20 ms + 0.1 ms × 38,000 ≈ 3.8 s:
        // ~10,000 user records/s per shard, so half a shard of function throughput. The 1 MiB/s write limit
        // (0.53 shards' worth) binds: 1 shard. (Counting user records, batches of 100 taking 30 ms carry 3,333
        // records/s per shard: 1.5 shards' worth, and the plan wrongly asked for 2.)
        let lambda =
            #"[{ "name": "f", "type": "lambda", "batchSize": 100, "duration": { "base": "20ms", "perRecord": "0.1ms" } }]"#
        let aggregation =
            #", "batching": { "maxRecords": 500, "maxBytes": 5242880, "maxBufferedTime": "100ms" }, "aggregation": { "enabled": true, "maxBytes": 51200 }"#
        let plan = Planner.plan(
            try configuration(
                producerScenario(
                    recordsPerSecond: 5_000, recordSizeBytes: 100, extra: aggregation,
                    consumers: lambda, duration: "2m")
            ).configuration, objective: nil)
        let lambdaShards = try #require(plan.bounds.requirements.first { $0.0 == .lambdaThroughput }).1
        expectNear(lambdaShards, 0.5, within: 0.1, "shards' worth of function throughput")
        #expect(plan.recommendedShardCount == 1)
        #expect(plan.bindingLimit == .writeBytesPerSecond)
    }

    @Test func resultsDoNotDependOnTheThreadCount() throws {
        let scenario = try configuration(
            producerScenario(recordsPerSecond: 5_000, recordSizeBytes: 100, duration: "1m"))
        let one = Planner.plan(scenario.configuration, objective: nil, threads: 1)
        let two = Planner.plan(scenario.configuration, objective: nil, threads: 2)
        #expect(one.recommendedShardCount == two.recommendedShardCount)
        #expect(one.candidates.map(\.shardCount) == two.candidates.map(\.shardCount))
        #expect(one.candidates.map(\.writeThrottledFraction) == two.candidates.map(\.writeThrottledFraction))
    }

    @Test func compareNamesTheCheaperModeAndTheBreakEven() throws {
        // 3,000 rec/s of 1 KiB, steady: provisioned needs ~4 shards ($43.80) plus PUT units (7,884 M × $0.014 =
        // $110); on-demand: each 1,024 B record bills as 1 KB (the data blob; the key is not rounded in), so
        // 3,000 × 1,024 B × 2,628,000 s ≈ 7,518 GB × $0.08 + $29.20 ≈ $630. For a steady load provisioned stays cheaper at every
        // traffic level: at the bottom one shard ($10.95) undercuts the stream-hour ($29.20), and per GB a shard
        // carries data far cheaper than $0.08. So there is no break-even.
        let scenario = try configuration(
            producerScenario(recordsPerSecond: 3_000, recordSizeBytes: 1_024, duration: "2m"))
        let comparison = ModeComparer.compare(scenario.configuration, objective: nil)
        #expect(comparison.cheaper == .provisioned)
        #expect(comparison.cheaperMeetingSlo == .provisioned)
        #expect(comparison.breakEvenTrafficMultiplier == nil)
        #expect(comparison.provisionedShardCount == 4)
        #expect(comparison.onDemand.configuration.stream.streamMode == .onDemand)
        expectNear(comparison.onDemand.monthlyCost.monthlyTotalUSD, 630.6, within: 2, "on-demand monthly")
    }
}

/// `plan` in flow fidelity: the event answer, or one shard more. Near the limits flow's throttled fraction is within
/// its stated tolerance of event fidelity's (docs/model.md §16), so a candidate at the SLO's edge may need one more.
@Suite struct FlowPlanningTests {
    @Test(arguments: [
        // 5,000 records/s of 100 B: the records limit binds (hand-derived: 5 shards' worth, bursts need a 6th).
        (
            #"{ "name": "records", "duration": "5m", "seed": 7, "stream": { "shardCount": 1 }, "producers": [{ "name": "p", "recordsPerSecond": 5000, "recordSizeBytes": 100 }] }"#,
            6
        ),
        // 500 records/s of 4 KiB: 2.0 MiB/s against 1 MiB/s per shard, the bytes limit binds at 3.
        (
            #"{ "name": "bytes", "duration": "5m", "seed": 7, "stream": { "shardCount": 1 }, "producers": [{ "name": "p", "recordsPerSecond": 500, "recordSizeBytes": 4096 }] }"#,
            3
        ),
    ])
    func flowPlansTheEventShardCountOrOneMore(json: String, expected: Int) throws {
        var configuration = try ScenarioDecoder.decode(Array(json.utf8)).configuration
        let event = Planner.plan(configuration, objective: nil)
        configuration.fidelity = .flow
        let flow = Planner.plan(configuration, objective: nil)
        #expect(event.recommendedShardCount == expected)
        let flowCount = try #require(flow.recommendedShardCount)
        #expect(flowCount == expected || flowCount == expected + 1)
        #expect(flow.bindingLimit == event.bindingLimit)
    }
}

/// AWS's sizing formula as the developer guide writes it (MODE; facts sheet section 10): the average record size
/// rounded UP to whole KiB × records/s is the incoming KiB/s; outgoing = incoming × consumers;
/// shards = ceiling(max(incoming / 1,024, outgoing / 2,048)).
@Suite struct SizingFormulaTests {
    private func bounds(_ json: String) throws -> LoadBounds {
        LoadBounds(configuration: try ScenarioDecoder.decode(Array(json.utf8)).configuration)
    }

    private func stream(rate: Int, size: Int, consumers: String = "[]") -> String {
        """
        { "name": "formula", "duration": "1m", "seed": 1, "stream": { "shardCount": 1 },
          "producers": [{ "name": "p", "recordsPerSecond": \(rate), "recordSizeBytes": \(size) }], "consumers": \(consumers) }
        """
    }

    @Test(arguments: [
        // 5,000/s × 100 B: 100 B rounds up to 1 KiB → 5,000 KiB/s ÷ 1,024 = 4.88 → 5.
        (5_000, 100, 5),
        // 1,000/s × 1,024 B: exactly 1 KiB → 1,000 KiB/s ÷ 1,024 = 0.98 → 1.
        (1_000, 1_024, 1),
        // 1,000/s × 1,025 B: rounds up to 2 KiB → 2,000 KiB/s ÷ 1,024 = 1.95 → 2.
        (1_000, 1_025, 2),
        // 500/s × 4,096 B: 4 KiB → 2,000 KiB/s ÷ 1,024 = 1.95 → 2.
        (500, 4_096, 2),
        // 1,100/s × 10 B: 1 KiB each → 1,100 KiB/s ÷ 1,024 = 1.07 → 2 (the rounding sees the records count).
        (1_100, 10, 2),
    ])
    func writeTermRoundsTheRecordUpToWholeKiB(rate: Int, size: Int, expected: Int) throws {
        #expect(try bounds(stream(rate: rate, size: size)).formulaShardCount == expected)
    }

    @Test func readTermCountsEveryConsumer() throws {
        // 1,000/s × 800 B → 1 KiB → 1,000 KiB/s in (write term 0.98). Five consumers of any kind: 5,000 KiB/s out
        // ÷ 2,048 = 2.44 → 3 shards. AWS's formula counts enhanced fan-out consumers too.
        let five = (1...5).map { #"{ "name": "c\#($0)", "type": "\#($0 == 5 ? "enhanced" : "shared")" }"# }.joined(
            separator: ",")
        let formula = try bounds(stream(rate: 1_000, size: 800, consumers: "[\(five)]")).formula
        #expect(formula.roundedRecordKiB == 1)
        #expect(formula.incomingKiBPerSecond == 1_000)
        #expect(formula.outgoingKiBPerSecond == 5_000)
        #expect(formula.shardCount == 3)
    }

    @Test func theTextShowsTheRoundingAndWhatTheFormulaDoesNotSee() throws {
        // 5,000/s × 100 B: the formula says 5, the simulation 6 (Poisson bursts). The text quotes the arithmetic,
        // and never claims the formula ignores the records limit.
        let scenario = try ScenarioDecoder.decode(Array(stream(rate: 5_000, size: 100).utf8))
        let plan = Planner.plan(scenario.configuration, objective: nil)
        #expect(plan.formulaComparison.contains("round up to 1 KiB × 5,000 records/s = 5,000 KiB/s in, ÷ 1,024 = 4.88"))
        #expect(plan.formulaComparison.contains("rounded up: 5"))
        #expect(!plan.formulaComparison.contains("not the 1,000 records/s"))
        if plan.recommendedShardCount != 5 { #expect(plan.formulaComparison.contains("bursts")) }
    }
}

/// A partition key is the binding limit only when it forces the count; otherwise its share is reported apart.
@Suite struct KeySkewPlanningTests {
    private func configuration(keys: String, rate: Int) throws -> SimulationConfiguration {
        try ScenarioDecoder.decode(
            Array(
                """
                { "name": "skew", "duration": "1m", "seed": 3, "stream": { "shardCount": 1 },
                  "producers": [{ "name": "api", "recordsPerSecond": \(rate), "recordSizeBytes": 200, "partitionKeys": \(keys) }] }
                """.utf8)
        ).configuration
    }

    @Test func aZipfKeyOfOnePointFourPercentDoesNotBind() throws {
        // Zipf over 1,300 keys, exponent 0.5: the top key's share is 1/H(1300, 0.5) = 1.415 % (Python:
        // 1/sum(r**-0.5 for r in 1..1300)), 59.4 of 4,200 records/s. Evenly spread the load needs 4,200 / 1,000 =
        // 4.20 shards; the key's shard needs (4,200 − 59.4) / (1,000 − 59.4) = 4.40. Both round up to 5: the
        // records limit binds, and skew adds 0.20 of a shard.
        let bounds = LoadBounds(
            configuration: try configuration(
                keys: #"{ "distribution": "zipf", "count": 1300, "exponent": 0.5, "prefix": "user-" }"#, rate: 4_200))
        #expect(bounds.bindingLimit == .writeRecordsPerSecond)
        #expect(bounds.shardCount == 5)
        let skew = try #require(bounds.keySkew)
        #expect(abs(skew.evenSpreadShards - 4.20) < 0.005)
        #expect(abs(skew.withKeyShards - 4.402) < 0.005)
        #expect(abs(skew.addedShards - 0.202) < 0.005)
        #expect(!skew.forcesCount)
    }

    @Test func aKeyThatRaisesTheCountBinds() throws {
        // One key carries 30 % of 2,000 records/s = 600/s. Evenly: 2.00 shards. Its shard: (2,000 − 600) /
        // (1,000 − 600) = 3.50 → 4 shards: the key forces the count.
        let bounds = LoadBounds(
            configuration: try configuration(
                keys:
                    #"{ "distribution": "hotKeys", "hot": [{ "key": "tenant-42", "share": 0.3 }], "others": { "count": 5000, "prefix": "t-" } }"#,
                rate: 2_000))
        #expect(bounds.bindingLimit == .partitionKey)
        #expect(bounds.shardCount == 4)
        let skew = try #require(bounds.keySkew)
        #expect(abs(skew.withKeyShards - 3.5) < 1e-6)
        #expect(skew.forcesCount)
    }

    @Test func planTextNamesTheRecordsLimitAndReportsSkewApart() throws {
        let plan = Planner.plan(
            try configuration(
                keys: #"{ "distribution": "zipf", "count": 1300, "exponent": 0.5, "prefix": "user-" }"#, rate: 4_200),
            objective: nil)
        #expect(plan.bindingLimit != .partitionKey)
        #expect(!plan.reason.contains("hot key"))
        #expect(plan.reason.contains("1,000 records/s per shard write limit binds"))
    }

    @Test func evenlySpacedProducersAreNotSaidToBurst() throws {
        // 2,000 records/s evenly spaced over 20,000 uniform keys: exactly 2.00 shards' worth of the 1,000 records/s
        // limit. With no Poisson arrivals, what 2 shards lack comes from hashing: each key lands in one of two equal
        // ranges, so a shard's share of keys is binomial (σ = √(20,000 × ¼) ≈ 71 keys, 0.7 %), one shard is offered
        // more than 1,000 records/s every second, and retries pile up. The text must name hashing, not bursts.
        let uniform = try ScenarioDecoder.decode(
            Array(
                """
                { "name": "steady", "duration": "1m", "seed": 3, "stream": { "shardCount": 1 },
                  "producers": [{ "name": "meters", "recordsPerSecond": 2000, "recordSizeBytes": 160, "arrival": "uniform",
                                  "partitionKeys": { "distribution": "uniform", "count": 20000, "prefix": "meter-" } }] }
                """.utf8)
        ).configuration
        let plan = Planner.plan(uniform, objective: nil)
        #expect(plan.bounds.shardCount == 2)
        #expect((plan.recommendedShardCount ?? 0) > 2)
        #expect(!plan.reason.contains("Poisson") && !plan.formulaComparison.contains("Poisson"))
        #expect(plan.reason.contains("keys hashing unevenly over the shards"))
        // The same load with Poisson arrivals (the default) names bursts too.
        var poisson = uniform
        poisson.producers[0].arrival = .poisson
        #expect(Planner.plan(poisson, objective: nil).reason.contains("Poisson bursts above the mean"))
    }

    @Test func planTextUsesTheStreamsOwnLimits() throws {
        // A stream whose limit is overridden to 500 records/s: 1,200 records/s of 100 B need 2.4 → 3 shards' worth,
        // and the sentence says 500, never AWS's default 1,000.
        var configuration = try configuration(
            keys: #"{ "distribution": "uniform", "count": 10000, "prefix": "k-" }"#, rate: 1_200)
        configuration.stream.limits.writeRecordsPerSecond = 500
        let plan = Planner.plan(configuration, objective: nil)
        #expect(plan.bounds.shardCount == 3)
        #expect(plan.reason.contains("500 records/s per shard write limit binds"))
        #expect(!plan.reason.contains("1,000"))
        #expect(plan.formulaComparison.contains("overridden"))
    }
}
