import Foundation
import ShardSimEngine
import ShardSimModel
import ShardSimTestSupport
import Testing

/// KCL applications, each rule with numbers derived by hand from the KCL's documented behaviour and source
/// (KCL 2.x `DynamoDBLeaseTaker` / `DynamoDBLeaseCoordinator`; docs/model.md section 19):
/// - one lease per shard; a lease taker runs on every worker every (failoverTime + 25 ms) × 2 = 20.05 s, from the
///   worker's start; it takes unowned ("very old") leases first, else expired ones up to its target
///   ceil(leases / workers) (1 when workers ≥ leases), else steals one lease from the most loaded worker when that
///   worker has more than the target;
/// - a renewer runs every failoverTime / 3 − 25 ms = 3.308 s and writes once per lease held;
/// - a taker sees a lease expired at its first scan that follows a scan made after the lease's last renewal
///   (more than failoverTime after it).
@Suite struct KCLBehaviourTests {
    private static func scenario(
        shards: Int, recordsPerSecond: Double, consumer: String, events: String = "[]", duration: String = "5m",
        producerFields: String = ""
    ) -> String {
        """
        { "name": "kcl", "seed": 7, "duration": "\(duration)", "stream": { "shardCount": \(shards) },
          "producers": [{ "name": "p", "recordsPerSecond": \(recordsPerSecond), "recordSizeBytes": 200, \(producerFields)
                          "partitionKeys": { "distribution": "uniform", "count": 10000, "prefix": "k-" } }],
          "consumers": [\(consumer)],
          "events": \(events) }
        """
    }

