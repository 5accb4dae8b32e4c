import ShardSimModel
import ShardSimReport
import ShardSimScenario

/// `shardsim run SCENARIO`: simulate and report.
enum RunCommand {
    static func execute(_ arguments: CommandLineArguments, terminal: Terminal) throws(UsageError) -> CommandOutcome {
        let options = RunOptions(arguments)
        let scenario = try ScenarioLoading.load(arguments, command: "run")
        let result = Simulation.run(
            scenario.configuration,
            progress: terminal.progressReporter(label: "simulating \(OutputEscaping.text(scenario.name))…"),
            usesSpareCore: arguments.threads > 1)
        terminal.clearProgress()
        if let htmlPath = options.htmlOutputPath {
            // One run, two reports (the library's Markdown and HTML come from the same simulation).
            try AtomicFile.write(
                RunReportHTML.page(
                    result, objective: scenario.serviceLevelObjective,
                    description: scenario.description), to: htmlPath)
        }
        let objective = scenario.serviceLevelObjective
        var outcome = try ShardSimCommand.render(
            arguments, json: { RunReportJSON.document(for: result, objective: objective) },
            document: { RunReportText.document(result, objective: objective) },
            description: scenario.description,
            html: { RunReportHTML.page(result, objective: objective, description: scenario.description) },
            csv: { RunReportCSV.render(result) })
        if arguments.failOnSlo, let objective = scenario.serviceLevelObjective,
            !result.violations(of: objective).isEmpty
        {
            outcome.exitCode = 1
            outcome.standardError += "shardsim run: the SLO was not met\n"
        }
        return outcome
    }
}
