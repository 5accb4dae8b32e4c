import ShardSimEngine

/// What the loop does for more than one component: a shard or consumer slot appearing, a layout change, and
/// the invariants that span components.
extension Simulation {
    /// Per-shard state for a shard just added to the layout.
    mutating func addShardState() {
        writePath.addShard()
        readPath.addShard(coalescingNanoseconds: context.assumptions.logCoalescingNanoseconds)
        kcl.addShard()
    }

    /// A consumer's state for a new shard; a consumer already reading starts on it (after its parents).
    mutating func addConsumerSlot(consumer consumerIndex: Int, shard: Int, at time: Int64) {
        let slot = readPath.slots.count
        let isReading = readPath.addSlot(consumer: consumerIndex, shard: shard, at: time)
        lambda.addSlot(consumer: consumerIndex, shard: shard)
        firehose.addSlot(consumer: consumerIndex)
        guard isReading else { return }
        if readPath.consumers[consumerIndex].configuration.type == .lambda { lambda.prepare(consumerSlot: slot) }
        readPath.scheduleFirstRead(slot: slot, at: time, context: &context)
    }

    /// Brings every component up to date with a changed layout: per-shard state, key routing, consumer slots.
    mutating func applyLayoutChange(_ change: LayoutChange, at time: Int64) {
        for _ in change.children { addShardState() }
        context.layout.recordLifetimes(opened: change.children, closed: change.closedParents.map(Int.init), at: time)
        resharding.noteLayoutChange(at: time, openShards: context.layout.openShardCount)
        writePath.route(with: context.layout)
        lambda.countDistinctKeys(producers: writePath.producers, shardCount: context.layout.shards.count)
        for consumerIndex in readPath.consumers.indices {
            for child in change.children { addConsumerSlot(consumer: consumerIndex, shard: child, at: time) }
        }
        // Readers waiting for data on a parent that will get none must learn it is closed.
        for parent in change.closedParents {
            readPath.wakeEnhancedConsumers(shard: Int(parent), acceptedAt: time, context: &context)
        }
        checkInvariants()
    }
}

extension Simulation: InvariantChecking {
    /// Each component's invariants, and those between the write and read paths (event fidelity, with readers):
    /// every user record the producers had accepted was handed on, and every one handed on is in a shard log
    /// (counting those retention has trimmed since).
    public func invariantViolations() -> [String] {
        // Flow fidelity writes fractional totals into the producers at the end; only its ledger is checked here.
        let isEvent = context.configuration.fidelity == .event
        var violations =
            (isEvent ? writePath.invariantViolations() : writePath.ledger.invariantViolations())
            + readPath.invariantViolations() + lambda.invariantViolations() + firehose.invariantViolations()
        guard readPath.hasConsumers && isEvent else { return violations }
        let accepted = writePath.producers.reduce(Int64(0)) {
            $0 + $1.statistics.recordsSucceeded + $1.statistics.recordsDuplicated
        }
        let logged = readPath.logs.reduce(Int64(0)) { $0 + $1.totalUserRecords }
        if accepted != writePath.handedOnUserRecords || logged != writePath.handedOnUserRecords {
            violations.append(
                "producers had \(accepted) user records accepted, the write path handed on "
                    + "\(writePath.handedOnUserRecords), the shard logs hold \(logged)")
        }
        return violations
    }
}
