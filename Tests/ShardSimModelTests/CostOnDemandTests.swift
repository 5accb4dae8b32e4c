import ShardSimModel
import Testing

/// On-demand (Standard) bills, hand-derived to the cent from us-east-1 list prices (facts sheet section 5).
@Suite struct CostOnDemandTests {
    private let gibibyte = 1_073_741_824.0

    /// A one-hour on-demand window with `fill` applied.
    private func bill(_ fill: (inout UsageQuantities) -> Void) -> CostBreakdown {
        var usage = UsageQuantities()
        usage.simulatedHours = 1
        usage.isOnDemand = true
        fill(&usage)
        return CostModel.monthlyCost(for: usage, prices: .usEast1)
    }

    private func dollars(_ bill: CostBreakdown, _ item: CostItem) -> Double? {
        bill.lineItems.first { $0.item == item }?.monthlyUSD
    }

    /// An idle on-demand stream still pays its stream-hours: 730 × $0.04 = $29.20 (IC).
    @Test func streamHoursAlone() {
        let cost = bill { _ in }
        #expect(
            cost.lineItems == [
                CostLineItem(
                    item: .onDemandStreamHours, quantity: 730,
                    unitPriceUSD: 0.04, monthlyUSD: 29.20)
            ])
        #expect(cost.monthlyTotalUSD == 29.20)
    }

    /// 1 GiB/hour in: 730 GB × $0.08 = $58.40, plus the stream's $29.20.
    @Test func dataIngested() {
        let cost = bill {
            $0.onDemandBilledIncomingBytes = gibibyte; $0.incomingBytes = gibibyte
        }
        #expect(dollars(cost, .onDemandDataIngested) == 58.40)
        #expect(cost.lineItems.map(\.item) == [.onDemandStreamHours, .onDemandDataIngested])
        #expect(cost.monthlyTotalUSD == 87.60)
    }

    /// Ingest bills the 1 KB-rounded size: 1,000 records/s of 4.5 KB bill as 5,120 B each, so
    /// 5,120 × 1,000 × 3,600 = 18,432,000,000 B/h = 17.166… GB/h; × 730 × $0.08 = $1,002.502… → $1,002.50.
    @Test func dataIngestedAtRoundedRecordSize() {
        let billedBytes = Double(CostModel.onDemandBilledBytes(forRecordBytes: 4_608) * 1_000 * 3_600)
        let cost = bill { $0.onDemandBilledIncomingBytes = billedBytes }
        #expect(dollars(cost, .onDemandDataIngested) == 1_002.50)
    }

    /// Shared reads 2 GiB/h: 1,460 GB × $0.04 = $58.40; EFO 1 GiB/h: 730 GB × $0.05 = $36.50.
    @Test func dataRetrievals() {
        let cost = bill {
            $0.sharedReadBytes = 2 * gibibyte; $0.enhancedFanOutBytes = gibibyte
        }
        #expect(dollars(cost, .onDemandDataRetrievals) == 58.40)
        #expect(dollars(cost, .onDemandEnhancedFanOutDataRetrievals) == 36.50)
        #expect(cost.monthlyTotalUSD == 124.10)
    }

    /// Steady state at 1 GiB/h: extended retention holds min(retention, 168) − 24 GiB at $0.10 (48 h: 24 → $2.40;
    /// 168 h: 144 → $14.40); long-term holds retention − 168 GiB at $0.023 (720 h: 552 → $12.696 → $12.70).
    @Test(
        arguments: [
            (24, nil, nil),
            (48, 2.40, nil),
            (168, 14.40, nil),
            (720, 14.40, 12.70),
        ] as [(Int, Double?, Double?)])
    func retentionTiers(retentionHours: Int, extendedUSD: Double?, longTermUSD: Double?) {
        let cost = bill {
            $0.incomingBytes = gibibyte; $0.retentionPeriodHours = retentionHours
        }
        #expect(dollars(cost, .onDemandExtendedRetention) == extendedUSD)
        #expect(dollars(cost, .longTermRetention) == longTermUSD)
    }

    /// Provisioned-only quantities (shard-hours, PUT units, consumer-shard-hours) do not reach an on-demand bill.
    @Test func ignoresProvisionedQuantities() {
        let cost = bill {
            $0.shardHours = 4
            $0.putPayloadUnits = 1_000_000
            $0.enhancedFanOutConsumerShardHours = 10
            $0.retentionPeriodHours = 48
        }
        #expect(cost.lineItems.map(\.item) == [.onDemandStreamHours])
    }
}
