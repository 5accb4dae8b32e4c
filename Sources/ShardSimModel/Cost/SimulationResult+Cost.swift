/// Turning a run's measurements into AWS's billing quantities.
extension SimulationResult {
    /// What the run used, metered the way AWS bills it.
    public var usage: UsageQuantities {
        var usage = UsageQuantities()
        let hours = Double(simulatedNanoseconds) / 3.6e12
        usage.simulatedHours = hours
        usage.isOnDemand = configuration.stream.streamMode == .onDemand
        usage.shardHours = openShardHours
        usage.retentionPeriodHours = configuration.stream.retentionPeriodHours
        for shard in shards {
            usage.putPayloadUnits += Double(shard.write.putPayloadUnits)
            usage.incomingBytes += Double(shard.write.incomingBytes)
            usage.onDemandBilledIncomingBytes += Double(shard.write.onDemandBilledBytes)
        }
        for consumer in consumers {
            let configuration = consumer.configuration
            let bytes = Double(consumer.statistics.bytesRead)
            if configuration.type.readsWithGetRecords(configuration) {
                usage.sharedReadBytes += bytes
            } else {
                usage.enhancedFanOutBytes += bytes
                let readingHours = max(0, Double(simulatedNanoseconds - configuration.startAtNanoseconds) / 3.6e12)
                usage.enhancedFanOutConsumerShardHours += readingHours * averageOpenShards
            }
            if let lambda = configuration.lambda {
                usage.lambdaRequests += Double(consumer.statistics.invocations)
                usage.lambdaGBSeconds += Double(consumer.statistics.billedDurationMilliseconds) / 1_000
                    * Double(lambda.memorySizeMB) / 1_024
            }
            if configuration.type == .firehose { usage.firehoseIngestedBytes += bytes }
        }
        return usage
    }

    /// The monthly bill at the scenario's prices.
    public var monthlyCost: CostBreakdown { CostModel.monthlyCost(for: usage, prices: configuration.prices) }

    /// Open shards weighted by the time each was open, in shard-hours.
    public var openShardHours: Double { averageOpenShards * Double(simulatedNanoseconds) / 3.6e12 }

    /// Time-weighted mean number of open shards.
    public var averageOpenShards: Double { shardCountTimeWeighted }
}
