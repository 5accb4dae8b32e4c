import ShardSimEngine
import Testing

@testable import ShardSimModel

/// Firehose delivery streams on their own (facts sheet sections 8 and 11): each shard's buffer is delivered when it
/// reaches its size hint or when its interval has passed since its first record, whichever comes first.
@Suite struct FirehoseDeliveryTests {
    @Test func aBufferIsDeliveredBySizeThenByInterval() throws {
        // Size hint 1 MiB, interval 60 s. Reads of 400 KiB at 0, 1 and 2 s: after the third the buffer holds
        // 1,200 KiB ≥ 1,024 KiB and is delivered at 2 s by size (freshness 2 s, the age of its oldest record).
        // 100 KiB at 10 s starts a new buffer whose interval ends at 70 s: delivered then, freshness 60 s.
        var configuration = ComponentHarness.configuration(shards: 1, seconds: 120)
        var delivery = ConsumerConfiguration(name: "delivery", type: .firehose)
        var settings = FirehoseConfiguration()
        settings.bufferSizeBytes = 1_048_576
        settings.bufferIntervalNanoseconds = 60 * nanosecondsPerSecond
        delivery.firehose = settings
        configuration.consumers = [delivery]
        var context = ComponentHarness.context(configuration)
        var consumers = [ConsumerRuntime(configuration: delivery, index: 0, seed: 1)]
        var firehose = FirehoseDelivery(configuration: configuration)
        firehose.addSlot(consumer: 0)
        for second in Int64(0)...2 {
            firehose.buffer(
                [readPiece(records: 400, bytesEach: 1_024, acceptedAt: second * nanosecondsPerSecond)],
                consumerSlot: 0, at: second * nanosecondsPerSecond, consumer: &consumers[0], context: &context)
        }
        #expect(consumers[0].statistics.deliveries == 1)
        #expect(consumers[0].statistics.deliveriesBySize == 1)
        #expect(consumers[0].statistics.maxDataFreshnessNanoseconds == 2 * nanosecondsPerSecond)
        firehose.buffer(
            [readPiece(records: 100, bytesEach: 1_024, acceptedAt: 10 * nanosecondsPerSecond)],
            consumerSlot: 0, at: 10 * nanosecondsPerSecond, consumer: &consumers[0], context: &context)
        var flushes: [Int64] = []
        while let (event, kind) = context.nextEvent(before: configuration.durationNanoseconds) {
            #expect(kind == .firehoseFlush)
            flushes.append(event.time)
            firehose.intervalElapsed(
                consumerSlot: Int(event.target), generation: event.argument, at: event.time,
                consumers: &consumers)
        }
        // The first buffer's timer (60 s) finds it already delivered; the second's (70 s) delivers.
        #expect(flushes == [60 * nanosecondsPerSecond, 70 * nanosecondsPerSecond])
        let statistics = consumers[0].statistics
        #expect(statistics.deliveries == 2)
        #expect(statistics.deliveriesBySize == 1)
        #expect(statistics.recordsDelivered == 1_300)
        #expect(statistics.bytesDelivered == 1_300 * 1_024)
        #expect(statistics.maxDataFreshnessNanoseconds == 60 * nanosecondsPerSecond)
        #expect(firehose.invariantViolations().isEmpty)
    }
}
