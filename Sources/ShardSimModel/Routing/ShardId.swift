/// Kinesis shard id formatting.
///
/// Kinesis names shards `shardId-` plus the shard number zero-padded to 12 digits
/// (`shardId-000000000007`); reports and scenarios must spell them the same way AWS does.
/// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_Shard.html
public enum ShardId {
    /// The fixed text before the digits.
    private static let prefix = "shardId-"
    /// How many digits follow the prefix, always.
    private static let digitCount = 12

    /// The id of shard `number`, e.g. 7 → "shardId-000000000007".
    ///
    /// Traps unless `number` is in 0 ... 999_999_999_999, because a wider number would not fit the
    /// fixed 12-digit form and would not round-trip through `number(from:)`.
    public static func string(forNumber number: Int) -> String {
        precondition(
            (0...999_999_999_999).contains(number),
            "shard number \(number) does not fit in 12 digits")
        let digits = String(number)
        return prefix + String(repeating: "0", count: digitCount - digits.count) + digits
    }

    /// The shard number in `id`, parsing only the exact form `shardId-` + 12 ASCII digits, else nil.
    ///
    /// Compares UTF-8 bytes rather than `String`s, so look-alikes such as full-width digits or a
    /// different case never parse.
    public static func number(from id: String) -> Int? {
        let bytes = id.utf8
        guard bytes.count == prefix.utf8.count + digitCount,
            bytes.starts(with: prefix.utf8)
        else {
            return nil
        }
        var number = 0
        for byte in bytes.dropFirst(prefix.utf8.count) {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                return nil
            }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return number
    }
}
