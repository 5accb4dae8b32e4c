import ShardSimEngine

/// What a layout change did: the shards it opened and the (open) shards it closed, in index order.
struct LayoutChange {
    var children: [Int]
    var closedParents: [Int32]

    /// The change between the open shards `before` and the layout's open shards now.
    init(children: [Int], openBefore before: [Int32], layout: ShardLayout) {
        self.children = children
        closedParents = Set(before).subtracting(layout.openShardIndices).sorted()
    }
}

/// SplitShard, MergeShards and UpdateShardCount during a run, and the shard count over time.
///
/// Each action takes effect when it completes (the stream is UPDATING until then, and reads and writes go on with
/// the old layout); the parents close, writes route to the children, and readers finish each parent before they
/// read its children, as the KCL does. Owns the `reshardComplete` event; hands the loop a `LayoutChange`, which
/// the loop passes to every component. Also keeps the open-shard time and timeline that shard-hours bill by
/// (for on-demand scaling too).
struct ReshardingSchedule {
    private(set) var shardCountTimeline: [ShardCountChange]
    /// Open shards × nanoseconds, up to `lastLayoutChangeAt`.
    private(set) var openShardNanoseconds: Double = 0
    private var lastLayoutChangeAt: Int64 = 0

    init(initialOpenShards: Int) {
        shardCountTimeline = [ShardCountChange(atNanoseconds: 0, openShards: initialOpenShards)]
    }

    /// Schedules the completion of every resharding action of the scenario.
    func schedule(context: inout SimulationContext) {
        let configuration = context.configuration
        for (index, event) in configuration.events.enumerated() where event.isResharding {
            let completion =
                event.atNanoseconds + TimelineValidation.duration(of: event, assumptions: configuration.assumptions)
            context.schedule(.reshardComplete, at: completion, target: Int32(index))
        }
    }

    /// A resharding action completes: changes the layout and returns what changed (nil for a non-resharding event).
    mutating func complete(eventIndex: Int, at time: Int64, context: inout SimulationContext) -> LayoutChange? {
        accountOpenShardTime(until: time, context: context)
        let before = context.layout.openShardIndices
        let children: [Int]
        switch context.configuration.events[eventIndex] {
        case .splitShard(_, let shardId, let key):
            guard let shard = context.layout.openShardIndex(withId: shardId) else {
                preconditionFailure("validated split of \(shardId)")
            }
            children = context.layout.split(
                shard, at: key ?? Resharding.defaultSplitKey(of: context.layout.shards[shard].hashKeyRange))
        case .mergeShards(_, let shardId, let adjacentId):
            guard let first = context.layout.openShardIndex(withId: shardId),
                let second = context.layout.openShardIndex(withId: adjacentId)
            else { preconditionFailure("validated merge of \(shardId) and \(adjacentId)") }
            children = [context.layout.merge(first, second)]
        case .updateShardCount(_, let target):
            children = context.layout.rescale(to: target)
        case .consumerOutage, .workerFailure, .workerRecovery, .applicationRestart:
            return nil
        }
        return LayoutChange(children: children, openBefore: before, layout: context.layout)
    }

    /// Notes the shard count after a layout change at `time`.
    mutating func noteLayoutChange(at time: Int64, openShards: Int) {
        shardCountTimeline.append(ShardCountChange(atNanoseconds: time, openShards: openShards))
    }

    /// Adds the open shards' time since the last layout change (for time-weighted shard-hours).
    mutating func accountOpenShardTime(until time: Int64, context: SimulationContext) {
        let end = min(time, context.configuration.durationNanoseconds)
        guard end > lastLayoutChangeAt else { return }
        openShardNanoseconds += Double(context.layout.openShardCount) * Double(end - lastLayoutChangeAt)
        lastLayoutChangeAt = end
    }
}
