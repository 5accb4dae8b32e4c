import ShardSimModel
import ShardSimReport
import ShardSimScenario
import Testing

@testable import ShardSimPlanner

/// `plan`'s warnings for KCL applications, each with its arithmetic (one record processor per shard lease; a worker
/// runs its leases' processors at once; docs/model.md section 19).
@Suite struct KCLPlanWarningTests {
    private func kcl(workers: Int, maxLeases: Int? = nil) -> KCLConfiguration {
        var kcl = KCLConfiguration()
        kcl.workers = workers
        kcl.maxLeasesForWorker = maxLeases
        return kcl
    }

    @Test func aShardSlowerThanItsRecordsCannotBeHelpedByWorkers() {
        // 4 shards × 500 records/s each at 3 ms a record: 1.5 s of processing per second per shard. No worker count
        // helps; 2,000/s × 0.003 s = 6 processor-seconds per second need more than 6 shards: at least 7.
        let warnings = KCLPlanWarnings.warnings(
            name: "app", kcl: kcl(workers: 8), shards: 4, recordsPerSecond: 2_000, secondsPerRecord: 0.003)
        #expect(warnings.contains { $0.contains("1.5 s of processing per second") && $0.contains("= 6, at least 7") })
        #expect(warnings.contains { $0.contains("4 hold no lease and are idle") })
    }

    @Test func twoWorkersForTenShardsOfBusyProcessorsAreTooFew() {
        // 10 shards × 100 records/s at 4 ms: 0.4 s per second per shard (a processor keeps up). Two workers hold 5
        // leases each: 2 processor-seconds per second each. One core keeps up with 2 leases (0.8 s/s; 3 would be 1.2),
        // so 10 / 2 = 5 workers.
        let warnings = KCLPlanWarnings.warnings(
            name: "app", kcl: kcl(workers: 2), shards: 10, recordsPerSecond: 1_000, secondsPerRecord: 0.004)
        #expect(warnings.count == 1)
        #expect(warnings[0].contains("too few workers") && warnings[0].contains("2 processor-seconds"))
        #expect(warnings[0].contains("2 leases of 0.4 s/s each) it needs at least 5 workers"))
    }

