import ShardSimEngine

/// Every AWS limit the model applies, in one place, each with its unit and source.
///
/// Sources are keyed as in `docs/facts.md`:
/// - Q: "Quotas and limits", https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html
/// - API: Kinesis API Reference, https://docs.aws.amazon.com/kinesis/latest/APIReference/
/// - LR: "Handle large records", https://docs.aws.amazon.com/streams/latest/dev/large-records.html
/// - RET: "Change the data retention period", https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html
/// - EFO: https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html
/// - KPLCFG: KPL `default_config.properties`, https://github.com/awslabs/amazon-kinesis-producer
///
/// Where AWS pages disagree we follow the current page and say so next to the constant.
public enum KinesisLimits {
    /// Bytes in one MiB. AWS writes "MB" for the shard limits; the API and SDKs mean MiB (facts sheet, open question 3).
    public static let bytesPerMebibyte: Int64 = 1_048_576

    // MARK: Shard write limits (Q)

    /// Per-shard write throughput: 1 MiB/s, data blob plus partition key (Q; FAQ "bytes counted on write").
    public static let writeBytesPerSecondPerShard: Int64 = 1_048_576
    /// Per-shard write rate: 1,000 records/s (Q).
    public static let writeRecordsPerSecondPerShard: Int64 = 1_000

    // MARK: Shard read limits (Q)

    /// Per-shard shared read throughput for all GetRecords consumers together: 2 MiB/s (Q).
    public static let readBytesPerSecondPerShard: Int64 = 2_097_152
    /// Per-shard GetRecords calls for all polling consumers together: 5 calls/s (Q).
    public static let getRecordsCallsPerSecondPerShard: Int64 = 5
    /// One GetRecords call returns at most 10,000 records (Q; API GetRecords `Limit` 1–10,000).
    public static let maxRecordsPerGetRecordsCall: Int64 = 10_000
    /// One GetRecords call returns at most 10 MiB (Q).
    public static let maxBytesPerGetRecordsCall: Int64 = 10_485_760
    /// After a GetRecords call that returned 10 MiB, calls in the next 5 s are throttled (Q).
    public static let throttleAfterLargeGetRecordsNanoseconds: Int64 = 5 * nanosecondsPerSecond
    /// Enhanced fan-out: 2 MiB/s per consumer per shard, dedicated (EFO).
    public static let enhancedFanOutBytesPerSecondPerShard: Int64 = 2_097_152
    /// Enhanced fan-out consumers registered per stream: 20 for provisioned and On-demand Standard (Q; EFO).
    public static let maxEnhancedFanOutConsumersPerStream = 20
    /// A SubscribeToShard subscription lasts 5 minutes, then the consumer re-subscribes (API SubscribeToShard).
    public static let subscriptionLifetimeNanoseconds: Int64 = 300 * nanosecondsPerSecond

    // MARK: PutRecords (API PutRecords; Q)

    /// Records per PutRecords request (Q; API).
    public static let maxRecordsPerPutRecordsRequest = 500
    /// Bytes per PutRecords request including partition keys. The current API page says 10 MiB; older SDK docs
    /// said 5 MiB (facts sheet, open question 1). We follow the current page.
    public static let maxBytesPerPutRecordsRequest: Int64 = 10_485_760

    // MARK: Records and keys (LR; API)

    /// Default maximum record size (data blob) for new and existing streams: 1,024 KiB (LR).
    public static let defaultMaxRecordSizeKiB = 1_024
    /// The largest maximum record size a stream can be set to: 10,240 KiB (LR; API UpdateMaxRecordSize).
    public static let largestMaxRecordSizeKiB = 10_240
    /// Partition keys are 1–256 Unicode characters (API PutRecordsRequestEntry).
    public static let maxPartitionKeyLength = 256

    // MARK: Retention (RET; Q)

    /// Default retention: 24 h (RET).
    public static let defaultRetentionPeriodHours = 24
    /// Retention can be raised to 8,760 h (365 days) (RET; Q).
    public static let maxRetentionPeriodHours = 8_760

    // MARK: Shards (Q; API)

    /// Per-stream shard cap for UpdateShardCount: 10,000 on the current API page (older text: 500; facts sheet,
    /// open question 6). We follow the current page, and also cap `shardCount` at it.
    public static let maxShardsPerStream = 10_000
    /// UpdateShardCount calls per rolling 24 hours: 10 on the current API page (older text: 2; facts sheet,
    /// open question 6). We follow the current page.
    public static let maxUpdateShardCountCallsPer24Hours = 10

    // MARK: Server-side encryption (SSE: "Costs, Regions, and performance considerations")

    /// With server-side encryption, Kinesis calls KMS for a new data key "approximately every five minutes" per
    /// encrypted stream, about 8,640 requests in a 30-day month, more with more distinct credentials (SSE).
    public static let encryptionDataKeyIntervalNanoseconds: Int64 = 300 * nanosecondsPerSecond

    /// Default provisioned shard quota per account and Region (Q): 20,000 in us-east-1, us-west-2 and eu-west-1,
    /// 1,000 or 6,000 elsewhere (older editions: 500 or 200; facts sheet, open question 4). We take 1,000, the
    /// smallest current default, so `plan` and `compare` flag an answer that may need a quota increase; the
    /// scenario's `stream.accountShardQuota` states the account's own quota.
    public static let defaultAccountShardQuota = 1_000

    // MARK: On-demand maximum (Q; FAQ)

    /// Most write throughput an on-demand stream scales to: the FAQ's "200 MB/s … by default", which is also Q's
    /// figure outside us-east-1, us-west-2 and eu-west-1 (there Q gives 10 GB/s; facts sheet, open question 5).
    /// MB taken as MiB, as for the shard limit. Overridable: `assumptions.onDemand.maxStreamWriteBytesPerSecond`.
    public static let defaultOnDemandMaxWriteBytesPerSecond: Int64 = 200 * 1_048_576
    /// The FAQ's records figure beside it: 200,000 records/s of writes per on-demand stream.
    public static let defaultOnDemandMaxWriteRecordsPerSecond: Int64 = 200_000
}

/// KPL defaults (KPLCFG), used when a scenario leaves collection or aggregation settings out.
public enum KinesisProducerLibraryDefaults {
    /// CollectionMaxCount: records per PutRecords request.
    public static let collectionMaxRecords = 500
    /// CollectionMaxSize: bytes per PutRecords request.
    public static let collectionMaxBytes: Int64 = 5_242_880
    /// RecordMaxBufferedTime: how long a record may wait in the buffer.
    public static let recordMaxBufferedNanoseconds: Int64 = 100_000_000
    /// AggregationMaxSize: bytes per aggregated Kinesis record.
    public static let aggregationMaxBytes = 51_200
    /// Aggregated records start with a 4-byte magic number and end with a 16-byte MD5 (aggregation-format.md).
    public static let aggregationFramingBytes = 20
}

/// The simulator's version, written into every JSON report: replaying a run needs the scenario, the seed and this.
public enum ShardSimVersion {
    public static let current = "0.1.0"
}
