import Foundation

// Fixed-point formatting of doubles for reports. printf-style formatting depends on the C
// library and locale; this works purely on decimal digits, so every platform writes the same.

/// Doubles as reports write them: rounded to 6 decimal places, plain fixed-point notation (never
/// an exponent), trailing zeros trimmed but at least one digit after the point.
///
/// Examples: 2 → "2.0", 2/3 → "0.666667", 123456.5 → "123456.5", -0.25 → "-0.25",
/// 1e20 → "100000000000000000000.0". Negative zero, and negative values that round to zero,
/// write "0.0". NaN and infinities write "null".
///
/// The digits come from Swift's shortest round-trip representation (`description`, implemented
/// in the Swift runtime rather than the C library, so identical everywhere), which is then
/// rounded half away from zero in decimal. Rounding the shortest form, not the binary value,
/// means 1.0000005 rounds up to "1.000001" as a person would expect.
enum JSONNumberFormatting {
    /// The number of digits kept after the decimal point.
    static let fractionDigits = 6

    /// Format `value` as described on the type.
    static func fixedPoint(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        guard value != 0 else { return "0.0" }
        guard let (digits, pointPosition) = decimalDigits(of: value.magnitude) else { return "null" }

        // Lay the digits out so that `integer` holds those before the point and `fraction`
        // those after it, padding with zeros on whichever side the point falls outside.
        var integer: [UInt8] = []
        var fraction: [UInt8] = []
        if pointPosition <= 0 {
            fraction = Array(repeating: 0, count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            integer = digits + Array(repeating: 0, count: pointPosition - digits.count)
        } else {
            integer = Array(digits[..<pointPosition])
            fraction = Array(digits[pointPosition...])
        }

        if fraction.count > fractionDigits {
            let roundUp = fraction[fractionDigits] >= 5
            fraction.removeLast(fraction.count - fractionDigits)
            if roundUp { increment(&integer, &fraction) }
        }
        while fraction.last == 0 { fraction.removeLast() }
        if fraction.isEmpty { fraction = [0] }
        while integer.first == 0 { integer.removeFirst() }
        if integer.isEmpty { integer = [0] }

        let isZero = integer == [0] && fraction == [0]
        var text = value < 0 && !isZero ? "-" : ""
        text.reserveCapacity(integer.count + fraction.count + 2)
        for digit in integer { text.unicodeScalars.append(Unicode.Scalar(Byte.zero + digit)) }
        text.append(".")
        for digit in fraction { text.unicodeScalars.append(Unicode.Scalar(Byte.zero + digit)) }
        return text
    }

    /// Add one unit in the last place of `integer`.`fraction`, carrying leftwards.
    private static func increment(_ integer: inout [UInt8], _ fraction: inout [UInt8]) {
        var index = fraction.count - 1
        while index >= 0 {
            if fraction[index] < 9 { fraction[index] += 1; return }
            fraction[index] = 0
            index -= 1
        }
        index = integer.count - 1
        while index >= 0 {
            if integer[index] < 9 { integer[index] += 1; return }
            integer[index] = 0
            index -= 1
        }
        integer.insert(1, at: 0)
    }

    /// The shortest round-trip digits of a positive finite `value` and where the decimal point
    /// goes: value = 0.d₁d₂d₃… × 10^pointPosition. Reads `description`, which is either plain
    /// ("123.45") or exponent form ("1.5e-07", "1e+20").
    static func decimalDigits(of value: Double) -> (digits: [UInt8], pointPosition: Int)? {
        let text = Array(value.description.utf8)
        var digits: [UInt8] = []
        var beforePoint = 0
        var seenPoint = false
        var index = 0
        while index < text.count, text[index] != 0x65, text[index] != 0x45 {
            let byte = text[index]
            if byte == Byte.period {
                seenPoint = true
            } else {
                guard Byte.isDigit(byte) else { return nil }
                digits.append(byte - Byte.zero)
                if !seenPoint { beforePoint += 1 }
            }
            index += 1
        }
        var exponent = 0
        if index < text.count {
            guard let parsed = Int(String(decoding: text[(index + 1)...], as: UTF8.self)) else { return nil }
            exponent = parsed
        }
        // Leading zeros ("0.00012") only shift the point; dropping them keeps `digits` significant.
        var pointPosition = beforePoint + exponent
        while digits.first == 0 {
            digits.removeFirst()
            pointPosition -= 1
        }
        return digits.isEmpty ? nil : (digits, pointPosition)
    }
}

extension JSONNumberFormatting {
    /// Up to 12 significant digits in plain decimal (no exponent), trailing zeros trimmed: for unit prices,
    /// whose small values the 6-decimal rounding would distort. Non-finite values write `null`.
    static func precise(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0.0" }
        let magnitude = Int(floor(log10(abs(value))))
        let decimals = max(1, min(20, 11 - magnitude))
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text += "0" }
        }
        return text == "-0.0" ? "0.0" : text
    }
}
