import ShardSimModel
import ShardSimReport
import ShardSimScenario

/// `shardsim run SCENARIO`: simulate and report.
enum RunCommand {
    static func execute(_ arguments: CommandLineArguments, terminal: Terminal) throws(UsageError) -> CommandOutcome {
        let scenario = try ScenarioLoading.load(arguments, command: "run")
        let result = Simulation.run(scenario.configuration, progress: terminal.progressReporter(label: "simulating \(scenario.name)…"),
                                    usesSpareCore: arguments.threads > 1)
        terminal.clearProgress()
        if let htmlPath = arguments.extra["--html-out"] {
            // One run, two reports (the library's Markdown and HTML come from the same simulation).
            try AtomicFile.write(RunReportHTML.page(result, objective: scenario.serviceLevelObjective,
                                                    description: scenario.description), to: htmlPath)
        }
        let objective = scenario.serviceLevelObjective
        var outcome = try ShardSimCommand.render(arguments, json: { RunReportJSON.document(for: result, objective: objective) },
                                                 document: { RunReportText.document(result, objective: objective) },
                                                 description: scenario.description,
                                                 html: { RunReportHTML.page(result, objective: objective, description: scenario.description) },
                                                 csv: { RunReportCSV.render(result) })
        if arguments.failOnSlo, let objective = scenario.serviceLevelObjective, !result.violations(of: objective).isEmpty {
            outcome.exitCode = 1
            outcome.standardError += "shardsim run: the SLO was not met\n"
        }
        return outcome
    }
}

/// `shardsim validate SCENARIO`: every problem, or "valid".
enum ValidateCommand {
    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        var lenient = arguments
        lenient.allowsLarge = true
        let scenario = try ScenarioLoading.load(lenient, command: "validate")
        var outcome = CommandOutcome(exitCode: 0)
        var text = "\(arguments.positionals[0]): valid (scenario '\(scenario.name)', \(scenario.configuration.fidelity.rawValue) fidelity)\n"
        // A valid file can still be too big to run as it stands: say so, without failing validation.
        let estimate = RunSizeEstimate(scenario.configuration)
        let fidelity = scenario.configuration.fidelity
        text += "run size: about \(RunBudget.wholeNumber(estimate.work(in: fidelity))) units of work and "
            + "\(RunBudget.wholeNumber(estimate.memory(in: fidelity) / 1_048_576)) MiB in \(fidelity.rawValue) fidelity (budget "
            + "\(RunBudget.wholeNumber(ScenarioLoading.budgetLimits.maxWork)) units, "
            + "\(RunBudget.wholeNumber(ScenarioLoading.budgetLimits.maxMemoryBytes / 1_048_576)) MiB)\n"
        if let refusal = RunBudget.refusal(estimate, fidelity: fidelity, limits: ScenarioLoading.budgetLimits) {
            text += "note: \(refusal)\n"
        }
        try ShardSimCommand.deliver(text, to: arguments.outputPath, outcome: &outcome)
        return outcome
    }
}
