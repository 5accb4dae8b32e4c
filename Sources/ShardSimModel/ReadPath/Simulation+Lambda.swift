import Foundation
import ShardSimEngine

/// Lambda event source mappings (facts sheet section 7): batching, parallelization, retries, bisecting.
extension Simulation {
    @inline(__always) // see `Simulation`: a call from an event handler would copy the whole simulation
    func lambdaConfiguration(consumerSlot: Int) -> LambdaConfiguration {
        consumers[Int(consumerSlots[consumerSlot].consumerIndex)].configuration.lambda ?? LambdaConfiguration()
    }

    /// One concurrency pool per function with reserved concurrency, and the account's unreserved pool for the rest.
    mutating func prepareLambdaPools() {
        lambdaPools = [LambdaConcurrencyPool(limit: configuration.assumptions.lambdaUnreservedConcurrency)]
        lambdaPoolByConsumer = configuration.consumers.map { consumer in
            guard let reserved = consumer.lambda?.reservedConcurrentExecutions else { return 0 }
            lambdaPools.append(LambdaConcurrencyPool(limit: reserved))
            return Int32(lambdaPools.count - 1)
        }
    }

    /// Creates the shard's batch slots (one per parallelization slot).
    mutating func prepareLambda(consumerSlot: Int) {
        let lambda = lambdaConfiguration(consumerSlot: consumerSlot)
        lambdaShards[consumerSlot].firstSlot = Int32(lambdaSlots.count)
        for _ in 0..<lambda.parallelizationFactor { lambdaSlots.append(LambdaSlot(consumerSlot: Int32(consumerSlot))) }
    }

    /// Whether Lambda reads more of this shard: at most one batch per slot waits in its buffer.
    @inline(__always) // see `Simulation`: a call from an event handler would copy the whole simulation
    func lambdaHasRoom(consumerSlot: Int) -> Bool {
        let lambda = lambdaConfiguration(consumerSlot: consumerSlot)
        return lambdaShards[consumerSlot].bufferedKinesisRecords < lambda.batchSize * Int64(lambda.parallelizationFactor)
    }

    /// Takes what a read returned into the shard's batching buffer, then invokes what is ready.
    mutating func bufferForLambda(consumerSlot: Int, at time: Int64) {
        let envelope = configuration.assumptions.lambdaEventRecordEnvelopeBytes
        for piece in readPieces where piece.kinesisRecords > 0 {
            if lambdaShards[consumerSlot].buffer.isEmpty { lambdaShards[consumerSlot].bufferStartedAt = time }
            lambdaShards[consumerSlot].buffer.append(piece)
            lambdaShards[consumerSlot].bufferedKinesisRecords += piece.kinesisRecords
            lambdaShards[consumerSlot].bufferedPayloadBytes +=
                lambdaPayloadBytes(kinesisRecords: piece.kinesisRecords, bytes: piece.bytes, envelopeBytes: envelope)
        }
        invokeReadyBatches(consumerSlot: consumerSlot, at: time)
    }

    /// Fills every idle slot of the shard: retried or bisected batches first, then new batches that are
    /// full, at the payload limit, or past the batching window.
    mutating func invokeReadyBatches(consumerSlot: Int, at time: Int64) {
        let lambda = lambdaConfiguration(consumerSlot: consumerSlot)
        let first = Int(lambdaShards[consumerSlot].firstSlot)
        // Records of one key stay in order, so a shard with fewer keys than slots cannot use them all.
        let shard = Int(consumerSlots[consumerSlot].shardIndex)
        let usable = min(lambda.parallelizationFactor, max(1, distinctKeysByShard.indices.contains(shard) ? distinctKeysByShard[shard] : 1))
        for slot in first..<first + usable where lambdaSlots[slot].current == nil {
            // Bounded: each pass starts a batch or stops.
            while lambdaSlots[slot].current == nil {
                if !lambdaSlots[slot].pending.isEmpty {
                    startInvocation(slot: slot, batch: lambdaSlots[slot].pending.removeFirst(), at: time)
                } else if isBatchReady(consumerSlot: consumerSlot, lambda: lambda, at: time) {
                    startInvocation(slot: slot, batch: takeBatch(consumerSlot: consumerSlot, lambda: lambda), at: time)
                } else {
                    break
                }
            }
        }
        let state = lambdaShards[consumerSlot]
        let windowEnd = state.bufferStartedAt + lambda.maximumBatchingWindowNanoseconds
        // Once the window has passed, a finishing invocation (not a timer) picks up the waiting records.
        if state.bufferedKinesisRecords > 0 && !state.isWindowCheckScheduled && windowEnd > time {
            lambdaShards[consumerSlot].isWindowCheckScheduled = true
            queue.schedule(at: windowEnd, kind: EventKind.lambdaWindow.rawValue, target: Int32(consumerSlot))
        }
        if state.isReadDeferred && lambdaHasRoom(consumerSlot: consumerSlot) {
            lambdaShards[consumerSlot].isReadDeferred = false
            let kind = lambda.enhancedFanOut ? EventKind.enhancedPush : EventKind.sharedPoll
            queue.schedule(at: time, kind: kind.rawValue, target: Int32(consumerSlot))
        }
    }

