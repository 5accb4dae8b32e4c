import ShardSimModel
import ShardSimPlanner
import ShardSimReport
import ShardSimScenario

/// `shardsim run SCENARIO`: simulate and report.
enum RunCommand {
    static func execute(_ arguments: CommandLineArguments, terminal: Terminal) throws(UsageError) -> CommandOutcome {
        let options = try RunOptions(arguments)
        let count = options.replications
        // The budget counts every replication; their seeds do not change the estimate, but the runs are the ones
        // the command will simulate.
        let scenario = try ScenarioLoading.load(
            arguments, command: "run",
            runs: { configuration in
                ReplicationSeeds.seeds(base: configuration.seed, count: count).map { seed in
                    var replication = configuration
                    replication.seed = seed
                    return replication
                }
            },
            subject: count > 1 ? "running \(count) replications" : nil)
        let result: SimulationResult
        var replications: ReplicatedRun?
        if count > 1 {
            let replicated = ReplicatedRun.run(scenario.configuration, count: count, threads: arguments.threads)
            result = replicated.first
            replications = replicated
        } else {
            result = Simulation.run(
                scenario.configuration,
                progress: terminal.progressReporter(label: "simulating \(OutputEscaping.text(scenario.name))…"),
                usesSpareCore: arguments.threads > 1)
            terminal.clearProgress()
        }
        return try report(
            result, replications: replications, scenario: scenario, options: options, arguments: arguments)
    }

    /// Writes the reports of replication 1 (with the replications' summary when there are several).
    private static func report(
        _ result: SimulationResult, replications: ReplicatedRun?, scenario: Scenario, options: RunOptions,
        arguments: CommandLineArguments
    ) throws(UsageError) -> CommandOutcome {
        let objective = scenario.serviceLevelObjective
        let html = {
            RunReportHTML.page(
                result, objective: objective, description: scenario.description, replications: replications)
        }
        if let htmlPath = options.htmlOutputPath {
            // One run, two reports (the library's Markdown and HTML come from the same simulation).
            try AtomicFile.write(html(), to: htmlPath)
        }
        var outcome = try ShardSimCommand.render(
            arguments,
            json: { RunReportJSON.document(for: result, objective: objective, replications: replications) },
            document: { RunReportText.document(result, objective: objective, replications: replications) },
            description: scenario.description, html: html, csv: { RunReportCSV.render(result) })
        if arguments.failOnSlo, let objective, !result.violations(of: objective).isEmpty {
            outcome.exitCode = 1
            outcome.standardError += "shardsim run: the SLO was not met\n"
        }
        return outcome
    }
}
