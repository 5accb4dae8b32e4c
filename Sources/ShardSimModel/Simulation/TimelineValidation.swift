import ShardSimEngine

/// A timeline event AWS would refuse, found by replaying the resharding actions before the run: which event, and
/// which rule with its figures. The scenario layer names the event's field and words the rule.
public struct TimelineProblem: Sendable, Equatable {
    /// Index into the scenario's `events`.
    public var eventIndex: Int
    public var kind: Kind

    public init(eventIndex: Int, kind: Kind) {
        self.eventIndex = eventIndex
        self.kind = kind
    }

    /// The rule an event breaks.
    public enum Kind: Sendable, Equatable {
        /// Resharding on an ON_DEMAND stream (it scales itself; resharding applies to PROVISIONED streams).
        case reshardingOnDemand
        /// The event starts while the stream is still UPDATING from event `byEventIndex` until `untilNanoseconds`:
        /// AWS allows one resharding operation at a time.
        case streamUpdating(untilNanoseconds: Int64, byEventIndex: Int)
        /// The split's or merge's `shardId` is not open at that time; `openShardIds` lists the first open ones
        /// (at most `openShardIdsShown`), `openShardCount` all of them.
        case shardNotOpen(shardId: String, openShardIds: [String], openShardCount: Int)
        /// A split would exceed `maxShards` shards per stream.
        case splitAboveShardLimit(maxShards: Int)
        /// The split key is not above the shard's start and at most its end; `isKeyGiven` tells whether the scenario
        /// gave the key (`newStartingHashKey`) or the default (the range's middle) was used.
        case splitKeyOutsideShard(startingHashKey: UInt128, endingHashKey: UInt128, isKeyGiven: Bool)
        /// The merge's `adjacentShardId` is not another open shard.
        case adjacentShardNotOpen(adjacentShardId: String)
        /// The two shards' hash ranges do not touch.
        case shardsNotAdjacent(shardId: String, adjacentShardId: String)
        /// UpdateShardCount can at most double or halve: from `openShardCount`, targets in `allowedTargets`.
        case targetNotWithinDoubleOrHalf(openShardCount: Int, allowedTargets: ClosedRange<Int>, target: Int)
        /// The stream already has `target` open shards.
        case targetIsCurrentCount(target: Int)
        /// The target exceeds `maxShards` shards per stream.
        case targetAboveShardLimit(maxShards: Int)
        /// More than `maxCalls` UpdateShardCount calls in a rolling 24 hours.
        case tooManyScalingCalls(maxCalls: Int)
        /// A `workerFailure` of a KCL worker that is already down (failed at `sinceNanoseconds`).
        case workerAlreadyFailed(worker: Int, sinceNanoseconds: Int64)
        /// A `workerRecovery` of a KCL worker that is running.
        case workerNotFailed(worker: Int)
    }

    /// Open shard ids `shardNotOpen` lists at most.
    public static let openShardIdsShown = 6
}

/// Replays the resharding timeline on the shard layout alone (no load needed: layouts depend only on the
/// actions), so every rule AWS enforces becomes a scenario error up front: one operation at a time,
/// open and adjacent shards, UpdateShardCount within ½×…2× and 10 calls per rolling 24 h, at most
/// 10,000 shards.
public enum TimelineValidation {
    public static func problems(in configuration: SimulationConfiguration) -> [TimelineProblem] {
        var problems: [TimelineProblem] = []
        let workerProblems = kclWorkerProblems(in: configuration.events)
        let reshards = configuration.events.enumerated().filter { $0.element.isResharding }
        if configuration.stream.streamMode == .onDemand {
            return (reshards.map { TimelineProblem(eventIndex: $0.offset, kind: .reshardingOnDemand) } + workerProblems)
                .sorted { $0.eventIndex < $1.eventIndex }
        }
        var layout = ShardLayout(stream: configuration.stream)
        layout.maintainsRouter = false
        var busyUntil: Int64 = .min
        var busyEvent = -1
        var scalingTimes = RecentCalls()
        let ordered = reshards.sorted {
            $0.element.atNanoseconds < $1.element.atNanoseconds
                || ($0.element.atNanoseconds == $1.element.atNanoseconds && $0.offset < $1.offset)
        }
        for (index, event) in ordered {
            let at = event.atNanoseconds
            if at < busyUntil {
                problems.append(
                    TimelineProblem(
                        eventIndex: index, kind: .streamUpdating(untilNanoseconds: busyUntil, byEventIndex: busyEvent)))
                continue
            }
            let before = problems.count
            apply(event, index: index, to: &layout, scalingTimes: &scalingTimes, problems: &problems)
            guard problems.count == before else { continue }
            busyUntil = at + duration(of: event, assumptions: configuration.assumptions)
            busyEvent = index
        }
        return (problems + workerProblems).sorted { $0.eventIndex < $1.eventIndex }
    }

