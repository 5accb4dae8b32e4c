/// What a simulated window used, in raw measured quantities, not yet scaled to a month.
///
/// The simulation fills this in as it runs; `CostModel.monthlyCost(for:prices:)` scales it to 730 hours and
/// prices it. Keeping measurement and pricing apart lets `plan` and `compare` re-price one run under other
/// prices, and lets tests state a bill from hand-derived quantities. Each quantity is what AWS meters for the
/// matching price dimension (facts sheet section 5); quantities that do not apply to the stream's capacity
/// mode are ignored by the cost model, so the simulation may fill in all of them.
public struct UsageQuantities: Sendable, Equatable {
    /// Length of the simulated window, in hours; the month scale factor is 730 / `simulatedHours`.
    public var simulatedHours: Double = 0
    /// Whether the stream runs in on-demand (Standard) capacity mode rather than provisioned.
    public var isOnDemand: Bool = false
    /// Provisioned: time-weighted open shard count × hours, so a reshard mid-window bills each shard only
    /// while it was open.
    public var shardHours: Double = 0
    /// Provisioned: Σ over accepted records of `CostModel.putPayloadUnits(forRecordBytes:)`.
    public var putPayloadUnits: Double = 0
    /// The stream's retention period; above 24 h it adds extended retention, above 168 h long-term retention.
    public var retentionPeriodHours: Int = 24
    /// Data plus partition key bytes accepted by the stream (CloudWatch IncomingBytes); the basis of stored
    /// bytes for retention pricing.
    public var incomingBytes: Double = 0
    /// On-demand: Σ over accepted records of `CostModel.onDemandBilledBytes(forRecordBytes:)`.
    public var onDemandBilledIncomingBytes: Double = 0
    /// Bytes returned by GetRecords to all shared-throughput consumers together (each consumer's reads count).
    public var sharedReadBytes: Double = 0
    /// Registered enhanced fan-out consumers × open shards × hours (FAQ: prorated consumer-shard-hours).
    public var enhancedFanOutConsumerShardHours: Double = 0
    /// Bytes delivered to enhanced fan-out consumers, all consumers together.
    public var enhancedFanOutBytes: Double = 0
    /// Lambda invocations (one per batch).
    public var lambdaRequests: Double = 0
    /// Lambda duration × configured memory in GB (memory MB / 1,024), summed over invocations.
    public var lambdaGBSeconds: Double = 0
    /// Bytes Firehose bills as ingested: each record it read from the stream, its data rounded up to 5 KB
    /// (`ModelAssumptions.firehoseBillingIncrementBytes`; the pricing page applies it to a Kinesis source too).
    public var firehoseIngestedBytes: Double = 0
    /// Customer managed KMS keys the stream is encrypted with (0 or 1): billed per key per month, whatever the
    /// window (a key exists all month).
    public var kmsCustomerManagedKeys: Double = 0
    /// KMS requests Kinesis made for data keys over the window: credentials × window / data-key interval (SSE).
    public var kmsRequests: Double = 0
    /// Enhanced monitoring: shard-level metrics enabled × open shard-hours over the window (CloudWatch prorates a
    /// metric by the hour; 730 metric-hours are one metric-month).
    public var shardLevelMetricHours: Double = 0
    /// KCL lease tables in PAY_PER_REQUEST: write and read request units over the window (renewals, checkpoints and
    /// takes; the takers' and shard syncs' scans).
    public var leaseTableWriteRequestUnits: Double = 0
    public var leaseTableReadRequestUnits: Double = 0
    /// KCL lease tables in PROVISIONED: capacity units × hours over the window (billed whether used or not).
    public var leaseTableWriteCapacityUnitHours: Double = 0
    public var leaseTableReadCapacityUnitHours: Double = 0

    /// An empty window: every quantity zero, provisioned mode, default 24 h retention.
    public init() {}
}
