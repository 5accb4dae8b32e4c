import ShardSimEngine

/// A timeline event AWS would refuse, found by replaying the resharding actions before the run.
public struct TimelineProblem: Sendable, Equatable {
    /// Index into the scenario's `events`.
    public var eventIndex: Int
    /// The event's field at fault (`shardId`, `targetShardCount`, `at`, …).
    public var field: String
    public var message: String
}

/// Replays the resharding timeline on the shard layout alone (no load needed: layouts depend only on the
/// actions), so every rule AWS enforces becomes a scenario error up front: one operation at a time,
/// open and adjacent shards, UpdateShardCount within ½×…2× and 10 calls per rolling 24 h, at most
/// 10,000 shards.
public enum TimelineValidation {
    public static func problems(in configuration: SimulationConfiguration) -> [TimelineProblem] {
        var problems: [TimelineProblem] = []
        let reshards = configuration.events.enumerated().filter { $0.element.isResharding }
        if configuration.stream.streamMode == .onDemand {
            return reshards.map { TimelineProblem(eventIndex: $0.offset, field: "action",
                                                  message: "ON_DEMAND streams scale themselves; resharding applies to PROVISIONED streams") }
        }
        var layout = ShardLayout(stream: configuration.stream)
        layout.maintainsRouter = false
        var busyUntil: Int64 = .min
        var busyEvent = -1
        var scalingTimes = RecentCalls()
        let ordered = reshards.sorted { $0.element.atNanoseconds < $1.element.atNanoseconds
            || ($0.element.atNanoseconds == $1.element.atNanoseconds && $0.offset < $1.offset) }
        for (index, event) in ordered {
            let at = event.atNanoseconds
            if at < busyUntil {
                problems.append(TimelineProblem(eventIndex: index, field: "at", message:
                    "the stream is UPDATING until \(ValueText.duration(busyUntil)) from events.\(busyEvent); AWS allows one resharding operation at a time"))
                continue
            }
            let before = problems.count
            apply(event, index: index, to: &layout, scalingTimes: &scalingTimes, problems: &problems)
            guard problems.count == before else { continue }
            busyUntil = at + duration(of: event, assumptions: configuration.assumptions)
            busyEvent = index
        }
        return problems.sorted { $0.eventIndex < $1.eventIndex }
    }

    static func duration(of event: TimelineEvent, assumptions: ModelAssumptions) -> Int64 {
        if case .updateShardCount = event { return assumptions.updateShardCountDurationNanoseconds }
        return assumptions.splitMergeDurationNanoseconds
    }

    private static func apply(_ event: TimelineEvent, index: Int, to layout: inout ShardLayout, scalingTimes: inout RecentCalls,
                              problems: inout [TimelineProblem]) {
        func problem(_ field: String, _ message: String) {
            problems.append(TimelineProblem(eventIndex: index, field: field, message: message))
        }
        let openCount = layout.openShardCount
        switch event {
        case .consumerOutage:
            return
        case .splitShard(_, let shardId, let key):
            guard let shard = layout.openShardIndex(withId: shardId) else {
                return problem("shardId", "\(shardId) is not an open shard at that time (open: \(openIds(layout)))")
            }
            guard openCount < KinesisLimits.maxShardsPerStream else {
                return problem("shardId", "a split would exceed \(KinesisLimits.maxShardsPerStream) shards")
            }
            let range = layout.shards[shard].hashKeyRange
            let splitKey = key ?? Resharding.defaultSplitKey(of: range)
            guard Resharding.split(range, at: splitKey) != nil else {
                return problem(key == nil ? "shardId" : "newStartingHashKey",
                               "must be above \(range.startingHashKey) and at most \(range.endingHashKey) (the shard's range)")
            }
            _ = layout.split(shard, at: splitKey)
        case .mergeShards(_, let shardId, let adjacentId):
            guard let first = layout.openShardIndex(withId: shardId) else {
                return problem("shardId", "\(shardId) is not an open shard at that time (open: \(openIds(layout)))")
            }
            guard let second = layout.openShardIndex(withId: adjacentId), second != first else {
                return problem("adjacentShardId", "\(adjacentId) is not another open shard at that time")
            }
            guard Resharding.merge(layout.shards[first].hashKeyRange, layout.shards[second].hashKeyRange) != nil else {
                return problem("adjacentShardId", "\(adjacentId) is not adjacent to \(shardId): their hash ranges must touch")
            }
            _ = layout.merge(first, second)
        case .updateShardCount(let at, let target):
            guard target <= 2 * openCount, 2 * target >= openCount else {
                return problem("targetShardCount", "UpdateShardCount can at most double or halve: from \(openCount) shards, "
                    + "\((openCount + 1) / 2) to \(min(2 * openCount, KinesisLimits.maxShardsPerStream)), got \(target)")
            }
            guard target != openCount else { return problem("targetShardCount", "the stream already has \(target) open shards") }
            guard target <= KinesisLimits.maxShardsPerStream else {
                return problem("targetShardCount", "at most \(KinesisLimits.maxShardsPerStream) shards per stream")
            }
            let day = 86_400 * nanosecondsPerSecond
            if scalingTimes.count(after: at - day) >= KinesisLimits.maxUpdateShardCountCallsPer24Hours {
                return problem("at", "more than \(KinesisLimits.maxUpdateShardCountCallsPer24Hours) UpdateShardCount calls in 24 hours")
            }
            scalingTimes.append(at)
            _ = layout.rescale(to: target)
        }
    }

    private static func openIds(_ layout: ShardLayout) -> String {
        let ids = layout.openShardIndices.prefix(6).map { layout.shards[Int($0)].shardId }
        return ids.joined(separator: ", ") + (layout.openShardCount > 6 ? ", …" : "")
    }
}

/// Times of UpdateShardCount calls, appended in time order; counting the recent ones forgets older ones for good,
/// so a long timeline costs O(1) amortised per call (the events are replayed in time order).
struct RecentCalls {
    private var times: [Int64] = []
    private var firstRecent = 0

    mutating func append(_ time: Int64) { times.append(time) }

    /// Calls after `time`; `time` must not decrease from one question to the next.
    mutating func count(after time: Int64) -> Int {
        while firstRecent < times.count && times[firstRecent] <= time { firstRecent += 1 }
        return times.count - firstRecent
    }
}

/// Short text for simulated instants in messages.
enum ValueText {
    static func duration(_ nanoseconds: Int64) -> String {
        let seconds = Double(nanoseconds) / 1e9
        if seconds >= 3_600 && seconds.truncatingRemainder(dividingBy: 3_600) == 0 { return "\(Int64(seconds / 3_600))h" }
        if seconds >= 60 && seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int64(seconds / 60))m" }
        return "\(seconds)s"
    }
}
