import Foundation

/// Limits and rates as the planner's sentences print them, from the stream's actual (possibly overridden)
/// limits: "1,000 records/s", "1 MiB/s", "512 KiB/s". No sentence hard-codes AWS's defaults.
public enum LimitText {
    /// 1,000 records/s; fractions to two places when not whole.
    public static func recordsPerSecond(_ value: Double) -> String { count(value) + " records/s" }

    /// Bytes per second in the largest binary unit that leaves at least 1: "1 MiB/s", "1.5 MiB/s", "600 KiB/s".
    public static func bytesPerSecond(_ value: Double) -> String {
        if value >= 1_048_576 { return count(value / 1_048_576) + " MiB/s" }
        if value >= 1_024 { return count(value / 1_024) + " KiB/s" }
        return count(value) + " B/s"
    }

    /// Digits grouped by thousands, at most two decimals, trailing zeros dropped: 1,000 / 448.61 / 0.5.
    public static func count(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let hundredths = (abs(value) * 100).rounded()
        guard hundredths < 9e15 else { return String(value) }
        let whole = Int64(hundredths) / 100, fraction = Int64(hundredths) % 100
        let digits = String(whole)
        var grouped = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        let sign = value < 0 && hundredths > 0 ? "-" : ""
        if fraction == 0 { return sign + grouped }
        let decimals =
            fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" + String(fraction) : String(fraction))
        return sign + grouped + "." + decimals
    }

    /// "1 shard", "6 shards".
    public static func shards(_ count: Int) -> String { count == 1 ? "1 shard" : "\(count) shards" }
}
