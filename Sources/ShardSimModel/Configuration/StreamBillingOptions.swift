import ShardSimEngine

/// Who manages the KMS key a stream is encrypted with (KMS `KeyManager`): AWS (`alias/aws/kinesis`, no key
/// charge) or the customer (a customer managed key, billed per key-month).
public enum KMSKeyManager: String, Sendable, CaseIterable {
    case aws = "AWS"
    case customer = "CUSTOMER"
}

/// Server-side encryption with a KMS key (StartStreamEncryption, `EncryptionType` KMS). It changes no limit in
/// the model (AWS: under 100 µs more latency per call), only the bill: key-months and KMS requests.
public struct StreamEncryption: Sendable, Equatable {
    public var keyManager: KMSKeyManager = .aws
    /// Distinct credentials (IAM users or assumed-role sessions) writing and reading the stream: AWS says the KMS
    /// request count scales with them, as each needs its own data key. nil: one per producer and per consumer of
    /// the scenario (each its own principal).
    public var credentials: Int?
    /// How often Kinesis asks KMS for a new data key per credential: "approximately every five minutes"
    /// (`KinesisLimits.encryptionDataKeyIntervalNanoseconds`; about 8,640 requests per stream per 30-day month).
    public var dataKeyIntervalNanoseconds: Int64 = KinesisLimits.encryptionDataKeyIntervalNanoseconds

    public init() {}
}

/// A shard-level metric EnableEnhancedMonitoring can turn on (facts sheet section 9, CW); each is billed as one
/// CloudWatch custom metric per shard.
public enum ShardLevelMetric: String, Sendable, CaseIterable {
    case incomingBytes = "IncomingBytes"
    case incomingRecords = "IncomingRecords"
    case outgoingBytes = "OutgoingBytes"
    case outgoingRecords = "OutgoingRecords"
    case writeProvisionedThroughputExceeded = "WriteProvisionedThroughputExceeded"
    case readProvisionedThroughputExceeded = "ReadProvisionedThroughputExceeded"
    case iteratorAgeMilliseconds = "IteratorAgeMilliseconds"
}