    /// Every record was read at least once: reads other than KCL replays (delivered − reprocessed) plus what is still
    /// behind make up what the stream stored, each accepted record once plus each copy a producer's resend stored
    /// (`recordsDuplicated`: the stream cannot tell a copy from a record, so every consumer reads both). The
    /// application starts at LATEST at time 0, before any record.
    private func expectEveryRecordRead(
        _ result: SimulationResult, consumer index: Int = 0, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let consumer = result.consumers[index]
        let read = consumer.statistics.recordsDelivered - consumer.statistics.kcl.recordsReprocessed
        #expect(
            read + consumer.recordsBehindAtEnd == result.totals.recordsSucceeded + result.totals.recordsDuplicated,
            sourceLocation: sourceLocation)
    }

    @Test func fourShardsAndSixWorkersLeaveTwoIdle() throws {
        // At t = 0 worker 1 takes all four unowned leases; worker 2 (target ceil(4/2) = 2) steals one from it, worker 3
        // (target ceil(4/3) = 2) one more, worker 4 (target 1) a third: 4/1/1/1 → 1/1/1/1, three takeovers. Workers 5
        // and 6 (target 1, the most loaded has 1 = target and they need only 1) take nothing: idle.
        let json = Self.scenario(
            shards: 4, recordsPerSecond: 2_000,
            consumer: #"{ "name": "app", "type": "kcl", "workers": 6, "fanOut": "shared" }"#)
        let result = try runScenario(json)
        let kcl = result.consumers[0].statistics.kcl
        #expect(kcl.workersIdle == 2)
        #expect(kcl.leaseTakeovers == 3)
        // Nothing was read before the steals (all at t = 0), so nothing is read twice.
        #expect(kcl.recordsReprocessed == 0)
        expectEveryRecordRead(result)
        #expect(result.consumers[0].recordsBehindAtEnd < 2_000 * 2)  // a poll interval or two of records at most
    }

    @Test func maxLeasesForWorkerLeavesShardsUnread() throws {
        // One worker, four leases, maxLeasesForWorker 2: it takes two ("very old" leases up to its maximum); the other
        // two shards are read by nobody, so about half the records (uniform keys over 4 shards) stay behind.
        let json = Self.scenario(
            shards: 4, recordsPerSecond: 1_000,
            consumer: #"{ "name": "app", "type": "kcl", "workers": 1, "fanOut": "shared", "maxLeasesForWorker": 2 }"#)
        let result = try runScenario(json)
        let behind = Double(result.consumers[0].recordsBehindAtEnd)
        let accepted = Double(result.totals.recordsSucceeded)
        #expect(abs(behind / accepted - 0.5) < 0.03)
        #expect(result.consumers[0].statistics.kcl.workersIdle == 0)
    }

    @Test func aWorkerFailing20sAfterItsCheckpointReplaysAbout10000Records() throws {
        // One shard at 500 records/s, two workers: worker 1 holds the lease, worker 2 is idle. Checkpoints every 60 s
        // (at 60 s and 120 s); worker 1 fails at 140 s, 20 s after the last one. Its last renewal: 42 × 3.308 =
        // 138.936 s. Worker 2 scans at k × 20.05 s: at 140.35 s (after that renewal) it notes the counter; at 160.4 s,
        // 20.05 s > 10 s later, the lease is expired and it takes it. It resumes at the 120 s checkpoint: the
        // ~20 s × 500/s = 10,000 records read since are delivered again, and the iterator age reaches
        // 160.4 − 120 ≈ 40 s, past failoverTime (plus up to a poll interval, 1.5 s, of read lag).
        let json = Self.scenario(
            shards: 1, recordsPerSecond: 500,
            consumer:
                #"{ "name": "app", "type": "kcl", "workers": 2, "fanOut": "shared", "checkpointInterval": "60s" }"#,
            events: #"[{ "at": "140s", "action": "workerFailure", "consumer": "app", "worker": 1 }]"#)
        let result = try runScenario(json)
        let statistics = result.consumers[0].statistics
        #expect(statistics.kcl.leaseTakeovers == 1)
        #expect(statistics.kcl.recordsReprocessed > 9_000 && statistics.kcl.recordsReprocessed < 10_500)
        let ageSeconds = nanosecondsToSeconds(statistics.maxIteratorAgeNanoseconds)
        #expect(ageSeconds > 40 && ageSeconds < 42.5)
        #expect(statistics.kcl.workersDown == 1 && statistics.kcl.workersIdle == 0)
        expectEveryRecordRead(result)
        // Lease-table writes: worker 1 renews at 0, 3.308, …, 138.936 s (43 runs); worker 2 holds the lease from
        // 160.4 s and renews at 49 × 3.308 = 162.092 s … 90 × 3.308 = 297.72 s (42 runs); 2 takes; checkpoints at
        // 60, 120 (worker 1), 180, 240 s (worker 2): 4. Total 43 + 42 + 2 + 4 = 91.
        #expect(statistics.kcl.checkpoints == 4)
        #expect(statistics.kcl.leaseTableWriteUnits == 91)
    }

    @Test func leaseTableRequestsByArithmetic() throws {
        // One worker, four shards, 10 minutes, checkpoints every 60 s, no failures.
        // Writes: renewals at k × 3.308 s for k = 0 … 181 (181 × 3.308 = 598.748 s): 182 runs × 4 leases = 728;
        // 4 takes; checkpoints at 60 … 540 s: 9 × 4 = 36. Total 768 (× 730 h / 10 min = 3,363,840 a month).
        // Reads: taker scans at k × 20.05 s, k = 0 … 29: 30; shard syncs at 0, 60, …, 540 s: 10; each scan reads
        // 4 × 512 B ≤ 4 KB eventually consistent: half a unit. 40 halves = 20 read units.
        let json = Self.scenario(
            shards: 4, recordsPerSecond: 400, consumer: #"{ "name": "app", "type": "kcl", "fanOut": "shared" }"#,
            duration: "10m")
        let kcl = try runScenario(json).consumers[0].statistics.kcl
        #expect(kcl.leaseTableWriteUnits == 768)
        #expect(kcl.checkpoints == 36)
        #expect(kcl.leaseTableReadUnits == 20)
        #expect(kcl.leaseTakeovers == 0 && kcl.workersIdle == 0)
    }

    @Test func anApplicationRestartWaitsForTheOldLeasesToExpire() throws {
        // Two shards, two workers, checkpoints at 60 and 120 s, a restart at 150 s: the new workers (new identities)
        // scan at 150 s and see the old leases as owned; at 170.05 s they are expired. Worker 1 (alone among owners,
        // target 2) takes both, worker 2 (target 1) steals one: 3 takeovers (plus the one steal at t = 0). Both
        // shards resume at their 120 s checkpoints: about 30 s × 200/s = 6,000 records again; iterator age ≈ 50 s.
        let json = Self.scenario(
            shards: 2, recordsPerSecond: 200,
            consumer: #"{ "name": "app", "type": "kcl", "workers": 2, "fanOut": "shared" }"#,
            events: #"[{ "at": "150s", "action": "applicationRestart", "consumer": "app" }]"#)
        let result = try runScenario(json)
        let statistics = result.consumers[0].statistics
        #expect(statistics.kcl.leaseTakeovers == 4)
        #expect(statistics.kcl.recordsReprocessed > 5_400 && statistics.kcl.recordsReprocessed < 6_300)
        let ageSeconds = nanosecondsToSeconds(statistics.maxIteratorAgeNanoseconds)
        #expect(ageSeconds > 49.5 && ageSeconds < 52)
        #expect(statistics.kcl.workersIdle == 0 && statistics.kcl.workersDown == 0)
        expectEveryRecordRead(result)
    }

    @Test func aRecoveredWorkerStealsALeaseBack() throws {
        // Two shards, two workers (one lease each after the steal at t = 0). Worker 2 fails at 60 s; worker 1 takes its
        // expired lease; worker 2 recovers at 120 s and, holding none (target 1, worker 1 has 2), steals one.
        let json = Self.scenario(
            shards: 2, recordsPerSecond: 200,
            consumer: #"{ "name": "app", "type": "kcl", "workers": 2, "fanOut": "enhanced" }"#,
            events: """
                [{ "at": "60s", "action": "workerFailure", "consumer": "app", "worker": 2 },
                 { "at": "120s", "action": "workerRecovery", "consumer": "app", "worker": 2 }]
                """)
        let result = try runScenario(json)
        let kcl = result.consumers[0].statistics.kcl
        #expect(kcl.leaseTakeovers == 3)
        #expect(kcl.workersIdle == 0)
        expectEveryRecordRead(result)
    }

    @Test func parentsAreReadBeforeChildrenAfterASplit() throws {
        // A split at 60 s (complete at 90 s): the children's leases are new (unowned, "very old") and taken at the next
        // taker runs; their readers wait for the parent to be read to its end. Nothing is lost or skipped.
        let json = Self.scenario(
            shards: 2, recordsPerSecond: 400,
            consumer:
                #"{ "name": "app", "type": "kcl", "workers": 3, "fanOut": "shared", "checkpointEveryRecords": 1000 }"#,
            events: #"[{ "at": "60s", "action": "splitShard", "shardId": "shardId-000000000000" }]"#)
        let result = try runScenario(json)
        expectEveryRecordRead(result)
        #expect(result.consumers[0].recordsBehindAtEnd < 400 * 3)
        // Three open shards for three workers: none idle once balanced.
        #expect(result.consumers[0].statistics.kcl.workersIdle == 0)
    }

    @Test func aLeaseTakenBeforeTheStartResumesFromTheStartingPosition() throws {
        // The application starts at 60 s (LATEST); worker 1 fails at 10 s and recovers at 30 s, so its lease taker
        // takes the lease before the start. Its first checkpoint is the starting position (the tip at 60 s), not the
        // log's beginning. Worker 1 fails again at 100 s, before the first interval checkpoint (120 s): worker 2
        // resumes from the 60 s position and replays about 40 s × 100/s = 4,000 records (not the 10,000 since 0 s).
        let json = Self.scenario(
            shards: 1, recordsPerSecond: 100,
            consumer: #"{ "name": "app", "type": "kcl", "workers": 2, "fanOut": "shared", "startAt": "60s" }"#,
            events: """
                [{ "at": "10s", "action": "workerFailure", "consumer": "app", "worker": 1 },
                 { "at": "30s", "action": "workerRecovery", "consumer": "app", "worker": 1 },
                 { "at": "100s", "action": "workerFailure", "consumer": "app", "worker": 1 }]
                """)
        let kcl = try runScenario(json).consumers[0].statistics.kcl
        #expect(kcl.leaseTakeovers == 1)
        #expect(kcl.recordsReprocessed > 3_500 && kcl.recordsReprocessed < 4_300)
    }

    @Test func producerDuplicatesReachEveryConsumer() throws {
        // A producer on PutRecord (one record per request) at 1,000 records/s over 2 shards for 5 minutes loses 2 % of
        // its responses and resends them (3 attempts): N ≈ 300,000 records, copies ≈ 300,000 × (0.02 + 0.02²) =
        // 6,120 (binomial sd √(300,000 × 0.02 × 0.98) ≈ 77; bounds ±5 sd: 5,735 … 6,505). The stream stores
        // N + copies, and both readers, a KCL application and a classic shared consumer, read all of them: reads
        // (less KCL replays) + still behind = recordsSucceeded + recordsDuplicated, each. The KCL application also
        // loses worker 1 at 140 s, 20 s after its 120 s checkpoint: its replays (about 20 s × 510 records/s, copies
        // included, ≈ 10,200) are counted apart, in recordsReprocessed, not as producer duplicates.
        let json = Self.scenario(
            shards: 2, recordsPerSecond: 1_000,
            consumer: """
                { "name": "app", "type": "kcl", "workers": 2, "fanOut": "shared", "checkpointInterval": "60s" },
                { "name": "audit", "type": "shared" }
                """,
            events: #"[{ "at": "140s", "action": "workerFailure", "consumer": "app", "worker": 1 }]"#,
            producerFields: #""api": "PutRecord", "lostResponseShare": 0.02,"#)
        let result = try runScenario(json)
        let copies = result.totals.recordsDuplicated
        #expect(copies >= 5_735 && copies <= 6_505, "\(copies) copies")
        #expect(result.totals.incomingRecords == result.totals.recordsSucceeded + copies)
        expectEveryRecordRead(result, consumer: 0)
        expectEveryRecordRead(result, consumer: 1)
        let replayed = result.consumers[0].statistics.kcl.recordsReprocessed
        #expect(replayed > 9_000 && replayed < 10_800, "\(replayed) replayed")
        #expect(result.consumers[1].statistics.kcl.recordsReprocessed == 0)
    }

    /// The library's `producer-retries-duplicates` teaches what its description says: 1,000 records/s for 600 s on
    /// PutRecord, s = 0.01, 3 attempts: 600,000 × (0.01 + 0.0001) ≈ 6,060 copies (sd ≈ √(600,000 × 0.01) ≈ 78; ±5 sd:
    /// 5,670 … 6,450), delivered to the KCL application although it never fails over: its only takeover is worker
    /// 2's steal at t = 0 (worker 1 took both leases, worker 2's target is ceil(2 / 2) = 1), before any record,
    /// so it reprocesses nothing.
    @Test func theProducerRetriesLibraryScenarioDuplicatesWithoutAFailover() throws {
        let file = repositoryRoot.appendingPathComponent("scenarios/producer-retries-duplicates.json")
        let result = try runScenario(String(decoding: try Data(contentsOf: file), as: UTF8.self))
        let copies = result.totals.recordsDuplicated
        #expect(copies >= 5_670 && copies <= 6_450, "\(copies) copies")
        let kcl = result.consumers[0].statistics.kcl
        #expect(kcl.leaseTakeovers == 1 && kcl.recordsReprocessed == 0 && kcl.workersDown == 0)
        expectEveryRecordRead(result)
    }
}
