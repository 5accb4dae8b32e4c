import ShardSimModel
import ShardSimPlanner
import ShardSimScenario

extension ScenarioLoading {
    /// `plan` (and the commands built on it): with `auto` (the default when neither `--fidelity` nor the scenario
    /// names a fidelity) each candidate gets its own fidelity within the command's budget (`CandidateFidelity`), and
    /// the budget is checked with each candidate counted in its own fidelity; a named event or flow runs every
    /// candidate in it, as `load` settles it.
    static func loadPlanning(
        _ arguments: CommandLineArguments, command: String,
        runs: @escaping (SimulationConfiguration) -> [SimulationConfiguration], subject: String? = nil
    ) throws(UsageError) -> (scenario: Scenario, fidelity: CandidateFidelity) {
        var scenario = try decoded(arguments, command: command)
        let choice = arguments.fidelity ?? (scenario.fidelityStated ? scenario.fidelityChoice : .auto)
        guard choice == .auto else {
            var named = arguments
            named.fidelity = choice
            try chooseFidelity(&scenario, arguments: named, runs: runs, subject: subject)
            return (scenario, .fixed)
        }
        scenario.configuration.fidelity = .event
        let configurations = runs(scenario.configuration)
        let policy = CandidateFidelity.auto(budgetLimits, runs: configurations.count)
        let settled = policy.apply(configurations).map { (estimate: RunSizeEstimate($0), fidelity: $0.fidelity) }
        if !arguments.allowsLarge, !settled.isEmpty,
            let refusal = RunBudget.sweepRefusal(
                settled, concurrentRuns: min(arguments.threads, Planner.roundWidth, settled.count),
                limits: budgetLimits)
        {
            throw UsageError(
                RunRefusalText.message(refusal, subject: subject ?? "planning (every candidate it may simulate)"))
        }
        return (scenario, policy)
    }
}
