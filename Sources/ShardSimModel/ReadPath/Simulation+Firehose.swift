import ShardSimEngine

/// A Firehose delivery stream's buffer (all shards together).
struct FirehoseBuffer {
    var pieces: [ReadPiece] = []
    var userRecords: Int64 = 0
    var bytes: Int64 = 0
    /// Bumped at every delivery, so a stale interval timer can tell it is stale.
    var generation: Int64 = 0
}

/// Firehose delivery streams reading the stream (facts sheet section 8): buffer by size or interval,
/// whichever first, then write one object.
extension Simulation {
    mutating func bufferForFirehose(consumerIndex: Int, at time: Int64) {
        guard let firehose = consumers[consumerIndex].configuration.firehose else { return }
        for piece in readPieces where piece.userRecords > 0 {
            if firehoseBuffers[consumerIndex].pieces.isEmpty {
                firehoseBuffers[consumerIndex].generation += 1
                queue.schedule(at: time + firehose.bufferIntervalNanoseconds, kind: EventKind.firehoseFlush.rawValue,
                               target: Int32(consumerIndex), argument: firehoseBuffers[consumerIndex].generation)
            }
            firehoseBuffers[consumerIndex].pieces.append(piece)
            firehoseBuffers[consumerIndex].userRecords += piece.userRecords
            firehoseBuffers[consumerIndex].bytes += piece.bytes
        }
        if firehoseBuffers[consumerIndex].bytes >= firehose.bufferSizeBytes { deliverFirehose(consumerIndex: consumerIndex, at: time) }
    }

    /// The interval timer of a buffer fired; it delivers unless that buffer was already delivered by size.
    mutating func firehoseIntervalElapsed(consumerIndex: Int, generation: Int64, at time: Int64) {
        guard firehoseBuffers[consumerIndex].generation == generation, firehoseBuffers[consumerIndex].userRecords > 0 else { return }
        deliverFirehose(consumerIndex: consumerIndex, at: time)
    }

    /// Writes the buffer as one object.
    mutating func deliverFirehose(consumerIndex: Int, at time: Int64) {
        var buffer = firehoseBuffers[consumerIndex]
        consumers[consumerIndex].recordLatency(buffer.pieces, processingStartsAt: time, perRecordNanoseconds: 0)
        consumers[consumerIndex].statistics.deliveries += 1
        consumers[consumerIndex].statistics.recordsDelivered += buffer.userRecords
        consumers[consumerIndex].statistics.bytesDelivered += buffer.bytes
        let oldest = buffer.pieces.first?.firstAcceptedAt ?? time
        consumers[consumerIndex].statistics.maxDataFreshnessNanoseconds =
            max(consumers[consumerIndex].statistics.maxDataFreshnessNanoseconds, time - oldest)
        buffer.pieces.removeAll(keepingCapacity: true)
        buffer.userRecords = 0
        buffer.bytes = 0
        buffer.generation += 1
        firehoseBuffers[consumerIndex] = buffer
    }
}
