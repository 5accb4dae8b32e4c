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

    public init(name: String, durationNanoseconds: Int64) {
        self.name = name
        self.durationNanoseconds = durationNanoseconds
    }
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
    public static let maxSimulatedUserRecords: Double = 2_000_000_000
}
