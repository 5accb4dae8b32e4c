import Foundation
import ShardSimModel

/// Provisioned at the planned shard count against on-demand, on the same load and seed.
public struct ModeComparison: Sendable {
    public var plan: CapacityPlan
    public var provisionedShardCount: Int
    public var provisioned: SimulationResult
    public var onDemand: SimulationResult
    /// The lower monthly cost of the *offered* traffic (ties: PROVISIONED); the same as the billed cost whenever
    /// neither side throttled records away.
    public var cheaper: StreamMode
    /// The cheaper of the modes that meet the SLO, nil when neither does.
    public var cheaperMeetingSlo: StreamMode?
    /// The factor on every producer's rate at which the two monthly costs are equal (nil: no crossing
    /// between 1/1000 and 1000×), and the total records/s it means.
    public var breakEvenTrafficMultiplier: Double?
    public var breakEvenRecordsPerSecond: Double?
    /// The cheaper side just below and just above the break-even (nil without one); the side on today's side of
    /// it is `cheaper`.
    public var breakEvenCheaperBelow: StreamMode?
    public var breakEvenCheaperAbove: StreamMode?
    /// When the cheaper side flips back and forth beyond the break-even (provisioned adds whole shards), the factor
    /// of the last flip in that direction and the side cheaper beyond it, up to 1000× (or down to 1/1000×); nil
    /// when the break-even is the only crossing.
    public var breakEvenSettledTrafficMultiplier: Double?
    public var breakEvenCheaperBeyondSettled: StreamMode?
    public var objective: ServiceLevelObjective
    /// Which on-demand stream ran: established (prior 30-day peak = the workload's peak or the stated one) or new.
    public var onDemandStream: OnDemandComparedStream
    /// The prior peak the on-demand side started from (zero for a new stream), and whether the scenario stated it.
    public var onDemandPriorPeakWriteBytesPerSecond: Int64
    public var onDemandPriorPeakWriteRecordsPerSecond: Int64
    public var onDemandPriorPeakIsStated: Bool
    /// Each side's month for the traffic its producers offered, beside the billed month.
    public var provisionedOffered: OfferedTrafficCost
    public var onDemandOffered: OfferedTrafficCost
    /// Account quotas or stream maxima the answer runs into, each with the step that lifts it.
    public var quotaWarnings: [String]
    /// `--replications N` with N ≥ 2: both sides over N seeds (every other member is replication 1's); nil for one.
    public var replications: ReplicatedComparison? = nil
    /// Set when `auto` (`CandidateFidelity`) ran a candidate or a side in flow: which ran how, and why.
    public var fidelityNote: String? = nil
}

public enum ModeComparer {
    /// `threads` only changes how fast the answer comes, never the answer (tests pin it to compare). With
    /// `replications` N ≥ 2 both sides also run with the N seeds of `ReplicationSeeds` (the plan stays replication
    /// 1's: the provisioned count is the one a single compare plans).
    public static func compare(
        _ configuration: SimulationConfiguration, objective: ServiceLevelObjective?,
        threads: Int = ParallelRuns.threadCount, replications: Int = 1, fidelity: CandidateFidelity = .fixed
    ) -> ModeComparison {
        precondition((1...ReplicationSeeds.maxReplications).contains(replications), "replications out of range")
        let target = objective ?? .planDefault
        let plan = Planner.plan(configuration, objective: objective, threads: threads, fidelity: fidelity)
        // When no count meets the SLO, provisioned runs at the analytic bound of the limits other than the key
        // (the stream a user would build), and the report says it is infeasible.
        let evenSpread = plan.bounds.requirements.filter { $0.limit != .partitionKey }.map(\.shards).max() ?? 1
        let shardCount =
            plan.recommendedShardCount
            ?? min(KinesisLimits.maxShardsPerStream, max(1, Int((evenSpread - 1e-9).rounded(.up))))
        var provisioned = configuration
        provisioned.stream.streamMode = .provisioned
        provisioned.events = configuration.events.filter { !$0.isResharding }
        provisioned.stream.shardCount = min(shardCount, KinesisLimits.maxShardsPerStream)
        // Both sides start with CreateStream's even ranges: the planned count, and on-demand's own sizing.
        provisioned.stream.initialLayout = nil
        provisioned.fidelity = fidelity.decide(provisioned)
        var onDemand = onDemandSide(configuration, bounds: plan.bounds)
        onDemand.fidelity = fidelity.decide(onDemand)
        let (runs, replicated) = ReplicatedComparison.sides(
            provisioned: provisioned, onDemand: onDemand, objective: target, threads: threads, count: replications)
        let provisionedOffered = OfferedTrafficCost(runs[0]), onDemandOffered = OfferedTrafficCost(runs[1])
        let cheaper: StreamMode =
            provisionedOffered.monthlyTotalUSD <= onDemandOffered.monthlyTotalUSD ? .provisioned : .onDemand
        let provisionedMeets = runs[0].violations(of: target).isEmpty
        let onDemandMeets = runs[1].violations(of: target).isEmpty
        let cheaperMeeting: StreamMode? =
            switch (provisionedMeets, onDemandMeets) {
            case (true, true): cheaper
            case (true, false): .provisioned
            case (false, true): .onDemand
            case (false, false): nil
            }
        let model = BreakEvenModel(
            provisioned: provisionedOffered, onDemand: onDemandOffered,
            shardCount: provisioned.stream.shardCount, requirementShards: evenSpread)
        let multiplier = model.crossing()
        var comparison = ModeComparison(
            plan: plan, provisionedShardCount: provisioned.stream.shardCount, provisioned: runs[0], onDemand: runs[1],
            cheaper: cheaper, cheaperMeetingSlo: cheaperMeeting, breakEvenTrafficMultiplier: multiplier,
            breakEvenRecordsPerSecond: multiplier.map { $0 * plan.bounds.peakUserRecordsPerSecond },
            objective: target, onDemandStream: configuration.stream.onDemandComparedStream,
            onDemandPriorPeakWriteBytesPerSecond: onDemand.stream.onDemandPriorPeakWriteBytesPerSecond,
            onDemandPriorPeakWriteRecordsPerSecond: onDemand.stream.onDemandPriorPeakWriteRecordsPerSecond,
            onDemandPriorPeakIsStated: configuration.stream.onDemandPriorPeakIsStated,
            provisionedOffered: provisionedOffered, onDemandOffered: onDemandOffered, quotaWarnings: [],
            replications: replicated)
        if let multiplier {
            // Today's side of the crossing is the table's cheaper one; the other side is the other mode.
            let other: StreamMode = cheaper == .provisioned ? .onDemand : .provisioned
            comparison.breakEvenCheaperBelow = multiplier > 1 ? cheaper : other
            comparison.breakEvenCheaperAbove = multiplier > 1 ? other : cheaper
            if let settled = model.settledCrossing(after: multiplier) {
                comparison.breakEvenSettledTrafficMultiplier = settled
                let beyond = settled * (multiplier > 1 ? 1.0001 : 0.9999)
                comparison.breakEvenCheaperBeyondSettled = model.isOnDemandCheaper(beyond) ? .onDemand : .provisioned
            }
        }
        comparison.quotaWarnings = QuotaWarnings.forComparison(comparison)
        comparison.fidelityNote = fidelityNote(plan, provisioned: provisioned, onDemand: onDemand)
        return comparison
    }

