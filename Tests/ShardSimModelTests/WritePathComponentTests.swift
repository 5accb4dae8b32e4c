import ShardSimEngine
import Testing

@testable import ShardSimModel

/// The write path on its own: requests put into its pool by hand and applied at chosen times, against the
/// per-shard write limits (facts sheet section 2: 1,000 records/s and 1 MiB/s per shard; PutRecords partial failure).
@Suite struct WritePathComponentTests {
    /// One producer on a one-shard stream, writing 1 KB records (data + key = 1,024 counted bytes).
    private static func writePath(
        maxAttempts: Int, initialBackoffNanoseconds: Int64 = 100_000_000,
        withReader: Bool = false
    ) -> (WritePath, SimulationContext) {
        var configuration = ComponentHarness.configuration(shards: 1)
        var producer = ProducerConfiguration(name: "p", recordsPerSecond: 1_200)
        producer.partitionKeys = .uniform(count: 10, prefix: "key-")
        producer.retry.maxAttempts = maxAttempts
        producer.retry.initialBackoffNanoseconds = initialBackoffNanoseconds
        producer.retry.jitter = .none
        configuration.producers = [producer]
        if withReader { configuration.consumers = [ConsumerConfiguration(name: "reader", type: .shared)] }
        let context = ComponentHarness.context(configuration)
        var writePath = WritePath(configuration: configuration, layout: context.layout)
        writePath.addShard()
        return (writePath, context)
    }

    /// Puts a PutRecords request of `count` 1 KB records into the pool; returns its slot.
    private static func request(_ count: Int, into writePath: inout WritePath) -> Int32 {
        let source = (0..<count).map { UserRecord(createdAtNanoseconds: 0, keyIndex: Int32($0 % 10), dataBytes: 1_019) }
        let slot = writePath.pool.acquire(producerIndex: 0, attempt: 1)
        for index in 0..<count {
            let entry = KinesisRecordEntry(
                firstUserRecord: Int32(index), userRecordCount: 1, countedBytes: 1_024,
                routingKeyIndex: Int32(index % 10))
            writePath.pool.appendRecord(entry, from: source, to: slot)
        }
        return slot
    }

    @Test func twelveHundredRecordsInOneSecondAcceptAThousandAndThrottleTwoHundred() {
        // 3 requests of 400 × 1 KB at 0, 0.3 and 0.6 s, all in second 0 of one shard: 1,000 records/s is the
        // binding limit (1,000 × 1,024 B = 1,024,000 B < 1,048,576 B/s). The first two are accepted whole (800),
        // the third gets 200 in and 200 throttled; with one attempt, those 200 fail.
        let made = Self.writePath(maxAttempts: 1)
        var writePath = made.0
        let context = made.1
        for (index, time) in [Int64(0), 300_000_000, 600_000_000].enumerated() {
            let slot = Self.request(400, into: &writePath)
            let retry = writePath.applyRequest(slot: slot, at: time, assumptions: context.assumptions)
            #expect(retry == nil, "request \(index) has no attempts left to retry with")
        }
        writePath.ledger.finish()
        let statistics = writePath.producers[0].statistics
        #expect(statistics.recordsSucceeded == 1_000)
        #expect(statistics.kinesisRecordAttemptsThrottled == 200)
        #expect(statistics.recordsFailed == 200)
        #expect(writePath.ledger.statistics[0].incomingRecords == 1_000)
        #expect(writePath.ledger.statistics[0].writeProvisionedThroughputExceeded == 200)
        #expect(writePath.invariantViolations().isEmpty)
    }

    @Test func throttledRecordsComeBackAfterTheBackoffAndFitTheNextSecond() {
        // The same 1,200 records with 3 attempts and a 500 ms first backoff (no jitter): the 200 throttled at
        // 0.6 s come back at 0.6 + 0.5 + 0.02 (request latency) = 1.12 s, in second 1, where the shard has room.
        let made = Self.writePath(maxAttempts: 3, initialBackoffNanoseconds: 500_000_000)
        var writePath = made.0
        let context = made.1
        var retry: PutRetry?
        for time in [Int64(0), 300_000_000, 600_000_000] {
            retry = writePath.applyRequest(
                slot: Self.request(400, into: &writePath), at: time, assumptions: context.assumptions)
        }
        let due = try! #require(retry)
        #expect(due.arrivesAt == 1_120_000_000)
        #expect(writePath.pool.slots[Int(due.slot)].records.count == 200)
        #expect(writePath.applyRequest(slot: due.slot, at: due.arrivesAt, assumptions: context.assumptions) == nil)
        let statistics = writePath.producers[0].statistics
        #expect(statistics.recordsSucceeded == 1_200)
        #expect(statistics.recordsFailed == 0)
        #expect(statistics.kinesisRecordAttemptsThrottled == 200)
        #expect(statistics.requestsSent == 1, "only the retry was sent by the write path itself")
        #expect(writePath.invariantViolations().isEmpty)
    }

    @Test func acceptedRecordsAreHandedToTheShardLogThroughAcceptedRuns() {
        // With a reader, what the shard accepted (the 200 of the third request's 400 that fit) is handed on:
        // 200 records of 1,024 bytes, which the read path appends to shard 0's log.
        var (writePath, context) = Self.writePath(maxAttempts: 1, withReader: true)
        var readPath = ReadPath(configuration: context.configuration)
        readPath.addShard(coalescingNanoseconds: context.assumptions.logCoalescingNanoseconds)
        var accepted: [Int64] = []
        for time in [Int64(0), 300_000_000, 600_000_000] {
            _ = writePath.applyRequest(
                slot: Self.request(400, into: &writePath), at: time, assumptions: context.assumptions)
            accepted.append(writePath.acceptedRuns.byShard[0].kinesisRecords)
            #expect(
                !writePath.invariantViolations().isEmpty, "accepted records not yet in the log break records in = out")
            readPath.appendAccepted(&writePath.acceptedRuns, at: time, context: &context)
            #expect(writePath.invariantViolations().isEmpty)
        }
        #expect(accepted == [400, 400, 200])
        #expect(readPath.logs[0].totalUserRecords == 1_000)
        #expect(readPath.logs[0].totalBytes == 1_024_000)
        #expect(writePath.handedOnUserRecords == 1_000)
    }

    @Test func backoffDoublesPerAttemptUpToTheCeiling() {
        // min(maxBackoff, initial × 2^(attempt − 1)) without jitter: 100, 200, 400, 800 ms, then the 1 s ceiling.
        var retry = RetryConfiguration()
        retry.initialBackoffNanoseconds = 100_000_000
        retry.maxBackoffNanoseconds = 1_000_000_000
        retry.jitter = .none
        var random = Xoshiro256StarStar(seed: 1)
        let backoffs = (1...5).map { retry.backoffNanoseconds(afterAttempt: $0, random: &random) }
        #expect(backoffs == [100_000_000, 200_000_000, 400_000_000, 800_000_000, 1_000_000_000])
    }
}
