import ShardSimModel
import ShardSimPlanner
import ShardSimReport
import ShardSimScenario

/// Running the grid that `sweep` and `explore` share (`ShardSimPlanner.SweepGrid`): each point's scenario is the
/// command's own with the point's values applied as `--set` overrides.
///
/// Every point in a slice is decoded and checked first, keeping only its objective and size, so the whole grid is
/// budgeted together; each worker then decodes its point again, so a sweep never holds every decoded scenario at once.
extension SweepGrid {
    /// A point's command line: the base one with the point's values as `--set` overrides.
    func arguments(for values: [String], base: CommandLineArguments) -> CommandLineArguments {
        var pointArguments = base
        pointArguments.overrides += zip(axes, values).map { "\($0.path)=\($1)" }
        return pointArguments
    }

    /// Runs every point of `partition`: decodes and checks each first (every bad value is reported, not just the
    /// first), refuses the whole grid beyond the run budget unless `--allow-large`, then runs the points in
    /// parallel, each worker decoding its own point again. Rows come back in grid order.
    func run<Row: Sendable>(
        _ arguments: CommandLineArguments, partition: SweepPartition, command: String,
        row:
            @escaping @Sendable (
                _ point: Int, _ values: [String], SimulationResult,
                ServiceLevelObjective?
            ) -> Row
    ) throws(UsageError) -> [Row] {
        let pointIndices = points(in: partition)
        let pointValues = pointIndices.map(values(at:))
        let pointArguments = SendableArguments(pointValues.map { self.arguments(for: $0, base: arguments) })
        var objectives: [ServiceLevelObjective?] = []
        var estimates: [(estimate: RunSizeEstimate, fidelity: SimulationFidelity)] = []
        var problems: [String] = []
        for slot in pointIndices.indices {
            do throws(UsageError) {
                let scenario = try ScenarioLoading.load(pointArguments.items[slot], command: command)
                objectives.append(scenario.serviceLevelObjective)
                estimates.append((RunSizeEstimate(scenario.configuration), scenario.configuration.fidelity))
            } catch {
                problems.append(
                    "at " + zip(axes, pointValues[slot]).map { "\($0.path)=\($1)" }.joined(separator: " ") + ": "
                        + error.message)
            }
        }
        if !problems.isEmpty {
            // Name each value that is wrong on its own, every one; else every point that failed.
            try SweepAxes.checkEachValue(axes, arguments: arguments, command: command)
            try SweepAxes.fail(problems)
        }
        if !arguments.allowsLarge,
            let refusal = RunBudget.sweepRefusal(
                estimates, concurrentRuns: min(arguments.threads, estimates.count),
                limits: ScenarioLoading.budgetLimits)
        {
            // Only sweep can split its grid with --partition, so only its message says so.
            let message = RunRefusalText.message(refusal, subject: "this \(command)'s \(estimates.count) points")
            throw UsageError(command == "sweep" ? message + " (or split it with --partition I/N)" : message)
        }
        let rows = ParallelRuns.indices(pointIndices.count, threads: arguments.threads) {
            [pointIndices, pointValues, objectives] slot, usesSpareCore -> Row? in
            // Decoded before, so it decodes again unless a file it reads changed meanwhile.
            guard let scenario = try? ScenarioLoading.load(pointArguments.items[slot], command: command) else {
                return nil
            }
            let result = Simulation.run(scenario.configuration, usesSpareCore: usesSpareCore)
            return row(pointIndices[slot], pointValues[slot], result, objectives[slot])
        }.compactMap { $0 }
        guard rows.count == pointIndices.count else {
            throw UsageError("the scenario or a file it reads changed during the \(command)")
        }
        return rows
    }
}

/// Each point's command line, read (never changed) by the grid's worker threads.
private struct SendableArguments: @unchecked Sendable {
    let items: [CommandLineArguments]
    init(_ items: [CommandLineArguments]) { self.items = items }
}
