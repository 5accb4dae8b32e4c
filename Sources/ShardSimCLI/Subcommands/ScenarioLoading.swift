import Foundation
import ShardSimModel
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
        var scenario: Scenario
        do {
            scenario = try ScenarioDecoder.decode([UInt8](data), overrides: arguments.overrides,
                                              files: referencedFiles(besideScenarioAt: path))
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

    /// Reads files a scenario names relative to the scenario file's folder (absolute paths as they are).
    static func referencedFiles(besideScenarioAt scenarioPath: String) -> ReferencedFiles {
        let folder = URL(fileURLWithPath: scenarioPath).deletingLastPathComponent()
        return ReferencedFiles { path in
            let resolved = path.hasPrefix("/") ? path : folder.appendingPathComponent(path).path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
                return .failure(ReferencedFileError("no such file (looked for \(resolved))"))
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: resolved)[.size] as? Int) ?? 0
            guard size <= ScenarioDecoder.maxFileBytes else {
                return .failure(ReferencedFileError("it is larger than the \(ScenarioDecoder.maxFileBytes / 1_048_576) MiB limit"))
            }
            guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: resolved) else {
                return .failure(ReferencedFileError("not a readable file (\(resolved))"))
            }
            return .success([UInt8](data))
        }
    }
}
