import ShardSimEngine

/// Everything one simulation run needs: the decoded scenario, in model units (integer nanoseconds,
/// bytes), with no JSON in sight.
public struct SimulationConfiguration: Sendable, Equatable {
    public var name: String
    public var seed: UInt64 = 1
    public var durationNanoseconds: Int64
    public var stream = StreamConfiguration()
    public var producers: [ProducerConfiguration] = []
    public var consumers: [ConsumerConfiguration] = []
    public var events: [TimelineEvent] = []
    public var assumptions = ModelAssumptions()
    /// Unit prices for the monthly cost (us-east-1 list prices unless the scenario overrides them).
    public var prices = PriceTable.usEast1
    /// Record by record (`event`) or as aggregate rates per shard (`flow`, for long horizons).
    public var fidelity: SimulationFidelity = .event

    public init(name: String, durationNanoseconds: Int64) {
        self.name = name
        self.durationNanoseconds = durationNanoseconds
    }
}

/// How finely a run models the write path.
public enum SimulationFidelity: String, Sendable, Equatable, CaseIterable {
    /// Every user record is drawn, batched, routed and accepted or throttled on its own.
    case event
    /// Producers are fluid: each accounting window, every shard takes the expected records and bytes its keys
    /// send, up to its limits, with throttled mass retried by the producers' backoff; readers, Lambda, Firehose,
    /// resharding and on-demand scaling run as in event mode on the aggregated log. Cost grows with windows ×
    /// shards, not records (docs/model.md, "Flow fidelity").
    case flow
}

/// Hard caps that keep every computation inside Int64 and memory reasonable. Scenario validation
/// refuses values beyond them with a message naming the cap.
public enum ModelCaps {
    /// Longest simulated duration: 400 days.
    public static let maxDurationNanoseconds: Int64 = 400 * 86_400 * nanosecondsPerSecond
    /// Highest mean rate of one producer fleet.
    public static let maxRecordsPerSecondPerProducer: Double = 10_000_000
    /// Most distinct generated partition keys per producer: each key is hashed once and kept with its
    /// shard, so this bounds start-up time and memory (about 24 bytes a key).
    public static let maxPartitionKeysPerProducer = 1_000_000
    /// Most producers in one scenario.
    public static let maxProducers = 1_000
    /// Most user records one event-mode run may generate: about 2–3 minutes of wall time at the write path's
    /// 12 M records/s, longer with many consumers.
}