    @inline(__always) // see `Simulation`: a call from an event handler would copy the whole simulation
    private func isBatchReady(consumerSlot: Int, lambda: LambdaConfiguration, at time: Int64) -> Bool {
        let state = lambdaShards[consumerSlot]
        guard state.bufferedKinesisRecords > 0 else { return false }
        return state.bufferedKinesisRecords >= lambda.batchSize || state.bufferedPayloadBytes >= lambdaPayloadLimitBytes
            || time >= state.bufferStartedAt + lambda.maximumBatchingWindowNanoseconds
    }

    /// Takes up to `batchSize` Kinesis records and 6 MB of event from the front of the buffer (a record too
    /// large to fit alone still goes, by itself), marking its poison records.
    private mutating func takeBatch(consumerSlot: Int, lambda: LambdaConfiguration) -> LambdaBatch {
        let envelope = configuration.assumptions.lambdaEventRecordEnvelopeBytes
        var batch = LambdaBatch()
        var state = lambdaShards[consumerSlot]
        // Leave an empty buffer behind so `state.buffer` is the only reference: taking from it must not copy it.
        lambdaShards[consumerSlot].buffer = []
        while !state.buffer.isEmpty && batch.kinesisRecords < lambda.batchSize {
            var piece = state.buffer.removeFirst()
            let piecePayload = lambdaPayloadBytes(kinesisRecords: piece.kinesisRecords, bytes: piece.bytes, envelopeBytes: envelope)
            let perRecordPayload = max(1, piecePayload / piece.kinesisRecords)
            let roomByBytes = max(batch.kinesisRecords == 0 ? 1 : 0, (lambdaPayloadLimitBytes - batch.payloadBytes) / perRecordPayload)
            let take = min(lambda.batchSize - batch.kinesisRecords, roomByBytes, piece.kinesisRecords)
            if take <= 0 {
                state.buffer.insert(piece, at: 0)
                break
            }
            state.bufferedKinesisRecords -= piece.kinesisRecords
            state.bufferedPayloadBytes -= piecePayload
            if take < piece.kinesisRecords {
                let (head, tail) = piece.split(atKinesisRecord: take)
                piece = head
                state.buffer.insert(tail, at: 0)
                state.bufferedKinesisRecords += tail.kinesisRecords
                state.bufferedPayloadBytes += lambdaPayloadBytes(kinesisRecords: tail.kinesisRecords, bytes: tail.bytes,
                                                                 envelopeBytes: envelope)
            }
            batch.append(piece, envelopeBytes: envelope)
        }
        if lambda.poisonRecordShare > 0 {
            markPoison(in: &batch, state: &state, share: lambda.poisonRecordShare,
                       random: &consumers[Int(consumerSlots[consumerSlot].consumerIndex)].random)
        }
        state.isWindowCheckScheduled = state.isWindowCheckScheduled && !state.buffer.isEmpty
        lambdaShards[consumerSlot] = state
        return batch
    }

    /// Poison positions are a Bernoulli process over the shard's records, drawn as geometric gaps.
    private func markPoison(in batch: inout LambdaBatch, state: inout LambdaShardState, share: Double,
                            random: inout Xoshiro256StarStar) {
        func gap() -> Int64 {
            guard share < 1 else { return 1 }
            return Int64(log(random.nextOpenUnitDouble()) / log(1 - share)) + 1
        }
        if state.nextPoisonPosition < batch.firstPosition { state.nextPoisonPosition = batch.firstPosition + gap() - 1 }
        while state.nextPoisonPosition < batch.endPosition {
            batch.poisonPositions.append(state.nextPoisonPosition)
            state.nextPoisonPosition += gap()
        }
    }
}
