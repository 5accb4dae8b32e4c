/// What the consumers ask of one shard, on average, against its read limits: the "why" behind a reader
/// falling behind.
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
        guard !consumers.isEmpty, let busiest = shards.max(by: { $0.write.incomingBytes < $1.write.incomingBytes
            || ($0.write.incomingBytes == $1.write.incomingBytes && $0.description.number > $1.description.number) })
        else { return nil }
        let seconds = Double(simulatedNanoseconds) / 1e9
        let shared = consumers.filter { $0.configuration.type.readsWithGetRecords($0.configuration) }
        let bytesPerSecond = Double(busiest.write.incomingBytes) / seconds
        let userRecords = producers.reduce(0.0) { $0 + Double($1.statistics.recordsSucceeded) }
        let kinesisRecords = max(1.0, Double(totals.incomingRecords))
        let userPerKinesis = userRecords / kinesisRecords
        var demand = ReadDemand(
            shardId: busiest.description.shardId,
            incomingBytesPerSecond: bytesPerSecond,
            incomingUserRecordsPerSecond: Double(busiest.write.incomingRecords) / seconds * userPerKinesis,
            sharedBytesPerSecond: bytesPerSecond * Double(shared.count),
            sharedCallsPerSecond: shared.reduce(0) {
                $0 + ($1.configuration.type == .shared ? 1e9 / Double($1.configuration.pollIntervalNanoseconds) : 1)
            },
            sharedReaderCount: shared.count)
        demand.incomingKinesisRecordsPerSecond = Double(busiest.write.incomingRecords) / seconds
        return demand
    }

    /// Plain reasons a consumer falls behind, from its configuration and the busiest shard's demand.
    public func reasonsBehind(_ consumer: ConsumerResult) -> [String] {
        guard let demand = busiestShardReadDemand else { return [] }
        let limits = configuration.stream.limits
        let mib = 1_048_576.0
        var reasons: [String] = []
        let configuration = consumer.configuration
        if configuration.type.readsWithGetRecords(configuration) {
            if demand.sharedBytesPerSecond > Double(limits.readBytesPerSecond) {
                reasons.append("\(demand.sharedReaderCount) shared readers demand \(format(demand.sharedBytesPerSecond / mib)) MiB/s "
                    + "of \(demand.shardId)'s \(format(Double(limits.readBytesPerSecond) / mib)) MiB/s")
            }
            if demand.sharedCallsPerSecond > Double(limits.getRecordsCallsPerSecond) {
                reasons.append("shared readers make \(format(demand.sharedCallsPerSecond)) GetRecords calls/s per shard "
                    + "against \(limits.getRecordsCallsPerSecond)")
            }
        } else {
            let limit = Double(KinesisLimits.enhancedFanOutBytesPerSecondPerShard)
            if demand.incomingBytesPerSecond > limit {
                reasons.append("\(demand.shardId) takes in \(format(demand.incomingBytesPerSecond / mib)) MiB/s, more than the "
                    + "2 MiB/s an enhanced fan-out subscription delivers")
            }
        }
        if let lambda = configuration.lambda {
            let batchesPerSecond = demand.incomingKinesisRecordsPerSecond / Double(lambda.batchSize)
            let functionSeconds = (batchesPerSecond * Double(lambda.durationBaseNanoseconds)
                + demand.incomingUserRecordsPerSecond * Double(lambda.durationPerRecordNanoseconds)) / 1e9
            if functionSeconds > Double(lambda.parallelizationFactor) {
                reasons.append("full batches need \(format(functionSeconds)) s of function time per second on \(demand.shardId), "
                    + "with \(lambda.parallelizationFactor) batch(es) at a time (parallelizationFactor)")
            }
            if consumer.statistics.recordsFailed > 0 {
                reasons.append("\(consumer.statistics.recordsFailed) records were dropped after failed invocations")
            }
            if consumer.statistics.invocationsDelayedByConcurrency > 0 {
                reasons.append("\(consumer.statistics.invocationsDelayedByConcurrency) batches waited for the function's "
                    + "concurrency limit (\(consumer.lambdaConcurrencyLimit ?? 0))")
            }
        }
        let busySeconds = demand.incomingUserRecordsPerSecond * Double(configuration.processingTimePerRecordNanoseconds) / 1e9
        if busySeconds > 1 {
            reasons.append("processing takes \(format(busySeconds)) s for each second of \(demand.shardId)'s records")
        }
        for event in self.configuration.events {
            if case .consumerOutage(let index, let at, let duration) = event,
               self.configuration.consumers.indices.contains(index), self.configuration.consumers[index].name == consumer.name {
                reasons.append("stopped by an outage of \(humanDuration(duration)) at \(humanDuration(at))")
            }
        }
        return reasons
    }

    /// "90 s", "15 min", "24.5 h".
    private func humanDuration(_ nanoseconds: Int64) -> String {
        let seconds = Double(nanoseconds) / 1e9
        if seconds >= 3_600 { return format(seconds / 3_600) + " h" }
        if seconds >= 60 { return format(seconds / 60) + " min" }
        return format(seconds) + " s"
    }

    private func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }
}
