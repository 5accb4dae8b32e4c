import Foundation
import ShardSimEngine

/// Lambda's invocation payload limit, counted on the event as sent (see `lambdaPayloadBytes`).
let lambdaPayloadLimitBytes = LambdaLimits.invocationPayloadBytes

/// The bytes a stretch of Kinesis records adds to Lambda's event: each record's data base64-encoded
/// (4 × ⌈n / 3⌉ B for n bytes) plus the event's per-record JSON (`envelopeBytes`). The log knows data + key
/// per run, so n is the piece's mean per Kinesis record, rounded up (exact when records are one size), and the
/// key is counted as if encoded too (it is sent as plain text: a third of its length too much per record).
@inline(__always)
public func lambdaPayloadBytes(kinesisRecords: Int64, bytes: Int64, envelopeBytes: Int64) -> Int64 {
    guard kinesisRecords > 0 else { return 0 }
    let meanBytesRoundedUp = (bytes + kinesisRecords - 1) / kinesisRecords
    return kinesisRecords * (4 * ((meanBytesRoundedUp + 2) / 3) + envelopeBytes)
}

/// How an invocation ends (decided when it starts).
enum LambdaOutcome: Equatable {
    case success
    /// The function failed the whole batch (an error, or a poison record without partial batch response).
    case functionError
    /// Partial batch response: the records before this Kinesis record (index in the batch, > 0) succeeded.
    case failedFromRecord(Int64)
}

/// A batch of one shard's records for one invocation.
struct LambdaBatch {
    var pieces: [ReadPiece] = []
    /// Kinesis records (what `batchSize` counts), the user records inside them, stream bytes, and event bytes.
    var kinesisRecords: Int64 = 0
    var userRecords: Int64 = 0
    var bytes: Int64 = 0
    var payloadBytes: Int64 = 0
    /// Failed invocations of this batch so far (bisecting does not count).
    var retries = 0
    /// The records were sent to the function before (a retry, a bisected half, or what follows a reported failure).
    var isResent = false
    /// Shard positions of poison records inside the batch.
    var poisonPositions: [Int64] = []
    var outcome = LambdaOutcome.success

    var firstPosition: Int64 { pieces.first?.firstUserPosition ?? 0 }
    var endPosition: Int64 { pieces.last.map { $0.firstUserPosition + $0.userRecords } ?? 0 }

    mutating func append(_ piece: ReadPiece, envelopeBytes: Int64) {
        append(
            piece,
            payloadBytes: lambdaPayloadBytes(
                kinesisRecords: piece.kinesisRecords, bytes: piece.bytes, envelopeBytes: envelopeBytes))
    }

    /// `append(_:envelopeBytes:)` for a caller that has the piece's `lambdaPayloadBytes` already.
    mutating func append(_ piece: ReadPiece, payloadBytes piecePayloadBytes: Int64) {
        pieces.append(piece)
        kinesisRecords += piece.kinesisRecords
        userRecords += piece.userRecords
        bytes += piece.bytes
        payloadBytes += piecePayloadBytes
    }

    /// The batch cut before its Kinesis record `index` (0 < index < kinesisRecords): the two parts, each with
    /// its poison records, both marked as resent with this batch's retries.
    func split(atKinesisRecord index: Int64, envelopeBytes: Int64) -> (LambdaBatch, LambdaBatch) {
        precondition(index > 0 && index < kinesisRecords, "a cut inside the batch")
        var first = LambdaBatch(), second = LambdaBatch()
        for piece in pieces {
            let room = index - first.kinesisRecords
            if room >= piece.kinesisRecords {
                first.append(piece, envelopeBytes: envelopeBytes)
            } else if room > 0 {
                let (head, tail) = piece.split(atKinesisRecord: room)
                first.append(head, envelopeBytes: envelopeBytes)
                second.append(tail, envelopeBytes: envelopeBytes)
            } else {
                second.append(piece, envelopeBytes: envelopeBytes)
            }
        }
        first.retries = retries
        second.retries = retries
        first.isResent = true
        second.isResent = true
        first.poisonPositions = poisonPositions.filter { $0 < second.firstPosition }
        second.poisonPositions = poisonPositions.filter { $0 >= second.firstPosition }
        return (first, second)
    }

