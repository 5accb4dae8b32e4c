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
    /// Records drawn ahead, in arrival order: `ahead[aheadStart...]` are not yet in a batch, and the first of them
    /// is the next to arrive (the lookahead). Empty only once the producer has no more arrivals before the horizon.
    ///
    /// The producer's random stream is its own, so drawing a block ahead gives the same records in the same order
    /// as drawing each when needed; the draws then run in a loop of their own, with nothing else live.
    private var ahead: [UserRecord] = []
    private var aheadStart = 0
    /// User records taken into batches so far.
    private var recordsTaken: Int64 = 0

    /// User records drawn so far, the lookahead included (what the producer has created).
    var recordsDrawn: Int64 { recordsTaken + (aheadStart < ahead.count ? 1 : 0) }

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
        ahead.reserveCapacity(BatchAssembler.blockRecords)
        drawAhead()
    }

    /// Appends the next batch to `records` after `batchStart` (records before it that belong to the batch,
    /// such as carried aggregates, count towards its limits) and returns its send time and bytes; nil when no
    /// records remain.
    mutating func assemble(into records: inout [UserRecord], batchStart: Int, previousSendNanoseconds: Int64)
        -> (sendNanoseconds: Int64, bytes: Int64)?
    {
        guard aheadStart < ahead.count else {
            // Only carried aggregates are left: they go when their buffered time is up.
            guard records.count > batchStart else { return nil }
            return (max(previousSendNanoseconds, records[batchStart].createdAtNanoseconds + maxBufferedNanoseconds), 0)
        }
        let deadline = ahead[aheadStart].createdAtNanoseconds + maxBufferedNanoseconds
        var batch = OpenBatch(count: records.count - batchStart, bytes: 0, sendNanoseconds: deadline)
        while true {
            let start = aheadStart
            let closed = take(into: &batch, deadline: deadline)
            records.append(contentsOf: ahead[start..<aheadStart])
            recordsTaken += Int64(aheadStart - start)
            if aheadStart == ahead.count { drawAhead() }
            if closed || aheadStart == ahead.count { break }
        }
        return (batch.sendNanoseconds, batch.bytes)
    }

    /// A batch being filled: its records (carried ones included), bytes and send time so far.
    private struct OpenBatch {
        var count: Int
        var bytes: Int64
        var sendNanoseconds: Int64
    }

    /// Moves `aheadStart` past the drawn records that join `batch`; true when the batch closed (on its deadline,
    /// bytes or records), false when the records drawn ahead ran out first.
    private mutating func take(into batch: inout OpenBatch, deadline: Int64) -> Bool {
        var position = aheadStart
        defer { aheadStart = position }
        let maxRecords = maxRecordsPerBatch, maxBytes = maxBytesPerBatch
        return ahead.withUnsafeBufferPointer { ahead in
            keyBytesByKey.withUnsafeBufferPointer { keyBytesByKey in
                while position < ahead.count {
                    let record = ahead[position]
                    if record.createdAtNanoseconds > deadline { return true }
                    let recordBytes = Int64(record.dataBytes) + Int64(keyBytesByKey[Int(record.keyIndex)])
                    if batch.count > 0 && batch.bytes + recordBytes > maxBytes {
                        batch.sendNanoseconds = record.createdAtNanoseconds
                        return true
                    }
                    position &+= 1
                    // Wrapping: bounded by the batch limits (a batch is far below 2^63 records or bytes).
                    batch.count &+= 1
                    batch.bytes &+= recordBytes
                    if batch.count >= maxRecords {
                        batch.sendNanoseconds = record.createdAtNanoseconds
                        return true
                    }
                }
                return false
            }
        }
    }

    /// Refills `ahead` with the next block of records (fewer, or none, at the horizon). The key and size draws are
    /// chosen here, once a block, so the per-record loop is compiled for the scenario's kinds with no branch on the
    /// others (the draws are the same either way).
    private mutating func drawAhead() {
        ahead.removeAll(keepingCapacity: true)
        aheadStart = 0
        guard !generator.isExhausted else { return }
        switch (sampler.kind, generator.size) {
        case (.table(let table), .fixed(let bytes)):
            draw(keys: AliasKeys(table: table), sizes: FixedSize(bytes: Int32(bytes)))
        case (.uniform(let count), .fixed(let bytes)):
            draw(keys: UniformKeys(count: count), sizes: FixedSize(bytes: Int32(bytes)))
        default:
            draw(keys: AnyKeys(sampler: sampler), sizes: AnySize(generator: generator))
        }
    }

    /// `drawAhead` for one kind of key and size draw.
    @inline(__always)
    private mutating func draw<Keys: KeyDraw, Sizes: SizeDraw>(keys: Keys, sizes: Sizes) {
        var generator = self.generator
        var random = self.random
        ahead = [UserRecord](unsafeUninitializedCapacity: BatchAssembler.blockRecords) { block, drawn in
            (drawn, generator, random) = BatchAssembler.drawBlock(
                into: block, generator: generator, random: random, keys: keys, sizes: sizes)
        }
        self.generator = generator
        self.random = random
    }

    /// Draws records into `block` until it is full or the generator reaches the horizon: arrival, key, size, in that
    /// order (the random stream's order). Returns how many it drew and the generator and stream after them.
    ///
    /// Out of line and by value on purpose: the generator's state and the random stream are this function's own
    /// locals, with no address taken, so they stay in registers across the loop (captured by a closure, they were
    /// stored back to memory on every draw).
    @inline(never)
    private static func drawBlock<Keys: KeyDraw, Sizes: SizeDraw>(
        into block: UnsafeMutableBufferPointer<UserRecord>, generator: ArrivalGenerator, random: Xoshiro256StarStar,
        keys: Keys, sizes: Sizes
    ) -> (Int, ArrivalGenerator, Xoshiro256StarStar) {
        var generator = generator
        var random = random
        var drawn = 0
        while drawn < block.count {
            guard let time = generator.nextArrivalWhileNotExhausted(&random) else { break }
            let keyIndex = keys.draw(&random)
            let dataBytes = sizes.draw(&random)
            block.initializeElement(
                at: drawn, to: UserRecord(createdAtNanoseconds: time, keyIndex: keyIndex, dataBytes: dataBytes))
            drawn &+= 1
        }
        return (drawn, generator, random)
    }

    /// Records drawn ahead at a time.
    private static let blockRecords = 512
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
