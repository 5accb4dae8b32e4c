import ShardSimEngine

/// The shared (GetRecords) read limits of one shard: 5 calls/s and 2 MiB/s for all polling consumers together.
///
/// Counted in aligned 1-second windows. A call is throttled (`ReadProvisionedThroughputExceeded`) when the
/// window's calls are used up or its byte budget is spent. An admitted call returns what the reader asks
/// for (up to 10 MiB); bytes beyond a window's budget carry into the following windows as debt. So a 10 MiB
/// call leaves the shard unreadable until that debt is paid: the rest of its second and the next four (4–5 s against
/// AWS's "5 seconds"), and readers demanding more than
/// 2 MiB/s in total get 2 MiB/s on average.
struct ShardReadLedger {
    /// What the shard's shared read path served, per second, for charts.
    var statistics = ShardReadStatistics()
    private var windowSecond: Int64 = 0
    private var callsInWindow: Int64 = 0
    private var bytesInWindow: Int64 = 0

    /// Whether a GetRecords call at `time` is admitted; counts it when it is.
    mutating func admitCall(at time: Int64, limits: ShardLimits) -> Bool {
        let second = time / nanosecondsPerSecond
        if second != windowSecond {
            let elapsed = second - windowSecond
            bytesInWindow =
                elapsed > bytesInWindow / limits.readBytesPerSecond
                ? 0 : bytesInWindow - elapsed * limits.readBytesPerSecond
            windowSecond = second
            callsInWindow = 0
        }
        guard callsInWindow < limits.getRecordsCallsPerSecond, bytesInWindow < limits.readBytesPerSecond else {
            return false
        }
        callsInWindow += 1
        return true
    }

    /// Charges the bytes an admitted call at `time` returned.
    mutating func charge(bytes: Int64, at time: Int64) {
        bytesInWindow += bytes
        if bytes > 0 { statistics.sharedReadBytesSeries.add(Double(bytes), at: time) }
    }
}

/// Per-shard read statistics of the shared (GetRecords) path; enhanced fan-out pushes have their own
/// per-consumer pipe and are not in it.
public struct ShardReadStatistics: Sendable, Equatable {
    /// Bytes GetRecords calls returned from this shard (all polling consumers together), per second
    /// (bounded memory; see `CounterSeries`). What the 2 MiB/s shared read limit is measured against.
    public var sharedReadBytesSeries = CounterSeries()

    public init() {}
}
