import Foundation
import ShardSimModel
import ShardSimScenario

/// Reads and decodes the scenario a command names, with `--set` and `--seed` applied.
enum ScenarioLoading {
    static func load(_ arguments: CommandLineArguments, command: String) throws(UsageError) -> Scenario {
        guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
            throw UsageError("expected one scenario file, e.g. shardsim \(command) scenarios/hot-tenant-key.json")
        }
        let bytes: [UInt8]
        switch BoundedFile.read(path) {
        case .success(let read): bytes = read
        case .failure(let error): throw UsageError("cannot read scenario file '\(path)': \(error.message)")
        }
        var scenario: Scenario
        do {
            let folder = ScenarioFolder(scenarioPath: path, allowsOutside: arguments.allowsOutsideFiles)
            scenario = try ScenarioDecoder.decode(bytes, overrides: arguments.overrides, files: folder.referencedFiles)
        } catch {
            throw UsageError("\(path) is not a valid scenario:\n" + error.diagnostics.map { "  " + $0.description }.joined(separator: "\n"))
        }
        if let seed = arguments.seed { scenario.configuration.seed = seed }
        try chooseFidelity(&scenario, arguments: arguments)
        return scenario
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
