/// AWS Lambda's documented limits that bound an event source mapping on a Kinesis stream (facts sheet
/// section 7; Lambda quotas, https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
public enum LambdaLimits {
    /// Invocation payload, request, synchronous: 6 MB (Lambda quotas; LK "payload reaches 6 MB"), taken as
    /// 6 × 1,048,576 B of the event JSON as Lambda sends it.
    public static let invocationPayloadBytes: Int64 = 6 * 1_048_576
    /// Concurrent executions per account and Region, the default quota (Lambda quotas: 1,000, can be raised).
    public static let defaultAccountConcurrentExecutions: Int64 = 1_000
}
