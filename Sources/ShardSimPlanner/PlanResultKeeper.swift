import Foundation
import ShardSimModel

extension PlanCandidate {
    /// The table row of the run `result` at `shardCount` shards against `objective`.
    init(_ result: SimulationResult, shardCount: Int, objective: ServiceLevelObjective) {
        let violations = result.violations(of: objective)
        self.init(
            shardCount: shardCount, meetsSlo: violations.isEmpty,
            writeThrottledFraction: result.totals.writeThrottledFraction,
            monthlyTotalUSD: result.monthlyCost.monthlyTotalUSD, violations: violations)
    }
}

extension Planner {
    /// `base` at `shardCount` shards, in the fidelity `fidelity` settles for it.
    static func candidate(_ base: SimulationConfiguration, shardCount: Int, fidelity: CandidateFidelity = .fixed)
        -> SimulationConfiguration
    {
        var candidate = base
        candidate.stream.shardCount = shardCount
        candidate.fidelity = fidelity.decide(candidate)
        return candidate
    }
}

/// The one full run a plan reports, chosen while its candidates finish on any thread (replication 1's run of each): a plan of a stream of
/// thousands of shards held every candidate's run (a dozen and more, each with per-second series for every shard)
/// until the end, where it needs one.
///
/// The plan reports the run at the smallest count that meets the SLO, or, when none does, at the largest count tried.
/// The search only ever tries counts below its answer that miss (docs/model.md section 13, step 2), so that run is
/// the best offered by one order: a run that meets beats one that misses; of two that meet the smaller count wins,
/// of two that miss the larger. The order is total, so the run kept never depends on which thread finished first.
/// The planner asks for the count it wants by name and runs it again if this kept another (same scenario and seed:
/// the same run).
final class PlanResultKeeper: @unchecked Sendable {
    private var kept: (row: PlanCandidate, result: SimulationResult)?
    private let lock = NSLock()

    /// Keeps `result` (the run of `row`) when it is better than the one kept, by the order above.
    func offer(_ row: PlanCandidate, _ result: SimulationResult) {
        lock.lock()
        defer { lock.unlock() }
        guard let current = kept?.row else {
            kept = (row, result)
            return
        }
        precondition(row.shardCount != current.shardCount, "each candidate runs once")
        let isBetter =
            row.meetsSlo != current.meetsSlo
            ? row.meetsSlo : (row.meetsSlo ? row.shardCount < current.shardCount : row.shardCount > current.shardCount)
        if isBetter { kept = (row, result) }
    }

    /// The kept run when it is the one at `shardCount`.
    func result(shardCount: Int) -> SimulationResult? {
        lock.lock()
        defer { lock.unlock() }
        guard let kept, kept.row.shardCount == shardCount else { return nil }
        return kept.result
    }
}
