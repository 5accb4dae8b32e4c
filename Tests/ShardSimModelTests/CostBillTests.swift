import ShardSimModel
import Testing

/// Bill-wide rules: line item order, consuming services, cent rounding and degenerate windows.
@Suite struct CostBillTests {
    private let gibibyte = 1_073_741_824.0

    /// One hour in which every quantity is non-zero.
    private func fullUsage(onDemand: Bool) -> UsageQuantities {
        var usage = UsageQuantities()
        usage.simulatedHours = 1
        usage.isOnDemand = onDemand
        usage.shardHours = 3
        usage.putPayloadUnits = 1_234_567
        usage.retentionPeriodHours = 400
        usage.incomingBytes = 0.7 * gibibyte
        usage.onDemandBilledIncomingBytes = 0.9 * gibibyte
        usage.sharedReadBytes = 1.3 * gibibyte
        usage.enhancedFanOutConsumerShardHours = 6
        usage.enhancedFanOutBytes = 1.1 * gibibyte
        usage.lambdaRequests = 3_600
        usage.lambdaGBSeconds = 450
        usage.firehoseIngestedBytes = 0.7 * gibibyte
        return usage
    }

    @Test(arguments: [
        (
            false,
            [
                CostItem.provisionedShardHours, .putPayloadUnits, .extendedRetention, .longTermRetention,
                .enhancedFanOutConsumerShardHours, .enhancedFanOutDataRetrievals,
                .lambdaRequests, .lambdaDuration, .firehoseDataIngested,
            ]
        ),
        (
            true,
            [
                CostItem.onDemandStreamHours, .onDemandDataIngested, .onDemandDataRetrievals,
                .onDemandEnhancedFanOutDataRetrievals, .onDemandExtendedRetention,
                .longTermRetention, .lambdaRequests, .lambdaDuration, .firehoseDataIngested,
            ]
        ),
    ])
    func lineItemsComeInAFixedOrder(onDemand: Bool, items: [CostItem]) {
        let cost = CostModel.monthlyCost(for: fullUsage(onDemand: onDemand), prices: .usEast1)
        #expect(cost.lineItems.map(\.item) == items)
        // The total is the sum of the rounded lines, to the cent.
        let lineCents = cost.lineItems.map { ($0.monthlyUSD * 100).rounded() }.reduce(0, +)
        #expect((cost.monthlyTotalUSD * 100).rounded() == lineCents)
        #expect(cost.monthlyTotalUSD == lineCents / 100)
    }

    /// Lambda over a 730-hour window (scale 1): 1 M requests = $0.20; 128 MB for 1 s × 1 M invocations =
    /// 0.125 GB × 1,000,000 s = 125,000 GB-s × $0.0000166667 = $2.0833… → $2.08. No free tier.
    @Test func lambda() {
        var usage = UsageQuantities()
        usage.simulatedHours = 730
        usage.lambdaRequests = 1_000_000
        usage.lambdaGBSeconds = 128.0 / 1_024 * 1 * 1_000_000
        let cost = CostModel.monthlyCost(for: usage, prices: .usEast1)
        #expect(
            cost.lineItems == [
                CostLineItem(
                    item: .lambdaRequests, quantity: 1,
                    unitPriceUSD: 0.20, monthlyUSD: 0.20),
                CostLineItem(
                    item: .lambdaDuration, quantity: 125_000,
                    unitPriceUSD: 0.0000166667, monthlyUSD: 2.08),
            ])
        #expect(cost.monthlyTotalUSD == 2.28)
    }

    /// Firehose at 1 GiB/h: 730 GB × $0.029 = $21.17.
    @Test func firehose() {
        var usage = UsageQuantities()
        usage.simulatedHours = 1
        usage.firehoseIngestedBytes = gibibyte
        let cost = CostModel.monthlyCost(for: usage, prices: .usEast1)
        #expect(cost.lineItems.map(\.unit) == [.gigabyte])
        #expect(cost.monthlyTotalUSD == 21.17)
    }

    /// Half a cent rounds away from zero even when the price has no exact binary form: one shard-hour a month
    /// is $0.015 → $0.02; at $1.005 it is $1.01; just under half a cent rounds down.
    @Test(arguments: [(0.015, 0.02), (1.005, 1.01), (0.0149, 0.01), (0.025, 0.03)])
    func roundsHalfAwayFromZero(shardHourUSD: Double, monthlyUSD: Double) {
        var usage = UsageQuantities()
        usage.simulatedHours = 730
        usage.shardHours = 1
        var prices = PriceTable.usEast1
        prices.provisionedShardHourUSD = shardHourUSD
        #expect(CostModel.monthlyCost(for: usage, prices: prices).monthlyTotalUSD == monthlyUSD)
    }

    /// A window that is empty or not a number prices nothing instead of trapping or dividing by zero.
    @Test(arguments: [0.0, -1.0, .nan, .infinity])
    func degenerateWindowCostsNothing(hours: Double) {
        var usage = fullUsage(onDemand: true)
        usage.simulatedHours = hours
        let cost = CostModel.monthlyCost(for: usage, prices: .usEast1)
        #expect(cost == CostBreakdown(lineItems: [], monthlyTotalUSD: 0))
    }

    /// An unused window on a provisioned stream with no shards bills nothing at all.
    @Test func zeroQuantitiesAreOmitted() {
        var usage = UsageQuantities()
        usage.simulatedHours = 1
        #expect(CostModel.monthlyCost(for: usage, prices: .usEast1).lineItems.isEmpty)
    }
}
