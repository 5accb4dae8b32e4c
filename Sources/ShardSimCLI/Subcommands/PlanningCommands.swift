import Foundation
import ShardSimModel
import ShardSimPlanner
import ShardSimReport
import ShardSimScenario

/// `shardsim plan SCENARIO`: the smallest shard count that meets the SLO, and why.
enum PlanCommand {
    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        let options = try PlanOptions(arguments)
        let emit = options.emit, replications = options.replications
        // The budget counts every candidate the plan may simulate, each once per replication.
        let (scenario, fidelity) = try ScenarioLoading.loadPlanning(
            arguments, command: "plan",
            runs: { configuration in
                let seeds = ReplicationSeeds.seeds(base: configuration.seed, count: replications.count)
                return Planner.worstCaseCandidates(configuration).flatMap { candidate in
                    seeds.map { seed in
                        var replication = candidate
                        replication.seed = seed
                        return replication
                    }
                }
            },
            subject: replications.count > 1
                ? "planning with \(replications.count) replications (every candidate it may simulate, each "
                    + "\(replications.count) times)" : nil)
        let plan = Planner.plan(
            scenario.configuration, objective: scenario.serviceLevelObjective, threads: arguments.threads,
            replications: replications, fidelity: fidelity)
        if let emit { return try emitTemplate(emit, plan: plan, scenario: scenario, arguments: arguments) }
        var outcome = try ShardSimCommand.render(
            arguments, json: { PlanReport.json(plan) }, document: { PlanReport.document(plan) },
            description: scenario.description,
            html: { PlanReportHTML.page(plan, description: scenario.description) })
        if arguments.failOnSlo && !plan.feasible { outcome.exitCode = 1 }
        return outcome
    }
}

extension PlanCommand {
    /// The planned stream as a template snippet; when no shard count meets the SLO there is nothing to emit: exit 1
    /// with the planner's reason.
    static func emitTemplate(
        _ format: StreamTemplate.Format, plan: CapacityPlan, scenario: Scenario,
        arguments: CommandLineArguments
    ) throws(UsageError) -> CommandOutcome {
        guard plan.feasible, let count = plan.recommendedShardCount else {
            return CommandOutcome(
                exitCode: 1,
                standardError:
                    "shardsim plan: no shard count meets the SLO, so there is no stream to emit: \(plan.reason)\n")
        }
        let text = StreamTemplate.render(
            format, scenarioName: scenario.name, shardCount: count,
            retentionPeriodHours: scenario.configuration.stream.retentionPeriodHours)
        var outcome = CommandOutcome(exitCode: 0)
        if let note = plan.layoutNote { outcome.standardError = "note: \(note)\n" }
        try ShardSimCommand.deliver(text, to: arguments.outputPath, outcome: &outcome)
        return outcome
    }
}

/// `shardsim compare SCENARIO`: provisioned at the planned count against on-demand.
enum CompareCommand {
    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        var arguments = arguments
        // The option is the scenario field stream.onDemand.compareAs, applied after the file's own --set.
        let options = try CompareOptions(arguments)
        if let onDemandStream = options.onDemandStream {
            arguments.overrides.append(onDemandStream.override)
        }
        // Compare plans, then runs provisioned and on-demand once per replication: the budget holds for all of them
        // together.
        let count = options.replications
        let (scenario, fidelity) = try ScenarioLoading.loadPlanning(
            arguments, command: "compare", runs: { ModeComparer.worstCaseRuns($0, replications: count) },
            subject: count > 1 ? "comparing with \(count) replications (planning, then both sides each time)" : nil)
        let comparison = ModeComparer.compare(
            scenario.configuration, objective: scenario.serviceLevelObjective,
            threads: arguments.threads, replications: count, fidelity: fidelity)
        return try ShardSimCommand.render(
            arguments, json: { PlanReport.json(comparison) }, document: { PlanReport.document(comparison) },
            description: scenario.description,
            html: { PlanReportHTML.page(comparison, description: scenario.description) })
    }
}

