import ShardSimEngine

/// What every component is handed with an event: the scenario, the event queue (the clock is the time of the
/// event being handled, passed alongside) and the shard layout. Components own everything else.
///
/// Only the loop and the layout-changing components (resharding, the on-demand scaler) change `layout`; the
/// others read it to route keys and to find a shard's parents.
struct SimulationContext {
    let configuration: SimulationConfiguration
    var queue = EventQueue(reservingCapacity: 4_096)
    var layout: ShardLayout

    /// Schedules an event of `kind` at `time`.
    ///
    /// Enhanced fan-out pushes go to the queue's ordered lane: a subscription re-arms itself one push interval
    /// ahead, so they mostly come due in the order they are scheduled and skip the heap (the queue puts any that
    /// would come due before the lane's last one in the heap; the pop order is the same either way).
    @inline(__always)
    mutating func schedule(_ kind: EventKind, at time: Int64, target: Int32, argument: Int64 = 0) {
        queue.schedule(
            at: time, kind: kind.rawValue, target: target, argument: argument, inOrderedLane: kind == .enhancedPush)
    }

    var assumptions: ModelAssumptions { configuration.assumptions }

    /// Records older than this have left the stream (its retention period).
    var retentionNanoseconds: Int64 { Int64(configuration.stream.retentionPeriodHours) * 3_600 * nanosecondsPerSecond }

    var isOnDemand: Bool { configuration.stream.streamMode == .onDemand }
}