    /// The two halves of the batch by Kinesis records (bisect on function error; an aggregate is not cut).
    func bisected(envelopeBytes: Int64) -> (LambdaBatch, LambdaBatch) {
        split(atKinesisRecord: kinesisRecords / 2, envelopeBytes: envelopeBytes)
    }

    /// The Kinesis record (index in the batch) holding the batch's first poison record, if any.
    func firstPoisonKinesisRecord() -> Int64? {
        guard let poison = poisonPositions.min() else { return nil }
        var before: Int64 = 0
        for piece in pieces {
            if poison < piece.firstUserPosition + piece.userRecords {
                return before + piece.kinesisRecordIndex(ofUserPosition: poison)
            }
            before += piece.kinesisRecords
        }
        return nil
    }

    /// Drops the records accepted before `cutoff` from the front; returns how many user records went.
    mutating func dropRecords(acceptedBefore cutoff: Int64, envelopeBytes: Int64) -> Int64 {
        // Usually nothing is that old: check before building the kept copy (an allocation per invocation).
        guard pieces.contains(where: { $0.kinesisRecords(acceptedBefore: cutoff) > 0 }) else { return 0 }
        var dropped: Int64 = 0
        var kept = LambdaBatch()
        for piece in pieces {
            let old = piece.kinesisRecords(acceptedBefore: cutoff)
            if old >= piece.kinesisRecords {
                dropped += piece.userRecords
            } else if old > 0 {
                let (head, tail) = piece.split(atKinesisRecord: old)
                kept.append(tail, envelopeBytes: envelopeBytes)
                dropped += head.userRecords
            } else {
                kept.append(piece, envelopeBytes: envelopeBytes)
            }
        }
        guard kept.kinesisRecords < kinesisRecords else { return 0 }
        kept.retries = retries
        kept.isResent = isResent
        kept.poisonPositions = poisonPositions.filter { $0 >= kept.firstPosition }
        self = kept
        return dropped
    }
}

/// Lambda's per-shard state: records read but not yet in a batch, and where its slots start.
struct LambdaShardState {
    /// The consumer and shard of this consumer slot (the read path's slot numbers).
    let consumerIndex: Int32
    let shardIndex: Int32
    var buffer: [ReadPiece] = []
    var bufferedKinesisRecords: Int64 = 0
    var bufferedPayloadBytes: Int64 = 0
    /// When the oldest buffered record entered the buffer: the batching window runs from here.
    var bufferStartedAt: Int64 = 0
    var isWindowCheckScheduled = false
    /// A read was skipped because the buffer was full; the next finished batch resumes reading.
    var isReadDeferred = false
    /// Index of this shard's first slot in `LambdaMappings.slots`; `parallelizationFactor` slots follow.
    var firstSlot: Int32 = -1
    /// The next poison record's shard position (geometric gaps, so the draw costs one per poison record).
    var nextPoisonPosition: Int64 = -1
}

/// One of a shard's `parallelizationFactor` concurrent batch slots.
struct LambdaSlot {
    var consumerSlot: Int32
    /// The batch this slot runs, or holds while it waits for concurrency.
    var current: LambdaBatch?
    /// Batches that must run on this slot before new records: a retried batch, or bisected halves.
    var pending: [LambdaBatch] = []
    var invokedAt: Int64 = 0
    /// The batch is ready but the function has no free concurrency: it waits in its pool's queue since `invokedAt`.
    var isWaitingForConcurrency = false
}

/// Concurrency shared by Lambda mappings: a function's reserved concurrency, or the account's unreserved pool.
/// Batches that find it full wait first-in, first-out (a deterministic stand-in for the poller's retries).
struct LambdaConcurrencyPool {
    let limit: Int64
    var running: Int64 = 0
    /// Lambda slots waiting for concurrency, oldest first, from `waitingHead` on.
    var waiting: [Int32] = []
    var waitingHead = 0

    var hasWaiting: Bool { waitingHead < waiting.count }

    mutating func popWaiting() -> Int32 {
        let slot = waiting[waitingHead]
        waitingHead += 1
        if waitingHead > 1_024 && waitingHead * 2 > waiting.count {
            waiting.removeFirst(waitingHead)
            waitingHead = 0
        }
        return slot
    }
}
