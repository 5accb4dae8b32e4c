/// Shard write utilisation: a write rate as a fraction of the per-shard write limit (1 = at the limit). The one
/// place it is computed; the reports, the write diagnosis and the planner all read it from here.
extension ShardLimits {
    /// `recordsPerSecond` as a fraction of `writeRecordsPerSecond` (1,000 records/s by default, Q).
    public func writeRecordsUtilization(recordsPerSecond: Double) -> Double {
        recordsPerSecond / Double(writeRecordsPerSecond)
    }

    /// `bytesPerSecond` as a fraction of `writeBytesPerSecond` (1 MiB/s by default, Q).
    public func writeBytesUtilization(bytesPerSecond: Double) -> Double {
        bytesPerSecond / Double(writeBytesPerSecond)
    }

    /// The tighter of the two: the larger fraction.
    public func writeUtilization(recordsPerSecond: Double, bytesPerSecond: Double) -> Double {
        max(
            writeRecordsUtilization(recordsPerSecond: recordsPerSecond),
            writeBytesUtilization(bytesPerSecond: bytesPerSecond))
    }
}

extension ShardWriteStatistics {
    /// The busiest second's offered records (accepted or throttled) against the records limit.
    public func peakRecordsUtilization(_ limits: ShardLimits) -> Double {
        limits.writeRecordsUtilization(recordsPerSecond: Double(peakOfferedRecordsPerSecond))
    }

    /// The busiest second's offered bytes against the bytes limit.
    public func peakBytesUtilization(_ limits: ShardLimits) -> Double {
        limits.writeBytesUtilization(bytesPerSecond: Double(peakOfferedBytesPerSecond))
    }

    /// The busiest second against the tighter limit (the records and bytes peaks may fall in different seconds).
    public func peakUtilization(_ limits: ShardLimits) -> Double {
        max(peakRecordsUtilization(limits), peakBytesUtilization(limits))
    }

    /// Accepted records per second the shard was open (`openSeconds`), against the records limit.
    public func meanRecordsUtilization(_ limits: ShardLimits, openSeconds: Double) -> Double {
        limits.writeRecordsUtilization(recordsPerSecond: Double(incomingRecords) / openSeconds)
    }

    /// Accepted bytes per second the shard was open, against the bytes limit.
    public func meanBytesUtilization(_ limits: ShardLimits, openSeconds: Double) -> Double {
        limits.writeBytesUtilization(bytesPerSecond: Double(incomingBytes) / openSeconds)
    }
}
