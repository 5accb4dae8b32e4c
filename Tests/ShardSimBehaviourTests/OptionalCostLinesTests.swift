import ShardSimModel
import ShardSimTestSupport
import Testing

/// Charges a scenario opts into: server-side encryption with KMS and enhanced shard-level monitoring. Figures are
/// derived by hand from AWS's rules: Kinesis asks KMS for a data key about every five minutes per credential
/// (about 8,640 requests per stream in a 30-day month; SSE page "Costs, Regions, and performance considerations"),
/// KMS bills $1 per customer managed key-month and $0.03 per 10,000 requests, and each shard-level metric is one
/// CloudWatch metric per shard at $0.30 per metric-month, prorated by the hour. A month is 730 h.
@Suite struct OptionalCostLinesTests {
    private func scenario(shards: Int, stream: String, consumers: String = "[]") -> String {
        """
        { "name": "optional-costs", "duration": "10m", "seed": 3,
          "stream": { "shardCount": \(shards)\(stream) },
          "producers": [{ "name": "p", "recordsPerSecond": 100, "recordSizeBytes": 500 }],
          "consumers": \(consumers) }
        """
    }

    private func line(_ json: String, _ item: CostItem, overrides: [String] = []) throws -> CostLineItem? {
        try runScenario(json, overrides: overrides).monthlyCost.lineItems.first { $0.item == item }
    }

    @Test func noEncryptionOrMonitoringAddsNoLines() throws {
        let items = try runScenario(scenario(shards: 2, stream: "")).monthlyCost.lineItems.map(\.item)
        #expect(items == [.provisionedShardHours, .putPayloadUnits])
    }

    @Test func customerManagedKeyBillsAKeyMonthAndTheDataKeyRequests() throws {
        // One producer and one consumer: 2 credentials by default. 12 data keys an hour each (one per 5 minutes):
        // 2 × 12 × 730 = 17,520 requests = 1.752 × 10,000 → × $0.03 = $0.05256 → $0.05. The key: 1 × $1.00.
        let consumer = #"[{ "name": "app", "type": "shared" }]"#
        let json = scenario(
            shards: 2, stream: #", "encryption": { "type": "KMS", "keyManager": "CUSTOMER" }"#, consumers: consumer)
        let key = try #require(try line(json, .kmsCustomerManagedKey))
        #expect(key.quantity == 1 && key.monthlyUSD == 1.00)
        let requests = try #require(try line(json, .kmsRequests))
        expectNear(requests.quantity, 1.752, within: 1e-9, "10,000s of KMS requests a month")
        #expect(requests.monthlyUSD == 0.05)
    }

    @Test func theAWSManagedKeyIsFreeButItsRequestsAreNot() throws {
        // alias/aws/kinesis costs nothing; the requests still bill. AWS's own figure: one credential over a 30-day
        // month is 12 × 720 = 8,640 requests; over our 730-hour month 8,760. With 50 credentials (a fleet of
        // producer hosts, each its own role session): 50 × 8,760 = 438,000 = 43.8 × 10,000 → × $0.03 = $1.314 → $1.31.
        let json = scenario(shards: 2, stream: #", "encryption": { "type": "KMS", "credentials": 50 }"#)
        #expect(try line(json, .kmsCustomerManagedKey) == nil)
        let requests = try #require(try line(json, .kmsRequests))
        expectNear(requests.quantity, 43.8, within: 1e-9, "10,000s of KMS requests a month")
        #expect(requests.monthlyUSD == 1.31)
        // The five-minute figure is AWS's "approximately"; a user who measured another cadence can set it.
        let slower = try #require(try line(json, .kmsRequests, overrides: ["stream.encryption.dataKeyInterval=10m"]))
        expectNear(slower.quantity, 21.9, within: 1e-9, "10,000s of KMS requests a month at one key per 10 minutes")
    }

    @Test func allShardLevelMetricsOnFourShardsAre28MetricMonths() throws {
        // "ALL" is the seven shard-level metrics; 7 × 4 shards = 28 metric-months × $0.30 = $8.40.
        let json = scenario(shards: 4, stream: #", "enhancedMonitoring": { "shardLevelMetrics": ["ALL"] }"#)
        let metrics = try #require(try line(json, .enhancedShardLevelMetrics))
        expectNear(metrics.quantity, 28, within: 1e-9, "metric-months")
        #expect(metrics.monthlyUSD == 8.40)
    }

    @Test func metricsFollowTheShardsOpenOverTime() throws {
        // Two metrics on 2 shards, one split at 5 m that completes at 5 m 30 s (default 30 s): the stream has 2 shards
        // for 330 s and 3 for 270 s, 2.45 on average over the 10 minutes. 2 × 2.45 = 4.9 metric-months × $0.30 = $1.47.
        let json = scenario(
            shards: 2,
            stream: #", "enhancedMonitoring": { "shardLevelMetrics": ["IncomingBytes", "IteratorAgeMilliseconds"] }"#
        )
        .replacingOccurrences(
            of: #""consumers": []"#,
            with:
                #""consumers": [], "events": [{ "at": "5m", "action": "splitShard", "shardId": "shardId-000000000000" }]"#
        )
        let metrics = try #require(try line(json, .enhancedShardLevelMetrics))
        expectNear(metrics.quantity, 4.9, within: 1e-9, "metric-months")
        #expect(metrics.monthlyUSD == 1.47)
    }

    @Test func pricesAreOverridable() throws {
        // The CloudWatch price drops to $0.10 past 10,000 metrics of the account; a user there sets it: 28 × $0.10.
        let json = scenario(
            shards: 4,
            stream:
                #", "enhancedMonitoring": { "shardLevelMetrics": ["ALL"] }, "encryption": { "type": "KMS", "keyManager": "CUSTOMER" }"#
        )
        let result = try runScenario(
            json, overrides: ["pricing.cloudWatchMetricMonthUSD=0.10", "pricing.kmsKeyMonthUSD=2"])
        let items = result.monthlyCost.lineItems
        #expect(items.first { $0.item == .enhancedShardLevelMetrics }?.monthlyUSD == 2.80)
        #expect(items.first { $0.item == .kmsCustomerManagedKey }?.monthlyUSD == 2.00)
        // Optional lines come last, in a fixed order.
        #expect(items.suffix(3).map(\.item) == [.kmsCustomerManagedKey, .kmsRequests, .enhancedShardLevelMetrics])
    }

    @Test func badSettingsNameTheirPath() {
        let json = scenario(
            shards: 1,
            stream:
                #", "encryption": { "keyManager": "MINE" }, "enhancedMonitoring": { "shardLevelMetrics": ["IncomingBytes", "IncommingRecords"] }"#
        )
        do {
            _ = try runScenario(json)
            Issue.record("the scenario has three mistakes")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("stream.encryption.type"))
            #expect(text.contains("stream.encryption.keyManager"))
            #expect(text.contains("stream.enhancedMonitoring.shardLevelMetrics.1"))
        }
    }
}
