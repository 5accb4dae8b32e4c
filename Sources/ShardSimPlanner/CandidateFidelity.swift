import ShardSimModel

/// How a plan settles each candidate's fidelity: the configuration's own for every candidate (`fixed`: the scenario
/// or `--fidelity` named one), or per candidate (`auto`, the default of `plan`; docs/model.md section 14).
///
/// `auto` shares the command's work budget among the candidates the plan may simulate: a candidate runs in event
/// fidelity when its event work is within `RunBudget.autoFlowEventWork` (as `run --fidelity auto` decides) and within
/// its share, `maxWork / runs` (`runs`: `Planner.worstCaseCandidates` times the replications), and its memory fits;
/// otherwise in flow. The event candidates together then stay within the work budget, whichever counts the search
/// tries, and the decision for a count depends only on that count, never on the search order or the thread count.
public enum CandidateFidelity: Sendable, Equatable {
    case fixed
    case auto(RunBudget.Limits, runs: Int)

    /// `auto`'s threshold for event fidelity, in work units; nil when fixed.
    public var eventWorkLimit: Double? {
        guard case .auto(let limits, let runs) = self else { return nil }
        return min(limits.autoFlowEventWork, limits.maxWork / Double(max(1, runs)))
    }

    /// The fidelity `candidate` runs in (its own `fidelity` when fixed).
    public func decide(_ candidate: SimulationConfiguration) -> SimulationFidelity {
        guard case .auto(var limits, _) = self, let threshold = eventWorkLimit else { return candidate.fidelity }
        limits.autoFlowEventWork = threshold
        return RunBudget.resolve(.auto, for: RunSizeEstimate(candidate), limits: limits).fidelity
    }

    /// Why a sweep's points ran in the fidelity their rows say (`sweep`'s default `auto`, its share counted over the
    /// whole grid: `points` × `replications`); nil when fixed.
    public func sweepNote(points: Int, replications: Int) -> String? {
        guard let threshold = eventWorkLimit else { return nil }
        let runs = replications > 1 ? "\(points) points × \(replications) replications" : "\(points) points"
        return "fidelity auto: each point runs in event fidelity when its estimated event work is at most "
            + "\(Int64(threshold.rounded())) units (its share of the work budget over the grid's \(runs), at most the "
            + "ten-second auto limit) and its memory fits, else in flow (docs/model.md section 14); the fidelity "
            + "column says which. Force one with --fidelity event|flow."
    }

    /// `candidates` each in the fidelity `decide` gives it.
    public func apply(_ candidates: [SimulationConfiguration]) -> [SimulationConfiguration] {
        candidates.map { candidate in
            var settled = candidate
            settled.fidelity = decide(candidate)
            return settled
        }
    }
}

extension Planner {
    /// Which candidates ran in which fidelity and why, when `auto` ran any in flow; nil otherwise (every candidate
    /// in event fidelity, or one fidelity requested), so those reports read as before.
    static func fidelityNote(_ plan: CapacityPlan) -> String? {
        guard let threshold = plan.candidateFidelity.eventWorkLimit,
            plan.candidates.contains(where: { $0.fidelity == .flow })
        else { return nil }
        func counts(_ fidelity: SimulationFidelity) -> String {
            let chosen = plan.candidates.filter { $0.fidelity == fidelity }.map { String($0.shardCount) }
            return chosen.isEmpty ? "none" : chosen.joined(separator: ", ")
        }
        return "fidelity auto: each candidate runs in event fidelity when its estimated event work is at most "
            + "\(Int64(threshold.rounded())) units (its share of the plan's work budget, at most the ten-second auto "
            + "limit) and its memory fits, else in flow (docs/model.md section 14); flow: \(counts(.flow)) shards; "
            + "event: \(counts(.event)). Force one with --fidelity event|flow."
    }
}
