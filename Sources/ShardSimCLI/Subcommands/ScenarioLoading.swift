import Foundation
import ShardSimScenario

/// Reads and decodes the scenario a command names, with `--set` and `--seed` applied.
enum ScenarioLoading {
    static func load(_ arguments: CommandLineArguments, command: String) throws(UsageError) -> Scenario {
        guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
            throw UsageError("expected one scenario file, e.g. shardsim \(command) scenarios/hot-tenant-key.json")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("cannot read scenario file '\(path)'")
        }
        do {
            var scenario = try ScenarioDecoder.decode([UInt8](data), overrides: arguments.overrides)
            if let seed = arguments.seed { scenario.configuration.seed = seed }
            if arguments.fidelity == "flow" { scenario.configuration.fidelity = .flow }
            return scenario
        } catch {
            throw UsageError("\(path) is not a valid scenario:\n" + error.diagnostics.map { "  " + $0.description }.joined(separator: "\n"))
        }
    }
}
