import ShardSimEngine

/// Counters a producer keeps while the simulation runs.
public struct ProducerStatistics: Sendable, Equatable {
    /// User records created (first tries).
    public var recordsAttempted: Int64 = 0
    public var recordsSucceeded: Int64 = 0
    /// Given up after the last retry: data loss.
    public var recordsFailed: Int64 = 0
    /// User-record attempts, retries included, and how many of them were throttled.
    public var userRecordAttempts: Int64 = 0
    public var userRecordAttemptsThrottled: Int64 = 0
    /// Kinesis-record attempts (aggregates count once), and how many were throttled.
    public var kinesisRecordAttempts: Int64 = 0
    public var kinesisRecordAttemptsThrottled: Int64 = 0
    /// PutRecords / PutRecord requests sent, retries included.
    public var requestsSent: Int64 = 0
    /// Requests in which at least one record was throttled (`FailedRecordCount` > 0).
    public var requestsWithFailedRecords: Int64 = 0
    /// Buffering + request latency + retry waits, for every accepted user record, in nanoseconds.
    public var putLatency = LatencyHistogram()

    public init() {}
}

/// One producer fleet during a run: its arrivals, its collection buffer and its statistics.
///
/// Batches are assembled one ahead: arrivals do not depend on the stream, so the next batch's records and
/// send time are known as soon as the previous batch leaves. One event per batch, not per record.
struct ProducerRuntime {
    let configuration: ProducerConfiguration
    var keys: KeySpace
    var arrivalRandom: Xoshiro256StarStar
    var retryRandom: Xoshiro256StarStar
    var generator: ArrivalGenerator
    var statistics = ProducerStatistics()
    /// The next record to arrive, drawn but not yet in a batch.
    private var lookahead: UserRecord?
    /// KPL aggregates carried over from the last request, not yet full (see `KinesisRecordPacker`).
    var carried: [UserRecord] = []
    /// The batch waiting to be sent at `pendingSendNanoseconds`.
    private(set) var pending: [UserRecord] = []
    private(set) var pendingSendNanoseconds: Int64 = 0
    /// Data plus partition-key bytes of the pending batch.
    private(set) var pendingBytes: Int64 = 0
    private let maxRecordsPerBatch: Int
    private let maxBytesPerBatch: Int64
    private let maxBufferedNanoseconds: Int64

    init(configuration: ProducerConfiguration, index: Int, seed: UInt64, stream: StreamConfiguration,
         horizonNanoseconds: Int64) {
        self.configuration = configuration
        keys = KeySpace(distribution: configuration.partitionKeys)
        arrivalRandom = Xoshiro256StarStar(seed: seed, stream: UInt64(index) * 2 + 1)
        retryRandom = Xoshiro256StarStar(seed: seed, stream: UInt64(index) * 2 + 2)
        generator = ArrivalGenerator(configuration: configuration, maxRecordBytes: stream.maxRecordSizeBytes,
                                     horizonNanoseconds: horizonNanoseconds)
        if configuration.api == .putRecord {
            // PutRecord sends each record on its own as it arrives.
            maxRecordsPerBatch = 1
            maxBytesPerBatch = .max
            maxBufferedNanoseconds = 0
        } else if configuration.aggregation.isEnabled {
            // With aggregation the collection limits apply to aggregates, not user records; the buffer
            // closes on bytes or time and `KinesisRecordPacker` splits it into requests.
            maxRecordsPerBatch = .max
            maxBytesPerBatch = configuration.batching.maxBytes
            maxBufferedNanoseconds = configuration.batching.maxBufferedNanoseconds
        } else {
            maxRecordsPerBatch = configuration.batching.maxRecords
            maxBytesPerBatch = configuration.batching.maxBytes
            maxBufferedNanoseconds = configuration.batching.maxBufferedNanoseconds
        }
        var random = arrivalRandom
        lookahead = drawRecord(&random)
        arrivalRandom = random
    }

    /// Draws the next user record, or nil when the producer has no more arrivals before the horizon.
    @inline(__always)
    private mutating func drawRecord(_ random: inout Xoshiro256StarStar) -> UserRecord? {
        guard let time = generator.nextArrivalNanoseconds(&random) else { return nil }
        let keyIndex = keys.sampler.sample(&random)
        let size = generator.nextSizeBytes(&random)
        statistics.recordsAttempted += 1
        return UserRecord(createdAtNanoseconds: time, keyIndex: keyIndex, dataBytes: size)
    }

    /// Fills `pending` with the next batch and sets its send time; false when no records remain.
    ///
    /// The batch closes when it holds `maxRecords`, when the next record would push it past `maxBytes`,
    /// or `maxBufferedTime` after its first record arrived, whichever comes first (KPL collection).
    mutating func assembleNextBatch() -> Bool {
        pending.removeAll(keepingCapacity: true)
        let previousSend = pendingSendNanoseconds
        if !carried.isEmpty {
            pending.append(contentsOf: carried)
            carried.removeAll(keepingCapacity: true)
        }
        guard let first = lookahead else {
            // Only carried aggregates are left: they go when their buffered time is up.
            guard let oldest = pending.first else { return false }
            pendingSendNanoseconds = max(previousSend, oldest.createdAtNanoseconds + maxBufferedNanoseconds)
            return true
        }
        let deadline = first.createdAtNanoseconds + maxBufferedNanoseconds
        var bytes: Int64 = 0
        var sendTime = deadline
        // The generator's state lives in a local for the loop, so it stays in registers between draws.
        var random = arrivalRandom
        defer { arrivalRandom = random }
        // Bounded by maxRecordsPerBatch or by the arrivals before the deadline.
        while let record = lookahead {
            if record.createdAtNanoseconds > deadline { break }
            let recordBytes = Int64(record.dataBytes) + Int64(keys.keyBytesByKey[Int(record.keyIndex)])
            if !pending.isEmpty && bytes + recordBytes > maxBytesPerBatch {
                sendTime = record.createdAtNanoseconds
                break
            }
            pending.append(record)
            bytes += recordBytes
            lookahead = drawRecord(&random)
            if pending.count >= maxRecordsPerBatch {
                sendTime = record.createdAtNanoseconds
                break
            }
        }
        pendingSendNanoseconds = sendTime
        pendingBytes = bytes
        return true
    }

    /// Hands the pending batch over to `records` (a request's emptied buffer), leaving that buffer here
    /// to collect the next batch: a swap, so no user record is copied.
    mutating func movePendingBatch(into records: inout [UserRecord]) {
        swap(&pending, &records)
    }

    /// User records created but not yet sent.
    var userRecordsBuffered: Int { pending.count + carried.count }
}
