import ShardSimEngine
import ShardSimJSON
import ShardSimModel
import ShardSimPlanner

/// The contract's JSON report for `run`, key order fixed here (never a Dictionary), so the same
/// scenario and seed always give the same bytes.
public enum RunReportJSON {
    /// The report of `result`; with `replications` (N ≥ 2), a last member `replications` summarises them and
    /// `result` is replication 1's.
    public static func document(
        for result: SimulationResult, objective: ServiceLevelObjective?, replications: ReplicatedRun? = nil
    ) -> JSONOutput {
        let configuration = result.configuration
        let members: [(String, JSONOutput)] = [
            ("scenario", .string(configuration.name)),
            ("seed", .unsigned(configuration.seed)),
            ("simulatedSeconds", .double(nanosecondsToSeconds(result.simulatedNanoseconds))),
            ("fidelity", .string(result.configuration.fidelity.rawValue)),
            ("shardsimVersion", .string(ShardSimVersion.current)),
            (
                "stream",
                .object([
                    ("streamMode", .string(configuration.stream.streamMode.rawValue)),
                    ("shardCountStart", .int(Int64(result.shardCountStart))),
                    ("shardCountEnd", .int(Int64(result.shardCountEnd))),
                    ("shardCountTimeWeighted", .double(result.shardCountTimeWeighted)),
                    ("retentionPeriodHours", .int(Int64(configuration.stream.retentionPeriodHours))),
                ])
            ),
            ("totals", totals(result.totals, showsDuplicates: result.hasLostResponses)),
            ("producers", .array(result.producers.map(producer))),
            ("shards", .array(result.shards.map { shard($0, result: result) })),
            ("consumers", .array(result.consumers.map { consumer($0, result: result) })),
            ("cost", cost(result.monthlyCost)),
            ("slo", slo(result, objective: objective)),
            ("notes", .array(ModelCaveats.reportNotes(result).map(JSONOutput.string))),
        ]
        return .object(members + (replications.map { [("replications", ReplicationReport.json($0))] } ?? []))
    }

    static func totals(_ totals: TotalsResult, showsDuplicates: Bool = false) -> JSONOutput {
        .object(
            [
                ("recordsAttempted", .int(totals.recordsAttempted)),
                ("recordsSucceeded", .int(totals.recordsSucceeded)),
                ("recordsFailed", .int(totals.recordsFailed)),
            ] + (showsDuplicates ? [("recordsDuplicated", .int(totals.recordsDuplicated))] : []) + [
                ("recordsInFlight", .int(totals.recordsInFlight)),
                ("writeProvisionedThroughputExceeded", .int(totals.writeProvisionedThroughputExceeded)),
                ("writeThrottledFraction", .double(totals.writeThrottledFraction)),
                ("readProvisionedThroughputExceeded", .int(totals.readProvisionedThroughputExceeded)),
                ("incomingBytes", .int(totals.incomingBytes)),
                ("incomingRecords", .int(totals.incomingRecords)),
            ])
    }

    /// A producer that may lose responses reports its duplicates; others' objects are unchanged.
    static func duplicates(_ producer: ProducerResult) -> [(String, JSONOutput)] {
        guard producer.configuration.lostResponseShare > 0 else { return [] }
        return [
            ("recordsDuplicated", .int(producer.statistics.recordsDuplicated)),
            ("requestsWithLostResponse", .int(producer.statistics.requestsWithLostResponse)),
        ]
    }

    static func producer(_ producer: ProducerResult) -> JSONOutput {
        let statistics = producer.statistics
        return .object(
            [
                ("name", .string(producer.name)),
                ("recordsAttempted", .int(statistics.recordsAttempted)),
                ("recordsSucceeded", .int(statistics.recordsSucceeded)),
                ("recordsFailed", .int(statistics.recordsFailed)),
            ] + duplicates(producer) + [
                ("recordsInFlight", .int(producer.recordsInFlight)),
                ("writeThrottledFraction", .double(producer.writeThrottledFraction)),
                ("putLatencyMs", latency(statistics.putLatency)),
                ("requests", .int(statistics.requestsSent)),
                ("requestsWithFailedRecords", .int(statistics.requestsWithFailedRecords)),
                ("kinesisRecordAttempts", .int(statistics.kinesisRecordAttempts)),
                (
                    "heaviestKeys",
                    .array(
                        producer.heaviestKeys.map { key in
                            .object([
                                ("partitionKey", .string(key.partitionKey)), ("shardId", .string(key.shardId)),
                                ("shareOfTraffic", .double(key.shareOfTraffic)),
                                ("recordsPerSecond", .double(key.recordsPerSecond)),
                            ])
                        })
                ),
            ])
    }

