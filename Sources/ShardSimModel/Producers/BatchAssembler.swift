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
    /// Whether the byte limit can close a batch before its record limit does. When it cannot (every record is small
    /// enough that `maxRecordsPerBatch` of them fit in `maxBytesPerBatch`), a batch is found by time and count alone
    /// (`takeByTimeAndCount`), and its bytes are reported as an upper bound: records × the largest record.
    private let bytesCanCloseBatch: Bool
    /// The largest Kinesis record (data plus partition key) the producer can send (`maxKinesisRecordBytes(keys:)`).
    let maxKinesisRecordBytes: Int64
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
        maxKinesisRecordBytes = configuration.maxKinesisRecordBytes(keys: keys)
        let (mostBytes, overflow) = Int64(min(maxRecordsPerBatch, Int(Int32.max)))
            .multipliedReportingOverflow(by: maxKinesisRecordBytes)
        bytesCanCloseBatch = overflow || mostBytes > maxBytesPerBatch
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

    /// A batch being filled: its records (carried ones included), bytes (an upper bound where the byte limit cannot
    /// close it, see `bytesCanCloseBatch`) and send time so far.
    private struct OpenBatch {
        var count: Int
        var bytes: Int64
        var sendNanoseconds: Int64
    }

    /// Moves `aheadStart` past the drawn records that join `batch`; true when the batch closed (on its deadline,
    /// bytes or records), false when the records drawn ahead ran out first.
    private mutating func take(into batch: inout OpenBatch, deadline: Int64) -> Bool {
        if !bytesCanCloseBatch { return takeByTimeAndCount(into: &batch, deadline: deadline) }
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

    /// `take` for a producer whose batches the byte limit cannot close: the same records and send time, found
    /// without a pass over the records. They arrive in time order, so the ones at or before the deadline are a
    /// prefix of those drawn ahead (found by bisection); the batch takes as many of them as its record limit allows.
    private mutating func takeByTimeAndCount(into batch: inout OpenBatch, deadline: Int64) -> Bool {
        let start = aheadStart
        // First position past the deadline: every record before it arrived at or before the deadline.
        var low = start, high = ahead.count
        while low < high {
            let middle = low + (high - low) / 2
            if ahead[middle].createdAtNanoseconds > deadline { high = middle } else { low = middle + 1 }
        }
        let room = maxRecordsPerBatch - batch.count
        precondition(room > 0, "an open batch has room for a record")
        if low - start >= room {
            // Full: it closes on its last record (the record limit), as `take` closes it.
            aheadStart = start + room
            batch.count += room
            batch.bytes += Int64(room) * maxKinesisRecordBytes
            batch.sendNanoseconds = ahead[aheadStart - 1].createdAtNanoseconds
            return true
        }
        aheadStart = low
        batch.count += low - start
        batch.bytes += Int64(low - start) * maxKinesisRecordBytes
        // A record past the deadline closes it at the deadline; none drawn past it yet, and it stays open.
        return low < ahead.count
    }

    /// Refills `ahead` with the next block of records (fewer, or none, at the horizon). The gap, key and size draws
    /// are chosen here, once a block, so the per-record loop is compiled for the scenario's kinds with no branch on
    /// the others (the draws are the same either way).
    private mutating func drawAhead() {
        ahead.removeAll(keepingCapacity: true)
        aheadStart = 0
        guard !generator.isExhausted else { return }
        let poisson = PoissonGaps(ziggurat: .shared)
        switch (sampler.kind, generator.size, generator.drawsGaps) {
        case (.table(let table), .fixed(let bytes), true):
            table.withSampler { sampler in
                draw(gaps: poisson, keys: AliasKeys(sampler: sampler), sizes: FixedSize(bytes: Int32(bytes)))
            }
        case (.uniform(let count), .fixed(let bytes), true):
            draw(gaps: poisson, keys: UniformKeys(count: count), sizes: FixedSize(bytes: Int32(bytes)))
        default:
            draw(
                gaps: AnyGaps(poisson: generator.drawsGaps, ziggurat: .shared), keys: AnyKeys(sampler: sampler),
                sizes: AnySize(generator: generator))
        }
    }

    /// `drawAhead` for one kind of gap, key and size draw.
    @inline(__always)
    private mutating func draw<Gaps: GapDraw, Keys: KeyDraw, Sizes: SizeDraw>(gaps: Gaps, keys: Keys, sizes: Sizes) {
        var generator = self.generator
        var random = self.random
        ahead = [UserRecord](unsafeUninitializedCapacity: BatchAssembler.blockRecords) { block, drawn in
            (drawn, generator, random) = BatchAssembler.drawBlock(
                into: block, generator: generator, random: random, gaps: gaps, keys: keys, sizes: sizes)
        }
        self.generator = generator
        self.random = random
    }

    /// Draws records into `block` until it is full or the generator reaches the horizon: arrival, key, size, in that
    /// order (the random stream's order). Returns how many it drew and the generator and stream after them.
    ///
    /// Most arrivals take the generator's fast lane (see `ArrivalGenerator.FastLane`): a few locals and no call.
    /// A gap the lane cannot take (a segment's end, the horizon) goes through the generator's full rule with the
    /// same draw, so the records are exactly those of drawing each through `nextArrivalNanoseconds`.
    ///
    /// Out of line and by value on purpose: the generator's state and the random stream are this function's own
    /// locals, with no address taken, so they stay in registers across the loop (captured by a closure, they were
    /// stored back to memory on every draw).
    @inline(never)
    private static func drawBlock<Gaps: GapDraw, Keys: KeyDraw, Sizes: SizeDraw>(
        into block: UnsafeMutableBufferPointer<UserRecord>, generator: ArrivalGenerator, random: Xoshiro256StarStar,
        gaps: Gaps, keys: Keys, sizes: Sizes
    ) -> (Int, ArrivalGenerator, Xoshiro256StarStar) {
        var generator = generator
        var random = random
        var drawn = 0
        let capacity = block.count
        guard let records = block.baseAddress else { return (0, generator, random) }
        while drawn < capacity {
            var lane = generator.fastLane()
            var pendingWork = -1.0
            while drawn < capacity {
                let work = gaps.draw(&random)
                let needed = work * lane.nanosecondsPerRecord
                guard needed < Double(lane.limitNanoseconds &- lane.clockNanoseconds) - 0.5 else {
                    pendingWork = work
                    break
                }
                // Wrapping: the lane's condition keeps the clock below its limit.
                lane.clockNanoseconds &+= roundedToNearestNonNegative(needed)
                let keyIndex = keys.draw(&random)
                let dataBytes = sizes.draw(&random)
                (records + drawn).initialize(
                    to: UserRecord(
                        createdAtNanoseconds: lane.clockNanoseconds, keyIndex: keyIndex, dataBytes: dataBytes))
                drawn &+= 1
            }
            generator.leave(lane)
            guard pendingWork >= 0 else { break }
            let (advanced, arrival) = generator.advanced(afterWork: pendingWork)
            generator = advanced
            guard let time = arrival else { break }
            let keyIndex = keys.draw(&random)
            let dataBytes = sizes.draw(&random)
            (records + drawn).initialize(
                to: UserRecord(createdAtNanoseconds: time, keyIndex: keyIndex, dataBytes: dataBytes))
            drawn &+= 1
        }
        return (drawn, generator, random)
    }

    /// Records drawn ahead at a time.
    private static let blockRecords = 512
}

