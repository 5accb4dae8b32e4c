import ShardSimEngine
import ShardSimModel
import ShardSimReport
import Testing

/// A KCL application's DynamoDB lease table: what it is asked (renewals and checkpoints are writes, scans are
/// reads), what it bills, and what a PROVISIONED table short of capacity does (docs/model.md section 19).
@Suite struct KCLLeaseTableTests {
    private static func scenario(shards: Int, consumer: String, duration: String) -> String {
        """
        { "name": "lease-table", "seed": 3, "duration": "\(duration)", "stream": { "shardCount": \(shards) },
          "producers": [{ "name": "p", "recordsPerSecond": 100, "recordSizeBytes": 100 }],
          "consumers": [\(consumer)] }
        """
    }

    private func line(_ item: CostItem, in result: SimulationResult) -> CostLineItem? {
        result.monthlyCost.lineItems.first { $0.item == item }
    }

    @Test func onDemandLeaseTableBillsItsRequestUnits() throws {
        // As in KCLBehaviourTests.leaseTableRequestsByArithmetic: one worker, four shards, 10 minutes: 768 writes
        // (728 renewals, 4 takes, 36 checkpoints) and 20 read units. A month is 730 h / (1/6 h) = 4,380 windows:
        // 3,363,840 writes × $0.625 per million = $2.10; 87,600 reads × $0.125 per million = $0.01.
        let json = Self.scenario(
            shards: 4, consumer: #"{ "name": "app", "type": "kcl", "fanOut": "shared" }"#, duration: "10m")
        let result = try runScenario(json)
        let writes = try #require(line(.leaseTableWriteRequests, in: result))
        let reads = try #require(line(.leaseTableReadRequests, in: result))
        #expect(abs(writes.quantity - 3.363_84) < 1e-9)
        #expect(writes.monthlyUSD == 2.10)
        #expect(abs(reads.quantity - 0.0876) < 1e-9)
        #expect(reads.monthlyUSD == 0.01)
        #expect(line(.leaseTableWriteCapacity, in: result) == nil)
    }

    @Test func provisionedLeaseTableBillsItsCapacityHours() throws {
        // 5 WCU and the KCL's default 10 RCU for a month: 5 × 730 × $0.00065 = $2.37; 10 × 730 × $0.00013 = $0.95.
        let json = Self.scenario(
            shards: 4,
            consumer: """
                { "name": "app", "type": "kcl", "fanOut": "shared",
                  "leaseTable": { "billingMode": "PROVISIONED", "writeCapacityUnits": 5 } }
                """, duration: "10m")
        let result = try runScenario(json)
        let writes = try #require(line(.leaseTableWriteCapacity, in: result))
        let reads = try #require(line(.leaseTableReadCapacity, in: result))
        #expect(abs(writes.quantity - 3_650) < 1e-6 && writes.monthlyUSD == 2.37)
        #expect(abs(reads.quantity - 7_300) < 1e-6 && reads.monthlyUSD == 0.95)
        #expect(line(.leaseTableWriteRequests, in: result) == nil)
    }

    @Test func aTableBelowTheRenewalDemandThrottlesAndLosesLeases() throws {
        // 20 shards, one worker: renewals 20 / 3.308 s = 6.05 writes/s, checkpoints 20 / 60 s = 0.33/s: 6.38/s in all.
        // With 5 WCU the 300 s burst allowance (1,500 writes) drains at 1.38/s, in about 18 minutes; then a renewer
        // run gets 5 × 3.308 = 16.5 writes for 20 leases, the same leases keep failing, and after 10 s (failoverTime)
        // without a successful renewal the worker drops them: churn, duplicates, throttled requests.
        let consumer = """
            { "name": "app", "type": "kcl", "fanOut": "shared",
              "leaseTable": { "billingMode": "PROVISIONED", "writeCapacityUnits": WCU } }
            """
        let short = try runScenario(
            Self.scenario(shards: 20, consumer: consumer.replacingOccurrences(of: "WCU", with: "5"), duration: "30m"))
        let kcl = short.consumers[0].statistics.kcl
        #expect(kcl.leaseTableThrottledRequests > 0)
        #expect(kcl.leasesLostToThrottling > 0)
        #expect(kcl.leaseTakeovers > 0)
        // 7 WCU is above the 6.38/s demand: nothing throttles, no lease is lost.
        let enough = try runScenario(
            Self.scenario(shards: 20, consumer: consumer.replacingOccurrences(of: "WCU", with: "7"), duration: "30m"))
        let fine = enough.consumers[0].statistics.kcl
        #expect(fine.leaseTableThrottledRequests == 0 && fine.leasesLostToThrottling == 0 && fine.leaseTakeovers == 0)
    }

    @Test func aShortTableDoesNotThrottleBeforeItsBurstAllowanceIsSpent() throws {
        // The same 5 WCU table for 10 minutes: 600 s × 1.38/s = 830 writes over capacity, less than the 1,500 the
        // burst allowance holds, so nothing throttles yet.
        let json = Self.scenario(
            shards: 20,
            consumer: """
                { "name": "app", "type": "kcl", "fanOut": "shared",
                  "leaseTable": { "billingMode": "PROVISIONED", "writeCapacityUnits": 5 } }
                """, duration: "10m")
        #expect(try runScenario(json).consumers[0].statistics.kcl.leaseTableThrottledRequests == 0)
    }

    @Test func theCSVShowsWhenRecordsWereReplayedAndRequestsThrottled() throws {
        // One shard, 100 records/s of 100 B, checkpoints every 60 s; worker 1 fails at 140 s and worker 2 takes the
        // lease at 160.4 s (KCLBehaviourTests derives the times): the whole replay lands in the 160 s bucket.
        let json = """
            { "name": "csv", "seed": 3, "duration": "5m", "stream": { "shardCount": 1 },
              "producers": [{ "name": "p", "recordsPerSecond": 100, "recordSizeBytes": 100 }],
              "consumers": [{ "name": "app", "type": "kcl", "workers": 2, "fanOut": "shared" }],
              "events": [{ "at": "140s", "action": "workerFailure", "consumer": "app", "worker": 1 }] }
            """
        let result = try runScenario(json)
        let rows = RunReportCSV.render(result).split(separator: "\n").filter {
            $0.contains(",app,records_reprocessed_per_s,") && !$0.hasSuffix(",0")
        }
        let replayed = result.consumers[0].statistics.kcl.recordsReprocessed
        #expect(replayed > 1_800 && replayed < 2_100)  // about 20 s × 100/s
        #expect(rows == ["160,1,app,records_reprocessed_per_s,\(replayed)"])
        #expect(!RunReportCSV.render(result).contains("lease_table_throttled_per_s"))
    }
}
