import ShardSimJSON
import ShardSimModel
import ShardSimReport
import ShardSimScenario

/// `shardsim validate SCENARIO`: every problem, or "valid"; as text, or as data (`--format json`) for editors and
/// scripts: `{"valid": bool, "errors": [{"path", "message", "suggestion"}]}`, exit 2 when invalid either way.
enum ValidateCommand {
    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        var lenient = arguments
        lenient.allowsLarge = true
        guard arguments.format == .json else { return try text(lenient, path: arguments.positionals.first ?? "") }
        var outcome = CommandOutcome(exitCode: 0)
        let document: JSONOutput
        switch ScenarioLoading.decode(lenient, command: "validate") {
        case .success(var scenario):
            try ScenarioLoading.chooseFidelity(&scenario, arguments: lenient)
            let notes = budgetNote(scenario).map { [JSONOutput.string($0)] } ?? []
            document = .object([
                ("valid", .bool(true)), ("errors", .array([])), ("scenario", .string(scenario.name)),
                ("fidelity", .string(scenario.configuration.fidelity.rawValue)), ("notes", .array(notes)),
            ])
        case .failure(.invalid(_, let diagnostics)):
            outcome.exitCode = 2
            document = report(diagnostics)
        case .failure(.usage(let error)) where !arguments.positionals.isEmpty && arguments.positionals.count == 1:
            // An unreadable file is an invalid scenario too, at the document's root.
            outcome.exitCode = 2
            document = report([ScenarioDiagnostic(path: "", message: error.message)])
        case .failure(.usage(let error)):
            throw error
        }
        try ShardSimCommand.deliver(document.rendered() + "\n", to: arguments.outputPath, outcome: &outcome)
        return outcome
    }

    static func report(_ diagnostics: [ScenarioDiagnostic]) -> JSONOutput {
        .object([
            ("valid", .bool(false)),
            (
                "errors",
                .array(
                    diagnostics.map { diagnostic in
                        .object([
                            ("path", .string(diagnostic.path)), ("message", .string(diagnostic.problem)),
                            ("suggestion", diagnostic.suggestion.map(JSONOutput.string) ?? .null),
                        ])
                    })
            ),
        ])
    }

    static func text(_ arguments: CommandLineArguments, path: String) throws(UsageError) -> CommandOutcome {
        let scenario = try ScenarioLoading.load(arguments, command: "validate")
        var outcome = CommandOutcome(exitCode: 0)
        var text =
            "\(OutputEscaping.text(path)): valid (scenario '\(OutputEscaping.text(scenario.name))', \(scenario.configuration.fidelity.rawValue) fidelity)\n"
        // A valid file can still be too big to run as it stands: say so, without failing validation.
        let estimate = RunSizeEstimate(scenario.configuration)
        let fidelity = scenario.configuration.fidelity
        let limits = ScenarioLoading.budgetLimits
        text +=
            "run size: about \(RunRefusalText.wholeNumber(estimate.work(in: fidelity))) units of work and "
            + "\(RunRefusalText.wholeNumber(estimate.memory(in: fidelity) / 1_048_576)) MiB in \(fidelity.rawValue) fidelity (budget "
            + "\(RunRefusalText.wholeNumber(limits.maxWork)) units, \(RunRefusalText.wholeNumber(limits.maxMemoryBytes / 1_048_576)) MiB)\n"
        if let note = budgetNote(scenario) { text += "note: \(note)\n" }
        try ShardSimCommand.deliver(text, to: arguments.outputPath, outcome: &outcome)
        return outcome
    }

    static func budgetNote(_ scenario: Scenario) -> String? {
        RunBudget.refusal(
            RunSizeEstimate(scenario.configuration), fidelity: scenario.configuration.fidelity,
            limits: ScenarioLoading.budgetLimits
        ).map { RunRefusalText.message($0, subject: "this run") }
    }
}
