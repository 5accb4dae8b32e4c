/// Prices a simulated window as a 730-hour month of AWS charges.
///
/// Measured quantities (`UsageQuantities`) are scaled from the simulated window to a month
/// (interface contract "Cost") and multiplied by list prices (`PriceTable`), one line item per AWS price
/// dimension (facts sheet section 5). The model is an estimate of the bill AWS would send for the same
/// traffic sustained for a month; it prices no free tiers (Lambda's 1 M requests and 400,000 GB-s per month)
/// because they are per account, not per stream, and would make one stream's cost depend on the others.
public enum CostModel {
    /// Bytes in one billed GB: 2^30. AWS bills data in binary units, as its 1 KB = 1,024 B rounding of
    /// on-demand records shows (PRICE), and infracost's prices are per such GB.
    public static let bytesPerGB: Double = 1_073_741_824

    /// One PUT payload unit: a 25 KB chunk of a record, with AWS's KB = 1,024 B, so 25,600 B (PRICE; facts sheet
    /// section 5: "25 KB chunks: 5 KB→1, 45 KB→2, 1 MB→40 units").
    static let putPayloadUnitBytes: Int64 = 25_600
    /// On-demand ingest bills each record rounded up to a multiple of 1 KB = 1,024 B (PRICE; facts sheet section 5,
    /// "On-demand data-in size": 4.5 KB → 5 KB).
    static let onDemandBillingIncrementBytes: Int64 = 1_024
    /// The first 24 hours of retention are included in the base price (PRICE; FAQ).
    static let includedRetentionHours = 24
    /// Extended retention covers data up to 7 days old; older data is long-term retention (PRICE; FAQ).
    static let extendedRetentionLimitHours = 168

    /// Scales `usage` from its simulated window to a 730-hour month (× 730 / `simulatedHours`) and prices it.
    ///
    /// Provisioned: shard-hours, PUT payload units, extended retention (every shard-hour while retention is
    /// above 24 h; it covers data up to 7 days), long-term retention, enhanced fan-out consumer-shard-hours and
    /// enhanced fan-out data. On-demand: one stream's stream-hours, data in at the 1 KB-rounded size, shared
    /// data out, enhanced fan-out data out, extended retention by GB-month, long-term retention. Both: Lambda
    /// requests and GB-seconds, Firehose ingestion.
    ///
    /// Retention is priced at steady state: the stream is assumed to have run at the window's average ingest
    /// rate for longer than its retention period, so it holds ingest-bytes-per-hour × hours of data in each
    /// tier: min(retention, 168 h) − 24 h extended (on-demand), retention − 168 h long-term. Stored bytes are
    /// the accepted bytes (data + partition key), not the 1 KB-rounded billed size, since AWS meters storage
    /// by what it keeps. No free tier is applied (see the type's comment). An empty or invalid window
    /// (`simulatedHours` not above zero) costs nothing rather than trapping.
    ///
    /// Each line item is rounded to the cent, half away from zero; the total is the sum of the rounded lines.
    /// Zero-quantity items are left out; the order of the rest is fixed.
    public static func monthlyCost(for usage: UsageQuantities, prices: PriceTable) -> CostBreakdown {
        guard usage.simulatedHours.isFinite, usage.simulatedHours > 0 else {
            return CostBreakdown(lineItems: [], monthlyTotalUSD: 0)
        }
        let month = MonthlyUsage(usage)
        let drafts =
            (usage.isOnDemand ? onDemandItems(month, prices) : provisionedItems(month, prices))
            + serviceItems(month, prices) + optionalItems(month, prices)

        var totalCents: Int64 = 0
        var lineItems: [CostLineItem] = []
        for draft in drafts where draft.quantity > 0 && draft.quantity.isFinite {
            let cents = CostCents.rounded(draft.quantity * draft.unitPriceUSD)
            totalCents += cents
            lineItems.append(
                CostLineItem(
                    item: draft.item, quantity: draft.quantity,
                    unitPriceUSD: draft.unitPriceUSD, monthlyUSD: CostCents.dollars(cents)))
        }
        return CostBreakdown(lineItems: lineItems, monthlyTotalUSD: CostCents.dollars(totalCents))
    }

    /// 25 KB PUT payload units for one record of `bytes` (data + partition key): ceil(bytes / 25,600), at least 1.
    ///
    /// AWS's examples (PRICE): 5 KB → 1, 45 KB → 2, 1 MB → 40 units, where that "1 MB" is 1,000 KB = 1,024,000 B.
    /// A full 1 MiB record (1,048,576 B) is 41 units. Every record bills at least one unit, even an empty one.
    public static func putPayloadUnits(forRecordBytes bytes: Int64) -> Int64 {
        wholeUnits(bytes, of: putPayloadUnitBytes)
    }

    /// On-demand billed size of one record: `bytes` rounded up to a multiple of 1,024, at least 1,024.
    ///
    /// AWS (PRICE): each record's size is rounded up to the nearest 1 KB (1,024 bytes); 4.5 KB bills as 5 KB.
    /// A record always carries a partition key, so the 1 KB floor only guards nonsensical input, as does the
    /// saturation at `Int64.max` for sizes within 1 KB of it.
    public static func onDemandBilledBytes(forRecordBytes bytes: Int64) -> Int64 {
        let increments = wholeUnits(bytes, of: onDemandBillingIncrementBytes)
        let (billedBytes, overflow) = increments.multipliedReportingOverflow(by: onDemandBillingIncrementBytes)
        return overflow ? Int64.max : billedBytes
    }

    /// `putPayloadUnits(forRecordBytes:)` for a mean record of `bytes` (flow fidelity meters expected sizes, whose
    /// partition-key part is a mean): ceil(max(bytes, 1) / 25,600), so a whole number of bytes gives the same units.
    static func putPayloadUnits(forMeanRecordBytes bytes: Double) -> Double {
        (max(bytes, 1) / Double(putPayloadUnitBytes)).rounded(.up)
    }

    /// `onDemandBilledBytes(forRecordBytes:)` for a mean record of `bytes`: max(bytes, 1) rounded up to a multiple
    /// of 1,024, so a whole number of bytes gives the same size.
    static func onDemandBilledBytes(forMeanRecordBytes bytes: Double) -> Double {
        (max(bytes, 1) / Double(onDemandBillingIncrementBytes)).rounded(.up) * Double(onDemandBillingIncrementBytes)
    }

    /// ceil(max(`value`, 1) / `divisor`) for a positive divisor: at least one unit, in one division (the simulation's
    /// ledger meters every accepted record with it), without the `value + divisor − 1` overflow.
    @inline(__always)
    private static func wholeUnits(_ value: Int64, of divisor: Int64) -> Int64 {
        (max(value, 1) - 1) / divisor + 1
    }
}
