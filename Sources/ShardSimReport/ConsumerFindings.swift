import Foundation
import ShardSimEngine
import ShardSimModel
import ShardSimPlanner

/// Why consumers fall behind, each finding once with its evidence and a remedy a reader can apply. Findings
/// about limits the GetRecords readers share (bytes and calls per shard) are the stream's, said once for all of
/// them; the rest belong to one consumer. Figures come from the model (`ReadDemand`); the words live here.
public enum ConsumerFindings {
    /// Findings on the read limits every GetRecords reader of a shard shares, naming the readers.
    public static func shared(_ result: SimulationResult) -> [String] {
        guard let demand = result.busiestShardReadDemand else { return [] }
        let limits = result.configuration.stream.limits
        let readers = result.consumers.filter { $0.configuration.type.readsWithGetRecords($0.configuration) }.map(
            \.name)
        let named = "the \(readers.count) GetRecords readers (\(readers.joined(separator: ", ")))"
        var findings: [String] = []
        if demand.sharedBytesPerSecond > Double(limits.readBytesPerSecond) {
            findings.append(
                "Shared reads: \(named) each read everything, \(LimitText.bytesPerSecond(demand.sharedBytesPerSecond)) "
                    + "together from \(demand.shardId) against its \(LimitText.bytesPerSecond(Double(limits.readBytesPerSecond))) "
                    + "shared read limit. Remedy: move readers to enhanced fan-out (each gets its own "
                    + "\(LimitText.bytesPerSecond(Double(KinesisLimits.enhancedFanOutBytesPerSecondPerShard))) per shard), or add shards."
            )
        }
        if demand.sharedCallsPerSecond > Double(limits.getRecordsCallsPerSecond) {
            findings.append(
                "GetRecords calls: \(named) make \(LimitText.count(demand.sharedCallsPerSecond)) calls/s per shard "
                    + "against the limit of \(limits.getRecordsCallsPerSecond). Remedy: poll less often (a shared reader's pollInterval), "
                    + "or move readers to enhanced fan-out, which makes no GetRecords calls.")
        }
        return findings
    }

    /// Reasons that belong to this consumer alone, each with its remedy.
    public static func own(_ result: SimulationResult, _ consumer: ConsumerResult) -> [String] {
        guard let demand = result.busiestShardReadDemand else { return [] }
        let configuration = consumer.configuration
        var reasons: [String] = []
        if !configuration.type.readsWithGetRecords(configuration) {
            let limit = Double(KinesisLimits.enhancedFanOutBytesPerSecondPerShard)
            if demand.incomingBytesPerSecond > limit {
                reasons.append(
                    "\(demand.shardId) takes in \(LimitText.bytesPerSecond(demand.incomingBytesPerSecond)), more than the "
                        + "\(LimitText.bytesPerSecond(limit)) an enhanced fan-out subscription delivers per shard (remedy: add shards)"
                )
            }
        }
        if let lambda = configuration.lambda { reasons += lambdaReasons(lambda, demand: demand, consumer: consumer) }
        let busySeconds =
            accrued(
                perSecond: demand.incomingUserRecordsPerSecond,
                overNanoseconds: configuration.processingTimePerRecordNanoseconds)
        if busySeconds > 1 {
            reasons.append(
                "processing takes \(LimitText.count(busySeconds)) s for each second of \(demand.shardId)'s records "
                    + "(remedy: add shards, which are read in parallel, or process faster)")
        }
        for event in result.configuration.events {
            if case .consumerOutage(let index, let at, let duration) = event,
                result.configuration.consumers.indices.contains(index),
                result.configuration.consumers[index].name == consumer.name
            {
                reasons.append("stopped by an outage of \(humanDuration(duration)) at \(humanDuration(at))")
            }
        }
        return reasons
    }

    static func lambdaReasons(_ lambda: LambdaConfiguration, demand: ReadDemand, consumer: ConsumerResult) -> [String] {
        var reasons: [String] = []
        // batchSize counts Kinesis records as the stream holds them (a KPL aggregate reaches the function whole).
        let batchesPerSecond = demand.incomingKinesisRecordsPerSecond / Double(lambda.batchSize)
        let functionSeconds =
            nanosecondsToSeconds(
                batchesPerSecond * Double(lambda.durationBaseNanoseconds)
                    + demand.incomingUserRecordsPerSecond * Double(lambda.durationPerRecordNanoseconds))
        if functionSeconds > Double(lambda.parallelizationFactor) {
            reasons.append(
                "full batches need \(LimitText.count(functionSeconds)) s of function time per second on \(demand.shardId), "
                    + "with \(lambda.parallelizationFactor) batch(es) at a time (remedy: raise parallelizationFactor, up to 10, "
                    + "add shards, or make the function faster)")
        }
        if consumer.statistics.functionErrors > 0 && lambda.maximumRetryAttempts < 0
            && lambda.maximumRecordAgeNanoseconds < 0
        {
            reasons.append(
                "\(TextFormat.count(consumer.statistics.functionErrors)) failed invocations were retried without end, "
                    + "holding up their shard (remedy: set maximumRetryAttempts or maximumRecordAgeInSeconds, with "
                    + "bisectBatchOnFunctionError to isolate the failing records)")
        }
        if consumer.statistics.recordsFailed > 0 {
            reasons.append(
                "\(TextFormat.count(consumer.statistics.recordsFailed)) records were dropped after failed invocations (remedy: fix what makes "
                    + "the function fail"
                    + (lambda.bisectBatchOnFunctionError
                        ? ")" : "; bisectBatchOnFunctionError limits the loss to the failing records)"))
        }
        if consumer.statistics.invocationsDelayedByConcurrency > 0 {
            reasons.append(
                "\(TextFormat.count(consumer.statistics.invocationsDelayedByConcurrency)) batches waited for the "
                    + "function's concurrency limit (\(consumer.lambdaConcurrencyLimit ?? 0)) (remedy: raise reservedConcurrentExecutions "
                    + "or the account's unreserved concurrency, or lower parallelizationFactor)")
        }
        return reasons
    }

    /// "90 s", "15 min", "24.5 h".
    static func humanDuration(_ nanoseconds: Int64) -> String {
        let seconds = nanosecondsToSeconds(nanoseconds)
        if seconds >= 3_600 { return LimitText.count(seconds / 3_600) + " h" }
        if seconds >= 60 { return LimitText.count(seconds / 60) + " min" }
        return LimitText.count(seconds) + " s"
    }
}