    /// Percentiles in milliseconds from the fixed-memory histogram.
    public static func latency(_ histogram: LatencyHistogram) -> JSONOutput {
        .object([
            ("p50", .double(nanosecondsToMilliseconds(histogram.percentile(50)))),
            ("p90", .double(nanosecondsToMilliseconds(histogram.percentile(90)))),
            ("p99", .double(nanosecondsToMilliseconds(histogram.percentile(99)))),
            ("max", .double(nanosecondsToMilliseconds(histogram.maxValue))),
        ])
    }

    static func shard(_ shard: ShardResult, result: SimulationResult) -> JSONOutput {
        let limits = result.configuration.stream.limits
        let description = shard.description
        // Rates over the time the shard was open: a split parent or a late child is not diluted by the whole run.
        let seconds = description.openSeconds(durationNanoseconds: result.simulatedNanoseconds)
        let write = shard.write
        return .object([
            ("shardId", .string(description.shardId)),
            ("status", .string(description.status.rawValue)),
            ("parentShardId", description.parentNumber.map { .string(ShardId.string(forNumber: $0)) } ?? .null),
            (
                "adjacentParentShardId",
                description.adjacentParentNumber.map { .string(ShardId.string(forNumber: $0)) } ?? .null
            ),
            ("startingHashKey", .string(String(description.hashKeyRange.startingHashKey))),
            ("endingHashKey", .string(String(description.hashKeyRange.endingHashKey))),
            // A simulated sequence number: the count of Kinesis records the shard accepted before it closed.
            ("endingSequenceNumber", description.status == .closed ? .string(String(write.incomingRecords)) : .null),
            ("openSeconds", .double(seconds)),
            ("incomingRecords", .int(write.incomingRecords)),
            ("incomingBytes", .int(write.incomingBytes)),
            ("writeProvisionedThroughputExceeded", .int(write.writeProvisionedThroughputExceeded)),
            ("peakWriteRecordsUtilization", .double(write.peakRecordsUtilization(limits))),
            ("peakWriteBytesUtilization", .double(write.peakBytesUtilization(limits))),
            ("meanWriteRecordsUtilization", .double(write.meanRecordsUtilization(limits, openSeconds: seconds))),
            ("meanWriteBytesUtilization", .double(write.meanBytesUtilization(limits, openSeconds: seconds))),
        ])
    }

    /// The contract's `cost` object: a 730-hour month of the simulated traffic, by AWS price dimension.
    public static func cost(_ breakdown: CostBreakdown) -> JSONOutput {
        .object([
            ("currency", .string("USD")),
            ("hoursPerMonth", .int(Int64(CostBreakdown.hoursPerMonth))),
            (
                "lineItems",
                .array(
                    breakdown.lineItems.map { item in
                        .object([
                            ("item", .string(item.item.billName)), ("quantity", .double(item.quantity)),
                            ("unit", .string(item.unit.billName)),
                            ("unitPrice", .precise(item.unitPriceUSD)), ("monthly", .double(item.monthlyUSD)),
                        ])
                    })
            ),
            ("monthlyTotal", .double(breakdown.monthlyTotalUSD)),
        ])
    }

    static func consumer(_ consumer: ConsumerResult, result: SimulationResult) -> JSONOutput {
        let statistics = consumer.statistics
        let members: [(String, JSONOutput)] = [
            ("name", .string(consumer.name)),
            ("type", .string(consumer.configuration.type.rawValue)),
            ("recordsDelivered", .int(statistics.recordsDelivered)),
            ("bytesDelivered", .int(statistics.bytesDelivered)),
            ("getRecordsCalls", .int(statistics.getRecordsCalls)),
            ("readProvisionedThroughputExceeded", .int(statistics.readProvisionedThroughputExceeded)),
            ("endToEndLatencyMs", latency(statistics.endToEndLatency)),
            ("maxIteratorAgeMs", .double(nanosecondsToMilliseconds(statistics.maxIteratorAgeNanoseconds))),
            ("recordsExpired", .int(statistics.recordsExpired)),
            ("recordsBehindAtEnd", .int(consumer.recordsBehindAtEnd)),
            ("subscriptions", .int(statistics.subscriptions)),
            ("invocations", .int(statistics.invocations)),
            ("functionErrors", .int(statistics.functionErrors)),
            ("recordsFailed", .int(statistics.recordsFailed)),
            ("concurrentExecutionsPeak", .int(statistics.concurrentExecutionsPeak)),
            ("deliveries", .int(statistics.deliveries)),
            ("maxDataFreshnessMs", .double(nanosecondsToMilliseconds(statistics.maxDataFreshnessNanoseconds))),
            // Firehose, one buffer per shard: objects closed by the size hint, mean object size, mean age of an
            // object's oldest record at delivery.
            ("deliveriesBySize", .int(statistics.deliveriesBySize)),
            (
                "meanBytesPerDelivery",
                .double(
                    statistics.deliveries > 0
                        ? Double(statistics.bytesDelivered) / Double(statistics.deliveries) : 0)
            ),
            (
                "meanDataFreshnessMs",
                .double(
                    statistics.deliveries > 0
                        ? nanosecondsToMilliseconds(
                            Double(statistics.totalDataFreshnessNanoseconds) / Double(statistics.deliveries)) : 0)
            ),
        ]
        return .object(members + lambdaMembers(consumer, result: result) + kclMembers(consumer))
    }

