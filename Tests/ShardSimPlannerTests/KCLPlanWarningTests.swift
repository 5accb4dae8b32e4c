import ShardSimModel
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
}
