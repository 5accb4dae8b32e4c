import ShardSimModel
import ShardSimPlanner
import ShardSimScenario
import Testing

/// `plan`, `compare` and their hand-derived answers (AWS's per-shard limits, the sizing formula, prices).
@Suite struct PlannerTests {
    private func expectNear(_ actual: Double, _ expected: Double, within tolerance: Double, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(actual - expected) <= tolerance, "\(what): expected \(expected) ± \(tolerance), got \(actual)",
                sourceLocation: sourceLocation)
    }

    private func configuration(_ json: String) throws -> Scenario {
        try ScenarioDecoder.decode(Array(json.utf8))
    }

    private func producerScenario(recordsPerSecond: Double, recordSizeBytes: Int, keys: String = #"{ "distribution": "uniform", "count": 20000, "prefix": "k-" }"#,
                                  extra: String = "", consumers: String = "[]", duration: String = "5m") -> String {
        """
        { "name": "plan", "duration": "\(duration)", "seed": 7, "stream": { "shardCount": 1 },
          "producers": [{ "name": "p", "recordsPerSecond": \(recordsPerSecond), "recordSizeBytes": \(recordSizeBytes),
                          "partitionKeys": \(keys) \(extra) }],
          "consumers": \(consumers) }
        """
    }

    @Test func smallRecordsAreBoundByTheRecordsLimitNotBandwidth() throws {
        // 5,000 rec/s of 100 B: 5 shards' worth of the 1,000 records/s limit; with Poisson bursts 6–7 are needed.
        // AWS's formula sees 0.48 MiB/s and says 1.
        let scenario = try configuration(producerScenario(recordsPerSecond: 5_000, recordSizeBytes: 100))
        let plan = Planner.plan(scenario.configuration, objective: nil)
        let count = try #require(plan.recommendedShardCount)
        #expect((6...7).contains(count))
        #expect(plan.bindingLimit == .writeRecordsPerSecond)
        #expect(plan.bounds.formulaShardCount == 1)
    }

    @Test func aggregationCarriesTheSameLoadOnOneShard() throws {
        let scenario = try configuration(producerScenario(recordsPerSecond: 5_000, recordSizeBytes: 100,
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
        let hot = #"{ "distribution": "hotKeys", "hot": [{ "key": "tenant-42", "share": 0.6 }], "others": { "count": 5000, "prefix": "tenant-" } }"#
        let plan = Planner.plan(try configuration(producerScenario(recordsPerSecond: 2_000, recordSizeBytes: 200, keys: hot)).configuration,
                                objective: nil)
        #expect(!plan.feasible)
        #expect(plan.recommendedShardCount == nil)
        #expect(plan.bindingLimit == .partitionKey)
        #expect(plan.reason.contains("tenant-42"))
        #expect(plan.reason.contains("1200 records/s"))
        let milder = hot.replacingOccurrences(of: "0.6", with: "0.3")
        let feasible = Planner.plan(try configuration(producerScenario(recordsPerSecond: 2_000, recordSizeBytes: 200, keys: milder)).configuration,
                                    objective: nil)
        #expect(feasible.feasible)
        #expect(feasible.bindingLimit == .partitionKey)
    }

    @Test func fourSharedReadersOfSixHundredKiBPerSecondNeedTwoShards() throws {
        // 600 rec/s × 1 KiB in (0.59 MiB/s, one shard writes it); four shared readers read 2.35 MiB/s, over one
        // shard's 2 MiB/s of shared reads: 2 shards, bound by reads. The formula: 2,400 KiB/s out / 2,048 → 2.
        let readers = (1...4).map { #"{ "name": "r\#($0)", "type": "shared" }"# }.joined(separator: ",")
        let plan = Planner.plan(try configuration(producerScenario(recordsPerSecond: 600, recordSizeBytes: 1_024,
                                                                   consumers: "[\(readers)]")).configuration, objective: nil)
        #expect(plan.recommendedShardCount == 2)
        #expect(plan.bindingLimit == .readBytesPerSecond)
        #expect(plan.bounds.formulaShardCount == 2)
    }

    @Test func aSlowLambdaFunctionBindsTheShardCount() throws {
        // 200 rec/s; batches of 100 take 1 s, one at a time per shard: a shard carries 100 records/s of function
        // throughput, so 2 shards are needed although one shard writes the load easily.
        let lambda = #"[{ "name": "f", "type": "lambda", "batchSize": 100, "duration": { "base": "1s", "perRecord": "0ms" } }]"#
        let plan = Planner.plan(try configuration(producerScenario(recordsPerSecond: 200, recordSizeBytes: 500,
                                                                   consumers: lambda, duration: "2m")).configuration, objective: nil)
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
        let lambda = #"[{ "name": "f", "type": "lambda", "batchSize": 100, "duration": { "base": "20ms", "perRecord": "0.1ms" } }]"#
        let aggregation = #", "batching": { "maxRecords": 500, "maxBytes": 5242880, "maxBufferedTime": "100ms" }, "aggregation": { "enabled": true, "maxBytes": 51200 }"#
        let plan = Planner.plan(try configuration(producerScenario(recordsPerSecond: 5_000, recordSizeBytes: 100, extra: aggregation,
                                                                   consumers: lambda, duration: "2m")).configuration, objective: nil)
        let lambdaShards = try #require(plan.bounds.requirements.first { $0.0 == .lambdaThroughput }).1
        expectNear(lambdaShards, 0.5, within: 0.1, "shards' worth of function throughput")
        #expect(plan.recommendedShardCount == 1)
        #expect(plan.bindingLimit == .writeBytesPerSecond)
    }

    @Test func resultsDoNotDependOnTheThreadCount() throws {
        let scenario = try configuration(producerScenario(recordsPerSecond: 5_000, recordSizeBytes: 100, duration: "1m"))
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
        let scenario = try configuration(producerScenario(recordsPerSecond: 3_000, recordSizeBytes: 1_024, duration: "2m"))
        let comparison = ModeComparer.compare(scenario.configuration, objective: nil)
        #expect(comparison.cheaper == .provisioned)
        #expect(comparison.cheaperMeetingSlo == .provisioned)
        #expect(comparison.breakEvenTrafficMultiplier == nil)
        #expect(comparison.provisionedShardCount == 4)
        #expect(comparison.onDemand.configuration.stream.streamMode == .onDemand)
        expectNear(comparison.onDemand.monthlyCost.monthlyTotalUSD, 630.6, within: 2, "on-demand monthly")
    }
}

/// `plan` in flow fidelity: the event answer, or one shard more. Near the limits flow's arrival noise is an upper
/// bound (a window holds one lump more or fewer with variance at most ¼ lump²), so it errs towards capacity.
@Suite struct FlowPlanningTests {
    @Test(arguments: [
        // 5,000 records/s of 100 B: the records limit binds (hand-derived: 5 shards' worth, bursts need a 6th).
        (#"{ "name": "records", "duration": "5m", "seed": 7, "stream": { "shardCount": 1 }, "producers": [{ "name": "p", "recordsPerSecond": 5000, "recordSizeBytes": 100 }] }"#, 6),
        // 500 records/s of 4 KiB: 2.0 MiB/s against 1 MiB/s per shard, the bytes limit binds at 3.
        (#"{ "name": "bytes", "duration": "5m", "seed": 7, "stream": { "shardCount": 1 }, "producers": [{ "name": "p", "recordsPerSecond": 500, "recordSizeBytes": 4096 }] }"#, 3),
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