    /// Keys of a KCL application (issue 17; only on `kcl` consumers, so other reports are unchanged).
    static func kclMembers(_ consumer: ConsumerResult) -> [(String, JSONOutput)] {
        guard let kcl = consumer.configuration.kcl else { return [] }
        let statistics = consumer.statistics.kcl
        return [
            ("workers", .int(Int64(kcl.workers))),
            ("workersIdle", .int(statistics.workersIdle)),
            ("workersDown", .int(statistics.workersDown)),
            ("leaseTakeovers", .int(statistics.leaseTakeovers)),
            ("recordsReprocessed", .int(statistics.recordsReprocessed)),
            ("checkpoints", .int(statistics.checkpoints)),
            ("leaseTableWriteUnits", .int(statistics.leaseTableWriteUnits)),
            ("leaseTableReadUnits", .double(statistics.leaseTableReadUnits)),
            ("leaseTableThrottledRequests", .int(statistics.leaseTableThrottledRequests)),
            ("leasesLostToThrottling", .int(statistics.leasesLostToThrottling)),
        ]
    }

    /// Keys added for Lambda's retries, partial batch responses, on-failure destination, concurrency and cost
    /// (0 or null on other consumers).
    static func lambdaMembers(_ consumer: ConsumerResult, result: SimulationResult) -> [(String, JSONOutput)] {
        let statistics = consumer.statistics
        let monthly: JSONOutput =
            result.lambdaMonthlyCostUSD(consumer).map { .double(($0 * 100).rounded() / 100) } ?? .null
        let limit: JSONOutput = consumer.lambdaConcurrencyLimit.map { .int($0) } ?? .null
        return [
            ("recordsRetried", .int(statistics.recordsRetried))
        ] + lambdaReprocessed(consumer) + [
            ("partialBatchFailures", .int(statistics.partialBatchFailures)),
            ("recordsSentToOnFailureDestination", .int(statistics.recordsSentToOnFailureDestination)),
            ("onFailureDestinationMessages", .int(statistics.onFailureDestinationMessages)),
            ("concurrencyLimit", limit),
            ("invocationsDelayedByConcurrency", .int(statistics.invocationsDelayedByConcurrency)),
            ("concurrencyWaitSeconds", .double(nanosecondsToSeconds(statistics.concurrencyWaitNanoseconds))),
            ("maxConcurrencyWaitMs", .double(nanosecondsToMilliseconds(statistics.maxConcurrencyWaitNanoseconds))),
            ("lambdaMonthlyUSD", monthly),
        ]
    }

    /// Lambda consumers' records processed again (a KCL application reports its own under the same key).
    static func lambdaReprocessed(_ consumer: ConsumerResult) -> [(String, JSONOutput)] {
        guard consumer.configuration.type == .lambda else { return [] }
        return [("recordsReprocessed", .int(consumer.statistics.lambda.recordsReprocessed))]
    }

    static func slo(_ result: SimulationResult, objective: ServiceLevelObjective?) -> JSONOutput {
        let violations = objective.map { result.violations(of: $0) } ?? []
        return .object([
            ("stated", .bool(objective != nil)),
            ("met", .bool(violations.isEmpty)),
            (
                "violations",
                .array(
                    violations.map { violation in
                        .object([
                            ("objective", .string(violation.objective.scenarioKey)),
                            ("subject", .string(violation.subject.reportName)),
                            ("limit", .double(violation.limit)), ("actual", .double(violation.actual)),
                        ])
                    })
            ),
        ])
    }
}
