// The line items of each capacity mode, in the order they appear on the bill. The order is fixed here, in
// arrays, so reports are byte-identical run to run (interface contract "JSON report").

/// A line item before rounding: what is billed, how much of it per month, and at what unit price.
struct CostLineDraft {
    var item: String
    var quantity: Double
    var unit: String
    var unitPriceUSD: Double
}

/// `UsageQuantities` scaled to a 730-hour month, in the units AWS prices in.
///
/// Scaling happens once, here, so every line item uses the same factor (730 / simulated hours) and the
/// retention tiers use the same ingest rate.
struct MonthlyUsage {
    let usage: UsageQuantities
    /// Simulated window → month: 730 / simulated hours (interface contract "Cost").
    let monthScale: Double
    /// Accepted bytes per hour over the window: the steady-state fill rate of the stream's storage.
    let incomingBytesPerHour: Double

    init(_ usage: UsageQuantities) {
        self.usage = usage
        monthScale = CostBreakdown.hoursPerMonth / usage.simulatedHours
        incomingBytesPerHour = usage.incomingBytes / usage.simulatedHours
    }

    /// A window quantity scaled to the month.
    func perMonth(_ windowQuantity: Double) -> Double {
        windowQuantity * monthScale
    }

    /// Window bytes scaled to the month, in GB (2^30 bytes).
    func gigabytesPerMonth(_ windowBytes: Double) -> Double {
        perMonth(windowBytes) / CostModel.bytesPerGB
    }

    /// Average GB held in storage for data aged between `fromHours` and `toHours` (0 when the tier is empty):
    /// ingest rate × tier width. Held all month, that is also the tier's GB-months.
    func storedGigabytes(agedFromHours fromHours: Int, toHours: Int) -> Double {
        guard toHours > fromHours else { return 0 }
        return incomingBytesPerHour * Double(toHours - fromHours) / CostModel.bytesPerGB
    }

    /// GB-months of long-term retention: data older than 7 days, both modes.
    var longTermRetentionGBMonths: Double {
        storedGigabytes(agedFromHours: CostModel.extendedRetentionLimitHours, toHours: usage.retentionPeriodHours)
    }
}

extension CostModel {
    /// Provisioned-mode Kinesis charges (facts sheet section 5; IC).
    static func provisionedItems(_ month: MonthlyUsage, _ prices: PriceTable) -> [CostLineDraft] {
        let usage = month.usage
        // Extended retention bills every shard-hour once retention exceeds 24 h, whatever the data volume.
        let hasExtendedRetention = usage.retentionPeriodHours > includedRetentionHours
        return [
            CostLineDraft(item: "Provisioned shard hours", quantity: month.perMonth(usage.shardHours),
                          unit: "shard-hour", unitPriceUSD: prices.provisionedShardHourUSD),
            CostLineDraft(item: "PUT payload units", quantity: month.perMonth(usage.putPayloadUnits) / 1_000_000,
                          unit: "million PUT payload units", unitPriceUSD: prices.putPayloadUnitsPerMillionUSD),
            CostLineDraft(item: "Extended data retention",
                          quantity: hasExtendedRetention ? month.perMonth(usage.shardHours) : 0,
                          unit: "shard-hour", unitPriceUSD: prices.extendedRetentionShardHourUSD),
            CostLineDraft(item: "Long-term data retention", quantity: month.longTermRetentionGBMonths,
                          unit: "GB-month", unitPriceUSD: prices.longTermRetentionGBMonthUSD),
            CostLineDraft(item: "Enhanced fan-out consumer-shard hours",
                          quantity: month.perMonth(usage.enhancedFanOutConsumerShardHours),
                          unit: "consumer-shard-hour", unitPriceUSD: prices.enhancedFanOutConsumerShardHourUSD),
            CostLineDraft(item: "Enhanced fan-out data retrievals",
                          quantity: month.gigabytesPerMonth(usage.enhancedFanOutBytes),
                          unit: "GB", unitPriceUSD: prices.enhancedFanOutDataGBUSD),
        ]
    }

