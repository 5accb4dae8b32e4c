import Foundation

/// AWS's shard sizing formula, as the Kinesis developer guide writes it ("Choose the data stream capacity
/// mode", MODE; facts sheet section 10):
///
///     incoming_write_bandwidth_in_KiB = average_data_size_in_KiB (rounded up to the nearest 1 KiB) × records_per_second
///     outgoing_read_bandwidth_in_KiB  = incoming_write_bandwidth_in_KiB × number_of_consumers
///     number_of_shards = ceiling(max(incoming_write_bandwidth_in_KiB / 1024, outgoing_read_bandwidth_in_KiB / 2048))
///
/// The rounding is what builds the records limit in for small records: a 100 B record counts as 1 KiB, so
/// 1,024 of them a second fill the formula's shard. The divisors are the formula's own (AWS's default
/// 1 MiB/s write and 2 MiB/s read per shard), not a scenario's overridden limits: this is AWS's answer.
///
/// What the formula does not see, and the simulation does: Poisson bursts above the mean, retries of throttled
/// records, key skew and hash-range luck, the partition key's bytes, the GetRecords call limit, enhanced
/// fan-out's dedicated read throughput, and how fast consumers process.
public struct SizingFormula: Sendable, Equatable {
    /// The formula's write divisor: KiB/s one shard takes (MODE).
    public static let writeKiBPerSecondPerShard = 1_024.0
    /// The formula's read divisor: KiB/s one shard serves to all consumers (MODE).
    public static let readKiBPerSecondPerShard = 2_048.0
    /// The formula rounds the average record size up to a whole number of these bytes (MODE: "rounded up to
    /// the nearest 1 KB"; the divisors are KiB, so the rounding is too).
    public static let roundingBytes = 1_024.0

    /// Data records written to the stream per second at the peak (with KPL aggregation: the aggregates).
    public var recordsPerSecond: Double
    /// Their average data size in bytes (the data blob a user states; with aggregation, a full aggregate).
    public var averageRecordBytes: Double
    /// Every consumer of the stream, as AWS's `number_of_consumers` (shared, enhanced fan-out, Lambda, Firehose).
    public var consumerCount: Int

    public init(recordsPerSecond: Double, averageRecordBytes: Double, consumerCount: Int) {
        precondition(recordsPerSecond >= 0 && averageRecordBytes >= 0, "a load is not negative")
        precondition(consumerCount >= 0, "a consumer count is not negative")
        self.recordsPerSecond = recordsPerSecond
        self.averageRecordBytes = averageRecordBytes
        self.consumerCount = consumerCount
    }

    /// The average record size rounded up to whole KiB; a record of any size counts as at least 1 KiB.
    public var roundedRecordKiB: Double {
        max(1, (averageRecordBytes / Self.roundingBytes - 1e-9).rounded(.up))
    }

    public var incomingKiBPerSecond: Double { roundedRecordKiB * recordsPerSecond }
    public var outgoingKiBPerSecond: Double { incomingKiBPerSecond * Double(consumerCount) }
    /// The write term, incoming KiB/s / 1,024, in shards.
    public var writeShards: Double { incomingKiBPerSecond / Self.writeKiBPerSecondPerShard }
    /// The read term, outgoing KiB/s / 2,048, in shards.
    public var readShards: Double { outgoingKiBPerSecond / Self.readKiBPerSecondPerShard }

    /// ceiling(max(write term, read term)); a stream has at least one shard.
    public var shardCount: Int {
        let larger = max(writeShards, readShards)
        guard larger.isFinite, larger < Double(Int.max / 2) else { return Int.max / 2 }
        return max(1, Int((larger - 1e-9).rounded(.up)))
    }
}
