import Foundation
import ShardSimModel
import ShardSimPlanner
import ShardSimScenario

/// Reads and decodes the scenario a command names, with `--set` and `--seed` applied.
enum ScenarioLoading {
    static func load(
        _ arguments: CommandLineArguments, command: String,
        runs: (SimulationConfiguration) -> [SimulationConfiguration] = { [$0] }, subject: String? = nil
    ) throws(UsageError) -> Scenario {
        var scenario = try decoded(arguments, command: command)
        try chooseFidelity(&scenario, arguments: arguments, runs: runs, subject: subject)
        return scenario
    }

    /// The scenario as `decode` reads it, or a usage error listing every problem at its JSON path.
    static func decoded(_ arguments: CommandLineArguments, command: String) throws(UsageError) -> Scenario {
        switch decode(arguments, command: command) {
        case .success(let decoded): return decoded
        case .failure(.usage(let error)): throw error
        case .failure(.invalid(let path, let diagnostics)):
            throw UsageError(
                "\(path) is not a valid scenario:\n" + diagnostics.map { "  " + $0.description }.joined(separator: "\n")
            )
        }
    }

    /// One sweep point: with `policy` auto (sweep's default) and `auto` its choice (`--fidelity auto`, else the
    /// point's scenario's `fidelity`, else auto), the point runs in the fidelity `policy` decides for it
    /// (`CandidateFidelity`), and the grid's budget check counts it so; otherwise as `load` settles it.
    static func loadPoint(_ arguments: CommandLineArguments, command: String, policy: CandidateFidelity)
        throws(UsageError) -> Scenario
    {
        guard policy != .fixed else { return try load(arguments, command: command) }
        var scenario = try decoded(arguments, command: command)
        let choice = arguments.fidelity ?? (scenario.fidelityStated ? scenario.fidelityChoice : .auto)
        guard choice == .auto else {
            var named = arguments
            named.fidelity = choice
            try chooseFidelity(&scenario, arguments: named)
            return scenario
        }
        scenario.configuration.fidelity = .event
        scenario.configuration.fidelity = policy.decide(scenario.configuration)
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
            return .failure(
                .usage(UsageError("expected one scenario file, e.g. shardsim \(command) scenarios/hot-tenant-key.json"))
            )
        }
        let bytes: [UInt8]
        switch BoundedFile.read(path) {
        case .success(let read): bytes = read
        case .failure(let error):
            return .failure(.usage(UsageError("cannot read scenario file '\(path)': \(error.message)")))
        }
        do {
            let folder = ScenarioFolder(scenarioPath: path, allowsOutside: arguments.allowsOutsideFiles)
            var scenario = try ScenarioDecoder.decode(
                bytes, overrides: arguments.overrides, files: folder.referencedFiles)
            if let seed = arguments.seed { scenario.configuration.seed = seed }
            return .success(scenario)
        } catch {
            return .failure(.invalid(path: path, error.diagnostics))
        }
    }

    /// Settles event or flow fidelity (`--fidelity` over the scenario's `fidelity`) and refuses a run beyond the
    /// budget unless `--allow-large` says to go ahead. `runs` gives what the command simulates for the scenario
    /// (plan: every candidate it may try; run: every replication), so the budget holds for the command as a whole;
    /// `subject` names them in the refusal.
    static func chooseFidelity(
        _ scenario: inout Scenario, arguments: CommandLineArguments,
        runs: (SimulationConfiguration) -> [SimulationConfiguration] = { [$0] }, subject: String? = nil
    ) throws(UsageError) {
        let choice = arguments.fidelity ?? scenario.fidelityChoice
        let estimate = commandEstimate(scenario.configuration, arguments: arguments, runs: runs)
        scenario.configuration.fidelity = RunBudget.resolve(choice, for: estimate, limits: budgetLimits).fidelity
        if !arguments.allowsLarge,
            let refusal = RunBudget.refusal(estimate, fidelity: scenario.configuration.fidelity, limits: budgetLimits)
        {
            let subject =
                subject
                ?? (runs(scenario.configuration).count > 1 ? "planning (every candidate it may simulate)" : "this run")
            throw UsageError(RunRefusalText.message(refusal, subject: subject))
        }
    }

    /// The size of what the command runs: one run, or several together (their work adds up; as many as run at once
    /// are held in memory together).
    static func commandEstimate(
        _ configuration: SimulationConfiguration, arguments: CommandLineArguments,
        runs: (SimulationConfiguration) -> [SimulationConfiguration]
    ) -> RunSizeEstimate {
        let configurations = runs(configuration)
        guard configurations.count != 1 else { return RunSizeEstimate(configurations[0]) }
        return RunSizeEstimate.total(
            configurations.map(RunSizeEstimate.init), concurrentRuns: min(arguments.threads, Planner.roundWidth))
    }

    /// The run-size budget: standard, or lowered by `SHARDSIM_MAX_WORK` (units) and `SHARDSIM_MAX_MEMORY_MIB`
    /// (positive numbers; the hostile-input tests use a small budget so that checking it holds takes seconds).
    static var budgetLimits: RunBudget.Limits {
        let environment = ProcessInfo.processInfo.environment
        func positive(_ name: String) -> Double? {
            guard let text = environment[name], let value = Double(text), value.isFinite, value > 0 else { return nil }
            return value
        }
        return RunBudget.Limits(
            maxWork: positive("SHARDSIM_MAX_WORK") ?? RunBudget.maxWork,
            maxMemoryBytes: (positive("SHARDSIM_MAX_MEMORY_MIB") ?? RunBudget.maxMemoryBytes / 1_048_576) * 1_048_576)
    }
}
