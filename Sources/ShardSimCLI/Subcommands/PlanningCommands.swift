import Foundation
import ShardSimModel
import ShardSimPlanner
import ShardSimReport
import ShardSimScenario

/// `shardsim plan SCENARIO`: the smallest shard count that meets the SLO, and why.
enum PlanCommand {
    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        let emit = try templateFormat(arguments)
        let scenario = try ScenarioLoading.load(arguments, command: "plan", runs: Planner.worstCaseCandidates)
        let plan = Planner.plan(scenario.configuration, objective: scenario.serviceLevelObjective, threads: arguments.threads)
        if let emit { return try emitTemplate(emit, plan: plan, scenario: scenario, arguments: arguments) }
        var outcome = try ShardSimCommand.render(arguments, json: { PlanReport.json(plan) }, document: { PlanReport.document(plan) },
                                                 description: scenario.description,
                                                 html: { PlanReportHTML.page(plan, description: scenario.description) })
        if arguments.failOnSlo && !plan.feasible { outcome.exitCode = 1 }
        return outcome
    }
}

extension PlanCommand {
    /// `--emit cloudformation|terraform`, checked before any simulation runs.
    static func templateFormat(_ arguments: CommandLineArguments) throws(UsageError) -> StreamTemplate.Format? {
        guard let value = arguments.extra["--emit"] else { return nil }
        guard let format = StreamTemplate.Format(rawValue: value) else {
            throw UsageError("--emit expects cloudformation or terraform, got '\(value)'")
        }
        return format
    }

    /// The planned stream as a template snippet; when no shard count meets the SLO there is nothing to emit: exit 1
    /// with the planner's reason.
    static func emitTemplate(_ format: StreamTemplate.Format, plan: CapacityPlan, scenario: Scenario,
                             arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        guard plan.feasible, let count = plan.recommendedShardCount else {
            return CommandOutcome(exitCode: 1, standardError: "shardsim plan: no shard count meets the SLO, so there is no stream to emit: \(plan.reason)\n")
        }
        let text = StreamTemplate.render(format, scenarioName: scenario.name, shardCount: count,
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
        if let choice = arguments.extra["--on-demand-stream"] {
            // The option is the scenario field stream.onDemand.compareAs, applied after the file's own --set.
            switch choice.lowercased() {
            case "established": arguments.overrides.append("stream.onDemand.compareAs=ESTABLISHED")
            case "new", "new-stream", "new_stream": arguments.overrides.append("stream.onDemand.compareAs=NEW_STREAM")
            default: throw UsageError("--on-demand-stream expects established or new, got '\(choice)'")
            }
        }
        // Compare plans, then runs provisioned and on-demand once each.
        let scenario = try ScenarioLoading.load(arguments, command: "compare", runs: { configuration in
            var onDemand = configuration
            onDemand.stream.streamMode = .onDemand
            onDemand.stream.initialLayout = nil
            onDemand.events = configuration.events.filter { !$0.isResharding }
            let candidates = Planner.worstCaseCandidates(configuration)
            // The provisioned run is at most the largest candidate.
            return candidates + [candidates.last ?? configuration, onDemand]
        })
        let comparison = ModeComparer.compare(scenario.configuration, objective: scenario.serviceLevelObjective,
                                              threads: arguments.threads)
        return try ShardSimCommand.render(arguments, json: { PlanReport.json(comparison) }, document: { PlanReport.document(comparison) },
                                          description: scenario.description,
                                          html: { PlanReportHTML.page(comparison, description: scenario.description) })
    }
}

/// `shardsim sweep SCENARIO --vary PATH=V1,V2,… [--vary …] [--partition I/N]`: the grid of what-ifs, in
/// parallel; a partition runs every N-th point so N processes (a CI matrix, a batch array) share a big grid.
enum SweepCommand {
    static func partition(_ arguments: CommandLineArguments) throws(UsageError) -> SweepPartition {
        guard let text = arguments.extra["--partition"] else { return .whole }
        guard let partition = SweepPartition(text) else {
            throw UsageError("--partition expects I/N with 1 ≤ I ≤ N ≤ 10,000, e.g. --partition 2/4, got '\(text)'")
        }
        return partition
    }

    /// The table in `format`; JSON carries the grid size and partition so `merge-results` can join slices.
    static func render(axes: [String], rows: [SweepRow], points: Int, partition: SweepPartition, format: String) -> String {
        switch format {
        case "json": return SweepReport.json(axes: axes, rows: rows, points: points, partition: partition).rendered() + "\n"
        case "csv": return SweepReport.csv(axes: axes, rows: rows)
        case "markdown": return SweepReport.document(axes: axes, rows: rows).markdown()
        default: return SweepReport.text(axes: axes, rows: rows)
        }
    }

    /// Most grid points one sweep runs.
    static let maxPoints = SweepGrid.maxPoints

    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        let grid = try SweepGrid(arguments)
        let partition = try partition(arguments)
        let rows = try grid.run(arguments, partition: partition, command: "sweep") { point, values, result, objective in
            SweepRow(point: point, values: values, result: result, objective: objective)
        }
        let text = render(axes: grid.axes.map(\.path), rows: rows, points: grid.pointCount, partition: partition, format: arguments.format)
        var outcome = CommandOutcome(exitCode: 0)
        try ShardSimCommand.deliver(text, to: arguments.outputPath, outcome: &outcome)
        return outcome
    }
}
