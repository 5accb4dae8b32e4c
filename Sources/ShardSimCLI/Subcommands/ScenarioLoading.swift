import Foundation
import ShardSimModel
import ShardSimPlanner
import ShardSimScenario

/// Reads and decodes the scenario a command names, with `--set` and `--seed` applied.
enum ScenarioLoading {
    static func load(_ arguments: CommandLineArguments, command: String,
                     runs: (SimulationConfiguration) -> [SimulationConfiguration] = { [$0] }) throws(UsageError) -> Scenario {
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
        try chooseFidelity(&scenario, arguments: arguments, runs: runs)
        return scenario
    }

    /// Settles event or flow fidelity (`--fidelity` over the scenario's `fidelity`) and refuses a run beyond the
    /// budget unless `--allow-large` says to go ahead. `runs` gives what the command simulates for the scenario
    /// (plan: every candidate it may try), so the budget holds for the command as a whole.
    static func chooseFidelity(_ scenario: inout Scenario, arguments: CommandLineArguments,
                               runs: (SimulationConfiguration) -> [SimulationConfiguration] = { [$0] }) throws(UsageError) {
        let choice = arguments.fidelity.flatMap(FidelityChoice.init(rawValue:)) ?? scenario.fidelityChoice
        let estimate = commandEstimate(scenario.configuration, arguments: arguments, runs: runs)
        scenario.configuration.fidelity = RunBudget.resolve(choice, for: estimate, limits: budgetLimits)
        if !arguments.allowsLarge,
           let refusal = RunBudget.refusal(estimate, fidelity: scenario.configuration.fidelity, limits: budgetLimits,
                                           what: runs(scenario.configuration).count > 1 ? "planning (every candidate it may simulate)" : "this run") {
            throw UsageError(refusal)
        }
    }

    /// The size of what the command runs: one run, or several together (their work adds up; as many as run at once
    /// are held in memory together).
    static func commandEstimate(_ configuration: SimulationConfiguration, arguments: CommandLineArguments,
                                runs: (SimulationConfiguration) -> [SimulationConfiguration]) -> RunSizeEstimate {
        let configurations = runs(configuration)
        guard configurations.count != 1 else { return RunSizeEstimate(configurations[0]) }
        return RunSizeEstimate.total(configurations.map(RunSizeEstimate.init), concurrentRuns: min(arguments.threads, Planner.roundWidth))
    }

    /// The run-size budget: standard, or lowered by `SHARDSIM_MAX_WORK` (units) and `SHARDSIM_MAX_MEMORY_MIB`
    /// (positive numbers; the hostile-input tests use a small budget so that checking it holds takes seconds).
    static var budgetLimits: RunBudget.Limits {
        let environment = ProcessInfo.processInfo.environment
        func positive(_ name: String) -> Double? {
            guard let text = environment[name], let value = Double(text), value.isFinite, value > 0 else { return nil }
            return value
        }
        return RunBudget.Limits(maxWork: positive("SHARDSIM_MAX_WORK") ?? RunBudget.maxWork,
                                maxMemoryBytes: (positive("SHARDSIM_MAX_MEMORY_MIB") ?? RunBudget.maxMemoryBytes / 1_048_576) * 1_048_576)
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
