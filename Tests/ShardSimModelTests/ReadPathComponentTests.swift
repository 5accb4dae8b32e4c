import ShardSimEngine
import Testing

@testable import ShardSimModel

/// The read path on its own, run by a small loop of the test's: shared-throughput readers against one shard's
/// GetRecords limits (facts sheet section 5: 5 calls/s and 2 MiB/s per shard, shared by every polling reader).
@Suite struct ReadPathComponentTests {
    /// A one-shard stream read by `readers` shared consumers polling every `pollMilliseconds` without jitter.
    private static func readPath(readers: Int, pollMilliseconds: Int64)
        -> (ReadPath, LambdaMappings, FirehoseDelivery, SimulationContext)
    {
        var configuration = ComponentHarness.configuration(shards: 1)
        configuration.assumptions.pollJitterFraction = 0
        for index in 0..<readers {
            var reader = ConsumerConfiguration(name: "reader-\(index)", type: .shared)
            reader.pollIntervalNanoseconds = pollMilliseconds * 1_000_000
            reader.startingPosition = .trimHorizon
            configuration.consumers.append(reader)
        }
        var context = ComponentHarness.context(configuration)
        var readPath = ReadPath(configuration: configuration)
        var lambda = LambdaMappings(configuration: configuration)
        var firehose = FirehoseDelivery(configuration: configuration)
        readPath.addShard(coalescingNanoseconds: configuration.assumptions.logCoalescingNanoseconds)
        for consumer in 0..<readers {
            _ = readPath.addSlot(consumer: consumer, shard: 0, at: 0)
            lambda.addSlot(consumer: consumer, shard: 0)
            firehose.addSlot(consumer: consumer)
        }
        readPath.start(context: &context)
        return (readPath, lambda, firehose, context)
    }

    /// Runs the read path's own events until `seconds`.
    private static func run(
        _ readPath: inout ReadPath, _ lambda: inout LambdaMappings, _ firehose: inout FirehoseDelivery,
        _ context: inout SimulationContext, seconds: Int64
    ) {
        while let (event, kind) = context.nextEvent(before: seconds * nanosecondsPerSecond) {
            switch kind {
            case .consumerStart:
                readPath.startConsumer(Int(event.target), at: event.time, context: &context, lambda: &lambda)
            case .sharedPoll:
                readPath.sharedPoll(
                    slot: event.target, at: event.time, context: &context, lambda: &lambda, firehose: &firehose)
            default: Issue.record("the read path scheduled a \(kind) event")
            }
        }
    }

    @Test func threeReadersPollingEveryTwoHundredMillisecondsMakeFifteenCallsASecondAgainstFive() {
        // Each reader polls 1,000 / 200 = 5 times a second (a throttled reader tries again at its next poll), so
        // every aligned second holds 3 × 5 = 15 calls; the shard admits 5 and throttles 10. Over 10 s: 150 calls,
        // 100 of them throttled (ReadProvisionedThroughputExceeded).
        var (readPath, lambda, firehose, context) = Self.readPath(readers: 3, pollMilliseconds: 200)
        Self.run(&readPath, &lambda, &firehose, &context, seconds: 10)
        let calls = readPath.consumers.reduce(Int64(0)) { $0 + $1.statistics.getRecordsCalls }
        let throttled = readPath.consumers.reduce(Int64(0)) { $0 + $1.statistics.readProvisionedThroughputExceeded }
        #expect(calls == 150)
        #expect(throttled == 100)
        #expect(readPath.invariantViolations().isEmpty)
    }

    @Test func oneReaderPollingOnceASecondIsNeverThrottledAndReadsWhatWasAppended() {
        // 1 call/s is within 5 calls/s. 1,000 records of 1,000 bytes appended at 0.5 s (1 MB, under the 2 MiB/s
        // read limit and the 10,000-record call limit) are all delivered by the first poll after they are visible.
        var (readPath, lambda, firehose, context) = Self.readPath(readers: 1, pollMilliseconds: 1_000)
        var runs = AcceptedRuns()
        runs.addShard()
        let records = (0..<1_000).map {
            KinesisRecordEntry(
                firstUserRecord: Int32($0), userRecordCount: 1, countedBytes: 1_000,
                routingKeyIndex: 0)
        }
        runs.add(records, acceptedShards: Array(repeating: 0, count: 1_000))
        readPath.appendAccepted(&runs, at: 500_000_000, context: &context)
        Self.run(&readPath, &lambda, &firehose, &context, seconds: 5)
        let statistics = readPath.consumers[0].statistics
        #expect(statistics.readProvisionedThroughputExceeded == 0)
        #expect(statistics.recordsDelivered == 1_000)
        #expect(statistics.bytesRead == 1_000_000)
        #expect(readPath.invariantViolations().isEmpty)
    }

    @Test func aReaderPastTheEndOfItsLogIsAViolation() {
        // A cursor cannot point past what the log ever held: hand-break one and the check must say so.
        var (readPath, _, _, _) = Self.readPath(readers: 1, pollMilliseconds: 1_000)
        readPath.slots[0].cursor.userRecordPosition = 5
        #expect(readPath.invariantViolations().count == 1)
    }
}
