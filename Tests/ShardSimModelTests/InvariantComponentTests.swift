import ShardSimEngine
import Testing

@testable import ShardSimModel

/// The invariants components check about themselves, on a hand-built write ledger and on a whole run.
@Suite struct InvariantComponentTests {
    private static func entry(bytes: Int32) -> [KinesisRecordEntry] {
        [KinesisRecordEntry(firstUserRecord: 0, userRecordCount: 1, countedBytes: bytes, routingKeyIndex: 0)]
    }

    @Test func anOversizedRecordIsTheOnlyWayAWindowGoesOverItsBytesAndItsDebtIsPaidFirst() {
        // 1 s windows of 1,000 records and 1,048,576 bytes. A 2 MiB record (2,097,152 B, a large record) is accepted
        // into the untouched window 0 alone, over the byte allowance: the debt rule. A 1 KB record at 0.5 s is
        // throttled. At 1 s the window starts with the excess, 2,097,152 − 1,048,576 = 1,048,576 B: full, so a 1 KB
        // record is throttled again. At 2 s the debt is paid (1,048,576 − 1,048,576 = 0) and it is accepted.
        var ledger = ShardWriteLedger(limits: ShardLimits(), windowNanoseconds: nanosecondsPerSecond)
        ledger.addShard()
        var accepted: [Int32] = []
        var outcomes: [Int] = []
        for (bytes, time) in [
            (Int32(2_097_152), Int64(0)), (1_024, 500_000_000), (1_024, 1_000_000_000), (1_024, 2_000_000_000),
        ] {
            var discarded = DiscardedAcceptedRecords()
            outcomes.append(
                Self.entry(bytes: bytes).withUnsafeBufferPointer { entries in
                    ledger.offer(
                        EntryRecords(entries: entries), shardByKey: [0], keyBytesByKey: [1], billsPartitionKey: false,
                        recordsFitOneBillingUnit: false, at: time, acceptedShards: &accepted, acceptedRuns: &discarded)
                })
            #expect(ledger.invariantViolations().isEmpty, "the debt rule allows what happened at \(time)")
        }
        #expect(outcomes == [1, 0, 0, 1])
    }

    @Test func aWholeRunWithReadersLambdaAndFirehoseEndsWithEveryInvariantHolding() throws {
        // Records in = records out across the write path, the shard logs and every reader, after a run with a
        // split completing in the middle (at 5 s + the 30 s a split takes; the layout change is a stage boundary too).
        var configuration = ComponentHarness.configuration(shards: 2, seconds: 60)
        var producer = ProducerConfiguration(name: "p", recordsPerSecond: 1_000)
        producer.recordSize = .fixed(bytes: 500)
        configuration.producers = [producer]
        configuration.consumers = [
            ConsumerConfiguration(name: "app", type: .shared),
            ConsumerConfiguration(name: "efo", type: .enhanced),
            ConsumerConfiguration(name: "function", type: .lambda),
            ConsumerConfiguration(name: "delivery", type: .firehose),
        ]
        configuration.consumers[3].firehose = FirehoseConfiguration()
        configuration.consumers[2].lambda = LambdaConfiguration()
        configuration.events = [
            .splitShard(
                atNanoseconds: 5 * nanosecondsPerSecond, shardId: "shardId-000000000001",
                newStartingHashKey: nil)
        ]
        var simulation = Simulation(configuration: configuration)
        simulation.runToHorizon()
        #expect(simulation.invariantViolations().isEmpty)
        #expect(simulation.readPath.logs.count == 4, "2 shards, then the split's 2 children")
        #expect(simulation.writePath.handedOnUserRecords > 0)
    }
}
