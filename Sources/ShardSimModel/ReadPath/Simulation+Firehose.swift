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
extension Simulation {
    /// Adds what a read of one shard returned (`readPieces`) to that shard's buffer.
    mutating func bufferForFirehose(consumerSlot slot: Int, at time: Int64) {
        let consumerIndex = Int(consumerSlots[slot].consumerIndex)
        guard let firehose = consumers[consumerIndex].configuration.firehose else { return }
        for piece in readPieces where piece.userRecords > 0 {
            if firehoseBuffers[slot].pieces.isEmpty {
                // The interval runs from the first record entering this shard's empty buffer.
                firehoseBuffers[slot].generation += 1
                queue.schedule(at: time + firehose.bufferIntervalNanoseconds, kind: EventKind.firehoseFlush.rawValue,
                               target: Int32(slot), argument: firehoseBuffers[slot].generation)
            }
            firehoseBuffers[slot].pieces.append(piece)
            firehoseBuffers[slot].userRecords += piece.userRecords
            firehoseBuffers[slot].bytes += piece.bytes
        }
        if firehoseBuffers[slot].bytes >= firehose.bufferSizeBytes { deliverFirehose(consumerSlot: slot, at: time, bySize: true) }
    }

    /// The interval timer of a shard's buffer fired; it delivers unless that buffer was already delivered by size.
    /// A closed shard's buffer is delivered this way too, once its last records have waited the interval.
    mutating func firehoseIntervalElapsed(consumerSlot slot: Int, generation: Int64, at time: Int64) {
        guard firehoseBuffers[slot].generation == generation, firehoseBuffers[slot].userRecords > 0 else { return }
        deliverFirehose(consumerSlot: slot, at: time, bySize: false)
    }

    /// Writes one shard's buffer as one object.
    mutating func deliverFirehose(consumerSlot slot: Int, at time: Int64, bySize: Bool) {
        let consumerIndex = Int(consumerSlots[slot].consumerIndex)
        var buffer = firehoseBuffers[slot]
        consumers[consumerIndex].recordLatency(buffer.pieces, processingStartsAt: time, perRecordNanoseconds: 0)
        let oldest = buffer.pieces.first?.firstAcceptedAt ?? time
        consumers[consumerIndex].statistics.noteFirehoseDelivery(userRecords: buffer.userRecords, bytes: buffer.bytes,
                                                                 freshnessNanoseconds: time - oldest, bySize: bySize)
        buffer.pieces.removeAll(keepingCapacity: true)
        buffer.userRecords = 0
        buffer.bytes = 0
        buffer.generation += 1
        firehoseBuffers[slot] = buffer
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