    /// On-demand (Standard) Kinesis charges (facts sheet section 5; IC). Shard-hours and PUT payload units
    /// are not billed in this mode.
    static func onDemandItems(_ month: MonthlyUsage, _ prices: PriceTable) -> [CostLineDraft] {
        let usage = month.usage
        let extendedRetentionEndHours = min(usage.retentionPeriodHours, extendedRetentionLimitHours)
        return [
            // One stream, open for the whole window, is one stream-hour per hour.
            CostLineDraft(item: "On-demand stream hours", quantity: month.perMonth(usage.simulatedHours),
                          unit: "stream-hour", unitPriceUSD: prices.onDemandStreamHourUSD),
            CostLineDraft(item: "On-demand data ingested",
                          quantity: month.gigabytesPerMonth(usage.onDemandBilledIncomingBytes),
                          unit: "GB", unitPriceUSD: prices.onDemandDataInGBUSD),
            CostLineDraft(item: "On-demand data retrievals", quantity: month.gigabytesPerMonth(usage.sharedReadBytes),
                          unit: "GB", unitPriceUSD: prices.onDemandDataOutGBUSD),
            CostLineDraft(item: "On-demand enhanced fan-out data retrievals",
                          quantity: month.gigabytesPerMonth(usage.enhancedFanOutBytes),
                          unit: "GB", unitPriceUSD: prices.onDemandEnhancedFanOutDataOutGBUSD),
            CostLineDraft(item: "On-demand extended data retention",
                          quantity: month.storedGigabytes(agedFromHours: includedRetentionHours,
                                                          toHours: extendedRetentionEndHours),
                          unit: "GB-month", unitPriceUSD: prices.onDemandExtendedRetentionGBMonthUSD),
            CostLineDraft(item: "Long-term data retention", quantity: month.longTermRetentionGBMonths,
                          unit: "GB-month", unitPriceUSD: prices.longTermRetentionGBMonthUSD),
        ]
    }

    /// Charges of the consuming services, the same in both capacity modes (LAMBDA; FIREHOSE, unverified).
    static func serviceItems(_ month: MonthlyUsage, _ prices: PriceTable) -> [CostLineDraft] {
        let usage = month.usage
        return [
            CostLineDraft(item: "Lambda requests", quantity: month.perMonth(usage.lambdaRequests) / 1_000_000,
                          unit: "million requests", unitPriceUSD: prices.lambdaRequestsPerMillionUSD),
            CostLineDraft(item: "Lambda duration", quantity: month.perMonth(usage.lambdaGBSeconds),
                          unit: "GB-second", unitPriceUSD: prices.lambdaGBSecondUSD),
            CostLineDraft(item: "Firehose data ingested",
                          quantity: month.gigabytesPerMonth(usage.firehoseIngestedBytes),
                          unit: "GB", unitPriceUSD: prices.firehoseIngestionGBUSD),
        ]
    }

    /// Charges a scenario opts into, the same in both modes: server-side encryption with KMS (key-months and
    /// data-key requests; SSE, KMS) and enhanced shard-level monitoring (CloudWatch metric-months; CW, CWP).
    static func optionalItems(_ month: MonthlyUsage, _ prices: PriceTable) -> [CostLineDraft] {
        let usage = month.usage
        return [
            // A key is billed for the month it exists, not scaled from the window.
            CostLineDraft(item: "KMS customer managed key", quantity: usage.kmsCustomerManagedKeys,
                          unit: "key-month", unitPriceUSD: prices.kmsKeyMonthUSD),
            CostLineDraft(item: "KMS requests", quantity: month.perMonth(usage.kmsRequests) / 10_000,
                          unit: "10,000 requests", unitPriceUSD: prices.kmsRequestsPer10kUSD),
            CostLineDraft(item: "Enhanced shard-level metrics",
                          quantity: month.perMonth(usage.shardLevelMetricHours) / CostBreakdown.hoursPerMonth,
                          unit: "metric-month", unitPriceUSD: prices.cloudWatchMetricMonthUSD),
        ]
    }
}
