// Reading a number literal as a machine number. The literal is decomposed exactly into decimal
// digits and a power of ten, so "1e3" and "1000.0" are recognised as the integer 1000 without a
// detour through Double (which would round seeds above 2^53).

/// Numeric readings of a `.number` literal (or a `.literal` that looks like a JSON number), never trapping.
extension JSONValue {
    /// The exact integer value if the literal is an integer within Int64 (accept "1e3" and "1000.0" as 1000 only if exact and in range), else nil.
    ///
    /// "-0" reads as 0. Non-numbers (strings, booleans, …) read as nil.
    public var int64Value: Int64? {
        guard let parts = decimalParts, let magnitude = parts.integerMagnitude else { return nil }
        if parts.negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// The UInt64 value under the same rules (for seeds up to 18446744073709551615).
    ///
    /// Negative values read as nil, except negative zero, which is 0.
    public var uint64Value: UInt64? {
        guard let parts = decimalParts, let magnitude = parts.integerMagnitude else { return nil }
        guard !parts.negative || magnitude == 0 else { return nil }
        return magnitude
    }

    /// The finite Double value, else nil (e.g. "1e400" → nil because it overflows).
    ///
    /// Conversion is the standard library's correctly rounded decimal parsing, which is the same on
    /// every platform. Values too small to represent underflow to (signed) zero, as IEEE 754 says.
    public var doubleValue: Double? {
        guard let text = numericText, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The text to read as a number: a `.number`, or a `.literal` that is exactly a JSON number
    /// (checked here because `Double(_:)` would also accept "inf", "0x1p3" or "+1").
    private var numericText: String? {
        switch self {
        case .number(let text): return text
        case .literal(let text): return JSONCursor.isNumberLiteral(text) ? text : nil
        default: return nil
        }
    }

    private var decimalParts: DecimalParts? {
        numericText.flatMap(DecimalParts.init(literal:))
    }
}

/// A JSON number literal as sign × significand × 10^exponent, with the significand's digits
/// stripped of leading and trailing zeros, so integrality and range are decided exactly.
struct DecimalParts {
    var negative: Bool
    /// Significant decimal digits (0–9 values), empty when the value is zero.
    var digits: [UInt8]
    var exponent: Int

    /// Decompose a literal already known to match the JSON number grammar.
    init?(literal: String) {
        let bytes = Array(literal.utf8)
        var index = 0
        negative = bytes.first == Byte.minus
        if negative { index += 1 }
        var all: [UInt8] = []
        var fractionCount = 0
        var seenPoint = false
        while index < bytes.count, bytes[index] != 0x65, bytes[index] != 0x45 {
            if bytes[index] == Byte.period {
                seenPoint = true
            } else {
                guard Byte.isDigit(bytes[index]) else { return nil }
                all.append(bytes[index] - Byte.zero)
                if seenPoint { fractionCount += 1 }
            }
            index += 1
        }
        // The written exponent saturates: anything past a billion is out of every range anyway,
        // and saturating keeps the arithmetic below from overflowing on hostile input.
        var written = 0
        if index < bytes.count {
            index += 1
            let exponentNegative = index < bytes.count && bytes[index] == Byte.minus
            if index < bytes.count, bytes[index] == Byte.minus || bytes[index] == Byte.plus { index += 1 }
            while index < bytes.count {
                guard Byte.isDigit(bytes[index]) else { return nil }
                written = min(written * 10 + Int(bytes[index] - Byte.zero), 1_000_000_000)
                index += 1
            }
            if exponentNegative { written = -written }
        }
        let leading = all.firstIndex(where: { $0 != 0 }) ?? all.count
        let trailing = all.count - 1 - (all.lastIndex(where: { $0 != 0 }) ?? -1)
        digits = leading == all.count ? [] : Array(all[leading..<(all.count - trailing)])
        exponent = digits.isEmpty ? 0 : written - fractionCount + trailing
    }

    /// The absolute value when it is an integer that fits UInt64, else nil.
    var integerMagnitude: UInt64? {
        guard !digits.isEmpty else { return 0 }
        // 20 digits is the most UInt64 can hold; checking first keeps the loop short.
        guard exponent >= 0, digits.count + exponent <= 20 else { return nil }
        var value: UInt64 = 0
        for digit in digits + Array(repeating: 0, count: exponent) {
            let (scaled, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = scaled.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}
