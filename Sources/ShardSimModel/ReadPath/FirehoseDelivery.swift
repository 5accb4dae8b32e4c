import ShardSimEngine

/// One Firehose buffer. With a Kinesis data stream as source, a delivery stream applies its buffering hints
/// per shard: each shard fills a buffer of its own ("Configure buffering hints"; facts sheet section 11), so
/// there is one per consumer slot (consumer × shard), children of a reshard included.
struct FirehoseBuffer {
    var pieces: [ReadPiece] = []
    var userRecords: Int64 = 0
    var bytes: Int64 = 0
    /// Bumped at every delivery, so a stale interval timer can tell it is stale.
    var generation: Int64 = 0
}

/// Firehose delivery streams reading the stream (facts sheet sections 8 and 11): each shard's buffer delivers
/// by size or interval, whichever first, as one object.
///
/// Owns the `firehoseFlush` event. Takes what a Firehose consumer's read returned from the read path
/// (`buffer`); buffers are indexed by the read path's consumer slot (every consumer's, so the numbers match).
struct FirehoseDelivery {
    private(set) var buffers: [FirehoseBuffer] = []
    /// The consumer of each consumer slot.
    private var consumerBySlot: [Int32] = []
    /// Each consumer's delivery stream settings (nil for consumers that are not Firehose).
    let configurationByConsumer: [FirehoseConfiguration?]

    init(configuration: SimulationConfiguration) {
        configurationByConsumer = configuration.consumers.map(\.firehose)
    }

    /// A buffer for a new consumer slot (one consumer on one shard).
    mutating func addSlot(consumer consumerIndex: Int) {
        buffers.append(FirehoseBuffer())
        consumerBySlot.append(Int32(consumerIndex))
    }

    /// Adds what a read of one shard returned to that shard's buffer; delivers it when it reaches its size.
    mutating func buffer(
        _ pieces: [ReadPiece], consumerSlot slot: Int, at time: Int64, consumer: inout ConsumerRuntime,
        context: inout SimulationContext
    ) {
        guard let firehose = configurationByConsumer[Int(consumerBySlot[slot])] else { return }
        for piece in pieces where piece.userRecords > 0 {
            if buffers[slot].pieces.isEmpty {
                // The interval runs from the first record entering this shard's empty buffer.
                buffers[slot].generation += 1
                context.schedule(
                    .firehoseFlush, at: time + firehose.bufferIntervalNanoseconds, target: Int32(slot),
                    argument: buffers[slot].generation)
            }
            buffers[slot].pieces.append(piece)
            buffers[slot].userRecords += piece.userRecords
            buffers[slot].bytes += piece.bytes
        }
        if buffers[slot].bytes >= firehose.bufferSizeBytes {
            deliver(consumerSlot: slot, at: time, bySize: true, to: &consumer)
        }
    }

    /// The interval timer of a shard's buffer fired; it delivers unless that buffer was already delivered by size.
    /// A closed shard's buffer is delivered this way too, once its last records have waited the interval.
    mutating func intervalElapsed(
        consumerSlot slot: Int, generation: Int64, at time: Int64,
        consumers: inout [ConsumerRuntime]
    ) {
        guard buffers[slot].generation == generation, buffers[slot].userRecords > 0 else { return }
        deliver(consumerSlot: slot, at: time, bySize: false, to: &consumers[Int(consumerBySlot[slot])])
        checkInvariants()
    }

    /// Writes one shard's buffer as one object.
    private mutating func deliver(
        consumerSlot slot: Int, at time: Int64, bySize: Bool, to consumer: inout ConsumerRuntime
    ) {
        var buffer = buffers[slot]
        consumer.recordLatency(buffer.pieces, processingStartsAt: time, perRecordNanoseconds: 0)
        let oldest = buffer.pieces.first?.firstAcceptedAt ?? time
        consumer.statistics.noteFirehoseDelivery(
            userRecords: buffer.userRecords, bytes: buffer.bytes,
            freshnessNanoseconds: time - oldest, bySize: bySize)
        buffer.pieces.removeAll(keepingCapacity: true)
        buffer.userRecords = 0
        buffer.bytes = 0
        buffer.generation += 1
        buffers[slot] = buffer
    }
}
extension ConsumerStatistics {
    /// Counts one object a Firehose shard buffer delivered.
    mutating func noteFirehoseDelivery(userRecords: Int64, bytes: Int64, freshnessNanoseconds: Int64, bySize: Bool) {
        deliveries += 1
        if bySize { deliveriesBySize += 1 }
        recordsDelivered += userRecords
        bytesDelivered += bytes
        maxDataFreshnessNanoseconds = max(maxDataFreshnessNanoseconds, freshnessNanoseconds)
        totalDataFreshnessNanoseconds += freshnessNanoseconds
    }
}

extension FirehoseDelivery: InvariantChecking {
    /// Each shard buffer's counts are what its pieces add up to (records in = records waiting for delivery).
    func invariantViolations() -> [String] {
        var violations: [String] = []
        for (slot, buffer) in buffers.enumerated() {
            let userRecords = buffer.pieces.reduce(Int64(0)) { $0 + $1.userRecords }
            let bytes = buffer.pieces.reduce(Int64(0)) { $0 + $1.bytes }
            if userRecords != buffer.userRecords || bytes != buffer.bytes {
                violations.append(
                    "Firehose consumer slot \(slot): buffer counts \(buffer.userRecords) user records and "
                        + "\(buffer.bytes) bytes, its pieces hold \(userRecords) and \(bytes)")
            }
        }
        return violations
    }
}