/// A gap draw (units of work, see `ArrivalGenerator`) specialized for one arrival process.
private protocol GapDraw {
    func draw(_ random: inout Xoshiro256StarStar) -> Double
}

/// Poisson arrivals: an Exp(1) draw, exactly as `ArrivalGenerator.nextArrivalNanoseconds` makes it.
private struct PoissonGaps: GapDraw {
    let ziggurat: ExponentialZiggurat
    @inline(__always) func draw(_ random: inout Xoshiro256StarStar) -> Double { ziggurat.sample(&random) }
}

/// Either arrival process, chosen per record.
private struct AnyGaps: GapDraw {
    let poisson: Bool
    let ziggurat: ExponentialZiggurat
    @inline(__always) func draw(_ random: inout Xoshiro256StarStar) -> Double {
        poisson ? ziggurat.sample(&random) : 1.0
    }
}

/// A key draw specialized for one kind of key distribution (`BatchAssembler.fill` is compiled once per kind).
private protocol KeyDraw {
    func draw(_ random: inout Xoshiro256StarStar) -> Int32
}

/// Zipf keys: one alias-table draw, exactly as `KeySampler.sample` makes it.
private struct AliasKeys: KeyDraw {
    let sampler: AliasTable.Sampler
    @inline(__always) func draw(_ random: inout Xoshiro256StarStar) -> Int32 {
        Int32(truncatingIfNeeded: sampler.sample(&random))
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
