import ShardSimEngine

/// A plain-text table with aligned columns: text left, numbers right.
public struct TextTable {
    public enum Alignment { case left, right }
    let headers: [String]
    let alignments: [Alignment]
    private(set) var rows: [[String]] = []

    public init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    public mutating func add(_ row: [String]) {
        precondition(row.count == headers.count, "a row needs one cell per column")
        rows.append(row)
    }

    /// Aligned text; cells are `OutputEscaping.text`-escaped first (they may hold a scenario's names and keys).
    public func rendered(indent: String = "  ") -> String {
        let headers = self.headers.map { OutputEscaping.text($0) }
        let rows = self.rows.map { $0.map { OutputEscaping.text($0) } }
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                parts.append(alignments[index] == .left ? cell + padding : padding + cell)
            }
            var text = indent + parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }
}

/// Number formatting shared by the text renderers: deterministic, no locale.
public enum TextFormat {
    /// 12,345,678
    public static func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// A fixed number of decimals, rounded half away from zero, no exponent.
    public static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "n/a" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return String(Int64(value.rounded())) }
        let whole = Int64(scaled) / Int64(scale)
        let fraction = Int64(scaled) % Int64(scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard places > 0 else { return sign + count(whole) }
        var fractionText = String(fraction)
        while fractionText.count < places { fractionText = "0" + fractionText }
        return sign + count(whole) + "." + fractionText
    }

    /// A plain number for machine-readable output: up to 6 decimals, trailing zeros trimmed, no grouping.
    public static func plain(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        let scaled = (abs(value) * 1e6).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e18 else { return String(Int64(value.rounded())) }
        let integer = Int64(scaled) / 1_000_000
        var fraction = String(Int64(scaled) % 1_000_000)
        while fraction.count < 6 { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = value < 0 && scaled > 0 ? "-" : ""
        return sign + String(integer) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// 12.3%
    public static func percent(_ fraction: Double, places: Int = 1) -> String {
        decimal(fraction * 100, places: places) + "%"
    }

    /// Milliseconds from nanoseconds: "12.3 ms" (seconds from 10 s up: "199.7 s").
    public static func milliseconds(_ nanoseconds: Int64) -> String {
        if nanoseconds >= 10_000_000_000 { return decimal(nanosecondsToSeconds(nanoseconds), places: 1) + " s" }
        return decimal(nanosecondsToMilliseconds(nanoseconds), places: nanoseconds < 10_000_000 ? 2 : 1) + " ms"
    }

    /// Bytes per second as MiB/s or KiB/s.
    public static func bytesPerSecond(_ value: Double) -> String {
        if value >= 1_048_576 { return decimal(value / 1_048_576, places: 2) + " MiB/s" }
        return decimal(value / 1_024, places: 1) + " KiB/s"
    }
}
