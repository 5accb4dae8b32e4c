import ShardSimEngine

/// What the consumers ask of one shard, on average, against its read limits: the figures behind a reader
/// falling behind (the report layer words them: `ConsumerFindings`).
public struct ReadDemand: Sendable, Equatable {
    public var shardId: String
    /// Mean bytes and user records the shard accepted per second.
    public var incomingBytesPerSecond: Double
    public var incomingUserRecordsPerSecond: Double
    /// Kinesis records per second (a KPL aggregate is one): what Lambda's batchSize counts.
    public var incomingKinesisRecordsPerSecond: Double = 0
    /// Every shared reader reads everything: incoming bytes × shared readers.
    public var sharedBytesPerSecond: Double
    /// GetRecords calls per second the shared readers would make at their poll intervals.
    public var sharedCallsPerSecond: Double
    public var sharedReaderCount: Int
}

extension SimulationResult {
    /// Read demand on the shard that accepted the most bytes, or nil without consumers.
    public var busiestShardReadDemand: ReadDemand? {
        guard !consumers.isEmpty,
            let busiest = shards.max(by: {
                $0.write.incomingBytes < $1.write.incomingBytes
                    || ($0.write.incomingBytes == $1.write.incomingBytes
                        && $0.description.number > $1.description.number)
            })
        else { return nil }
        let seconds = nanosecondsToSeconds(simulatedNanoseconds)
        let shared = consumers.filter { $0.configuration.type.readsWithGetRecords($0.configuration) }
        let bytesPerSecond = Double(busiest.write.incomingBytes) / seconds
        let userRecords = producers.reduce(0.0) {
            $0 + Double($1.statistics.recordsSucceeded + $1.statistics.recordsDuplicated)
        }
        let kinesisRecords = max(1.0, Double(totals.incomingRecords))
        let userPerKinesis = userRecords / kinesisRecords
        var demand = ReadDemand(
            shardId: busiest.description.shardId,
            incomingBytesPerSecond: bytesPerSecond,
            incomingUserRecordsPerSecond: Double(busiest.write.incomingRecords) / seconds * userPerKinesis,
            sharedBytesPerSecond: bytesPerSecond * Double(shared.count),
            sharedCallsPerSecond: shared.reduce(0) {
                $0
                    + ($1.configuration.pollsWithOwnSettings
                        ? Double(nanosecondsPerSecond) / Double($1.configuration.pollIntervalNanoseconds) : 1)
            },
            sharedReaderCount: shared.count)
        demand.incomingKinesisRecordsPerSecond = Double(busiest.write.incomingRecords) / seconds
        return demand
    }
}
