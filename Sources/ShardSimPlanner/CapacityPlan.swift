import ShardSimModel

/// One shard count the planner simulated.
public struct PlanCandidate: Sendable {
    public var shardCount: Int
    public var meetsSlo: Bool
    public var writeThrottledFraction: Double
    public var monthlyTotalUSD: Double
    public var violations: [ServiceLevelViolation]
}

/// The answer to "how many shards, and why".
public struct CapacityPlan: Sendable {
    public var scenarioName: String
    public var recommendedShardCount: Int?
    public var feasible: Bool
    public var reason: String
    public var bindingLimit: BindingLimit
    public var bounds: LoadBounds
    public var candidates: [PlanCandidate]
    public var objective: ServiceLevelObjective
    /// The full run at the recommended count (or the last one tried when infeasible).
    public var result: SimulationResult?
    /// Busiest shard at the answer and how much of its binding limit is left (1 − peak-second utilisation).
    public var hotShardId: String?
    public var headroom: Double?
    /// Why AWS's formula and the simulation differ, in a sentence.
    public var formulaComparison: String
    /// Cost of running the recommended count all month, and what following the mean load could save.
    public var monthlyTotalUSD: Double?
    public var meanLoadNote: String?
    /// Set when the scenario's stream had an uneven existing layout: the plan is for a new, evenly split stream.
    public var layoutNote: String?
    /// Account quotas the answer runs into (the default shard quota), each with the step that lifts it.
    public var quotaWarnings: [String] = []
    /// What the recommended count means for the scenario's KCL applications (idle workers, shards nobody reads,
    /// processing a worker count cannot keep up with); empty without KCL applications.
    public var kclWarnings: [String] = []
}
