/// The rules PutRecord/PutRecords apply to the routing inputs a producer sends.
///
/// A scenario that breaks them would be rejected by AWS, so the simulator rejects it too instead
/// of routing records that could never exist.
/// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecordsRequestEntry.html
public enum PartitionKeyRules {
    /// The shortest partition key AWS accepts, in Unicode scalars.
    public static let minimumLength = 1
    /// The longest partition key AWS accepts, in Unicode scalars.
    public static let maximumLength = 256

    /// Whether `key` has between 1 and 256 Unicode scalars.
    ///
    /// Counts scalars, not `Character`s, so "e\u{301}" is two long; stops counting past the maximum
    /// so a huge string costs no more than a legal one.
    public static func isValid(_ key: String) -> Bool {
        var scalarCount = 0
        for _ in key.unicodeScalars {
            scalarCount += 1
            if scalarCount > maximumLength {
                return false
            }
        }
        return scalarCount >= minimumLength
    }

    /// Parses an ExplicitHashKey decimal string (grammar above, ≤ 2^128−1), else nil.
    ///
    /// Grammar `0|([1-9]\d{0,38})` in ASCII digits only. Hand-written rather than `UInt128(_:)`,
    /// which would also take "+1", leading zeros and a sign. 39 digits can still exceed
    /// 2^128 − 1, so overflow is checked on every step.
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecordsRequestEntry.html
    public static func parseExplicitHashKey(_ text: String) -> UInt128? {
        let bytes = text.utf8
        guard (1...39).contains(bytes.count) else {
            return nil
        }
        if bytes.count > 1 && bytes.first == UInt8(ascii: "0") {
            return nil
        }
        var value: UInt128 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                return nil
            }
            let (shifted, shiftOverflowed) = value.multipliedReportingOverflow(by: 10)
            let (sum, addOverflowed) = shifted.addingReportingOverflow(UInt128(byte - UInt8(ascii: "0")))
            if shiftOverflowed || addOverflowed {
                return nil
            }
            value = sum
        }
        return value
    }
}
