import ShardSimEngine

/// Counters only a KCL application keeps (facts sheet section 11; docs/model.md section 19).
public struct KCLStatistics: Sendable, Equatable {
    /// Workers holding no lease when the run ended (running ones only; a failed worker is down, not idle).
    public var workersIdle: Int64 = 0
    /// Workers down when the run ended.
    public var workersDown: Int64 = 0
    /// Leases taken from another worker: expired ones of a failed worker, or stolen to balance.
    public var leaseTakeovers: Int64 = 0
    /// User records delivered again: read since the lease's last checkpoint by a worker that lost it.
    public var recordsReprocessed: Int64 = 0
    /// Lease-table write request units: renewals, checkpoints and lease takes (one unit each; a lease item is
    /// under 1 KB).
    public var leaseTableWriteUnits: Int64 = 0
    /// Of which checkpoints.
    public var checkpoints: Int64 = 0
    /// Lease-table read request units (halves: eventually consistent scans at 0.5 unit per 4 KB), from the lease
    /// takers' scans and the shard syncs' scans.
    public var leaseTableReadHalfUnits: Int64 = 0
    /// Lease-table requests a PROVISIONED table refused for lack of capacity.
    public var leaseTableThrottledRequests: Int64 = 0
    /// Leases lost because their renewals kept failing for longer than the failover time.
    public var leasesLostToThrottling: Int64 = 0
    /// `recordsReprocessed`, `leaseTableThrottledRequests`, `leaseTakeovers`, `leaseTableWriteUnits` and
    /// `leaseTableReadUnits` per second, for the CSV time series.
    public var recordsReprocessedSeries = CounterSeries()
    public var leaseTableThrottledSeries = CounterSeries()
    public var leaseTakeoversSeries = CounterSeries()
    public var leaseTableWriteUnitsSeries = CounterSeries()
    public var leaseTableReadUnitsSeries = CounterSeries()

    public init() {}

    /// Counts `units` lease-table write units at `time`, in the total and its series.
    public mutating func addWriteUnits(_ units: Int64, at time: Int64) {
        leaseTableWriteUnits += units
        leaseTableWriteUnitsSeries.add(Double(units), at: time)
    }

    /// Counts `halfUnits` read half units at `time`; the series holds billed units (halves / 2).
    public mutating func addReadHalfUnits(_ halfUnits: Int64, at time: Int64) {
        leaseTableReadHalfUnits += halfUnits
        leaseTableReadUnitsSeries.add(Double(halfUnits) / 2, at: time)
    }

    /// Counts one lease taken from another worker at `time`.
    public mutating func addTakeover(at time: Int64) {
        leaseTakeovers += 1
        leaseTakeoversSeries.add(1, at: time)
    }

    /// Read request units as DynamoDB bills them.
    public var leaseTableReadUnits: Double { Double(leaseTableReadHalfUnits) / 2 }
}
