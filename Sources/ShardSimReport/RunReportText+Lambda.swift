import ShardSimEngine
import ShardSimModel

extension RunReportText {
    /// What a Lambda mapping did: invocations and what was sent again, how failures ended (partial batch
    /// responses, records discarded and where they went), and concurrency: its peak, its limit, the waits.
    static func lambdaVerdicts(_ consumer: ConsumerResult, result: SimulationResult) -> [String] {
        let statistics = consumer.statistics
        let lambda = consumer.configuration.lambda ?? LambdaConfiguration()
        var line =
            "\(consumer.name): \(TextFormat.count(statistics.invocations)) invocations, "
            + "\(TextFormat.count(statistics.functionErrors)) failed"
        if lambda.reportsBatchItemFailures || statistics.partialBatchFailures > 0 {
            line +=
                ", \(TextFormat.count(statistics.partialBatchFailures)) reported a failed record (ReportBatchItemFailures)"
        }
        if statistics.recordsRetried > 0 {
            line += ", \(TextFormat.count(statistics.recordsRetried)) records sent again"
        }
        if statistics.lambda.recordsReprocessed > 0 {
            line += " (\(TextFormat.count(statistics.lambda.recordsReprocessed)) of them processed before)"
        }
        line += ", \(TextFormat.count(statistics.recordsFailed)) records dropped"
        let limit = consumer.lambdaConcurrencyLimit.map { " of \(TextFormat.count($0))" } ?? ""
        line += ", peak concurrency \(statistics.concurrentExecutionsPeak)\(limit)"
        if let monthly = result.lambdaMonthlyCostUSD(consumer) {
            line += "; $\(TextFormat.decimal(monthly, places: 2)) a month in requests and duration"
        }
        var verdicts = [line]
        if statistics.recordsFailed > 0 {
            if lambda.onFailureDestination != nil {
                verdicts.append(
                    "\(consumer.name): \(TextFormat.count(statistics.recordsSentToOnFailureDestination)) discarded records "
                        + "reported to the on-failure destination in \(TextFormat.count(statistics.onFailureDestinationMessages)) messages "
                        + "(batch details only: re-read the records from the stream before they expire).")
            } else {
                verdicts.append(
                    "\(consumer.name): no on-failure destination, so the \(TextFormat.count(statistics.recordsFailed)) "
                        + "dropped records leave no trace (set destinationConfig.onFailure to record them).")
            }
        }
        if statistics.invocationsDelayedByConcurrency > 0 {
            let reserved =
                lambda.reservedConcurrentExecutions != nil
                ? "its reserved concurrency" : "the account's unreserved concurrency"
            verdicts.append(
                "\(consumer.name): \(TextFormat.count(statistics.invocationsDelayedByConcurrency)) batches waited for "
                    + "\(reserved) (\(consumer.lambdaConcurrencyLimit.map(TextFormat.count) ?? "-")), "
                    + "\(TextFormat.decimal(nanosecondsToSeconds(statistics.concurrencyWaitNanoseconds), places: 1)) s in all, longest "
                    + "\(TextFormat.decimal(nanosecondsToSeconds(statistics.maxConcurrencyWaitNanoseconds), places: 1)) s: "
                    + "shards × parallelizationFactor asks for more than it allows.")
        }
        return verdicts
    }
}
