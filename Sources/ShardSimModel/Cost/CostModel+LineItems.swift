// The line items of each capacity mode, in the order they appear on the bill. The order is fixed here, in
// arrays, so reports are byte-identical run to run (interface contract "JSON report").

/// A line item before rounding: what is billed, how much of it per month, and at what unit price.
struct CostLineDraft {
    var item: CostItem
    var quantity: Double
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
            CostLineDraft(
                item: .provisionedShardHours, quantity: month.perMonth(usage.shardHours),
                unitPriceUSD: prices.provisionedShardHourUSD),
            CostLineDraft(
                item: .putPayloadUnits, quantity: month.perMonth(usage.putPayloadUnits) / 1_000_000,
                unitPriceUSD: prices.putPayloadUnitsPerMillionUSD),
            CostLineDraft(
                item: .extendedRetention,
                quantity: hasExtendedRetention ? month.perMonth(usage.shardHours) : 0,
                unitPriceUSD: prices.extendedRetentionShardHourUSD),
            CostLineDraft(
                item: .longTermRetention, quantity: month.longTermRetentionGBMonths,
                unitPriceUSD: prices.longTermRetentionGBMonthUSD),
            CostLineDraft(
                item: .enhancedFanOutConsumerShardHours,
                quantity: month.perMonth(usage.enhancedFanOutConsumerShardHours),
                unitPriceUSD: prices.enhancedFanOutConsumerShardHourUSD),
            CostLineDraft(
                item: .enhancedFanOutDataRetrievals,
                quantity: month.gigabytesPerMonth(usage.enhancedFanOutBytes),
                unitPriceUSD: prices.enhancedFanOutDataGBUSD),
        ]
    }

    /// On-demand (Standard) Kinesis charges (facts sheet section 5; IC). Shard-hours and PUT payload units
    /// are not billed in this mode.
    static func onDemandItems(_ month: MonthlyUsage, _ prices: PriceTable) -> [CostLineDraft] {
        let usage = month.usage
        let extendedRetentionEndHours = min(usage.retentionPeriodHours, extendedRetentionLimitHours)
        return [
            // One stream, open for the whole window, is one stream-hour per hour.
            CostLineDraft(
                item: .onDemandStreamHours, quantity: month.perMonth(usage.simulatedHours),
                unitPriceUSD: prices.onDemandStreamHourUSD),
            CostLineDraft(
                item: .onDemandDataIngested,
                quantity: month.gigabytesPerMonth(usage.onDemandBilledIncomingBytes),
                unitPriceUSD: prices.onDemandDataInGBUSD),
            CostLineDraft(
                item: .onDemandDataRetrievals, quantity: month.gigabytesPerMonth(usage.sharedReadBytes),
                unitPriceUSD: prices.onDemandDataOutGBUSD),
            CostLineDraft(
                item: .onDemandEnhancedFanOutDataRetrievals,
                quantity: month.gigabytesPerMonth(usage.enhancedFanOutBytes),
                unitPriceUSD: prices.onDemandEnhancedFanOutDataOutGBUSD),
            CostLineDraft(
                item: .onDemandExtendedRetention,
                quantity: month.storedGigabytes(
                    agedFromHours: includedRetentionHours,
                    toHours: extendedRetentionEndHours), unitPriceUSD: prices.onDemandExtendedRetentionGBMonthUSD),
            CostLineDraft(
                item: .longTermRetention, quantity: month.longTermRetentionGBMonths,
                unitPriceUSD: prices.longTermRetentionGBMonthUSD),
        ]
    }

    /// Charges of the consuming services, the same in both capacity modes (LAMBDA; FIREHOSE, unverified).
    static func serviceItems(_ month: MonthlyUsage, _ prices: PriceTable) -> [CostLineDraft] {
        let usage = month.usage
        return [
            CostLineDraft(
                item: .lambdaRequests, quantity: month.perMonth(usage.lambdaRequests) / 1_000_000,
                unitPriceUSD: prices.lambdaRequestsPerMillionUSD),
            CostLineDraft(
                item: .lambdaDuration, quantity: month.perMonth(usage.lambdaGBSeconds),
                unitPriceUSD: prices.lambdaGBSecondUSD),
            CostLineDraft(
                item: .firehoseDataIngested,
                quantity: month.gigabytesPerMonth(usage.firehoseIngestedBytes),
                unitPriceUSD: prices.firehoseIngestionGBUSD),
            // KCL lease tables (DDB): request units scale with the window like traffic; provisioned capacity is
            // billed per unit-hour, so a month is units × 730 h.
            CostLineDraft(
                item: .leaseTableWriteRequests, quantity: month.perMonth(usage.leaseTableWriteRequestUnits) / 1_000_000,
                unitPriceUSD: prices.dynamoDBWriteRequestUnitsPerMillionUSD),
            CostLineDraft(
                item: .leaseTableReadRequests, quantity: month.perMonth(usage.leaseTableReadRequestUnits) / 1_000_000,
                unitPriceUSD: prices.dynamoDBReadRequestUnitsPerMillionUSD),
            CostLineDraft(
                item: .leaseTableWriteCapacity, quantity: month.perMonth(usage.leaseTableWriteCapacityUnitHours),
                unitPriceUSD: prices.dynamoDBWriteCapacityUnitHourUSD),
            CostLineDraft(
                item: .leaseTableReadCapacity, quantity: month.perMonth(usage.leaseTableReadCapacityUnitHours),
                unitPriceUSD: prices.dynamoDBReadCapacityUnitHourUSD),
        ]
    }

    /// Charges a scenario opts into, the same in both modes: server-side encryption with KMS (key-months and
    /// data-key requests; SSE, KMS) and enhanced shard-level monitoring (CloudWatch metric-months; CW, CWP).
    static func optionalItems(_ month: MonthlyUsage, _ prices: PriceTable) -> [CostLineDraft] {
        let usage = month.usage
        return [
            // A key is billed for the month it exists, not scaled from the window.
            CostLineDraft(
                item: .kmsCustomerManagedKey, quantity: usage.kmsCustomerManagedKeys,
                unitPriceUSD: prices.kmsKeyMonthUSD),
            CostLineDraft(
                item: .kmsRequests, quantity: month.perMonth(usage.kmsRequests) / 10_000,
                unitPriceUSD: prices.kmsRequestsPer10kUSD),
            CostLineDraft(
                item: .enhancedShardLevelMetrics,
                quantity: month.perMonth(usage.shardLevelMetricHours) / CostBreakdown.hoursPerMonth,
                unitPriceUSD: prices.cloudWatchMetricMonthUSD),
        ]
    }
}
