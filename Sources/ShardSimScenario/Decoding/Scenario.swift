import ShardSimModel

/// A decoded, validated scenario: the model configuration plus what only reports and the planner use.
public struct Scenario: Sendable {
    public var configuration: SimulationConfiguration
    public var description: String?
    public var serviceLevelObjective: ServiceLevelObjective?
    public var pricingRegion = "us-east-1"
    /// The scenario's `fidelity`: event (default), flow, or auto (`RunBudget.resolve`).
    public var fidelityChoice: FidelityChoice = .event
    /// Whether the scenario named its `fidelity` (else `plan`, `compare` and `sweep` default to auto per candidate).
    public var fidelityStated = false

    public var name: String { configuration.name }
}