    /// Replays the KCL worker events in time order (ties in the scenario's order): a worker fails only while
    /// running and recovers only while failed; an application restart brings every worker up.
    static func kclWorkerProblems(in events: [TimelineEvent]) -> [TimelineProblem] {
        let ordered = events.enumerated().filter { $0.element.kclConsumerIndex != nil }.sorted {
            $0.element.atNanoseconds < $1.element.atNanoseconds
                || ($0.element.atNanoseconds == $1.element.atNanoseconds && $0.offset < $1.offset)
        }
        var problems: [TimelineProblem] = []
        // (consumer, worker) -> failed since; a small list (a scenario's few worker events), no hashing order.
        var failed: [(consumer: Int, worker: Int, since: Int64)] = []
        for (index, event) in ordered {
            switch event {
            case .workerFailure(let consumer, let worker, let at):
                if let down = failed.first(where: { $0.consumer == consumer && $0.worker == worker }) {
                    problems.append(
                        TimelineProblem(
                            eventIndex: index, kind: .workerAlreadyFailed(worker: worker, sinceNanoseconds: down.since))
                    )
                } else {
                    failed.append((consumer, worker, at))
                }
            case .workerRecovery(let consumer, let worker, _):
                if let position = failed.firstIndex(where: { $0.consumer == consumer && $0.worker == worker }) {
                    failed.remove(at: position)
                } else {
                    problems.append(TimelineProblem(eventIndex: index, kind: .workerNotFailed(worker: worker)))
                }
            case .applicationRestart(let consumer, _):
                failed.removeAll { $0.consumer == consumer }
            default: continue
            }
        }
        return problems
    }

    static func duration(of event: TimelineEvent, assumptions: ModelAssumptions) -> Int64 {
        if case .updateShardCount = event { return assumptions.updateShardCountDurationNanoseconds }
        return assumptions.splitMergeDurationNanoseconds
    }

    private static func apply(
        _ event: TimelineEvent, index: Int, to layout: inout ShardLayout, scalingTimes: inout RecentCalls,
        problems: inout [TimelineProblem]
    ) {
        func problem(_ kind: TimelineProblem.Kind) {
            problems.append(TimelineProblem(eventIndex: index, kind: kind))
        }
        let openCount = layout.openShardCount
        switch event {
        case .consumerOutage, .workerFailure, .workerRecovery, .applicationRestart:
            return
        case .splitShard(_, let shardId, let key):
            guard let shard = layout.openShardIndex(withId: shardId) else {
                return problem(notOpen(shardId, layout))
            }
            guard openCount < KinesisLimits.maxShardsPerStream else {
                return problem(.splitAboveShardLimit(maxShards: KinesisLimits.maxShardsPerStream))
            }
            let range = layout.shards[shard].hashKeyRange
            let splitKey = key ?? Resharding.defaultSplitKey(of: range)
            guard Resharding.split(range, at: splitKey) != nil else {
                return problem(
                    .splitKeyOutsideShard(
                        startingHashKey: range.startingHashKey, endingHashKey: range.endingHashKey,
                        isKeyGiven: key != nil))
            }
            _ = layout.split(shard, at: splitKey)
        case .mergeShards(_, let shardId, let adjacentId):
            guard let first = layout.openShardIndex(withId: shardId) else {
                return problem(notOpen(shardId, layout))
            }
            guard let second = layout.openShardIndex(withId: adjacentId), second != first else {
                return problem(.adjacentShardNotOpen(adjacentShardId: adjacentId))
            }
            guard Resharding.merge(layout.shards[first].hashKeyRange, layout.shards[second].hashKeyRange) != nil else {
                return problem(.shardsNotAdjacent(shardId: shardId, adjacentShardId: adjacentId))
            }
            _ = layout.merge(first, second)
        case .updateShardCount(let at, let target):
            guard target <= 2 * openCount, 2 * target >= openCount else {
                let allowed = (openCount + 1) / 2...min(2 * openCount, KinesisLimits.maxShardsPerStream)
                return problem(
                    .targetNotWithinDoubleOrHalf(openShardCount: openCount, allowedTargets: allowed, target: target))
            }
            guard target != openCount else { return problem(.targetIsCurrentCount(target: target)) }
            guard target <= KinesisLimits.maxShardsPerStream else {
                return problem(.targetAboveShardLimit(maxShards: KinesisLimits.maxShardsPerStream))
            }
            let day = 86_400 * nanosecondsPerSecond
            if scalingTimes.count(after: at - day) >= KinesisLimits.maxUpdateShardCountCallsPer24Hours {
                return problem(.tooManyScalingCalls(maxCalls: KinesisLimits.maxUpdateShardCountCallsPer24Hours))
            }
            scalingTimes.append(at)
            _ = layout.rescale(to: target)
        }
    }

    private static func notOpen(_ shardId: String, _ layout: ShardLayout) -> TimelineProblem.Kind {
        let ids = layout.openShardIndices.prefix(TimelineProblem.openShardIdsShown).map {
            layout.shards[Int($0)].shardId
        }
        return .shardNotOpen(shardId: shardId, openShardIds: ids, openShardCount: layout.openShardCount)
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
