import ShardSimModel
import ShardSimPlanner
import ShardSimReport
import ShardSimScenario

/// The grid of what-ifs that `sweep` and `explore` share: the `--vary` axes, every combination of their values
/// (the first --vary changes slowest), and each point's scenario with its values applied as `--set` overrides.
///
/// The grid is never materialized: a point's values are computed from its index, and the grid's size is checked
/// (with overflow checks) before anything is built. Every point in a slice is decoded and checked first, keeping
/// only its objective and size, so the whole grid is budgeted together; each worker then decodes its point again,
/// so a sweep never holds every decoded scenario at once.
struct SweepGrid {
    var axes: [SweepAxes.Axis]
    /// Points in the whole grid (at most `maxPoints`).
    var pointCount: Int

    /// Most grid points one sweep or explore page runs.
    static let maxPoints = 10_000

    init(_ arguments: CommandLineArguments, command: String = "sweep") throws(UsageError) {
        guard !arguments.variations.isEmpty else { throw UsageError("expected at least one --vary PATH=V1,V2,…") }
        axes = try SweepAxes.parse(arguments.variations)
        pointCount = try Self.pointCount(axes.map(\.values.count), command: command)
    }

    /// The grid's size, refused beyond `maxPoints` before it wraps or anything is built.
    static func pointCount(_ valueCounts: [Int], command: String = "sweep") throws(UsageError) -> Int {
        var count = 1
        for values in valueCounts {
            let (product, overflow) = count.multipliedReportingOverflow(by: values)
            guard !overflow, product <= maxPoints else {
                let exact = valueCounts.reduce(1.0) { $0 * Double($1) }
                let shown = exact < 1e15 ? RunRefusalText.wholeNumber(exact) : String(format: "about %.3g", exact)
                throw UsageError("the grid has \(shown) points (\(valueCounts.count) --vary axes); \(command) runs at most "
                    + "\(RunRefusalText.wholeNumber(Double(maxPoints))) points: vary fewer paths or values")
            }
            count = product
        }
        return count
    }

    /// The values of grid point `point`, one per axis (mixed radix, the first axis most significant).
    func values(at point: Int) -> [String] {
        precondition((0..<pointCount).contains(point), "grid point out of range")
        var rest = point
        return axes.reversed().map { axis in
            defer { rest /= axis.values.count }
            return axis.values[rest % axis.values.count]
        }.reversed()
    }

    /// A point's command line: the base one with the point's values as `--set` overrides.
    func arguments(for values: [String], base: CommandLineArguments) -> CommandLineArguments {
        var pointArguments = base
        pointArguments.overrides += zip(axes, values).map { "\($0.path)=\($1)" }
        return pointArguments
    }

    /// Runs every point of `partition`: decodes and checks each first (every bad value is reported, not just the
    /// first), refuses the whole grid beyond the run budget unless `--allow-large`, then runs the points in
    /// parallel, each worker decoding its own point again. Rows come back in grid order.
    func run<Row: Sendable>(_ arguments: CommandLineArguments, partition: SweepPartition, command: String,
                            row: @escaping @Sendable (_ point: Int, _ values: [String], SimulationResult,
                                                      ServiceLevelObjective?) -> Row) throws(UsageError) -> [Row] {
        let pointIndices = (0..<pointCount).filter { partition.contains(point: $0) }
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
                problems.append("at " + zip(axes, pointValues[slot]).map { "\($0.path)=\($1)" }.joined(separator: " ") + ": " + error.message)
            }
        }
        if !problems.isEmpty {
            // Name each value that is wrong on its own, every one; else every point that failed.
            try SweepAxes.checkEachValue(axes, arguments: arguments, command: command)
            try SweepAxes.fail(problems)
        }
        if !arguments.allowsLarge, let refusal = RunBudget.sweepRefusal(estimates, concurrentRuns: min(arguments.threads, estimates.count),
                                                                            limits: ScenarioLoading.budgetLimits) {
            // Only sweep can split its grid with --partition, so only its message says so.
            let message = RunRefusalText.message(refusal, subject: "this \(command)'s \(estimates.count) points")
            throw UsageError(command == "sweep" ? message + " (or split it with --partition I/N)" : message)
        }
        let rows = ParallelRuns.indices(pointIndices.count, threads: arguments.threads) { [pointIndices, pointValues, objectives] slot, usesSpareCore -> Row? in
            // Decoded before, so it decodes again unless a file it reads changed meanwhile.
            guard let scenario = try? ScenarioLoading.load(pointArguments.items[slot], command: command) else { return nil }
            let result = Simulation.run(scenario.configuration, usesSpareCore: usesSpareCore)
            return row(pointIndices[slot], pointValues[slot], result, objectives[slot])
        }.compactMap { $0 }
        guard rows.count == pointIndices.count else { throw UsageError("the scenario or a file it reads changed during the \(command)") }
        return rows
    }
}

/// Each point's command line, read (never changed) by the grid's worker threads.
private struct SendableArguments: @unchecked Sendable {
    let items: [CommandLineArguments]
    init(_ items: [CommandLineArguments]) { self.items = items }
}
