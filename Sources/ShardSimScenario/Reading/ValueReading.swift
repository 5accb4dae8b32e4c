import ShardSimEngine
import ShardSimJSON

/// Reading single JSON values as model quantities; every range is checked before any arithmetic so no
/// input can trap on overflow.
enum ValueReading {
    static func integer(
        _ value: JSONValue, in range: ClosedRange<Int64>, path: String,
        diagnostics: Diagnostics
    ) -> Int64? {
        let expected = "expected a whole number from \(formatted(range.lowerBound)) to \(formatted(range.upperBound))"
        guard isNumeric(value), let number = value.int64Value else {
            diagnostics.report(path, "\(expected), got \(describe(value))")
            return nil
        }
        guard range.contains(number) else {
            diagnostics.report(path, "\(expected), got \(formatted(number))")
            return nil
        }
        return number
    }

    static func number(
        _ value: JSONValue, in range: ClosedRange<Double>, path: String,
        diagnostics: Diagnostics
    ) -> Double? {
        let expected = "expected a number from \(formatted(range.lowerBound)) to \(formatted(range.upperBound))"
        guard isNumeric(value), let number = value.doubleValue, number.isFinite else {
            diagnostics.report(path, "\(expected), got \(describe(value))")
            return nil
        }
        guard range.contains(number) else {
            diagnostics.report(path, "\(expected), got \(describe(value))")
            return nil
        }
        return number
    }

    /// Units a duration string may carry, in nanoseconds each.
    static let durationUnits: [(suffix: String, nanoseconds: Double)] = [
        ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3_600e9), ("d", 86_400e9),
    ]

    static func duration(
        _ value: JSONValue, in range: ClosedRange<Int64>, path: String,
        diagnostics: Diagnostics
    ) -> Int64? {
        let expected =
            "expected a duration from \(describeDuration(range.lowerBound)) to "
            + "\(describeDuration(range.upperBound)) (seconds, or a string such as \"250ms\", \"90s\", \"15m\", \"2h\", \"30d\")"
        guard let nanoseconds = parseDuration(value) else {
            diagnostics.report(path, "\(expected), got \(describe(value))")
            return nil
        }
        guard nanoseconds >= Double(range.lowerBound), nanoseconds <= Double(range.upperBound) else {
            diagnostics.report(path, "\(expected), got \(describe(value))")
            return nil
        }
        return Int64(nanoseconds.rounded())
    }

    /// Nanoseconds as a Double (so huge inputs compare instead of overflowing), or nil when malformed.
    static func parseDuration(_ value: JSONValue) -> Double? {
        switch value {
        case .number:
            guard let seconds = value.doubleValue, seconds.isFinite else { return nil }
            return secondsToNanoseconds(seconds)
        case .string(let text), .literal(let text):
            for unit in durationUnits where text.hasSuffix(unit.suffix) {
                let digits = String(text.dropLast(unit.suffix.count))
                // "5m" must not be read as "5" + "m" of "ms": check "ms" first (it is first in the list).
                guard isPlainDecimal(digits), let amount = Double(digits), amount.isFinite else { return nil }
                return amount * unit.nanoseconds
            }
            if isPlainDecimal(text), let seconds = Double(text) { return secondsToNanoseconds(seconds) }
            return nil
        default:
            return nil
        }
    }

    /// Digits with at most one decimal point and no sign or exponent ("1.5", "250").
    static func isPlainDecimal(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 30 else { return false }
        var seenPoint = false
        var seenDigit = false
        for character in text.utf8 {
            if character == UInt8(ascii: ".") {
                if seenPoint { return false }
                seenPoint = true
            } else if character >= UInt8(ascii: "0") && character <= UInt8(ascii: "9") {
                seenDigit = true
            } else {
                return false
            }
        }
        return seenDigit
    }

    /// "250ms", "90s", "15m", "2h", "30d": the largest unit that divides the value exactly.
    static func describeDuration(_ nanoseconds: Int64) -> String {
        for (suffix, unit) in durationUnits.reversed()
        where nanoseconds >= Int64(unit) && nanoseconds % Int64(unit) == 0 {
            return "\(nanoseconds / Int64(unit))\(suffix)"
        }
        if nanoseconds == 0 { return "0s" }
        return "\(nanosecondsToMilliseconds(nanoseconds))ms"
    }

    private static func isNumeric(_ value: JSONValue) -> Bool {
        switch value {
        case .number, .literal: return true
        default: return false
        }
    }
}
