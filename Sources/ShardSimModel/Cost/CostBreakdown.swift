/// One line of a monthly bill, named by the AWS price dimension it is.
///
/// Line items mirror how AWS itemizes a Kinesis bill (facts sheet section 5), so a user can hold the
/// estimate next to their invoice or the AWS Pricing Calculator line by line.
public struct CostLineItem: Sendable, Equatable {
    /// The price dimension (the report layer names it: "Provisioned shard hours", "PUT payload units", …).
    public var item: CostItem
    /// Monthly quantity, in `unit`.
    public var quantity: Double
    /// US dollars per one `unit`.
    public var unitPriceUSD: Double
    /// `quantity` × `unitPriceUSD`, rounded to the cent (half away from zero).
    public var monthlyUSD: Double

    /// The unit AWS prices `item` in.
    public var unit: CostUnit { item.unit }

    /// A line item with every field given; `CostModel` builds its own, this is for renderers and their tests.
    public init(item: CostItem, quantity: Double, unitPriceUSD: Double, monthlyUSD: Double) {
        self.item = item
        self.quantity = quantity
        self.unitPriceUSD = unitPriceUSD
        self.monthlyUSD = monthlyUSD
    }
}

/// A priced month of simulated traffic: the line items and their total.
///
/// Amounts are rounded to the cent per line and the total is the sum of the rounded lines, so the printed
/// lines always add up to the printed total, as on an AWS invoice.
public struct CostBreakdown: Sendable, Equatable {
    /// Hours in the billed month: 730 (interface contract "Cost"; AWS and infracost both use 730 = 8,760 / 12).
    public static let hoursPerMonth: Double = 730

    /// Non-zero line items in the fixed order of `CostModel` (never a Dictionary or Set order).
    public var lineItems: [CostLineItem]
    /// The sum of the line items' `monthlyUSD`, in US dollars, exact to the cent.
    public var monthlyTotalUSD: Double

    /// A breakdown with every field given; `CostModel` builds its own, this is for renderers and their tests.
    public init(lineItems: [CostLineItem], monthlyTotalUSD: Double) {
        self.lineItems = lineItems
        self.monthlyTotalUSD = monthlyTotalUSD
    }
}

/// Money arithmetic in whole cents, so rounding is done once per line and totals are exact.
enum CostCents {
    /// `usd` rounded to whole cents, half away from zero.
    ///
    /// Prices such as $0.015 have no exact binary form (0.015 is stored as 0.01499999…), so a product that is
    /// exactly half a cent on paper can land a hair below it and round the wrong way. Snapping to a
    /// micro-dollar first removes that representation noise; a real amount within $0.0000005 of a half cent
    /// is then treated as the half cent, which no bill can notice.
    static func rounded(_ usd: Double) -> Int64 {
        guard usd.isFinite else { return 0 }
        let microUSD = (usd * 1_000_000).rounded(.toNearestOrAwayFromZero)
        let cents = (microUSD / 10_000).rounded(.toNearestOrAwayFromZero)
        // Clamp rather than trap on absurd overrides (no crash for any input); the bound leaves room to add
        // every line item without overflowing Int64.
        return Int64(max(-limitCents, min(limitCents, cents)))
    }

    /// ±2^56 cents (about $7e14) per line: far beyond any bill, and 127 such lines still sum within an Int64.
    static let limitCents: Double = 72_057_594_037_927_936

    /// `cents` as dollars, the nearest Double to the two-decimal amount.
    static func dollars(_ cents: Int64) -> Double {
        Double(cents) / 100
    }
}
