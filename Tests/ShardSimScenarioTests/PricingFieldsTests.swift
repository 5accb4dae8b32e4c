import ShardSimModel
import ShardSimScenario
import Testing

/// The built-in us-east-1 prices and the override list the scenario decoder relies on.
@Suite struct PricingFieldsTests {
    /// Hand-written: every price's scenario name and its us-east-1 value (facts sheet section 5).
    private static let expected: [(name: String, usEast1USD: Double)] = [
        ("provisionedShardHourUSD", 0.015),
        ("putPayloadUnitsPerMillionUSD", 0.014),
        ("extendedRetentionShardHourUSD", 0.02),
        ("longTermRetentionGBMonthUSD", 0.023),
        ("enhancedFanOutConsumerShardHourUSD", 0.015),
        ("enhancedFanOutDataGBUSD", 0.013),
        ("onDemandStreamHourUSD", 0.04),
        ("onDemandDataInGBUSD", 0.08),
        ("onDemandDataOutGBUSD", 0.04),
        ("onDemandEnhancedFanOutDataOutGBUSD", 0.05),
        ("onDemandExtendedRetentionGBMonthUSD", 0.10),
        ("lambdaRequestsPerMillionUSD", 0.20),
        ("lambdaGBSecondUSD", 0.0000166667),
        ("firehoseIngestionGBUSD", 0.029),
        ("kmsKeyMonthUSD", 1.0),
        ("kmsRequestsPer10kUSD", 0.03),
        ("cloudWatchMetricMonthUSD", 0.30),
        // DynamoDB (facts sheet section 11; third-party copies of the pricing page, unverified).
        ("dynamoDBWriteRequestUnitsPerMillionUSD", 0.625),
        ("dynamoDBReadRequestUnitsPerMillionUSD", 0.125),
        ("dynamoDBWriteCapacityUnitHourUSD", 0.00065),
        ("dynamoDBReadCapacityUnitHourUSD", 0.00013),
    ]

    @Test func namesMatchTheHandWrittenList() {
        #expect(PricingFields.overridable.map(\.name) == Self.expected.map(\.name))
    }

    /// The list covers every stored property exactly once: Mirror lists the real fields in declaration order.
    @Test func coversEveryStoredPriceOnce() {
        let storedNames = Mirror(reflecting: PriceTable.usEast1).children.map(\.label)
        #expect(storedNames == PricingFields.overridable.map { Optional($0.name) })
        #expect(Set(PricingFields.overridable.map(\.keyPath)).count == PricingFields.overridable.count)
    }

    /// Each key path writes the field its name says: give every field a distinct value, read back by label.
    @Test func keyPathsMatchTheirNames() {
        var prices = PriceTable.usEast1
        for (index, field) in PricingFields.overridable.enumerated() {
            prices[keyPath: field.keyPath] = 1_000 + Double(index)
        }
        let byLabel = Mirror(reflecting: prices).children.map { ($0.label ?? "", $0.value as? Double) }
        for (index, field) in PricingFields.overridable.enumerated() {
            #expect(byLabel.first { $0.0 == field.name }?.1 == 1_000 + Double(index))
        }
    }

    @Test func usEast1Values() {
        for (field, expected) in zip(PricingFields.overridable, Self.expected) {
            #expect(PriceTable.usEast1[keyPath: field.keyPath] == expected.usEast1USD, "\(field.name)")
        }
    }

    /// Overriding any one price through its key path changes a bill that uses that price, and shows the new
    /// unit price on its line.
    @Test(arguments: PricingFields.overridable.map(\.name))
    func overrideChangesTheBill(name: String) throws {
        let field = try #require(PricingFields.overridable.first { $0.name == name })
        var prices = PriceTable.usEast1
        prices[keyPath: field.keyPath] = 7
        var changed = false
        for onDemand in [false, true] {
            let usage = Self.everythingUsed(onDemand: onDemand)
            let before = CostModel.monthlyCost(for: usage, prices: .usEast1)
            let after = CostModel.monthlyCost(for: usage, prices: prices)
            if after.lineItems.contains(where: { $0.unitPriceUSD == 7 }) {
                #expect(after.monthlyTotalUSD != before.monthlyTotalUSD)
                changed = true
            }
        }
        #expect(changed)
    }

    /// One hour in which every quantity is non-zero and retention reaches the long-term tier.
    private static func everythingUsed(onDemand: Bool) -> UsageQuantities {
        var usage = UsageQuantities()
        usage.simulatedHours = 1
        usage.isOnDemand = onDemand
        usage.shardHours = 2
        usage.putPayloadUnits = 500_000
        usage.retentionPeriodHours = 720
        usage.incomingBytes = 1e9
        usage.onDemandBilledIncomingBytes = 1.1e9
        usage.sharedReadBytes = 2e9
        usage.enhancedFanOutConsumerShardHours = 4
        usage.enhancedFanOutBytes = 1e9
        usage.lambdaRequests = 3_600
        usage.lambdaGBSeconds = 900
        usage.firehoseIngestedBytes = 1e9
        usage.kmsCustomerManagedKeys = 1
        usage.kmsRequests = 24
        usage.shardLevelMetricHours = 14
        usage.leaseTableWriteRequestUnits = 4_000
        usage.leaseTableReadRequestUnits = 400
        usage.leaseTableWriteCapacityUnitHours = 10
        usage.leaseTableReadCapacityUnitHours = 10
        return usage
    }
}
