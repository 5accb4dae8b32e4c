import ShardSimModel
import Testing

/// Provisioned-mode bills, hand-derived to the cent from us-east-1 list prices (facts sheet section 5).
@Suite struct CostProvisionedTests {
    private let gibibyte = 1_073_741_824.0

    private func bill(_ fill: (inout UsageQuantities) -> Void) -> CostBreakdown {
        var usage = UsageQuantities()
        fill(&usage)
        return CostModel.monthlyCost(for: usage, prices: .usEast1)
    }

    private func dollars(_ bill: CostBreakdown, _ item: CostItem) -> Double? {
        bill.lineItems.first { $0.item == item }?.monthlyUSD
    }

    /// AWS's long-standing example: 100 records/s of 35 KB on 4 shards. Each record is 2 units, so
    /// 100 × 2 × 3,600 × 730 = 525,600,000 units × $0.014/M = $7.3584 → $7.36; 4 × 730 × $0.015 = $43.80.
    @Test func awsPricingPageExample() {
        let unitsPerRecord = CostModel.putPayloadUnits(forRecordBytes: 35_840)
        let cost = bill {
            $0.simulatedHours = 1
            $0.shardHours = 4
            $0.putPayloadUnits = Double(100 * unitsPerRecord * 3_600)
        }
        #expect(unitsPerRecord == 2)
        #expect(
            cost.lineItems == [
                CostLineItem(
                    item: .provisionedShardHours, quantity: 2_920,
                    unitPriceUSD: 0.015, monthlyUSD: 43.80),
                CostLineItem(
                    item: .putPayloadUnits, quantity: 525.6,
                    unitPriceUSD: 0.014, monthlyUSD: 7.36),
            ])
        #expect(cost.monthlyTotalUSD == 51.16)
    }

    /// Shard-hours alone: 4 shards = 2,920 shard-hours = $43.80; 1 shard = 730 × $0.015 = $10.95 (IC).
    @Test(arguments: [(4.0, 43.80), (1.0, 10.95)])
    func shardHours(shards: Double, monthlyUSD: Double) {
        let cost = bill {
            $0.simulatedHours = 1; $0.shardHours = shards
        }
        #expect(cost.lineItems.map(\.quantity) == [shards * 730])
        #expect(cost.monthlyTotalUSD == monthlyUSD)
    }

    /// The same month from any window: a window of h hours on 4 shards has 4h shard-hours, scaled by 730 / h;
    /// 15 minutes is × 2,920.
    @Test(arguments: [0.25, 1.0, 24.0, 730.0])
    func scalesAnyWindowToAMonth(windowHours: Double) {
        let cost = bill {
            $0.simulatedHours = windowHours; $0.shardHours = 4 * windowHours
        }
        #expect(abs(cost.lineItems[0].quantity - 2_920) < 1e-9)
        #expect(cost.monthlyTotalUSD == 43.80)
    }

    /// A 15-minute window of the AWS example: 1 shard-hour and 100 × 2 × 900 units, each × 730 / 0.25 = 2,920.
    @Test func fifteenMinuteWindowIsMultipliedBy2920() {
        let cost = bill {
            $0.simulatedHours = 0.25; $0.shardHours = 1; $0.putPayloadUnits = 180_000
        }
        #expect(cost.lineItems.map(\.quantity) == [2_920, 525.6])
        #expect(cost.monthlyTotalUSD == 51.16)
    }

    /// FAQ: 1 consumer × 10 shards = $0.15/h, 2 consumers = $0.30/h; × 730 = $109.50 and $219.00.
    @Test(arguments: [(1.0, 109.50), (2.0, 219.00)])
    func enhancedFanOutConsumerShardHours(consumers: Double, monthlyUSD: Double) {
        let cost = bill {
            $0.simulatedHours = 1; $0.enhancedFanOutConsumerShardHours = consumers * 10
        }
        #expect(cost.lineItems.map(\.unit) == [.consumerShardHour])
        #expect(dollars(cost, .enhancedFanOutConsumerShardHours) == monthlyUSD)
    }

    /// EFO data: 1 GiB/hour → 730 GB × $0.013 = $9.49. Shared GetRecords reads are free in provisioned mode.
    @Test func enhancedFanOutDataAndFreeSharedReads() {
        let cost = bill {
            $0.simulatedHours = 1; $0.enhancedFanOutBytes = gibibyte; $0.sharedReadBytes = 5 * gibibyte
        }
        #expect(cost.lineItems.map(\.item) == [.enhancedFanOutDataRetrievals])
        #expect(cost.monthlyTotalUSD == 9.49)
    }

    /// 48 h retention on 2 shards: 1,460 shard-hours × $0.02 = $29.20 on top of 1,460 × $0.015 = $21.90.
    @Test func extendedRetention() {
        let cost = bill {
            $0.simulatedHours = 1; $0.shardHours = 2; $0.retentionPeriodHours = 48; $0.incomingBytes = gibibyte
        }
        #expect(dollars(cost, .extendedRetention) == 29.20)
        #expect(cost.lineItems.map(\.item) == [.provisionedShardHours, .extendedRetention])
        #expect(cost.monthlyTotalUSD == 51.10)
    }

    /// 30-day retention (720 h), 2 shards, 1 GiB/h: extended retention still bills every shard-hour ($29.20),
    /// and 720 − 168 = 552 GiB are held beyond 7 days: 552 × $0.023 = $12.696 → $12.70.
    @Test func longTermRetention() {
        let cost = bill {
            $0.simulatedHours = 1; $0.shardHours = 2; $0.retentionPeriodHours = 720; $0.incomingBytes = gibibyte
        }
        #expect(
            cost.lineItems.map(\.item)
                == [.provisionedShardHours, .extendedRetention, .longTermRetention])
        #expect(cost.lineItems.last?.quantity == 552)
        #expect(cost.lineItems.last?.unit == .gigabyteMonth)
        #expect(dollars(cost, .longTermRetention) == 12.70)
        #expect(cost.monthlyTotalUSD == 63.80)
    }

    /// On-demand-only quantities do not reach a provisioned bill.
    @Test func ignoresOnDemandQuantities() {
        let cost = bill {
            $0.simulatedHours = 1; $0.shardHours = 1; $0.onDemandBilledIncomingBytes = gibibyte
        }
        #expect(cost.lineItems.map(\.item) == [.provisionedShardHours])
    }
}
