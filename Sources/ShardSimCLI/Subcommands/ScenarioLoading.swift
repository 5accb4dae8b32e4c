import Foundation
import ShardSimModel
import ShardSimScenario

/// Reads and decodes the scenario a command names, with `--set` and `--seed` applied.
enum ScenarioLoading {
    static func load(_ arguments: CommandLineArguments, command: String) throws(UsageError) -> Scenario {
        var scenario: Scenario
        switch decode(arguments, command: command) {
        case .success(let decoded): scenario = decoded
        case .failure(.usage(let error)): throw error
        case .failure(.invalid(let path, let diagnostics)):
            throw UsageError("\(path) is not a valid scenario:\n" + diagnostics.map { "  " + $0.description }.joined(separator: "\n"))
        }
        try chooseFidelity(&scenario, arguments: arguments)
        return scenario
    }

    /// Why a scenario could not be loaded: a mistake on the command line or an unreadable file (`usage`), or the
    /// file's problems, each at its JSON path (`invalid`).
    enum Failure: Error {
        case usage(UsageError)
        case invalid(path: String, [ScenarioDiagnostic])
    }

    /// Reads and decodes the scenario with `--set` and `--seed` applied, before fidelity is settled.
    static func decode(_ arguments: CommandLineArguments, command: String) -> Result<Scenario, Failure> {
        guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
            return .failure(.usage(UsageError("expected one scenario file, e.g. shardsim \(command) scenarios/hot-tenant-key.json")))
        }
        let bytes: [UInt8]
        switch BoundedFile.read(path) {
        case .success(let read): bytes = read
        case .failure(let error): return .failure(.usage(UsageError("cannot read scenario file '\(path)': \(error.message)")))
        }
        do {
            let folder = ScenarioFolder(scenarioPath: path, allowsOutside: arguments.allowsOutsideFiles)
            var scenario = try ScenarioDecoder.decode(bytes, overrides: arguments.overrides, files: folder.referencedFiles)
            if let seed = arguments.seed { scenario.configuration.seed = seed }
            return .success(scenario)
        } catch {
            return .failure(.invalid(path: path, error.diagnostics))
        }
    }

    /// Settles event or flow fidelity (`--fidelity` over the scenario's `fidelity`) and refuses a run beyond the
    /// budget unless `--allow-large` says to go ahead.
    static func chooseFidelity(_ scenario: inout Scenario, arguments: CommandLineArguments) throws(UsageError) {
        let choice = arguments.fidelity.flatMap(FidelityChoice.init(rawValue:)) ?? scenario.fidelityChoice
        let estimate = RunSizeEstimate(scenario.configuration)
        scenario.configuration.fidelity = RunBudget.resolve(choice, for: estimate)
        if !arguments.allowsLarge, let refusal = RunBudget.refusal(estimate, fidelity: scenario.configuration.fidelity) {
            throw UsageError(refusal)
        }
    }
}
