import Foundation
import ShardSimEngine

/// Lambda's invocation payload limit: 6 MB (LK, "Invoke when … payload reaches 6 MB"); counted on record bytes.
let lambdaPayloadLimitBytes: Int64 = 6 * 1_048_576

/// A batch of one shard's records for one invocation.
struct LambdaBatch {
    var pieces: [ReadPiece] = []
    var userRecords: Int64 = 0
    var bytes: Int64 = 0
    /// Failed invocations of this batch so far (bisecting does not count).
    var retries = 0
    /// Shard positions of poison records inside the batch.
    var poisonPositions: [Int64] = []
    var willFail = false

    var firstPosition: Int64 { pieces.first?.firstUserPosition ?? 0 }
    var endPosition: Int64 { pieces.last.map { $0.firstUserPosition + $0.userRecords } ?? 0 }

    mutating func append(_ piece: ReadPiece) {
        pieces.append(piece)
        userRecords += piece.userRecords
        bytes += piece.bytes
    }

    /// The two halves of the batch by user records (bisect on function error).
    func bisected() -> (LambdaBatch, LambdaBatch) {
        let half = userRecords / 2
        var first = LambdaBatch(), second = LambdaBatch()
        for piece in pieces {
            let room = half - first.userRecords
            if room >= piece.userRecords {
                first.append(piece)
            } else if room > 0 {
                let (head, tail) = piece.split(atUserRecord: room)
                first.append(head)
                second.append(tail)
            } else {
                second.append(piece)
            }
        }
        first.retries = retries
        second.retries = retries
        first.poisonPositions = poisonPositions.filter { $0 < second.firstPosition }
        second.poisonPositions = poisonPositions.filter { $0 >= second.firstPosition }
        return (first, second)
    }

    /// Drops the records accepted before `cutoff` from the front; returns how many user records went.
    mutating func dropRecords(acceptedBefore cutoff: Int64) -> Int64 {
        // Usually nothing is that old: check before building the kept copy (an allocation per invocation).
        guard pieces.contains(where: { $0.userRecords(acceptedBefore: cutoff) > 0 }) else { return 0 }
        var dropped: Int64 = 0
        var kept = LambdaBatch()
        for piece in pieces {
            let old = piece.userRecords(acceptedBefore: cutoff)
            if old >= piece.userRecords {
                dropped += piece.userRecords
            } else if old > 0 {
                kept.append(piece.split(atUserRecord: old).tail)
                dropped += old
            } else {
                kept.append(piece)
            }
        }
        guard dropped > 0 else { return 0 }
        kept.retries = retries
        kept.poisonPositions = poisonPositions.filter { $0 >= kept.firstPosition }
        self = kept
        return dropped
    }
}

/// Lambda's per-shard state: records read but not yet in a batch, and where its slots start.
struct LambdaShardState {
    var buffer: [ReadPiece] = []
    var bufferedUserRecords: Int64 = 0
    var bufferedBytes: Int64 = 0
    /// When the oldest buffered record entered the buffer: the batching window runs from here.
    var bufferStartedAt: Int64 = 0
    var isWindowCheckScheduled = false
    /// A read was skipped because the buffer was full; the next finished batch resumes reading.
    var isReadDeferred = false
    /// Index of this shard's first slot in `lambdaSlots`; `parallelizationFactor` slots follow.
    var firstSlot: Int32 = -1
    /// The next poison record's shard position (geometric gaps, so the draw costs one per poison record).
    var nextPoisonPosition: Int64 = -1
}

/// One of a shard's `parallelizationFactor` concurrent batch slots.
struct LambdaSlot {
    var consumerSlot: Int32
    var current: LambdaBatch?
    /// Batches that must run on this slot before new records: a retried batch, or bisected halves.
    var pending: [LambdaBatch] = []
    var invokedAt: Int64 = 0
}