/// `shardsim sweep SCENARIO --vary PATH=V1,V2,… [--vary …] [--partition I/N]`: the grid of what-ifs, in
/// parallel; a partition runs every N-th point so N processes (a CI matrix, a batch array) share a big grid.
enum SweepCommand {
    /// The table in `format`; JSON carries the grid size and partition so `merge-results` can join slices.
    static func render(
        axes: [String], rows: [SweepRow], points: Int, partition: SweepPartition, format: OutputFormat,
        fidelityNote: String? = nil
    ) -> String {
        switch format {
        case .json:
            return SweepReport.json(
                axes: axes, rows: rows, points: points, partition: partition, fidelityNote: fidelityNote
            ).rendered() + "\n"
        case .csv: return SweepReport.csv(axes: axes, rows: rows)
        case .markdown: return SweepReport.document(axes: axes, rows: rows, fidelityNote: fidelityNote).markdown()
        case .text, .html: return SweepReport.text(axes: axes, rows: rows, fidelityNote: fidelityNote)
        }
    }

    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        let options = try SweepOptions(arguments, command: "sweep")
        let grid = options.grid, partition = options.partition
        let policy = fidelityPolicy(arguments, grid: grid, replications: options.replications)
        var rows = try rows(
            grid, partition: partition, replications: options.replications, arguments: arguments, policy: policy)
        // Rows say their fidelity only when `auto` ran some point in flow, so other sweeps print as before.
        let anyFlow = rows.contains { $0.fidelity == .flow }
        if !anyFlow {
            for index in rows.indices { rows[index].fidelity = nil }
        }
        let text = render(
            axes: grid.axes.map(\.path), rows: rows, points: grid.pointCount, partition: partition,
            format: arguments.format,
            fidelityNote: anyFlow ? policy.sweepNote(points: grid.pointCount, replications: options.replications) : nil)
        var outcome = CommandOutcome(exitCode: 0)
        try ShardSimCommand.deliver(text, to: arguments.outputPath, outcome: &outcome)
        return outcome
    }

    /// `auto` per point (docs/model.md section 14) unless `--fidelity` or the scenario names event or flow: the
    /// work budget shared over the whole grid, every point once per replication.
    static func fidelityPolicy(_ arguments: CommandLineArguments, grid: SweepGrid, replications: Int)
        -> CandidateFidelity
    {
        var stated: FidelityChoice?
        if case .success(let base) = ScenarioLoading.decode(arguments, command: "sweep"), base.fidelityStated {
            stated = base.fidelityChoice
        }
        guard (arguments.fidelity ?? stated ?? .auto) == .auto else { return .fixed }
        return .auto(ScenarioLoading.budgetLimits, runs: grid.pointCount * replications)
    }

    /// A point's row, keeping the fidelity it ran in; `execute` drops it unless `auto` ran some point in flow.
    static func row(_ point: Int, _ values: [String], _ result: SimulationResult, _ objective: ServiceLevelObjective?)
        -> SweepRow
    {
        var row = SweepRow(point: point, values: values, result: result, objective: objective)
        row.fidelity = result.configuration.fidelity
        return row
    }

    /// One row per point; over `replications` ≥ 2 each row is replication 1's with the replications' summary.
    static func rows(
        _ grid: SweepGrid, partition: SweepPartition, replications: Int, arguments: CommandLineArguments,
        policy: CandidateFidelity = .fixed
    ) throws(UsageError) -> [SweepRow] {
        guard replications > 1 else {
            return try grid.run(arguments, partition: partition, command: "sweep", policy: policy) {
                point, values, result, objective in row(point, values, result, objective)
            }
        }
        let parts = try grid.run(
            arguments, partition: partition, command: "sweep", replications: replications, policy: policy
        ) {
            point, values, replication, result, objective in
            (
                sample: SweepReplications.Sample(result: result, objective: objective),
                row: replication == 0 ? row(point, values, result, objective) : nil
            )
        }
        return parts.map { point in
            // Replication 0 always keeps its row (above).
            var row = point[0].row!
            row.replications = SweepReplications(point.map(\.sample))
            return row
        }
    }
}