    @Test func maxLeasesForWorkerLeavesShardsToNobody() {
        // 3 workers × 2 leases = 6 of 10 shards: 4 unread; ceil(10 / 2) = 5 workers needed.
        let warnings = KCLPlanWarnings.warnings(
            name: "app", kcl: kcl(workers: 3, maxLeases: 2), shards: 10, recordsPerSecond: 100, secondsPerRecord: 0)
        #expect(
            warnings == [
                "app: 3 workers × maxLeasesForWorker 2 = 6 leases at most, so 4 of the 10 shards are read by nobody; "
                    + "it needs at least 5 workers"
            ])
    }

    @Test func enoughWorkersAndFastProcessingSayNothing() {
        let warnings = KCLPlanWarnings.warnings(
            name: "app", kcl: kcl(workers: 4), shards: 4, recordsPerSecond: 4_000, secondsPerRecord: 0.0001)
        #expect(warnings.isEmpty)
    }

    /// A stream sized by bytes that also carries one busy device: 100 documents/s of 25,000 B (uniform keys) and
    /// 400 device events/s of 200 B, 75 % of them from "device-7"; an indexer (KCL, 4 workers) spends 5 ms a record.
    private static func hotDeviceScenario(hotKey: Bool) -> String {
        let devices =
            hotKey
            ? #"{ "distribution": "hotKeys", "hot": [{ "key": "device-7", "share": 0.75 }], "others": { "count": 1000, "prefix": "device-" } }"#
            : #"{ "distribution": "uniform", "count": 1000, "prefix": "device-" }"#
        return """
            { "name": "kcl-hot-device", "seed": 7, "duration": "2m", "stream": { "shardCount": 4 },
              "producers": [
                { "name": "documents", "recordsPerSecond": 100, "recordSizeBytes": 25000,
                  "partitionKeys": { "distribution": "uniform", "count": 10000, "prefix": "doc-" } },
                { "name": "devices", "recordsPerSecond": 400, "recordSizeBytes": 200, "partitionKeys": \(devices) }],
              "consumers": [{ "name": "indexer", "type": "kcl", "workers": 4, "fanOut": "shared",
                              "processingTimePerRecord": "5ms" }] }
            """
    }

    @Test func aHotKeysShardThatOneProcessorCannotKeepUpWithIsWarnedAbout() throws {
        // Bytes size the stream: 100 × 25,000 + 400 × 200 = 2.58 MB/s = 2.46 MiB/s, over 1 MiB/s per shard: at least
        // 3 shards; the plan's simulation finds 4. Spread evenly each shard brings 500 / 4 = 125 records/s × 5 ms =
        // 0.625 s of processing per second: no even-spread warning, and 4 workers hold one lease each. But device-7's
        // 300 records/s (75 % of 400) stay on one shard, which also gets its quarter of the rest: 300 + 100 / 4 +
        // 100 / 4 = 350 records/s × 5 ms = 1.75 s/s (its busiest minute a few records/s more: Poisson, sd of a
        // minute's mean √(350 × 60) / 60 ≈ 2.4/s). The key alone: 300 × 5 ms = 1.5 s/s, so no shard count helps.
        let scenario = try ScenarioDecoder.decode(Array(Self.hotDeviceScenario(hotKey: true).utf8))
        let plan = Planner.plan(scenario.configuration, objective: nil)
        #expect(plan.recommendedShardCount == 4)
        let result = try #require(plan.result)
        let keyShard = try #require(result.producers[1].heaviestKeys.first { $0.partitionKey == "device-7" }).shardId
        let warning = try #require(plan.kclWarnings.first { $0.contains("busiest minute") })
        #expect(plan.kclWarnings.count == 1, "\(plan.kclWarnings)")
        #expect(warning.hasPrefix("indexer: shard \(keyShard) gets "))
        let rate = try #require(Double(warning.split(separator: " ")[4]))
        #expect(rate >= 350 && rate <= 362, "\(rate) records/s")
        #expect(warning.contains(#"partition key "device-7" alone brings 300 records/s (1.5 s/s)"#))
        #expect(warning.contains("no worker count helps") && warning.contains("more shards do not help"))
        // Text ("KCL" lines) and JSON (`kclWarnings`) carry it.
        #expect(PlanReport.text(plan).contains(warning))
        #expect(PlanReport.json(plan).rendered().contains(#""kclWarnings""#))
    }

    @Test func theSameStreamWithoutTheHotKeyGetsNoWarning() throws {
        // 400 device events/s over 1,000 keys: every shard about 125 records/s × 5 ms = 0.63 s/s (a busiest minute
        // within a few records/s of it, plus the keys' uneven hashing, far from 200 records/s = 1 s/s).
        let scenario = try ScenarioDecoder.decode(Array(Self.hotDeviceScenario(hotKey: false).utf8))
        let plan = Planner.plan(scenario.configuration, objective: nil)
        #expect(plan.recommendedShardCount == 4)
        #expect(plan.kclWarnings.isEmpty, "\(plan.kclWarnings)")
        #expect(!PlanReport.json(plan).rendered().contains("kclWarnings"))
    }

    @Test func unevenKeysWithoutAHotKeyAskForMoreShards() {
        // A shard of 250 records/s × 5 ms = 1.25 s/s while the even spread is 0.6 s/s and no key carries 1 s/s alone:
        // more shards split its keys.
        let busiest = KCLPlanWarnings.BusiestShard(
            shardId: "shardId-000000000002", recordsPerSecond: 250, heaviestKey: nil)
        let warning = busiest.warning(name: "app", secondsPerRecord: 0.005, evenShardLoad: 0.6)
        #expect(warning?.contains("1.25 s of processing per second") == true)
        #expect(warning?.contains("evenly spread a shard would need 0.6 s/s: its keys are uneven") == true)
        // Evenly spread over 1 s/s already: the even-spread warning says it, this one stays silent.
        #expect(busiest.warning(name: "app", secondsPerRecord: 0.005, evenShardLoad: 1.1) == nil)
        #expect(busiest.warning(name: "app", secondsPerRecord: 0.003, evenShardLoad: 0.3) == nil)
    }
}
