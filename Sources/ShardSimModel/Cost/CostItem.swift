/// The price dimensions a bill itemizes, in the order the cost model lists them (facts sheet section 5; LAMBDA;
/// FIREHOSE; SSE, KMS; CW, CWP). The report layer names each one as AWS's bill does.
public enum CostItem: Sendable, Equatable, CaseIterable {
    // Provisioned mode.
    case provisionedShardHours
    case putPayloadUnits
    case extendedRetention
    case longTermRetention
    case enhancedFanOutConsumerShardHours
    case enhancedFanOutDataRetrievals
    // On-demand (Standard) mode.
    case onDemandStreamHours
    case onDemandDataIngested
    case onDemandDataRetrievals
    case onDemandEnhancedFanOutDataRetrievals
    case onDemandExtendedRetention
    // Consuming services, both modes.
    case lambdaRequests
    case lambdaDuration
    case firehoseDataIngested
    // A KCL application's DynamoDB lease table, both modes.
    case leaseTableWriteRequests
    case leaseTableReadRequests
    case leaseTableWriteCapacity
    case leaseTableReadCapacity
    // Options a scenario opts into, both modes.
    case kmsCustomerManagedKey
    case kmsRequests
    case enhancedShardLevelMetrics

    /// The unit AWS prices this dimension in.
    public var unit: CostUnit {
        switch self {
        case .provisionedShardHours, .extendedRetention: return .shardHour
        case .putPayloadUnits: return .millionPutPayloadUnits
        case .longTermRetention, .onDemandExtendedRetention: return .gigabyteMonth
        case .enhancedFanOutConsumerShardHours: return .consumerShardHour
        case .enhancedFanOutDataRetrievals, .onDemandDataIngested, .onDemandDataRetrievals,
            .onDemandEnhancedFanOutDataRetrievals,
            .firehoseDataIngested:
            return .gigabyte
        case .onDemandStreamHours: return .streamHour
        case .lambdaRequests: return .millionRequests
        case .lambdaDuration: return .gigabyteSecond
        case .kmsCustomerManagedKey: return .keyMonth
        case .kmsRequests: return .tenThousandRequests
        case .enhancedShardLevelMetrics: return .metricMonth
        case .leaseTableWriteRequests, .leaseTableReadRequests: return .millionRequestUnits
        case .leaseTableWriteCapacity, .leaseTableReadCapacity: return .capacityUnitHour
        }
    }
}

/// A unit AWS prices in; a line's quantity counts these.
public enum CostUnit: Sendable, Equatable, CaseIterable {
    case shardHour
    /// A million PUT payload units (25 KB each).
    case millionPutPayloadUnits
    case streamHour
    /// GB of 2^30 bytes.
    case gigabyte
    case gigabyteMonth
    case gigabyteSecond
    case consumerShardHour
    case millionRequests
    case keyMonth
    case tenThousandRequests
    case metricMonth
    /// A million DynamoDB request units.
    case millionRequestUnits
    /// One DynamoDB provisioned capacity unit for an hour.
    case capacityUnitHour
}
