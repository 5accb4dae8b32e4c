import Testing

@testable import ShardSimModel

/// The compact per-shard log: exact counts, bounded memory, expiry.
@Suite struct ShardLogTests {
    @Test func memoryIsBoundedByRetentionNotDuration() {
        // 200 appends a second for two hours, trimmed to one hour: runs coalesce per 100 ms, so at most
        // ~10 per second of retention stay in memory.
        var log = ShardLog(coalescingNanoseconds: 100_000_000)
        for tick in 0..<(7_200 * 200) {
            let time = Int64(tick) * 5_000_000
            log.append(at: time, kinesisRecords: 5, userRecords: 5, bytes: 5_000)
            if tick % 200 == 0 { log.trim(acceptedBefore: time - 3_600_000_000_000) }
        }
        #expect(log.retainedRunCount <= 3_601 * 10)
        #expect(log.totalUserRecords == 7_200 * 200 * 5)
    }

    @Test func readingInSmallStepsCountsEveryRecordExactlyOnce() {
        // Aggregated runs (user records ≠ Kinesis records) read 7 Kinesis records at a time, while the last
        // run keeps growing: the totals must still come out exact.
        var log = ShardLog(coalescingNanoseconds: 1_000_000_000)
        var cursor = LogCursor()
        var pieces: [ReadPiece] = []
        var userRead: Int64 = 0
        var bytesRead: Int64 = 0
        for step in 0..<1_000 {
            let time = Int64(step) * 10_000_000
            log.append(at: time, kinesisRecords: 3, userRecords: 37, bytes: 1_001)
            let outcome = log.read(
                from: &cursor, visibleThrough: time, maxKinesisRecords: 7, maxBytes: .max, pieces: &pieces)
            userRead += outcome.userRecords
            bytesRead += outcome.bytes
        }
        // Drain what is left.
        for _ in 0..<1_000 {
            let outcome = log.read(
                from: &cursor, visibleThrough: .max, maxKinesisRecords: 7, maxBytes: .max, pieces: &pieces)
            userRead += outcome.userRecords
            bytesRead += outcome.bytes
        }
        #expect(userRead == 37_000)
        #expect(bytesRead == 1_001_000)
    }

    @Test func recordsAreInvisibleUntilTheirPropagationDelayHasPassed() {
        var log = ShardLog(coalescingNanoseconds: 0)
        log.append(at: 1_000, kinesisRecords: 1, userRecords: 1, bytes: 10)
        var cursor = LogCursor()
        var pieces: [ReadPiece] = []
        let early = log.read(from: &cursor, visibleThrough: 999, maxKinesisRecords: 10, maxBytes: .max, pieces: &pieces)
        #expect(early.userRecords == 0)
        #expect(early.stop == .notYetVisible(acceptedAt: 1_000))
        let later = log.read(
            from: &cursor, visibleThrough: 1_000, maxKinesisRecords: 10, maxBytes: .max, pieces: &pieces)
        #expect(later.userRecords == 1)
        #expect(later.stop == .caughtUp)
    }

    @Test func aReaderBehindTheTrimmedHeadCountsExpiredRecords() {
        var log = ShardLog(coalescingNanoseconds: 0)
        for second in 0..<10 {
            log.append(at: Int64(second) * 1_000_000_000, kinesisRecords: 2, userRecords: 4, bytes: 100)
        }
        log.trim(acceptedBefore: 5_000_000_000)
        var cursor = LogCursor()
        var pieces: [ReadPiece] = []
        let outcome = log.read(
            from: &cursor, visibleThrough: .max, maxKinesisRecords: 1_000, maxBytes: .max, pieces: &pieces)
        #expect(outcome.expiredUserRecords == 20)
        #expect(outcome.userRecords == 20)
    }

    @Test func aGetRecordsCallReturnsAtLeastOneRecordEvenWhenItExceedsTheByteLimit() {
        var log = ShardLog(coalescingNanoseconds: 0)
        log.append(at: 0, kinesisRecords: 1, userRecords: 1, bytes: 5_000_000)
        var cursor = LogCursor()
        var pieces: [ReadPiece] = []
        let outcome = log.read(
            from: &cursor, visibleThrough: 0, maxKinesisRecords: 10, maxBytes: 1_000, pieces: &pieces)
        #expect(outcome.kinesisRecords == 1)
    }
}
