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
        policy: CandidateFidelity = .fixed,
        row:
            @escaping @Sendable (
                _ point: Int, _ values: [String], SimulationResult,
                ServiceLevelObjective?
            ) -> Row
    ) throws(UsageError) -> [Row] {
        try run(arguments, partition: partition, command: command, replications: 1, policy: policy) {
            point, values, _, result, objective in row(point, values, result, objective)
        }.map { $0[0] }
    }

    /// As `run(_:partition:command:row:)`, each point `replications` times: replication r (0-based) runs with
    /// `ReplicationSeeds.seed(base: point's seed, replication: r + 1)`, so replication 0 is the point's own run and
    /// replication r has the same seed at every point (common random numbers). The budget counts every replication;
    /// every (point, replication) runs in parallel, and each point's parts come back in replication order.
    /// `policy` auto (sweep's default): each point whose fidelity neither `--fidelity` nor the point names runs in
    /// the fidelity `CandidateFidelity` decides, its share being of the whole grid (every point × replication), so a
    /// point's fidelity is the same in every partition.
    func run<Part: Sendable>(
        _ arguments: CommandLineArguments, partition: SweepPartition, command: String, replications: Int,
        policy: CandidateFidelity = .fixed,
        part:
            @escaping @Sendable (
                _ point: Int, _ values: [String], _ replication: Int, SimulationResult, ServiceLevelObjective?
            ) -> Part
    ) throws(UsageError) -> [[Part]] {
        let pointIndices = points(in: partition)
        let pointValues = pointIndices.map(values(at:))
        let pointArguments = SendableArguments(pointValues.map { self.arguments(for: $0, base: arguments) })
        let (objectives, fidelities) = try check(
            pointArguments.items, values: pointValues, arguments: arguments, command: command,
            replications: replications, policy: policy)
        let parts = ParallelRuns.indices(pointIndices.count * replications, threads: arguments.threads) {
            [pointIndices, pointValues, objectives, fidelities] task, usesSpareCore -> Part? in
            let slot = task / replications, replication = task % replications
            // Decoded before, so it decodes again unless a file it reads changed meanwhile; in the fidelity the
            // check settled for it.
            guard case .success(var scenario) = ScenarioLoading.decode(pointArguments.items[slot], command: command)
            else { return nil }
            scenario.configuration.fidelity = fidelities[slot]
            scenario.configuration.seed = ReplicationSeeds.seed(
                base: scenario.configuration.seed, replication: replication + 1)
            let result = Simulation.run(scenario.configuration, usesSpareCore: usesSpareCore)
            return part(pointIndices[slot], pointValues[slot], replication, result, objectives[slot])
        }.compactMap { $0 }
        guard parts.count == pointIndices.count * replications else {
            throw UsageError("the scenario or a file it reads changed during the \(command)")
        }
        return pointIndices.indices.map { Array(parts[($0 * replications)..<(($0 + 1) * replications)]) }
    }

    /// Decodes and checks every point (naming every bad value), refuses the grid beyond the run budget (each
    /// point counted once per replication) unless `--allow-large`, and gives each point's objective and fidelity.
    private func check(
        _ pointArguments: [CommandLineArguments], values pointValues: [[String]], arguments: CommandLineArguments,
        command: String, replications: Int, policy: CandidateFidelity
    ) throws(UsageError) -> (objectives: [ServiceLevelObjective?], fidelities: [SimulationFidelity]) {
        var objectives: [ServiceLevelObjective?] = []
        var estimates: [(estimate: RunSizeEstimate, fidelity: SimulationFidelity)] = []
        var problems: [String] = []
        for slot in pointArguments.indices {
            do throws(UsageError) {
                let scenario = try ScenarioLoading.loadPoint(pointArguments[slot], command: command, policy: policy)
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
        let runs = estimates.flatMap { Array(repeating: $0, count: replications) }
        if !arguments.allowsLarge,
            let refusal = RunBudget.sweepRefusal(
                runs, concurrentRuns: min(arguments.threads, runs.count), limits: ScenarioLoading.budgetLimits)
        {
            let subject =
                replications > 1
                ? "this \(command)'s \(estimates.count) points × \(replications) replications"
                : "this \(command)'s \(estimates.count) points"
            // Only sweep can split its grid with --partition, so only its message says so.
            let message = RunRefusalText.message(refusal, subject: subject)
            throw UsageError(command == "sweep" ? message + " (or split it with --partition I/N)" : message)
        }
        return (objectives, estimates.map(\.fidelity))
    }
}

/// Each point's command line, read (never changed) by the grid's worker threads.
private struct SendableArguments: @unchecked Sendable {
    let items: [CommandLineArguments]
    init(_ items: [CommandLineArguments]) { self.items = items }
}
