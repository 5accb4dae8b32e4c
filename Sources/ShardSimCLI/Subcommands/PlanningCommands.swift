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
    static let maxPoints = 10_000

    /// The number of grid points, refused (before anything is built) above `maxPoints`; the product is checked
    /// for overflow, so 64 axes of two values are 2^64 points, not 0.
    static func gridPointCount(_ valueCounts: [Int]) throws(UsageError) -> Int {
        var count = 1
        for values in valueCounts {
            let (product, overflow) = count.multipliedReportingOverflow(by: values)
            guard !overflow, product <= maxPoints else {
                let exact = valueCounts.reduce(1.0) { $0 * Double($1) }
                let shown = exact < 1e15 ? RunBudget.wholeNumber(exact) : String(format: "about %.3g", exact)
                throw UsageError("the grid has \(shown) points (\(valueCounts.count) --vary axes); a sweep runs at most "
                    + "\(RunBudget.wholeNumber(Double(maxPoints))) points: vary fewer paths or values")
            }
            count = product
        }
        return count
    }

    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        guard !arguments.variations.isEmpty else { throw UsageError("expected at least one --vary PATH=V1,V2,…") }
        var axes: [(path: String, values: [String])] = []
        for variation in arguments.variations {
            guard let equals = variation.firstIndex(of: "="), equals != variation.startIndex else {
                throw UsageError("--vary expects PATH=V1,V2,…, got '\(variation)'")
            }
            let values = variation[variation.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !values.isEmpty, !values.contains(where: \.isEmpty) else { throw UsageError("--vary \(variation): empty value") }
            let path = String(variation[..<equals])
            guard !axes.contains(where: { $0.path == path }) else { throw UsageError("--vary \(path) is given twice; list all its values once") }
            axes.append((path, values))
        }
        let pointCount = try gridPointCount(axes.map(\.values.count))
        let partition = try partition(arguments)
        let pointIndices = (0..<pointCount).filter { partition.contains(point: $0) }
        // Grid order: the first --vary changes slowest.
        let pointValues: [[String]] = pointIndices.map { point in
            var rest = point
            return axes.reversed().map { axis in
                defer { rest /= axis.values.count }
                return axis.values[rest % axis.values.count]
            }.reversed()
        }
        let pointArguments = SendableArguments(pointValues.map { values in
            var pointArguments = arguments
            pointArguments.overrides += zip(axes, values).map { "\($0.path)=\($1)" }
            return pointArguments
        })
        // Every point is decoded and checked before any runs, keeping only its objective and size; each worker
        // decodes its point again, so the sweep never holds every decoded scenario at once.
        var objectives: [ServiceLevelObjective?] = []
        var estimates: [(estimate: RunSizeEstimate, fidelity: SimulationFidelity)] = []
        for slot in pointIndices.indices {
            do {
                let scenario = try ScenarioLoading.load(pointArguments.items[slot], command: "sweep")
                objectives.append(scenario.serviceLevelObjective)
                estimates.append((RunSizeEstimate(scenario.configuration), scenario.configuration.fidelity))
            } catch {
                throw UsageError("at " + zip(axes, pointValues[slot]).map { "\($0.path)=\($1)" }.joined(separator: " ") + ": " + error.message)
            }
        }
        if !arguments.allowsLarge, let refusal = RunBudget.sweepRefusal(estimates, concurrentRuns: min(arguments.threads, estimates.count),
                                                                            limits: ScenarioLoading.budgetLimits) {
            throw UsageError(refusal)
        }
        let rows = ParallelRuns.indices(pointIndices.count, threads: arguments.threads) { [pointIndices, pointValues, objectives] slot, usesSpareCore -> SweepRow? in
            // Decoded before, so it decodes again unless a file it reads changed meanwhile.
            guard let scenario = try? ScenarioLoading.load(pointArguments.items[slot], command: "sweep") else { return nil }
            let result = Simulation.run(scenario.configuration, usesSpareCore: usesSpareCore)
            return SweepRow(point: pointIndices[slot], values: pointValues[slot], result: result, objective: objectives[slot])
        }.compactMap { $0 }
        guard rows.count == pointIndices.count else { throw UsageError("the scenario or a file it reads changed during the sweep") }
        let text = render(axes: axes.map(\.path), rows: rows, points: pointCount, partition: partition, format: arguments.format)
        var outcome = CommandOutcome(exitCode: 0)
        try ShardSimCommand.deliver(text, to: arguments.outputPath, outcome: &outcome)
        return outcome
    }
}

/// Each point's command line, read (never changed) by the sweep's worker threads.
private struct SendableArguments: @unchecked Sendable {
    let items: [CommandLineArguments]
    init(_ items: [CommandLineArguments]) { self.items = items }
}
