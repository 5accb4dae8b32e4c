/// Timestamps of imported metric series: ISO-8601 as CloudWatch and the AWS CLI print them, or Unix epoch seconds.
///
/// Hand-written (no Foundation date formatter) so parsing is the same on every platform and locale.
enum TimestampParsing {
    /// Milliseconds since 1970-01-01T00:00:00Z, or nil when `text` is neither form.
    ///
    /// Accepts `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM|±HHMM]` (a space may stand for `T`; no zone means UTC)
    /// and plain epoch seconds (`1795168800` or `1795168800.5`). Years 1970–9999.
    static func epochMilliseconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 40 else { return nil }
        if bytes.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }) { return epochSeconds(text) }
        return isoMilliseconds(bytes)
    }

    private static func epochSeconds(_ text: String) -> Int64? {
        guard ValueReading.isPlainDecimal(text), let seconds = Double(text), seconds < 253_402_300_800 else {
            return nil
        }
        return Int64((seconds * 1_000).rounded())
    }

    private static func isoMilliseconds(_ bytes: [UInt8]) -> Int64? {
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
            let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2),
            (1_970...9_999).contains(year), (1...12).contains(month),
            (1...daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var milliseconds: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale: Int64 = 100
            let start = index
            while index < bytes.count, isDigit(bytes[index]) {
                milliseconds += Int64(bytes[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offsetMinutes: Int64 = 0
        if index < bytes.count {
            let sign = bytes[index]
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                index += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                let rest = Array(bytes[(index + 1)...])
                let digits = rest.filter { $0 != UInt8(ascii: ":") }
                guard digits.count == 4, rest.count == 4 || (rest.count == 5 && rest[2] == UInt8(ascii: ":")),
                    let hours = number(digits, 0, 2), let minutes = number(digits, 2, 2), hours < 24, minutes < 60
                else { return nil }
                offsetMinutes = Int64(hours * 60 + minutes) * (sign == UInt8(ascii: "+") ? 1 : -1)
                index = bytes.count
            } else {
                return nil
            }
        }
        guard index == bytes.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3_600 + minute * 60 + second) - offsetMinutes * 60
        return seconds * 1_000 + milliseconds
    }

    /// Days from 1970-01-01 to the date (proleptic Gregorian), Howard Hinnant's `days_from_civil`.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let shiftedYear = Int64(month <= 2 ? year - 1 : year)
        let era = shiftedYear / 400
        let yearOfEra = shiftedYear - era * 400
        let monthIndex = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * monthIndex + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// "2026-11-20T10:00:00Z" for messages (UTC, milliseconds only when there are some).
    static func text(epochMilliseconds: Int64) -> String {
        let seconds = epochMilliseconds / 1_000
        let days = seconds / 86_400
        let secondOfDay = seconds % 86_400
        // Hinnant's civil_from_days.
        let shifted = days + 719_468
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let fraction =
            epochMilliseconds % 1_000 == 0 ? "" : "." + String(String(1_000 + epochMilliseconds % 1_000).dropFirst())
        return
            "\(year)-\(two(month))-\(two(day))T\(two(secondOfDay / 3_600)):\(two(secondOfDay % 3_600 / 60)):\(two(secondOfDay % 60))\(fraction)Z"
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
