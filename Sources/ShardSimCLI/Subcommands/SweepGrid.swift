import ShardSimPlanner
import ShardSimReport
import ShardSimScenario

/// The grid of what-ifs that `sweep` and `explore` share: the `--vary` axes, every combination of their values
/// (the first --vary changes slowest), and each point's scenario with its values applied as `--set` overrides.
struct SweepGrid {
    var axes: [(path: String, values: [String])]
    /// Every point's values, one per axis, in grid order.
    var points: [[String]]

    /// Most grid points one sweep or explore page runs.
    static let maxPoints = 10_000

    init(_ arguments: CommandLineArguments) throws(UsageError) {
        guard !arguments.variations.isEmpty else { throw UsageError("expected at least one --vary PATH=V1,V2,…") }
        axes = try SweepAxes.parse(arguments.variations)
        let pointCount = axes.reduce(1) { $0.multipliedReportingOverflow(by: $1.values.count).partialValue }
        guard pointCount <= Self.maxPoints else { throw UsageError("the grid has \(pointCount) points; at most \(Self.maxPoints)") }
        points = [[]]
        for axis in axes { points = points.flatMap { prefix in axis.values.map { prefix + [$0] } } }
    }

    /// The scenario of every point in `partition`, with its grid index; a point that does not decode (or is
    /// beyond the run budget) names itself in the error.
    func scenarios(_ arguments: CommandLineArguments, partition: SweepPartition,
                   command: String) throws(UsageError) -> [(point: Int, scenario: Scenario)] {
        var loaded: [(point: Int, scenario: Scenario)] = []
        var problems: [String] = []
        for (index, point) in points.enumerated() where partition.contains(point: index) {
            var pointArguments = arguments
            pointArguments.overrides += zip(axes, point).map { "\($0.path)=\($1)" }
            do {
                loaded.append((index, try ScenarioLoading.load(pointArguments, command: command)))
            } catch {
                problems.append("at " + zip(axes, point).map { "\($0.path)=\($1)" }.joined(separator: " ") + ": " + error.message)
            }
        }
        if !problems.isEmpty {
            // Name each value that is wrong on its own, every one; else every point that failed.
            try SweepAxes.checkEachValue(axes, arguments: arguments)
            try SweepAxes.fail(problems)
        }
        return loaded
    }
}
