import ShardSimEngine

/// Draws a producer's user records and closes them into KPL collection batches.
///
/// A batch closes when it holds `maxRecords`, when the next record would push it past `maxBytes`, or
/// `maxBufferedTime` after its first record arrived, whichever comes first (KPL collection). Depends on nothing
/// but the producer's own settings and random stream, so it can run ahead on another thread.
struct BatchAssembler {
    private(set) var generator: ArrivalGenerator
    private var random: Xoshiro256StarStar
    private let sampler: KeySampler
    private let keyBytesByKey: [Int32]
    private let maxRecordsPerBatch: Int
    private let maxBytesPerBatch: Int64
    private let maxBufferedNanoseconds: Int64
    /// The next record to arrive, drawn but not yet in a batch.
    private var lookahead: UserRecord?
    /// User records drawn so far, the lookahead included.
    private(set) var recordsDrawn: Int64 = 0

    init(
        configuration: ProducerConfiguration, keys: KeySpace, random: Xoshiro256StarStar, maxRecordBytes: Int64,
        horizonNanoseconds: Int64
    ) {
        generator = ArrivalGenerator(
            configuration: configuration, maxRecordBytes: maxRecordBytes,
            horizonNanoseconds: horizonNanoseconds)
        self.random = random
        sampler = keys.sampler
        keyBytesByKey = keys.keyBytesByKey
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
        var local = self.random
        lookahead = drawRecord(&local)
        self.random = local
    }

    /// Draws the next user record, or nil when the producer has no more arrivals before the horizon.
    @inline(__always)
    private mutating func drawRecord(_ random: inout Xoshiro256StarStar) -> UserRecord? {
        guard let time = generator.nextArrivalNanoseconds(&random) else { return nil }
        let keyIndex = sampler.sample(&random)
        let size = generator.nextSizeBytes(&random)
        recordsDrawn += 1
        return UserRecord(createdAtNanoseconds: time, keyIndex: keyIndex, dataBytes: size)
    }

    /// Appends the next batch to `records` after `batchStart` (records before it that belong to the batch,
    /// such as carried aggregates, count towards its limits) and returns its send time and bytes; nil when no
    /// records remain.
    mutating func assemble(into records: inout [UserRecord], batchStart: Int, previousSendNanoseconds: Int64)
        -> (sendNanoseconds: Int64, bytes: Int64)?
    {
        guard let first = lookahead else {
            // Only carried aggregates are left: they go when their buffered time is up.
            guard records.count > batchStart else { return nil }
            return (max(previousSendNanoseconds, records[batchStart].createdAtNanoseconds + maxBufferedNanoseconds), 0)
        }
        let deadline = first.createdAtNanoseconds + maxBufferedNanoseconds
        var bytes: Int64 = 0
        var sendTime = deadline
        // The generator's state lives in a local for the loop, so it stays in registers between draws.
        var random = self.random
        defer { self.random = random }
        // Bounded by maxRecordsPerBatch or by the arrivals before the deadline.
        while let record = lookahead {
            if record.createdAtNanoseconds > deadline { break }
            let recordBytes = Int64(record.dataBytes) + Int64(keyBytesByKey[Int(record.keyIndex)])
            if records.count > batchStart && bytes + recordBytes > maxBytesPerBatch {
                sendTime = record.createdAtNanoseconds
                break
            }
            records.append(record)
            bytes += recordBytes
            lookahead = drawRecord(&random)
            if records.count - batchStart >= maxRecordsPerBatch {
                sendTime = record.createdAtNanoseconds
                break
            }
        }
        return (sendTime, bytes)
    }
}
