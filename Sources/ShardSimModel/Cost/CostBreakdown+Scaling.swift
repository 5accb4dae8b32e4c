/// Re-pricing a bill at another traffic level, line by line, with the cost model's own rounding.
///
/// `compare` uses this for the month of the *offered* traffic (when a side throttled records away) and for the
/// break-even traffic factor, so both come from the same quantities × unit prices, rounded to the cent per line, as
/// the table they stand beside. Which lines move with traffic is decided by the line's unit.
extension CostBreakdown {
    /// How a line's quantity responds when the traffic changes.
    public enum LineScaling: Sendable, Equatable {
        /// Per GB, GB-month, GB-second, PUT payload unit or request: proportional to the traffic.
        case traffic
        /// Per shard-hour or consumer-shard-hour: proportional to the provisioned shard count.
        case shards
        /// Per stream-hour and any other unit: unchanged.
        case fixed
    }

    /// The scaling of a line, by its unit. A KMS request line (per 10,000 requests) stays fixed, as do key-months,
    /// metric-months and stream-hours.
    public static func scaling(of unit: CostUnit) -> LineScaling {
        switch unit {
        // A KCL lease table's requests are renewals and checkpoints per lease, one lease per shard.
        case .shardHour, .consumerShardHour, .millionRequestUnits: return .shards
        case .gigabyte, .gigabyteMonth, .gigabyteSecond, .millionPutPayloadUnits, .millionRequests: return .traffic
        case .streamHour, .keyMonth, .tenThousandRequests, .metricMonth, .capacityUnitHour: return .fixed
        }
    }

    /// The bill with every traffic line × `trafficFactor` and every shard line × `shardFactor`, each line rounded to
    /// the cent (half away from zero) and the total summed from the rounded lines. Factors of 1 give this bill back.
    public func scaled(trafficFactor: Double, shardFactor: Double) -> CostBreakdown {
        precondition(trafficFactor >= 0 && shardFactor >= 0, "scale factors are not negative")
        var totalCents: Int64 = 0
        let lines = lineItems.map { line -> CostLineItem in
            let factor: Double =
                switch Self.scaling(of: line.unit) {
                case .traffic: trafficFactor
                case .shards: shardFactor
                case .fixed: 1
                }
            let quantity = line.quantity * factor
            let cents = CostCents.rounded(quantity * line.unitPriceUSD)
            totalCents += cents
            return CostLineItem(
                item: line.item, quantity: quantity, unitPriceUSD: line.unitPriceUSD,
                monthlyUSD: CostCents.dollars(cents))
        }
        return CostBreakdown(lineItems: lines, monthlyTotalUSD: CostCents.dollars(totalCents))
    }
}
