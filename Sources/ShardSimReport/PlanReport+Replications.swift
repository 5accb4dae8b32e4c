import ShardSimJSON
import ShardSimModel
import ShardSimPlanner

/// The parts of a plan report that replications add (`plan --replications N`, N ≥ 2; docs/model.md section 18), and
/// the single-seed flip hint. With one replication none of the JSON below is written.
extension PlanReport {
    /// `candidates[]`'s added members: the seeds the count met the SLO in and the binding objective's summary.
    static func replicationMembers(_ candidate: PlanCandidate, plan: CapacityPlan) -> [(String, JSONOutput)] {
        guard plan.isReplicated else { return [] }
        var members: [(String, JSONOutput)] = [
            ("replicationsMeetingSlo", .int(Int64(candidate.replicationsMeetingSlo)))
        ]
        if let kind = plan.bindingObjective, let summary = candidate.bindingMetric,
            case .object(let figures) = ReplicationReport.summary(summary)
        {
            let limit = kind.limit(in: plan.objective).map(JSONOutput.double) ?? .null
            members.append(
                ("bindingMetric", .object([("objective", .string(kind.scenarioKey)), ("limit", limit)] + figures)))
        }
        return members
    }

    /// The top-level `replications` member.
    static func replicationsJSON(_ plan: CapacityPlan) -> JSONOutput {
        let robust: JSONOutput =
            plan.busiestSecond.map { second in
                .object([
                    ("replication", .int(Int64(second.replication))), ("seed", .unsigned(second.seed)),
                    ("shardId", .string(second.shardId)), ("headroom", .double(second.headroom)),
                ])
            } ?? .null
        return .object([
            ("count", .int(Int64(plan.seeds.count))),
            ("seeds", .array(plan.seeds.map(JSONOutput.unsigned))),
            ("meetFraction", .double(plan.replications.meetFraction)),
            ("replicationsRequired", .int(Int64(plan.replications.required))),
            ("bindingObjective", plan.bindingObjective.map { .string($0.scenarioKey) } ?? .null),
            ("robustHeadroom", robust),
        ])
    }

    /// "6 shards met the SLO in 20 of 20 seeds; 5 shards in 3 of 20 (…)": the answer and the count below it.
    static func seedsText(_ plan: CapacityPlan) -> String {
        let seeds = plan.seeds.count, required = plan.replications.required
        let rule =
            "a count must meet it in at least \(required) of the \(seeds) (--meet-fraction "
            + "\(TextFormat.plain(plan.replications.meetFraction))); the seeds are the scenario's seed and seeds derived "
            + "from it, the same for every count (docs/model.md section 18)"
        let shown: [PlanCandidate]
        if let count = plan.recommendedShardCount {
            shown =
                plan.candidates.filter { $0.shardCount == count }
                + plan.candidates.filter { $0.shardCount < count }.suffix(1)
        } else {
            shown = Array(plan.candidates.suffix(1))
        }
        guard let first = shown.first else { return rule }
        var parts = [
            "\(LimitText.shards(first.shardCount)) met the SLO in \(first.replicationsMeetingSlo) of \(seeds) seeds"
        ]
        parts += shown.dropFirst().map {
            "\(LimitText.shards($0.shardCount)) in \($0.replicationsMeetingSlo) of \(seeds)"
        }
        return parts.joined(separator: "; ") + ". " + rule.prefix(1).uppercased() + rule.dropFirst()
    }

    /// The candidates table with replications: seeds meeting the SLO and the binding objective's spread.
    static func replicatedCandidates(_ plan: CapacityPlan) -> TextTable {
        let name = plan.bindingObjective.map(metricLabel) ?? "binding objective"
        var table = TextTable([
            ("shards", .right), ("meets SLO", .left), ("seeds meeting", .right),
            ("\(name): mean ± 95% half-width", .right), ("min – max", .right), ("monthly, replication 1", .right),
        ])
        let seeds = plan.seeds.count
        for candidate in plan.candidates {
            var spread = ["", ""]
            if let kind = plan.bindingObjective, let summary = candidate.bindingMetric {
                spread = [
                    format(summary.mean, kind) + " ± " + format(summary.halfWidth95, kind),
                    format(summary.minimum, kind) + " – " + format(summary.maximum, kind),
                ]
            }
            table.add(
                [
                    String(candidate.shardCount), candidate.meetsSlo ? "yes" : "no",
                    "\(candidate.replicationsMeetingSlo) of \(seeds)",
                ] + spread + ["$" + TextFormat.decimal(candidate.monthlyTotalUSD, places: 2)])
        }
        return table
    }

    static func metricLabel(_ kind: ServiceLevelObjective.Kind) -> String {
        switch kind {
        case .writeThrottledFraction: return "throttled"
        case .failedRecords: return "records lost"
        case .putLatencyP99: return "put p99"
        case .endToEndLatencyP99: return "end-to-end p99"
        case .iteratorAge: return "max iterator age"
        }
    }

    static func format(_ value: Double, _ kind: ServiceLevelObjective.Kind) -> String {
        switch kind {
        case .writeThrottledFraction: return TextFormat.percent(value, places: 3)
        case .failedRecords: return TextFormat.decimal(value, places: value.rounded() == value ? 0 : 1)
        case .putLatencyP99, .endToEndLatencyP99, .iteratorAge: return TextFormat.decimal(value, places: 1) + " ms"
        }
    }

    /// " in the worst of 20 seeds (replication 7, seed 123; ": where the robust headroom was seen, opening the
    /// parenthesis the headroom's meaning continues.
    static func worstSeedText(_ plan: CapacityPlan) -> String {
        guard plan.isReplicated, let second = plan.busiestSecond else { return " (" }
        return " in the worst of \(plan.seeds.count) seeds (replication \(second.replication), seed \(second.seed); "
    }
}
