import Foundation
import ShardSimModel

/// How sure a plan is (docs/model.md section 18): the objective that decides between counts, its spread over the
/// replications per candidate, and, with a single replication, whether the answer sits close to a flip.
extension Planner {
    /// A single-seed answer sits near a flip when the next lower count missed the SLO by less than this factor (on
    /// every objective it missed), or the answer met an objective with less than this factor to spare (an
    /// assumption, docs/model.md section 18: a factor, not a statistical test; it only decides whether to suggest
    /// `--replications`).
    public static let flipMarginFactor = 2.0
    /// The `--replications` the flip hint suggests.
    public static let suggestedReplications = 20

    static func summariseReplications(_ plan: inout CapacityPlan, found: Int?, results: [Int: CandidateOutcome]) {
        let kind = bindingObjective(plan, found: found, results: results)
        plan.bindingObjective = kind
        if plan.isReplicated, let kind {
            for index in plan.candidates.indices {
                guard let outcome = results[plan.candidates[index].shardCount] else { continue }
                plan.candidates[index].bindingMetric = SampleSummary(outcome.values(of: kind))
            }
        } else if let count = found {
            plan.flipHint = flipHint(plan, count: count, results: results)
        }
    }

    /// The objective that decides between counts: the one violated in the most replications of the largest count
    /// that failed below the answer (of the largest count tried when none meets the SLO), ties in the order the
    /// `slo` object lists them; when no count failed, the first objective the plan's target sets.
    static func bindingObjective(
        _ plan: CapacityPlan, found: Int?, results: [Int: CandidateOutcome]
    ) -> ServiceLevelObjective.Kind? {
        let set = ServiceLevelObjective.Kind.allCases.filter { $0.limit(in: plan.objective) != nil }
        let failing = results.keys.filter { count in
            found.map { count < $0 } ?? true
        }.max()
        if let failing, let outcome = results[failing] {
            let tallies = set.map { kind in
                outcome.verdicts.filter { verdict in verdict.violations.contains { $0.objective == kind } }.count
            }
            if let best = tallies.max(), best > 0, let index = tallies.firstIndex(of: best) { return set[index] }
        }
        return set.first
    }

    /// With one replication, says when the answer may flip with another seed and suggests `--replications`: the next
    /// lower count (simulated) missed the SLO by less than `flipMarginFactor` on every objective it missed; or the
    /// answer's busiest second was offered more than the write limit (it meets the SLO only by tolerating
    /// throttling); or the answer came within that factor of an objective's limit. Nil when none holds. Costs no
    /// extra run.
    static func flipHint(_ plan: CapacityPlan, count: Int, results: [Int: CandidateOutcome]) -> String? {
        var reasons: [String] = []
        if let below = results[count - 1], let violations = below.verdicts.first?.violations, !violations.isEmpty,
            violations.allSatisfy(isNarrowMiss)
        {
            let worst = violations.map { describe($0.objective, actual: $0.actual, limit: $0.limit) }
            reasons.append(
                "\(LimitText.shards(count - 1)) missed the SLO by less than a factor of "
                    + "\(LimitText.count(flipMarginFactor)) (\(worst.joined(separator: "; ")))")
        }
        if let second = plan.busiestSecond, second.headroom < 0 {
            // It met the SLO by tolerating throttling: another seed's bursts may throttle more than the SLO allows.
            reasons.append(
                "\(LimitText.shards(count)) met the SLO while its busiest second (\(second.shardId)) was offered "
                    + "\(String(format: "%.1f", -second.headroom * 100))% more than the write limit")
        }
        if let outcome = results[count] {
            let close = ServiceLevelObjective.Kind.allCases.compactMap { kind -> String? in
                guard let limit = kind.limit(in: plan.objective), limit > 0 else { return nil }
                let value = outcome.values(of: kind)[0]
                return value * flipMarginFactor >= limit ? describe(kind, actual: value, limit: limit) : nil
            }
            if !close.isEmpty {
                reasons.append(
                    "\(LimitText.shards(count)) met the SLO with less than a factor of \(LimitText.count(flipMarginFactor)) "
                        + "to spare (\(close.joined(separator: "; ")))")
            }
        }
        guard !reasons.isEmpty else { return nil }
        let seed = plan.seeds.first.map(String.init) ?? "?"
        return "on seed \(seed) alone, " + reasons.joined(separator: ", and ")
            + ": another seed may give another answer. Rerun with --replications \(suggestedReplications) to count the "
            + "seeds each count meets the SLO in (docs/model.md section 18)"
    }

    /// A miss within `flipMarginFactor` of the limit; a record-count limit of 0 counts as 1 (2 lost records are narrow,
    /// 200 are not); any miss of a fraction or latency limit of 0 is clear.
    static func isNarrowMiss(_ violation: ServiceLevelViolation) -> Bool {
        let scale = violation.objective == .failedRecords ? max(violation.limit, 1) : violation.limit
        return violation.actual <= flipMarginFactor * scale
    }

    /// "throttled attempts 0.150% against 0.100%", "records lost 2 against 0", "put latency p99 260.0 ms against 500 ms".
    static func describe(_ kind: ServiceLevelObjective.Kind, actual: Double, limit: Double) -> String {
        switch kind {
        case .writeThrottledFraction:
            return
                "throttled attempts \(String(format: "%.3f", actual * 100))% against \(String(format: "%.3f", limit * 100))%"
        case .failedRecords:
            return "records lost \(LimitText.count(actual)) against \(LimitText.count(limit))"
        case .putLatencyP99:
            return "put latency p99 \(String(format: "%.1f", actual)) ms against \(LimitText.count(limit)) ms"
        case .endToEndLatencyP99:
            return "end-to-end latency p99 \(String(format: "%.1f", actual)) ms against \(LimitText.count(limit)) ms"
        case .iteratorAge:
            return "iterator age \(String(format: "%.1f", actual)) ms against \(LimitText.count(limit)) ms"
        }
    }
}
