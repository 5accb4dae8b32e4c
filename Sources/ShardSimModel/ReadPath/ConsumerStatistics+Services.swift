/// Counters only a Lambda event source mapping keeps (facts sheet section 7).
public struct LambdaStatistics: Sendable, Equatable {
    /// Lambda: invocations, those that failed, records dropped after retries or by maximum record age,
    /// the most batches running at once across all shards, and billed duration (1 ms granularity).
    public var invocations: Int64 = 0
    public var functionErrors: Int64 = 0
    public var recordsFailed: Int64 = 0
    public var concurrentExecutionsPeak: Int64 = 0
    public var billedDurationMilliseconds: Int64 = 0
    /// Lambda: user records sent to the function again (retries, bisected halves, the rest after a reported failure).
    public var recordsRetried: Int64 = 0
    /// Lambda: user records the function had already processed that are sent to it again: those before the poison
    /// record of a batch that failed with a function error and is retried or bisected (the function processes in
    /// order and stops at the failing record). A lower bound: a random error (`functionErrorRate`) has no known
    /// point of failure and adds nothing. docs/model.md §8.
    public var recordsReprocessed: Int64 = 0
    /// Lambda: invocations that reported a failed record (partial batch response) instead of failing whole.
    public var partialBatchFailures: Int64 = 0
    /// Lambda: user records discarded after retries or by maximum record age with an on-failure destination
    /// configured, and the messages (one per discarded batch) it received. Without one they are only in `recordsFailed`.
    public var recordsSentToOnFailureDestination: Int64 = 0
    public var onFailureDestinationMessages: Int64 = 0
    /// Lambda: batches that waited for concurrency (reserved or the account's unreserved), their total and longest wait.
    public var invocationsDelayedByConcurrency: Int64 = 0
    public var concurrencyWaitNanoseconds: Int64 = 0
    public var maxConcurrencyWaitNanoseconds: Int64 = 0

    public init() {}
}

/// Counters only a Firehose delivery stream keeps (facts sheet section 8).
public struct FirehoseStatistics: Sendable, Equatable {
    /// Firehose: objects written to the destination, and the oldest record's age at delivery
    /// (the `DeliveryToS3.DataFreshness` idea), which includes the buffering interval by design.
    public var deliveries: Int64 = 0
    public var maxDataFreshnessNanoseconds: Int64 = 0
    /// Firehose: objects delivered because a shard's buffer reached its size hint (the rest by its interval), and
    /// the sum over objects of their oldest record's age at delivery (for the mean).
    public var deliveriesBySize: Int64 = 0
    public var totalDataFreshnessNanoseconds: Int64 = 0

    public init() {}
}

/// The Lambda and Firehose counters under the names the report layer reads them by.
extension ConsumerStatistics {
    public var invocations: Int64 {
        get { lambda.invocations }
        set { lambda.invocations = newValue }
    }
    public var functionErrors: Int64 {
        get { lambda.functionErrors }
        set { lambda.functionErrors = newValue }
    }
    public var recordsFailed: Int64 {
        get { lambda.recordsFailed }
        set { lambda.recordsFailed = newValue }
    }
    public var concurrentExecutionsPeak: Int64 {
        get { lambda.concurrentExecutionsPeak }
        set { lambda.concurrentExecutionsPeak = newValue }
    }
    public var billedDurationMilliseconds: Int64 {
        get { lambda.billedDurationMilliseconds }
        set { lambda.billedDurationMilliseconds = newValue }
    }
    public var recordsRetried: Int64 {
        get { lambda.recordsRetried }
        set { lambda.recordsRetried = newValue }
    }
    public var partialBatchFailures: Int64 {
        get { lambda.partialBatchFailures }
        set { lambda.partialBatchFailures = newValue }
    }
    public var recordsSentToOnFailureDestination: Int64 {
        get { lambda.recordsSentToOnFailureDestination }
        set { lambda.recordsSentToOnFailureDestination = newValue }
    }
    public var onFailureDestinationMessages: Int64 {
        get { lambda.onFailureDestinationMessages }
        set { lambda.onFailureDestinationMessages = newValue }
    }
    public var invocationsDelayedByConcurrency: Int64 {
        get { lambda.invocationsDelayedByConcurrency }
        set { lambda.invocationsDelayedByConcurrency = newValue }
    }
    public var concurrencyWaitNanoseconds: Int64 {
        get { lambda.concurrencyWaitNanoseconds }
        set { lambda.concurrencyWaitNanoseconds = newValue }
    }
    public var maxConcurrencyWaitNanoseconds: Int64 {
        get { lambda.maxConcurrencyWaitNanoseconds }
        set { lambda.maxConcurrencyWaitNanoseconds = newValue }
    }
    public var deliveries: Int64 {
        get { firehose.deliveries }
        set { firehose.deliveries = newValue }
    }
    public var maxDataFreshnessNanoseconds: Int64 {
        get { firehose.maxDataFreshnessNanoseconds }
        set { firehose.maxDataFreshnessNanoseconds = newValue }
    }
    public var deliveriesBySize: Int64 {
        get { firehose.deliveriesBySize }
        set { firehose.deliveriesBySize = newValue }
    }
    public var totalDataFreshnessNanoseconds: Int64 {
        get { firehose.totalDataFreshnessNanoseconds }
        set { firehose.totalDataFreshnessNanoseconds = newValue }
    }
}
