import Foundation
import ShardSimEngine

/// Lambda event source mappings (facts sheet section 7): batching, parallelization, retries, bisecting, and the
/// concurrency pools the functions run in.
///
/// Owns the `lambdaWindow` and `lambdaDone` events. Takes what a Lambda consumer's read returned from the read
/// path (`buffer`), and tells it when a deferred read may resume (by scheduling the slot's next read). Per-shard
/// state is indexed by the read path's consumer slot; the consumers' statistics stay with the read path and are
/// passed in.
struct LambdaMappings {
    /// By consumer slot (every consumer's, so the numbers match the read path's; only Lambda's are used).
    var shards: [LambdaShardState] = []
    /// One per parallelization slot of every Lambda shard.
    var slots: [LambdaSlot] = []
    var runningByConsumer: [Int64]
    /// Concurrency pools (index 0: the account's unreserved concurrency; then one per reserved function) and
    /// each consumer's pool.
    var pools: [LambdaConcurrencyPool]
    var poolByConsumer: [Int32]
    /// Each consumer's mapping settings (defaults for consumers that are not Lambda).
    let configurationByConsumer: [LambdaMappingSettings]
    /// Distinct partition keys routed to each shard, capped at 10 (Lambda runs at most one batch per key at a time).
    private(set) var distinctKeysByShard: [Int] = []
    let hasLambda: Bool

    /// One concurrency pool per function with reserved concurrency, and the account's unreserved pool for the rest.
    init(configuration: SimulationConfiguration) {
        var pools = [LambdaConcurrencyPool(limit: configuration.assumptions.lambdaUnreservedConcurrency)]
        poolByConsumer = configuration.consumers.map { consumer in
            guard let reserved = consumer.lambda?.reservedConcurrentExecutions else { return 0 }
            pools.append(LambdaConcurrencyPool(limit: reserved))
            return Int32(pools.count - 1)
        }
        self.pools = pools
        runningByConsumer = Array(repeating: 0, count: configuration.consumers.count)
        configurationByConsumer = configuration.consumers.map {
            LambdaMappingSettings($0.lambda ?? LambdaConfiguration())
        }
        hasLambda = configuration.consumers.contains { $0.type == .lambda }
    }

    func lambdaConfiguration(consumerSlot: Int) -> LambdaMappingSettings {
        configurationByConsumer[Int(shards[consumerSlot].consumerIndex)]
    }

    /// State for a new consumer slot (one consumer on one shard).
    mutating func addSlot(consumer consumerIndex: Int, shard: Int) {
        shards.append(LambdaShardState(consumerIndex: Int32(consumerIndex), shardIndex: Int32(shard)))
    }

    /// Counts, per shard, the distinct keys routed to it (up to 10, the largest ParallelizationFactor).
    mutating func countDistinctKeys(producers: [ProducerRuntime], shardCount: Int) {
        guard hasLambda else { return }
        distinctKeysByShard = Array(repeating: 0, count: shardCount)
        // Stops once every shard has 10: a stream of many keys fills them long before its last key.
        var shardsFilled = 0
        for producer in producers {
            for shard in producer.keys.shardIndexByKey where distinctKeysByShard[Int(shard)] < 10 {
                distinctKeysByShard[Int(shard)] += 1
                if distinctKeysByShard[Int(shard)] == 10 {
                    shardsFilled += 1
                    if shardsFilled == shardCount { return }
                }
            }
        }
    }

    /// The read path found no room (`hasRoom`): it reads this shard again once a batch finishes.
    mutating func deferRead(consumerSlot: Int) {
        shards[consumerSlot].isReadDeferred = true
    }

    /// Creates the shard's batch slots (one per parallelization slot).
    mutating func prepare(consumerSlot: Int) {
        let lambda = lambdaConfiguration(consumerSlot: consumerSlot)
        shards[consumerSlot].firstSlot = Int32(slots.count)
        for _ in 0..<lambda.parallelizationFactor { slots.append(LambdaSlot(consumerSlot: Int32(consumerSlot))) }
    }

    /// Whether Lambda reads more of this shard: at most one batch per slot waits in its buffer.
    func hasRoom(consumerSlot: Int) -> Bool {
        let lambda = lambdaConfiguration(consumerSlot: consumerSlot)
        return shards[consumerSlot].bufferedKinesisRecords < lambda.batchSize * Int64(lambda.parallelizationFactor)
    }

