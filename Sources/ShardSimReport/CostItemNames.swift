import ShardSimModel

extension CostItem {
    /// The line's name as AWS itemizes a Kinesis bill (facts sheet section 5), so a user can hold the estimate next to
    /// their invoice or the AWS Pricing Calculator line by line. The JSON report's `item` (interface contract).
    public var billName: String {
        switch self {
        case .provisionedShardHours: return "Provisioned shard hours"
        case .putPayloadUnits: return "PUT payload units"
        case .extendedRetention: return "Extended data retention"
        case .longTermRetention: return "Long-term data retention"
        case .enhancedFanOutConsumerShardHours: return "Enhanced fan-out consumer-shard hours"
        case .enhancedFanOutDataRetrievals: return "Enhanced fan-out data retrievals"
        case .onDemandStreamHours: return "On-demand stream hours"
        case .onDemandDataIngested: return "On-demand data ingested"
        case .onDemandDataRetrievals: return "On-demand data retrievals"
        case .onDemandEnhancedFanOutDataRetrievals: return "On-demand enhanced fan-out data retrievals"
        case .onDemandExtendedRetention: return "On-demand extended data retention"
        case .lambdaRequests: return "Lambda requests"
        case .lambdaDuration: return "Lambda duration"
        case .firehoseDataIngested: return "Firehose data ingested"
        case .kmsCustomerManagedKey: return "KMS customer managed key"
        case .kmsRequests: return "KMS requests"
        case .enhancedShardLevelMetrics: return "Enhanced shard-level metrics"
        case .leaseTableWriteRequests: return "DynamoDB lease table write request units"
        case .leaseTableReadRequests: return "DynamoDB lease table read request units"
        case .leaseTableWriteCapacity: return "DynamoDB lease table write capacity"
        case .leaseTableReadCapacity: return "DynamoDB lease table read capacity"
        }
    }
}

extension CostUnit {
    /// The unit as AWS's price list spells it. The JSON report's `unit` (interface contract).
    public var billName: String {
        switch self {
        case .shardHour: return "shard-hour"
        case .millionPutPayloadUnits: return "million PUT payload units"
        case .streamHour: return "stream-hour"
        case .gigabyte: return "GB"
        case .gigabyteMonth: return "GB-month"
        case .gigabyteSecond: return "GB-second"
        case .consumerShardHour: return "consumer-shard-hour"
        case .millionRequests: return "million requests"
        case .keyMonth: return "key-month"
        case .tenThousandRequests: return "10,000 requests"
        case .metricMonth: return "metric-month"
        case .millionRequestUnits: return "million request units"
        case .capacityUnitHour: return "capacity unit-hour"
        }
    }
}
