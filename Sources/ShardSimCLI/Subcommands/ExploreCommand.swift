import ShardSimPlanner
import ShardSimReport

/// `shardsim explore SCENARIO --vary PATH=V1,V2,… [--vary …] --out explore.html`: the sweep's grid, run the same
/// way (in parallel, within the run budget and point cap), as one self-contained HTML page to explore.
enum ExploreCommand {
    /// Page size from which explore says the grid is big (browsers open tens of MiB slowly).
    static let largePageMebibytes = 20

    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        // The page is the only output; "text" is every command's default format, so it means the page too.
        guard [.text, .html].contains(arguments.format) else {
            throw UsageError(
                "--format \(arguments.format.rawValue) is not available here; explore writes an HTML page (use sweep for tables)"
            )
        }
        let grid = try SweepOptions(arguments, command: "explore").grid
        let explored = try grid.run(arguments, partition: .whole, command: "explore") {
            point, values, result, objective in
            ExplorePoint(point: point, values: values, result: result, objective: objective)
        }
        // The question is the scenario as written (its --set applied); every point shares its name and description.
        let scenario = try ScenarioLoading.load(
            grid.arguments(for: grid.values(at: 0), base: arguments), command: "explore")
        let settings = arguments.overrides.map { "--set " + $0 } + (arguments.seed.map { ["--seed \($0)"] } ?? [])
        let page = ExploreReport.page(
            name: scenario.name, description: scenario.description,
            axes: grid.axes.map { ExploreReport.Axis(path: $0.path, values: $0.values) },
            settings: settings, points: explored)
        var outcome = CommandOutcome(exitCode: 0)
        // Every run's charts are in the page; a big grid makes a page too heavy to open comfortably.
        let mebibytes = page.utf8.count / 1_048_576
        if mebibytes >= largePageMebibytes {
            outcome.standardError =
                "note: the page holds \(explored.count) runs' charts (\(mebibytes) MiB); "
                + "fewer --vary values make it lighter (sweep tabulates big grids)\n"
        }
        try ShardSimCommand.deliver(page, to: arguments.outputPath, outcome: &outcome)
        return outcome
    }
}
