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
        var firehoseBilledBytes = 0.0
        for shard in shards {
            usage.putPayloadUnits += Double(shard.write.putPayloadUnits)
            usage.incomingBytes += Double(shard.write.incomingBytes)
            usage.onDemandBilledIncomingBytes += Double(shard.write.onDemandBilledBytes)
            firehoseBilledBytes += Double(shard.write.firehoseBilledBytes)
        }
        // Firehose bills each record it ingests rounded up to 5 KB. The log keeps bytes, not each record's size, so
        // a delivery stream's read bytes are scaled by the stream's billed-to-accepted ratio: exact when Firehose
        // reads everything the stream accepted, or when record sizes do not change over the run.
        let firehoseBilledPerByte = usage.incomingBytes > 0 ? firehoseBilledBytes / usage.incomingBytes : 0
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
                usage.lambdaGBSeconds +=
                    Double(consumer.statistics.billedDurationMilliseconds) / 1_000
                    * Double(lambda.memorySizeMB) / 1_024
            }
            if configuration.type == .firehose { usage.firehoseIngestedBytes += bytes * firehoseBilledPerByte }
            if let kcl = configuration.kcl {
                addLeaseTableUsage(kcl, consumer.statistics.kcl, to: &usage, hours: hours)
            }
        }
        addOptionalUsage(to: &usage, hours: hours)
        return usage
    }

    /// A KCL lease table: request units (PAY_PER_REQUEST) or capacity unit-hours (PROVISIONED) over the window.
    private func addLeaseTableUsage(
        _ kcl: KCLConfiguration, _ statistics: KCLStatistics, to usage: inout UsageQuantities, hours: Double
    ) {
        switch kcl.leaseTable {
        case .payPerRequest:
            usage.leaseTableWriteRequestUnits += Double(statistics.leaseTableWriteUnits)
            usage.leaseTableReadRequestUnits += statistics.leaseTableReadUnits
        case .provisioned(let read, let write):
            usage.leaseTableWriteCapacityUnitHours += Double(write) * hours
            usage.leaseTableReadCapacityUnitHours += Double(read) * hours
        }
    }

    /// KMS and CloudWatch quantities of a stream that is encrypted or has enhanced monitoring on (SSE; CW).
    private func addOptionalUsage(to usage: inout UsageQuantities, hours: Double) {
        let stream = configuration.stream
        if let encryption = stream.encryption {
            usage.kmsCustomerManagedKeys = encryption.keyManager == .customer ? 1 : 0
            let credentials =
                encryption.credentials ?? max(1, configuration.producers.count + configuration.consumers.count)
            let requestsPerHour = 3.6e12 / Double(encryption.dataKeyIntervalNanoseconds)
            usage.kmsRequests = Double(credentials) * requestsPerHour * hours
        }
        usage.shardLevelMetricHours = Double(stream.enhancedMonitoringMetrics.count) * openShardHours
    }

    /// The monthly bill at the scenario's prices.
    public var monthlyCost: CostBreakdown { CostModel.monthlyCost(for: usage, prices: configuration.prices) }

    /// Open shards weighted by the time each was open, in shard-hours.
    public var openShardHours: Double { averageOpenShards * Double(simulatedNanoseconds) / 3.6e12 }

    /// Time-weighted mean number of open shards.
    public var averageOpenShards: Double { shardCountTimeWeighted }
}
