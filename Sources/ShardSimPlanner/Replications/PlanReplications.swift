import ShardSimEngine
import ShardSimModel

/// How `plan` replicates each candidate (docs/model.md section 18): N seeds, the same N for every candidate (common
/// random numbers), and the share of them a shard count must meet the SLO in.
public struct PlanReplications: Sendable, Equatable {
    /// Replications per candidate, 1 ... `ReplicationSeeds.maxReplications`.
    public var count: Int
    /// `--meet-fraction F`, 0 < F ≤ 1: a count meets the SLO when it meets it in at least ⌈F · N⌉ replications.
    public var meetFraction: Double

    /// One replication, every one required: today's plan.
    public static let single = PlanReplications(count: 1, meetFraction: 1)

    public init(count: Int, meetFraction: Double) {
        precondition((1...ReplicationSeeds.maxReplications).contains(count), "replications out of range")
        precondition(meetFraction > 0 && meetFraction <= 1, "meet fraction out of range")
        self.count = count
        self.meetFraction = meetFraction
    }

    /// ⌈F · N⌉, at least 1. F · N is a product of doubles: 0.07 × 100 is 7.000000000000001, which must need 7, not 8,
    /// so an excess below 10⁻⁹ per replication is taken as rounding.
    public var required: Int {
        let product = meetFraction * Double(count)
        return max(1, min(count, Int((product - 1e-9 * Double(count)).rounded(.up))))
    }
}

extension ServiceLevelObjective.Kind {
    /// The objective's limit in `objective`, or nil when the objective does not set it.
    public func limit(in objective: ServiceLevelObjective) -> Double? {
        switch self {
        case .writeThrottledFraction: return objective.maxWriteThrottledFraction
        case .failedRecords: return objective.maxFailedRecords.map(Double.init)
        case .putLatencyP99: return objective.putLatencyP99Milliseconds
        case .endToEndLatencyP99: return objective.endToEndLatencyP99Milliseconds
        case .iteratorAge: return objective.maxIteratorAgeMilliseconds
        }
    }

    /// What a run measured for this objective, its worst subject's value in the limit's unit: the run meets the
    /// objective exactly when this is at most the limit (`SimulationResult.violations(of:)` checks every subject
    /// against the same limit, so the largest decides).
    public func worstValue(in result: SimulationResult) -> Double {
        switch self {
        case .writeThrottledFraction: return result.totals.writeThrottledFraction
        case .failedRecords:
            let consumerLosses = result.consumers.map { $0.statistics.recordsFailed + $0.statistics.recordsExpired }
            return Double(([result.totals.recordsFailed] + consumerLosses).max() ?? 0)
        case .putLatencyP99:
            let values = result.producers.filter { $0.statistics.putLatency.count > 0 }.map {
                nanosecondsToMilliseconds($0.statistics.putLatency.percentile(99))
            }
            return values.max() ?? 0
        case .endToEndLatencyP99:
            let values = result.consumers.filter { $0.statistics.endToEndLatency.count > 0 }.map {
                nanosecondsToMilliseconds($0.statistics.endToEndLatency.percentile(99))
            }
            return values.max() ?? 0
        case .iteratorAge:
            return result.consumers.map { nanosecondsToMilliseconds($0.statistics.maxIteratorAgeNanoseconds) }.max()
                ?? 0
        }
    }
}
