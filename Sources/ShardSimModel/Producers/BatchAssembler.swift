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
        // The key and size draws are chosen here, once a batch, so the per-record loop is compiled for the
        // scenario's kinds with no branch on the others (the draws are the same either way).
        switch (sampler.kind, generator.size) {
        case (.table(let table), .fixed(let bytes)):
            return fill(
                &records, batchStart: batchStart, deadline: deadline, keys: AliasKeys(table: table),
                sizes: FixedSize(bytes: Int32(bytes)))
        case (.uniform(let count), .fixed(let bytes)):
            return fill(
                &records, batchStart: batchStart, deadline: deadline, keys: UniformKeys(count: count),
                sizes: FixedSize(bytes: Int32(bytes)))
        default:
            return fill(
                &records, batchStart: batchStart, deadline: deadline, keys: AnyKeys(sampler: sampler),
                sizes: AnySize(generator: generator))
        }
    }

    /// `assemble`'s loop: takes the lookahead and draws on until the batch closes. Bounded by
    /// `maxRecordsPerBatch` or by the arrivals before the deadline.
    ///
    /// The generator's state and the random stream live in locals for the loop, so they stay in registers between
    /// draws, and records gather in a stack buffer appended to `records` in blocks (no uniqueness check per record).
    @inline(__always)
    private mutating func fill<Keys: KeyDraw, Sizes: SizeDraw>(
        _ records: inout [UserRecord], batchStart: Int, deadline: Int64, keys: Keys, sizes: Sizes
    ) -> (sendNanoseconds: Int64, bytes: Int64) {
        var generator = self.generator
        var random = self.random
        var record = lookahead!
        var hasLookahead = true
        var drawn: Int64 = 0
        var bytes: Int64 = 0
        var sendTime = deadline
        var batchCount = records.count - batchStart
        let maxRecords = maxRecordsPerBatch, maxBytes = maxBytesPerBatch
        withUnsafeTemporaryAllocation(of: UserRecord.self, capacity: BatchAssembler.blockRecords) { block in
            keyBytesByKey.withUnsafeBufferPointer { keyBytesByKey in
                var blockCount = 0
                while record.createdAtNanoseconds <= deadline {
                    let recordBytes = Int64(record.dataBytes) + Int64(keyBytesByKey[Int(record.keyIndex)])
                    if batchCount > 0 && bytes + recordBytes > maxBytes {
                        sendTime = record.createdAtNanoseconds
                        break
                    }
                    if blockCount == block.count {
                        records.append(contentsOf: UnsafeBufferPointer(rebasing: block[0..<blockCount]))
                        blockCount = 0
                    }
                    block.initializeElement(at: blockCount, to: record)
                    // Wrapping: bounded by the batch limits (a batch is far below 2^63 records or bytes).
                    blockCount &+= 1
                    batchCount &+= 1
                    bytes &+= recordBytes
                    let closesBatch = batchCount >= maxRecords
                    // The next record: arrival, key, size, in that order (the random stream's order).
                    // `record` came from the generator, so it is not exhausted.
                    guard let time = generator.nextArrivalWhileNotExhausted(&random) else {
                        hasLookahead = false
                        if closesBatch { sendTime = record.createdAtNanoseconds }
                        break
                    }
                    let closedAt = record.createdAtNanoseconds
                    record = UserRecord(
                        createdAtNanoseconds: time, keyIndex: keys.draw(&random), dataBytes: sizes.draw(&random))
                    drawn &+= 1
                    if closesBatch {
                        sendTime = closedAt
                        break
                    }
                }
                records.append(contentsOf: UnsafeBufferPointer(rebasing: block[0..<blockCount]))
            }
        }
        self.generator = generator
        self.random = random
        lookahead = hasLookahead ? record : nil
        recordsDrawn += drawn
        return (sendTime, bytes)
    }

    /// Records gathered on the stack before each append to the batch's array.
    private static let blockRecords = 256
}

/// A key draw specialized for one kind of key distribution (`BatchAssembler.fill` is compiled once per kind).
private protocol KeyDraw {
    func draw(_ random: inout Xoshiro256StarStar) -> Int32
}

/// Zipf keys: one alias-table draw, exactly as `KeySampler.sample` makes it.
private struct AliasKeys: KeyDraw {
    let table: AliasTable
    @inline(__always) func draw(_ random: inout Xoshiro256StarStar) -> Int32 {
        Int32(truncatingIfNeeded: table.sample(&random))
    }
}

/// Uniform keys, exactly as `KeySampler.sample` draws them.
private struct UniformKeys: KeyDraw {
    let count: UInt64
    @inline(__always) func draw(_ random: inout Xoshiro256StarStar) -> Int32 {
        Int32(truncatingIfNeeded: random.nextInt(below: count))
    }
}

/// Any key distribution, through `KeySampler`.
private struct AnyKeys: KeyDraw {
    let sampler: KeySampler
    @inline(__always) func draw(_ random: inout Xoshiro256StarStar) -> Int32 { sampler.sample(&random) }
}

/// A size draw specialized for one kind of size distribution.
private protocol SizeDraw {
    func draw(_ random: inout Xoshiro256StarStar) -> Int32
}

/// Fixed sizes draw nothing.
private struct FixedSize: SizeDraw {
    let bytes: Int32
    @inline(__always) func draw(_ random: inout Xoshiro256StarStar) -> Int32 { bytes }
}

/// Any size distribution, through the generator.
private struct AnySize: SizeDraw {
    let generator: ArrivalGenerator
    @inline(__always) func draw(_ random: inout Xoshiro256StarStar) -> Int32 { generator.nextSizeBytes(&random) }
}
