import ShardSimEngine

/// SplitShard, MergeShards and UpdateShardCount during a run. Each takes effect when it completes (the stream
/// is UPDATING until then, and reads and writes go on with the old layout); the parents close, writes route to
/// the children, and readers finish each parent before they read its children, as the KCL does.
extension Simulation {
    mutating func scheduleResharding() {
        for (index, event) in configuration.events.enumerated() where event.isResharding {
            let completion = event.atNanoseconds + TimelineValidation.duration(of: event, assumptions: configuration.assumptions)
            queue.schedule(at: completion, kind: EventKind.reshardComplete.rawValue, target: Int32(index))
        }
    }

    mutating func completeResharding(eventIndex: Int, at time: Int64) {
        accountOpenShardTime(until: time)
        let parentsBefore = Set(layout.openShardIndices)
        let children: [Int]
        switch configuration.events[eventIndex] {
        case .splitShard(_, let shardId, let key):
            guard let shard = layout.openShardIndex(withId: shardId) else { preconditionFailure("validated split of \(shardId)") }
            children = layout.split(shard, at: key ?? Resharding.defaultSplitKey(of: layout.shards[shard].hashKeyRange))
        case .mergeShards(_, let shardId, let adjacentId):
            guard let first = layout.openShardIndex(withId: shardId), let second = layout.openShardIndex(withId: adjacentId)
            else { preconditionFailure("validated merge of \(shardId) and \(adjacentId)") }
            children = [layout.merge(first, second)]
        case .updateShardCount(_, let target):
            children = layout.rescale(to: target)
        case .consumerOutage:
            return
        }
        applyLayoutChange(children: children, closedParents: parentsBefore.subtracting(layout.openShardIndices), at: time)
    }

    /// Brings per-shard state, key routing and consumers up to date with a changed layout.
    mutating func applyLayoutChange(children: [Int], closedParents: Set<Int32>, at time: Int64) {
        for _ in children { addShardState() }
        layout.recordLifetimes(opened: children, closed: closedParents.map(Int.init), at: time)
        shardCountTimeline.append(ShardCountChange(atNanoseconds: time, openShards: layout.openShardCount))
        for index in producers.indices {
            producers[index].keys.route(with: layout.router, openShardIndices: layout.openShardIndices)
        }
        countDistinctKeysByShard()
        for consumerIndex in consumers.indices {
            for child in children { addConsumerSlot(consumer: consumerIndex, shard: child, at: time) }
        }
        // Readers waiting for data on a parent that will get none must learn it is closed.
        for parent in closedParents.sorted() { wakeEnhancedConsumers(shard: Int(parent), acceptedAt: time) }
    }

    /// A consumer's state for a new shard; a consumer already reading starts on it (after its parents).
    mutating func addConsumerSlot(consumer consumerIndex: Int, shard: Int, at time: Int64) {
        let slot = consumerSlots.count
        var state = ConsumerShardState(consumerIndex: Int32(consumerIndex), shardIndex: Int32(shard))
        consumerSlots.append(state)
        lambdaShards.append(LambdaShardState())
        firehoseBuffers.append(FirehoseBuffer())
        slotByConsumerAndShard[consumerIndex].append(Int32(slot))
        guard consumers[consumerIndex].hasStarted else { return }
        let configuration = consumers[consumerIndex].configuration
        state.hasStarted = true
        state.startedAt = time
        state.pushTokens = enhancedFanOutBurstBytes
        state.pushTokensAt = time
        consumerSlots[slot] = state
        if configuration.type == .lambda { prepareLambda(consumerSlot: slot) }
        let kind = configuration.type.readsWithGetRecords(configuration) ? EventKind.sharedPoll : EventKind.enhancedPush
        queue.schedule(at: time, kind: kind.rawValue, target: Int32(slot))
    }

    /// Counts, per shard, the distinct keys routed to it (up to 10, the largest ParallelizationFactor).
    mutating func countDistinctKeysByShard() {
        guard configuration.consumers.contains(where: { $0.type == .lambda }) else { return }
        distinctKeysByShard = Array(repeating: 0, count: layout.shards.count)
        for producer in producers {
            for shard in producer.keys.shardIndexByKey where distinctKeysByShard[Int(shard)] < 10 {
                distinctKeysByShard[Int(shard)] += 1
            }
        }
    }

    /// Whether this slot's consumer has read all of the shard's parents (KCL: parents before children).
    @inline(__always) // see `Simulation`: a call from an event handler would copy the whole simulation
    func parentsAreFinished(slot: Int) -> Bool {
        // Runs on every read: look at the shard's parents in place (copying the description retains its array).
        let shard = Int(consumerSlots[slot].shardIndex)
        if layout.shards[shard].parentIndices.isEmpty { return true }
        for parent in layout.shards[shard].parentIndices {
            let parentSlot = Int(slotByConsumerAndShard[Int(consumerSlots[slot].consumerIndex)][parent])
            if !consumerSlots[parentSlot].hasFinishedShard { return false }
        }
        return true
    }

    /// Whether a read that came back caught up has finished a closed shard for good.
    @inline(__always) // see `Simulation`: a call from an event handler would copy the whole simulation
    func finishesClosedShard(slot: Int, outcome: ReadOutcome) -> Bool {
        outcome.stop == .caughtUp && layout.shards[Int(consumerSlots[slot].shardIndex)].status == .closed
    }

    /// Adds the open shards' time since the last layout change (for time-weighted shard-hours).
    mutating func accountOpenShardTime(until time: Int64) {
        let end = min(time, configuration.durationNanoseconds)
        guard end > lastLayoutChangeAt else { return }
        openShardNanoseconds += Double(layout.openShardCount) * Double(end - lastLayoutChangeAt)
        lastLayoutChangeAt = end
    }
}