    /// Takes what a read returned into the shard's batching buffer, then invokes what is ready.
    mutating func buffer(
        _ pieces: [ReadPiece], consumerSlot: Int, at time: Int64, consumers: inout [ConsumerRuntime],
        context: inout SimulationContext
    ) {
        let envelope = context.assumptions.lambdaEventRecordEnvelopeBytes
        for piece in pieces where piece.kinesisRecords > 0 {
            if shards[consumerSlot].buffer.isEmpty { shards[consumerSlot].bufferStartedAt = time }
            shards[consumerSlot].buffer.append(piece)
            shards[consumerSlot].bufferedKinesisRecords += piece.kinesisRecords
            shards[consumerSlot].bufferedPayloadBytes +=
                lambdaPayloadBytes(kinesisRecords: piece.kinesisRecords, bytes: piece.bytes, envelopeBytes: envelope)
        }
        invokeReadyBatches(consumerSlot: consumerSlot, at: time, consumers: &consumers, context: &context)
    }

    /// Fills every idle slot of the shard: retried or bisected batches first, then new batches that are
    /// full, at the payload limit, or past the batching window.
    mutating func invokeReadyBatches(
        consumerSlot: Int, at time: Int64, consumers: inout [ConsumerRuntime],
        context: inout SimulationContext
    ) {
        let lambda = lambdaConfiguration(consumerSlot: consumerSlot)
        let first = Int(shards[consumerSlot].firstSlot)
        // Records of one key stay in order, so a shard with fewer keys than slots cannot use them all.
        let shard = Int(shards[consumerSlot].shardIndex)
        let usable = min(
            lambda.parallelizationFactor,
            max(1, distinctKeysByShard.indices.contains(shard) ? distinctKeysByShard[shard] : 1))
        for slot in first..<first + usable where slots[slot].current == nil {
            // Bounded: each pass starts a batch or stops.
            while slots[slot].current == nil {
                if !slots[slot].pending.isEmpty {
                    startInvocation(
                        slot: slot, batch: slots[slot].pending.removeFirst(), at: time,
                        consumers: &consumers, context: &context)
                } else if isBatchReady(consumerSlot: consumerSlot, lambda: lambda, at: time) {
                    let batch = takeBatch(
                        consumerSlot: consumerSlot, lambda: lambda, assumptions: context.assumptions,
                        random: &consumers[Int(shards[consumerSlot].consumerIndex)].random)
                    startInvocation(
                        slot: slot, batch: consume batch, at: time, consumers: &consumers, context: &context)
                } else {
                    break
                }
            }
        }
        // The fields read one by one: a copy of the whole state retained and released its buffer.
        let windowEnd = shards[consumerSlot].bufferStartedAt + lambda.maximumBatchingWindowNanoseconds
        // Once the window has passed, a finishing invocation (not a timer) picks up the waiting records.
        if shards[consumerSlot].bufferedKinesisRecords > 0 && !shards[consumerSlot].isWindowCheckScheduled
            && windowEnd > time
        {
            shards[consumerSlot].isWindowCheckScheduled = true
            context.schedule(.lambdaWindow, at: windowEnd, target: Int32(consumerSlot))
        }
        if shards[consumerSlot].isReadDeferred && hasRoom(consumerSlot: consumerSlot) {
            shards[consumerSlot].isReadDeferred = false
            let kind = lambda.enhancedFanOut ? EventKind.enhancedPush : EventKind.sharedPoll
            context.schedule(kind, at: time, target: Int32(consumerSlot))
        }
    }

    private func isBatchReady(consumerSlot: Int, lambda: LambdaMappingSettings, at time: Int64) -> Bool {
        // Read in place (a copy of the state retained and released its buffer).
        let buffered = shards[consumerSlot].bufferedKinesisRecords
        guard buffered > 0 else { return false }
        return buffered >= lambda.batchSize || shards[consumerSlot].bufferedPayloadBytes >= lambdaPayloadLimitBytes
            || time >= shards[consumerSlot].bufferStartedAt + lambda.maximumBatchingWindowNanoseconds
    }

    /// Takes up to `batchSize` Kinesis records and 6 MB of event from the front of the buffer (a record too
    /// large to fit alone still goes, by itself), marking its poison records.
    private mutating func takeBatch(
        consumerSlot: Int, lambda: LambdaMappingSettings, assumptions: ModelAssumptions,
        random: inout Xoshiro256StarStar
    ) -> LambdaBatch {
        // The shard's state worked on in place: a copy in and out retained and released its buffer each batch.
        Self.takeBatch(
            from: &shards[consumerSlot], lambda: lambda, envelope: assumptions.lambdaEventRecordEnvelopeBytes,
            random: &random)
    }

