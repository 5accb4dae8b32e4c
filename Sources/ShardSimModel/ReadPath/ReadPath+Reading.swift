import ShardSimEngine

/// Reading a shard: GetRecords polls (shared throughput, 5 calls/s and 2 MiB/s per shard for all pollers) and
/// SubscribeToShard pushes (enhanced fan-out, 2 MiB/s per consumer per shard).
extension ReadPath {
    /// The gap to an application's next poll: the interval give or take `pollJitterFraction`, drawn from the consumer's own
    /// random stream. Real pollers drift; without it, readers started in lockstep throttle each other in the same
    /// order every second and one starves.
    mutating func jitteredPollInterval(of consumerIndex: Int, jitterFraction spread: Double) -> Int64 {
        let settings = pollSettings[consumerIndex]
        let interval = Double(settings.intervalNanoseconds)
        // Lambda and Firehose pollers are AWS's own and poll on the documented once-a-second cadence.
        guard spread > 0, settings.usesOwnSettings else { return Int64(interval) }
        let factor = 1 + spread * (2 * consumers[consumerIndex].random.nextUnitDouble() - 1)
        return max(1, Int64(interval * factor))
    }

    /// One GetRecords call by a polling consumer on one shard, then the next poll.
    mutating func sharedPoll(
        slot: Int32, at time: Int64, context: inout SimulationContext,
        lambda: inout LambdaMappings, firehose: inout FirehoseDelivery
    ) {
        let state = slots[Int(slot)]
        let consumerIndex = Int(state.consumerIndex)
        let consumer = pollSettings[consumerIndex]
        if let resume = consumers[consumerIndex].outageEnd(covering: time) {
            context.schedule(.sharedPoll, at: resume, target: slot)
            return
        }
        if !state.isLeaseHeld {
            // No KCL worker holds the lease: nobody polls; look again a poll interval later.
            context.schedule(.sharedPoll, at: time + consumer.intervalNanoseconds, target: slot)
            return
        }
        if !parentsAreFinished(slot: Int(slot), layout: context.layout) {
            context.schedule(.sharedPoll, at: time + consumer.intervalNanoseconds, target: slot)
            return
        }
        if consumer.type == .lambda && !lambda.hasRoom(consumerSlot: Int(slot)) {
            // The function is behind: Lambda reads no further until a batch finishes (it then resumes polling).
            lambda.deferRead(consumerSlot: Int(slot))
            return
        }
        consumers[consumerIndex].statistics.getRecordsCalls += 1
        let shard = Int(state.shardIndex)
        let interval = jitteredPollInterval(of: consumerIndex, jitterFraction: context.assumptions.pollJitterFraction)
        guard readLedgers[shard].admitCall(at: time, limits: context.configuration.stream.limits) else {
            // A throttled reader tries again at its next poll (KCL backs off by its poll interval).
            consumers[consumerIndex].statistics.readProvisionedThroughputExceeded += 1
            consumers[consumerIndex].statistics.readThrottledCallsSeries.add(1, at: time)
            context.schedule(.sharedPoll, at: time + interval, target: slot)
            return
        }
        var cursor = slots[Int(slot)].cursor
        let outcome = readLog(
            shard: shard, cursor: &cursor,
            visibleThrough: time - context.assumptions.sharedReadPropagationNanoseconds,
            maxKinesisRecords: consumer.usesOwnSettings
                ? consumer.maxRecordsPerCall
                : KinesisLimits.maxRecordsPerGetRecordsCall,
            maxBytes: KinesisLimits.maxBytesPerGetRecordsCall)
        slots[Int(slot)].cursor = cursor
        readLedgers[shard].charge(bytes: outcome.bytes, at: time)
        let busyUntil = handleRead(
            slot: Int(slot), outcome: outcome, at: time, context: &context,
            lambda: &lambda, firehose: &firehose)
        if finishesClosedShard(slot: Int(slot), outcome: outcome, layout: context.layout) {
            slots[Int(slot)].hasFinishedShard = true
            return
        }
        var next = max(time + interval, busyUntil)
        if consumer.type == .lambda && outcome.stop == .limitReached {
            // "If the batch is full, Lambda polls again immediately" (LK); the shard's 5 calls/s still apply.
            next = time + context.assumptions.lambdaBacklogPollGapNanoseconds
        }
        context.schedule(.sharedPoll, at: next, target: slot)
    }

