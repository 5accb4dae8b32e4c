import ShardSimModel

/// The scenario's `pricing` object: which names override which `PriceTable` field. The names are the contract's JSON
/// keys, so they live here, beside the decoder, rather than in the model.
public enum PricingFields {
    /// Every price of `PriceTable`, by its scenario/JSON name (`pricing.<name>`), in declaration order, with its key path.
    ///
    /// One list serves the scenario decoder (accepted override keys, "closest known name" hints) and the tests,
    /// so a new price cannot be added without becoming overridable. It is a computed property rather than a
    /// stored `static let` because `WritableKeyPath` is not `Sendable`, which Swift 6 requires of global state;
    /// callers use it exactly as they would a constant.
    public static var overridable: [(name: String, keyPath: WritableKeyPath<PriceTable, Double>)] {
        [
            ("provisionedShardHourUSD", \.provisionedShardHourUSD),
            ("putPayloadUnitsPerMillionUSD", \.putPayloadUnitsPerMillionUSD),
            ("extendedRetentionShardHourUSD", \.extendedRetentionShardHourUSD),
            ("longTermRetentionGBMonthUSD", \.longTermRetentionGBMonthUSD),
            ("enhancedFanOutConsumerShardHourUSD", \.enhancedFanOutConsumerShardHourUSD),
            ("enhancedFanOutDataGBUSD", \.enhancedFanOutDataGBUSD),
            ("onDemandStreamHourUSD", \.onDemandStreamHourUSD),
            ("onDemandDataInGBUSD", \.onDemandDataInGBUSD),
            ("onDemandDataOutGBUSD", \.onDemandDataOutGBUSD),
            ("onDemandEnhancedFanOutDataOutGBUSD", \.onDemandEnhancedFanOutDataOutGBUSD),
            ("onDemandExtendedRetentionGBMonthUSD", \.onDemandExtendedRetentionGBMonthUSD),
            ("lambdaRequestsPerMillionUSD", \.lambdaRequestsPerMillionUSD),
            ("lambdaGBSecondUSD", \.lambdaGBSecondUSD),
            ("firehoseIngestionGBUSD", \.firehoseIngestionGBUSD),
            ("kmsKeyMonthUSD", \.kmsKeyMonthUSD),
            ("kmsRequestsPer10kUSD", \.kmsRequestsPer10kUSD),
            ("cloudWatchMetricMonthUSD", \.cloudWatchMetricMonthUSD),
            ("dynamoDBWriteRequestUnitsPerMillionUSD", \.dynamoDBWriteRequestUnitsPerMillionUSD),
            ("dynamoDBReadRequestUnitsPerMillionUSD", \.dynamoDBReadRequestUnitsPerMillionUSD),
            ("dynamoDBWriteCapacityUnitHourUSD", \.dynamoDBWriteCapacityUnitHourUSD),
            ("dynamoDBReadCapacityUnitHourUSD", \.dynamoDBReadCapacityUnitHourUSD),
        ]
    }
}
