import ShardSimModel

/// One shard count the planner simulated.
public struct PlanCandidate: Sendable {
    public var shardCount: Int
    public var meetsSlo: Bool
    public var writeThrottledFraction: Double
    public var monthlyTotalUSD: Double
    /// Replication 1's violations.
    public var violations: [ServiceLevelViolation]
    /// In how many of the plan's replications the count met the SLO (0 or 1 with one replication).
    public var replicationsMeetingSlo: Int = 0
    /// The plan's binding objective (`CapacityPlan.bindingObjective`) over the replications; set with two or more.
    public var bindingMetric: SampleSummary?
    /// The fidelity the candidate ran in (`CandidateFidelity`).
    public var fidelity: SimulationFidelity = .event
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
    /// Busiest shard at the answer and how much of its binding limit is left (1 − peak-second utilisation); with
    /// replications, in the replication whose busiest second left the least (`busiestSecond`).
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
    /// How every candidate was replicated, and the seeds (replication 1's is the scenario's).
    public var replications: PlanReplications = .single
    public var seeds: [UInt64] = []
    /// The objective that decides between counts: its value is summarised per candidate with two or more replications.
    public var bindingObjective: ServiceLevelObjective.Kind?
    /// The busiest second at the answer that left the least headroom over the replications (the robust headroom).
    public var busiestSecond: BusiestSecond?
    /// With one replication: why the answer may sit one shard from a flip, and what to run to find out.
    public var flipHint: String?

    /// Replicated: more than one seed per candidate.
    public var isReplicated: Bool { seeds.count > 1 }
    /// What the recommended count means for the scenario's KCL applications (idle workers, shards nobody reads,
    /// processing a worker count cannot keep up with); empty without KCL applications.
    public var kclWarnings: [String] = []
    /// How the candidates' fidelity was settled; `auto` with `fidelityNote` when any candidate ran in flow.
    public var candidateFidelity: CandidateFidelity = .fixed
    /// Set when `auto` ran some candidate in flow: which ran how, and why.
    public var fidelityNote: String?
}
