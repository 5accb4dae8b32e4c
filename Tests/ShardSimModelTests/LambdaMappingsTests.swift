import ShardSimEngine
import Testing

@testable import ShardSimModel

/// Lambda event source mappings on their own (facts sheet section 7): batches of up to BatchSize records, one at a
/// time per shard and parallelization slot, each running base + per-record time.
@Suite struct LambdaMappingsTests {
    @Test func twoHundredFiftyRecordsRunAsThreeBatchesOneAfterAnother() {
        // BatchSize 100, ParallelizationFactor 1, no batching window; the function takes 100 ms + 1 ms per record.
        // 250 records arrive at 0: batches of 100 (0–200 ms), 100 (200–400 ms) and 50 (400–550 ms). Billed:
        // 200 + 200 + 150 = 550 ms; 250 records delivered; at most one invocation at a time.
        var configuration = ComponentHarness.configuration(shards: 1)
        var function = ConsumerConfiguration(name: "function", type: .lambda)
        var lambdaSettings = LambdaConfiguration()
        lambdaSettings.batchSize = 100
        lambdaSettings.durationBaseNanoseconds = 100_000_000
        lambdaSettings.durationPerRecordNanoseconds = 1_000_000
        function.lambda = lambdaSettings
        configuration.consumers = [function]
        var context = ComponentHarness.context(configuration)
        var consumers = [ConsumerRuntime(configuration: function, index: 0, seed: 1)]
        var lambda = LambdaMappings(configuration: configuration)
        lambda.addSlot(consumer: 0, shard: 0)
        lambda.prepare(consumerSlot: 0)
        #expect(lambda.hasRoom(consumerSlot: 0))
        lambda.buffer(
            [readPiece(records: 250, bytesEach: 1_000, acceptedAt: 0)], consumerSlot: 0, at: 0,
            consumers: &consumers, context: &context)
        var finishes: [Int64] = []
        while let (event, kind) = context.nextEvent(before: 60 * nanosecondsPerSecond) {
            guard kind == .lambdaDone else { Issue.record("unexpected \(kind)"); continue }
            finishes.append(event.time)
            lambda.finishInvocation(slot: Int(event.target), at: event.time, consumers: &consumers, context: &context)
            #expect(lambda.invariantViolations().isEmpty)
        }
        #expect(finishes == [200_000_000, 400_000_000, 550_000_000])
        let statistics = consumers[0].statistics
        #expect(statistics.invocations == 3)
        #expect(statistics.recordsDelivered == 250)
        #expect(statistics.billedDurationMilliseconds == 550)
        #expect(statistics.concurrentExecutionsPeak == 1)
    }

    @Test func aBufferWhoseCountDisagreesWithItsPiecesIsAViolation() {
        var configuration = ComponentHarness.configuration(shards: 1)
        configuration.consumers = [ConsumerConfiguration(name: "function", type: .lambda)]
        var lambda = LambdaMappings(configuration: configuration)
        lambda.addSlot(consumer: 0, shard: 0)
        #expect(lambda.invariantViolations().isEmpty)
        lambda.shards[0].bufferedKinesisRecords = 7
        #expect(lambda.invariantViolations().count == 1)
    }
}
