import Foundation
import ShardSimModel

/// Provisioned at the planned shard count against on-demand, on the same load and seed.
public struct ModeComparison: Sendable {
    public var plan: CapacityPlan
    public var provisionedShardCount: Int
    public var provisioned: SimulationResult
    public var onDemand: SimulationResult
    public var cheaper: StreamMode
    /// The cheaper of the modes that meet the SLO, nil when neither does.
    public var cheaperMeetingSlo: StreamMode?
    /// The factor on every producer's rate at which the two monthly costs are equal (nil: no crossing
    /// between 1/1000 and 1000×), and the total records/s it means.
    public var breakEvenTrafficMultiplier: Double?
    public var breakEvenRecordsPerSecond: Double?
    public var objective: ServiceLevelObjective
}

public enum ModeComparer {
    /// `threads` only changes how fast the answer comes, never the answer (tests pin it to compare).
    public static func compare(_ configuration: SimulationConfiguration, objective: ServiceLevelObjective?,
                               threads: Int = ParallelRuns.threadCount) -> ModeComparison {
        let target = objective ?? .planDefault
        let plan = Planner.plan(configuration, objective: objective, threads: threads)
        // When no count meets the SLO, provisioned runs at the analytic bound of the limits other than the key
        // (the stream a user would build), and the report says it is infeasible.
        let evenSpread = plan.bounds.requirements.filter { $0.limit != .partitionKey }.map(\.shards).max() ?? 1
        let shardCount = plan.recommendedShardCount ?? min(KinesisLimits.maxShardsPerStream, max(1, Int((evenSpread - 1e-9).rounded(.up))))
        var provisioned = configuration
        provisioned.stream.streamMode = .provisioned
        provisioned.events = configuration.events.filter { !$0.isResharding }
        provisioned.stream.shardCount = min(shardCount, KinesisLimits.maxShardsPerStream)
        // Both sides are new streams: the planned count evenly split, and on-demand's own sizing.
        provisioned.stream.initialLayout = nil
        var onDemand = configuration
        onDemand.stream.initialLayout = nil
        onDemand.stream.streamMode = .onDemand
        onDemand.events = configuration.events.filter { !$0.isResharding }
        let runs = ParallelRuns.run([provisioned, onDemand], threads: threads)
        let provisionedCost = runs[0].monthlyCost, onDemandCost = runs[1].monthlyCost
        let cheaper: StreamMode = provisionedCost.monthlyTotalUSD <= onDemandCost.monthlyTotalUSD ? .provisioned : .onDemand
        let provisionedMeets = runs[0].violations(of: target).isEmpty
        let onDemandMeets = runs[1].violations(of: target).isEmpty
        let cheaperMeeting: StreamMode? = switch (provisionedMeets, onDemandMeets) {
        case (true, true): cheaper
        case (true, false): .provisioned
        case (false, true): .onDemand
        case (false, false): nil
        }
        let multiplier = breakEven(provisioned: provisionedCost, onDemand: onDemandCost)
        return ModeComparison(plan: plan, provisionedShardCount: provisioned.stream.shardCount, provisioned: runs[0], onDemand: runs[1],
                              cheaper: cheaper, cheaperMeetingSlo: cheaperMeeting, breakEvenTrafficMultiplier: multiplier,
                              breakEvenRecordsPerSecond: multiplier.map { $0 * plan.bounds.peakUserRecordsPerSecond },
                              objective: target)
    }

    /// Items that scale with the shard count (provisioned) or are fixed (on-demand stream-hours); all others
    /// scale with traffic. Provisioned shards are assumed to scale with traffic too, rounded up.
    static func breakEven(provisioned: CostBreakdown, onDemand: CostBreakdown) -> Double? {
        let perShard = Set(["Provisioned shard hours", "Enhanced fan-out consumer-shard hours", "Extended data retention"])
        let shardCost = provisioned.lineItems.filter { perShard.contains($0.item) }.reduce(0) { $0 + $1.monthlyUSD }
        let provisionedTraffic = provisioned.monthlyTotalUSD - shardCost
        let onDemandFixed = onDemand.lineItems.filter { $0.item == "On-demand stream hours" }.reduce(0) { $0 + $1.monthlyUSD }
        let onDemandTraffic = onDemand.monthlyTotalUSD - onDemandFixed
        let shards = max(1, provisioned.lineItems.first { $0.item == "Provisioned shard hours" }.map { $0.quantity / 730 } ?? 1)
        func difference(_ factor: Double) -> Double {
            let scaledShards = max(1, (shards * factor - 1e-9).rounded(.up))
            return scaledShards / shards * shardCost + provisionedTraffic * factor - (onDemandFixed + onDemandTraffic * factor)
        }
        // Walk a log grid outwards from today's traffic in both directions; the nearest sign change wins.
        func firstCrossing(step: Double) -> Double? {
            var previous = 1.0
            var previousSign = difference(previous) > 0
            var factor = previous
            while factor < 1_000 && factor > 0.001 {
                factor *= step
                let sign = difference(factor) > 0
                if sign != previousSign {
                    var low = previous, high = factor
                    for _ in 0..<60 {
                        let middle = (low + high) / 2
                        if (difference(middle) > 0) == previousSign { low = middle } else { high = middle }
                    }
                    return (low + high) / 2
                }
                previous = factor
                previousSign = sign
            }
            return nil
        }
        let candidates = [firstCrossing(step: 1.02), firstCrossing(step: 1 / 1.02)].compactMap { $0 }
        return candidates.min { abs(log($0)) < abs(log($1)) }
    }
}
