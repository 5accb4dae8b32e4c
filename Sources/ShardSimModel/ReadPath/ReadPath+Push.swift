import ShardSimEngine

extension ReadPath {
    /// One SubscribeToShardEvent push to an enhanced fan-out consumer: everything visible, within its
    /// dedicated 2 MiB/s; then the next push, or a wait for new data.
    ///
    /// The slot's fields are read and written in place: this runs for every push (tens of thousands per
    /// simulated second), and copying the whole slot state in and out cost more than the rest of the push.
    /// (`handleRead` writes only the slot's `busyUntil`, which is read back after it.)
    mutating func enhancedPush(
        slot: Int32, at time: Int64, context: inout SimulationContext,
        lambda: inout LambdaMappings, firehose: inout FirehoseDelivery
    ) {
        let index = Int(slot)
        var busyUntil = slots[index].busyUntil
        // A plain `enhanced` reader (ReadPath+Push's `mayPush`): only its busy check, and a direct delivery below.
        let isPlainReader = pushesUnchecked[index]
        if !isPlainReader {
            guard mayPush(slot: index, at: time, context: &context, lambda: &lambda) else { return }
        } else if time < busyUntil {
            context.schedule(.enhancedPush, at: busyUntil, target: slot)
            return
        }
        let rate = Double(KinesisLimits.enhancedFanOutBytesPerSecondPerShard)
        let tokens = min(
            enhancedFanOutBurstBytes,
            slots[index].pushTokens + accrued(perSecond: rate, overNanoseconds: time - slots[index].pushTokensAt))
        if tokens <= 0 {
            slots[index].pushTokens = tokens
            slots[index].pushTokensAt = time
            // A large record left the subscription in debt: wait until the 2 MiB/s has paid it back.
            let refill = Int64(secondsToNanoseconds(-tokens / rate)) + 1
            context.schedule(.enhancedPush, at: time + refill, target: slot)
            return
        }
        let shard = Int(slots[index].shardIndex)
        let propagation = context.assumptions.enhancedFanOutPropagationNanoseconds
        var cursor = slots[index].cursor
        let outcome = readLog(
            shard: shard, cursor: &cursor, visibleThrough: time - propagation,
            maxKinesisRecords: Int64.max / 4, maxBytes: Int64(max(0, tokens)))
        let tokensLeft = tokens - Double(outcome.bytes)
        // One write of the slot for everything the push changed (`handleRead` below reads none of it).
        slots[index].notePush(at: time, cursor: cursor, pushTokens: tokensLeft)
        if outcome.kinesisRecords > 0 || outcome.expiredUserRecords > 0 {
            if isPlainReader {
                // `handleRead`'s application case without its dispatch on the type or its checkpoint test (an
                // `enhanced` reader is an application that never checkpoints by count).
                let consumerIndex = Int(slots[index].consumerIndex)
                busyUntil = consumers[consumerIndex].deliver(readPieces, outcome: outcome, at: time, isPushEvent: true)
                slots[index].busyUntil = busyUntil
            } else {
                _ = handleRead(
                    slot: index, outcome: outcome, at: time, context: &context, lambda: &lambda,
                    firehose: &firehose, isPushEvent: true)
                busyUntil = slots[index].busyUntil
            }
        }
        let earliest = max(busyUntil, time + context.assumptions.enhancedFanOutPushIntervalNanoseconds)
        if finishesClosedShard(slot: index, outcome: outcome, layout: context.layout) {
            slots[index].hasFinishedShard = true
            return
        }
        switch outcome.stop {
        case .caughtUp:
            slots[index].isWaitingForData = true
            enhancedWaiting[shard].append(slot)
        case .notYetVisible(let acceptedAt):
            context.schedule(.enhancedPush, at: max(earliest, acceptedAt + propagation), target: slot)
        case .limitReached:
            // Wait until the subscription has earned about one push interval's worth of bytes.
            let refill = Int64(secondsToNanoseconds(max(0, -tokensLeft) / rate))
            context.schedule(.enhancedPush, at: max(earliest, time + refill), target: slot)
        }
    }

    /// Whether the slot may push now; if not, its next look is scheduled (or Lambda told to resume it). Once an
    /// `enhanced` reader without outages passes, it always will (only KCL holds leases, a finished parent stays
    /// finished), so it is marked to skip these checks (`pushesUnchecked`) but for being busy, and to have its
    /// records delivered without `handleRead`'s dispatch (it never checkpoints): 16 M instructions of workload b.
    @inline(__always)
    mutating func mayPush(
        slot index: Int, at time: Int64, context: inout SimulationContext, lambda: inout LambdaMappings
    )
        -> Bool
    {
        let slot = Int32(index)
        let consumerIndex = Int(slots[index].consumerIndex)
        if let resume = pushPausedUntil(slot: index, at: time) {
            context.schedule(.enhancedPush, at: resume, target: slot)
            return false
        }
        let busyUntil = slots[index].busyUntil
        if time < busyUntil {
            context.schedule(.enhancedPush, at: busyUntil, target: slot)
            return false
        }
        if !parentsAreFinished(slot: index, layout: context.layout) {
            context.schedule(.enhancedPush, at: time + 200_000_000, target: slot)
            return false
        }
        let type = consumers[consumerIndex].configuration.type
        if type == .lambda && !lambda.hasRoom(consumerSlot: index) {
            lambda.deferRead(consumerSlot: index)
            return false
        }
        if type == .enhanced && consumers[consumerIndex].outages.isEmpty
            && consumers[consumerIndex].checkpointEveryRecords == 0
        {
            pushesUnchecked[index] = true
        }
        return true
    }

    /// When a paused subscription looks again: after its consumer's outage, or shortly when no KCL worker holds the
    /// shard's lease (so nobody subscribes); nil when it may push now.
    @inline(__always)
    func pushPausedUntil(slot index: Int, at time: Int64) -> Int64? {
        if let resume = consumers[Int(slots[index].consumerIndex)].outageEnd(covering: time) { return resume }
        return slots[index].isLeaseHeld ? nil : time + Self.leaseWaitRecheckNanoseconds
    }
}