    /// The plan's note and each side's fidelity, when `auto` ran anything in flow.
    static func fidelityNote(
        _ plan: CapacityPlan, provisioned: SimulationConfiguration, onDemand: SimulationConfiguration
    ) -> String? {
        guard let threshold = plan.candidateFidelity.eventWorkLimit,
            plan.fidelityNote != nil || provisioned.fidelity == .flow || onDemand.fidelity == .flow
        else { return nil }
        let planning =
            plan.fidelityNote
            ?? "fidelity auto: every planning candidate ran in event fidelity (each within "
            + "\(Int64(threshold.rounded())) units of event work, its share of the work budget)."
        return planning
            + " The sides, by the same rule: PROVISIONED in \(provisioned.fidelity.rawValue) fidelity, ON_DEMAND in "
            + "\(onDemand.fidelity.rawValue)."
    }

    /// The most runs `compare` can simulate for this scenario, for its run-size budget: every candidate planning may
    /// try, the provisioned run (at most the largest candidate) and the on-demand run.
    /// With `replications` N ≥ 2, both sides run N times (the seeds do not change the estimate).
    public static func worstCaseRuns(_ configuration: SimulationConfiguration, replications: Int = 1)
        -> [SimulationConfiguration]
    {
        var onDemand = configuration
        onDemand.stream.streamMode = .onDemand
        onDemand.stream.initialLayout = nil
        onDemand.events = configuration.events.filter { !$0.isResharding }
        let candidates = Planner.worstCaseCandidates(configuration)
        let sides = [candidates.last ?? configuration, onDemand]
        return candidates + (0..<max(1, replications)).flatMap { _ in sides }
    }

    /// The on-demand side: the scenario's load on an on-demand stream, without resharding events. By default an
    /// established stream whose previous 30-day peak is the stated one or, when none is stated, the workload's own
    /// peak (Kinesis records/s and bytes/s, data + key, at the producers' peak rates); `NEW_STREAM` starts from a
    /// new stream's 4 MiB/s and 4,000 records/s.
    static func onDemandSide(_ configuration: SimulationConfiguration, bounds: LoadBounds) -> SimulationConfiguration {
        var onDemand = configuration
        onDemand.stream.initialLayout = nil
        onDemand.stream.streamMode = .onDemand
        onDemand.events = configuration.events.filter { !$0.isResharding }
        switch configuration.stream.onDemandComparedStream {
        case .newStream:
            onDemand.stream.onDemandPriorPeakWriteBytesPerSecond = 0
            onDemand.stream.onDemandPriorPeakWriteRecordsPerSecond = 0
        case .established where !configuration.stream.onDemandPriorPeakIsStated:
            let recordsLimit = Double(configuration.stream.limits.writeRecordsPerSecond)
            let kinesisRecords =
                (bounds.requirements.first { $0.limit == .writeRecordsPerSecond }?.shards ?? 0) * recordsLimit
            onDemand.stream.onDemandPriorPeakWriteBytesPerSecond = Int64(
                min(1e12, max(0, (bounds.peakIncomingBytesPerSecond - 1e-6).rounded(.up))))
            onDemand.stream.onDemandPriorPeakWriteRecordsPerSecond = Int64(
                min(1e12, max(0, (kinesisRecords - 1e-6).rounded(.up))))
        case .established:
            break
        }
        return onDemand
    }
}