    /// Reads `shard`'s log from `cursor`, moving it on, with the pieces read in `readPieces`.
    ///
    /// (A memo of the last read once spared the second of two enhanced fan-out readers pushing at the same instants
    /// its identical read; such twins are now computed once (ReadPath+Twins.swift), and the memo's bookkeeping
    /// cost every other read more than it saved: callgrind, workload b.)
    @inline(__always)
    mutating func readLog(
        shard: Int, cursor: inout LogCursor, visibleThrough: Int64, maxKinesisRecords: Int64,
        maxBytes: Int64
    ) -> ReadOutcome {
        logs[shard].read(
            from: &cursor, visibleThrough: visibleThrough, maxKinesisRecords: maxKinesisRecords,
            maxBytes: maxBytes, pieces: &readPieces)
    }

    /// Hands what a read returned to the consumer: an application processes it, Lambda batches it,
    /// Firehose buffers it. Returns when the reader may read again (after processing, for applications).
    /// `isPushEvent`: the read is an enhanced fan-out push that carried records (a SubscribeToShardEvent).
    ///
    /// An application's counters change in the one `deliver` call: each separate write into `consumers` paid a
    /// uniqueness check, per push (callgrind).
    @inline(__always)
    mutating func handleRead(
        slot: Int, outcome: ReadOutcome, at time: Int64, context: inout SimulationContext,
        lambda: inout LambdaMappings, firehose: inout FirehoseDelivery, isPushEvent: Bool = false
    ) -> Int64 {
        let consumerIndex = Int(slots[slot].consumerIndex)
        let type = consumers[consumerIndex].configuration.type
        if type == .lambda || type == .firehose {
            consumers[consumerIndex].noteRead(outcome, isPushEvent: isPushEvent)
        }
        switch type {
        case .shared, .enhanced, .kcl:
            let busyUntil = consumers[consumerIndex].deliver(
                readPieces, outcome: outcome, at: time, isPushEvent: isPushEvent)
            slots[slot].busyUntil = busyUntil
            let every = consumers[consumerIndex].checkpointEveryRecords
            if every > 0 && slots[slot].cursor.userRecordPosition - slots[slot].checkpoint.userRecordPosition >= every {
                // The application checkpoints after the batch that reached the count (pay-per-request writes).
                slots[slot].checkpoint = slots[slot].cursor
                consumers[consumerIndex].statistics.kcl.checkpoints += 1
                consumers[consumerIndex].statistics.kcl.addWriteUnits(1, at: time)
            }
            return busyUntil
        case .lambda:
            lambda.buffer(readPieces, consumerSlot: slot, at: time, consumers: &consumers, context: &context)
            return time
        case .firehose:
            consumers[consumerIndex].observeIteratorAge(outcome, at: time)
            firehose.buffer(
                readPieces, consumerSlot: slot, at: time, consumer: &consumers[consumerIndex],
                context: &context)
            return time
        }
    }

    /// Whether this slot's consumer has read all of the shard's parents (KCL: parents before children).
    @inline(__always)
    func parentsAreFinished(slot: Int, layout: ShardLayout) -> Bool {
        // Runs on every read: look at the shard's parents in place (copying the description retains its array).
        let shard = Int(slots[slot].shardIndex)
        if layout.shards[shard].parentIndices.isEmpty { return true }
        for parent in layout.shards[shard].parentIndices {
            let parentSlot = Int(slotByConsumerAndShard[Int(slots[slot].consumerIndex)][parent])
            if !slots[parentSlot].hasFinishedShard { return false }
        }
        return true
    }

    /// Whether a read that came back caught up has finished a closed shard for good.
    @inline(__always)
    func finishesClosedShard(slot: Int, outcome: ReadOutcome, layout: ShardLayout) -> Bool {
        outcome.stop == .caughtUp && layout.shards[Int(slots[slot].shardIndex)].status == .closed
    }
}
