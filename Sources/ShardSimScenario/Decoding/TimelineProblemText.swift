import ShardSimEngine
import ShardSimModel

/// The words for a `TimelineProblem`: the event's field at fault (the last step of its JSON path) and what AWS
/// would refuse.
enum TimelineProblemText {
    /// The path of the field at fault: `events.<index>.<field>`.
    static func path(_ problem: TimelineProblem) -> String {
        "events.\(problem.eventIndex).\(field(problem.kind))"
    }

    /// The event's field (`shardId`, `targetShardCount`, `at`, …) the problem is about.
    static func field(_ kind: TimelineProblem.Kind) -> String {
        switch kind {
        case .reshardingOnDemand: return "action"
        case .streamUpdating, .tooManyScalingCalls: return "at"
        case .shardNotOpen, .splitAboveShardLimit: return "shardId"
        case .splitKeyOutsideShard(_, _, let isKeyGiven): return isKeyGiven ? "newStartingHashKey" : "shardId"
        case .adjacentShardNotOpen, .shardsNotAdjacent: return "adjacentShardId"
        case .targetNotWithinDoubleOrHalf, .targetIsCurrentCount, .targetAboveShardLimit: return "targetShardCount"
        case .workerAlreadyFailed, .workerNotFailed: return "worker"
        }
    }

    static func message(_ kind: TimelineProblem.Kind) -> String {
        switch kind {
        case .reshardingOnDemand:
            return "ON_DEMAND streams scale themselves; resharding applies to PROVISIONED streams"
        case .streamUpdating(let until, let event):
            return
                "the stream is UPDATING until \(duration(until)) from events.\(event); AWS allows one resharding operation at a time"
        case .shardNotOpen(let shardId, let openIds, let openCount):
            let listed = openIds.joined(separator: ", ") + (openCount > openIds.count ? ", …" : "")
            return "\(shardId) is not an open shard at that time (open: \(listed))"
        case .splitAboveShardLimit(let maxShards):
            return "a split would exceed \(maxShards) shards"
        case .splitKeyOutsideShard(let start, let end, _):
            return "must be above \(start) and at most \(end) (the shard's range)"
        case .adjacentShardNotOpen(let adjacentId):
            return "\(adjacentId) is not another open shard at that time"
        case .shardsNotAdjacent(let shardId, let adjacentId):
            return "\(adjacentId) is not adjacent to \(shardId): their hash ranges must touch"
        case .targetNotWithinDoubleOrHalf(let openCount, let allowed, let target):
            return "UpdateShardCount can at most double or halve: from \(openCount) shards, "
                + "\(allowed.lowerBound) to \(allowed.upperBound), got \(target)"
        case .targetIsCurrentCount(let target):
            return "the stream already has \(target) open shards"
        case .targetAboveShardLimit(let maxShards):
            return "at most \(maxShards) shards per stream"
        case .tooManyScalingCalls(let maxCalls):
            return "more than \(maxCalls) UpdateShardCount calls in 24 hours"
        case .workerAlreadyFailed(let worker, let since):
            return
                "worker \(worker) has been down since \(duration(since)); add a workerRecovery before failing it again"
        case .workerNotFailed(let worker):
            return "worker \(worker) is running at that time; workerRecovery follows a workerFailure"
        }
    }

    /// A simulated instant as short text: whole hours ("2h") or minutes ("3m"), else seconds ("70.0s").
    static func duration(_ nanoseconds: Int64) -> String {
        let seconds = nanosecondsToSeconds(nanoseconds)
        if seconds >= 3_600 && seconds.truncatingRemainder(dividingBy: 3_600) == 0 {
            return "\(Int64(seconds / 3_600))h"
        }
        if seconds >= 60 && seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int64(seconds / 60))m" }
        return "\(seconds)s"
    }
}