    /// `takeBatch` from the shard's `state`.
    private static func takeBatch(
        from state: inout LambdaShardState, lambda: LambdaMappingSettings, envelope: Int64,
        random: inout Xoshiro256StarStar
    ) -> LambdaBatch {
        var batch = LambdaBatch()
        // Room for every buffered piece at once: appending one by one regrew the batch's array at each piece.
        batch.pieces.reserveCapacity(state.buffer.count)
        // The pieces before `taken` go into the batch and leave the buffer together at the end (one move of the
        // rest, not one per piece); a piece cut in two leaves its tail in its place, to be looked at next.
        var taken = 0
        while taken < state.buffer.count && batch.kinesisRecords < lambda.batchSize {
            var piece = state.buffer[taken]
            let piecePayload = lambdaPayloadBytes(
                kinesisRecords: piece.kinesisRecords, bytes: piece.bytes, envelopeBytes: envelope)
            let perRecordPayload = max(1, piecePayload / piece.kinesisRecords)
            let roomByBytes = max(
                batch.kinesisRecords == 0 ? 1 : 0, (lambdaPayloadLimitBytes - batch.payloadBytes) / perRecordPayload)
            let take = min(lambda.batchSize - batch.kinesisRecords, roomByBytes, piece.kinesisRecords)
            if take <= 0 { break }
            state.bufferedKinesisRecords -= piece.kinesisRecords
            state.bufferedPayloadBytes -= piecePayload
            if take < piece.kinesisRecords {
                let (head, tail) = piece.split(atKinesisRecord: take)
                piece = head
                state.buffer[taken] = tail
                state.bufferedKinesisRecords += tail.kinesisRecords
                state.bufferedPayloadBytes += lambdaPayloadBytes(
                    kinesisRecords: tail.kinesisRecords, bytes: tail.bytes,
                    envelopeBytes: envelope)
                batch.append(piece, envelopeBytes: envelope)
            } else {
                taken += 1
                // The whole piece: its payload is the one just computed.
                batch.append(piece, payloadBytes: piecePayload)
            }
        }
        state.buffer.removeFirst(taken)
        if lambda.poisonRecordShare > 0 {
            markPoison(in: &batch, state: &state, share: lambda.poisonRecordShare, random: &random)
        }
        state.isWindowCheckScheduled = state.isWindowCheckScheduled && !state.buffer.isEmpty
        return batch
    }

    /// Poison positions are a Bernoulli process over the shard's records, drawn as geometric gaps.
    private static func markPoison(
        in batch: inout LambdaBatch, state: inout LambdaShardState, share: Double,
        random: inout Xoshiro256StarStar
    ) {
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

/// What the mappings read of a Lambda consumer's settings, per batch: `LambdaConfiguration` without its strings, so
/// reading it is a plain copy (the configuration's copy retained and released its on-failure destination's name).
struct LambdaMappingSettings {
    let batchSize: Int64
    let maximumBatchingWindowNanoseconds: Int64
    let parallelizationFactor: Int
    let enhancedFanOut: Bool
    let durationBaseNanoseconds: Int64
    let durationPerRecordNanoseconds: Int64
    let functionErrorRate: Double
    let poisonRecordShare: Double
    let maximumRetryAttempts: Int
    let bisectBatchOnFunctionError: Bool
    let maximumRecordAgeNanoseconds: Int64
    let reportsBatchItemFailures: Bool
    let hasOnFailureDestination: Bool

    init(_ configuration: LambdaConfiguration) {
        batchSize = configuration.batchSize
        maximumBatchingWindowNanoseconds = configuration.maximumBatchingWindowNanoseconds
        parallelizationFactor = configuration.parallelizationFactor
        enhancedFanOut = configuration.enhancedFanOut
        durationBaseNanoseconds = configuration.durationBaseNanoseconds
        durationPerRecordNanoseconds = configuration.durationPerRecordNanoseconds
        functionErrorRate = configuration.functionErrorRate
        poisonRecordShare = configuration.poisonRecordShare
        maximumRetryAttempts = configuration.maximumRetryAttempts
        bisectBatchOnFunctionError = configuration.bisectBatchOnFunctionError
        maximumRecordAgeNanoseconds = configuration.maximumRecordAgeNanoseconds
        reportsBatchItemFailures = configuration.reportsBatchItemFailures
        hasOnFailureDestination = configuration.onFailureDestination != nil
    }
}
