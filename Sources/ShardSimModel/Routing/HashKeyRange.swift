/// An inclusive range of the 128-bit hash key space.
///
/// Kinesis describes each shard's share of the space as an inclusive StartingHashKey/EndingHashKey
/// pair; we keep that shape rather than a half-open `Range`, whose upper bound cannot be 2^128.
/// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_HashKeyRange.html
public struct HashKeyRange: Sendable, Equatable, Hashable {
    /// The smallest hash key in the range, included.
    public var startingHashKey: UInt128
    /// The largest hash key in the range, included.
    public var endingHashKey: UInt128

    /// Makes the range `startingHashKey ... endingHashKey`; both ends are included.
    ///
    /// Traps when `startingHashKey > endingHashKey`, because AWS never describes an empty range.
    public init(startingHashKey: UInt128, endingHashKey: UInt128) {
        precondition(
            startingHashKey <= endingHashKey,
            "HashKeyRange start \(startingHashKey) is after its end \(endingHashKey)")
        self.startingHashKey = startingHashKey
        self.endingHashKey = endingHashKey
    }

    /// Whether `hashKey` lies in the range, both ends included.
    public func contains(_ hashKey: UInt128) -> Bool {
        startingHashKey <= hashKey && hashKey <= endingHashKey
    }

    /// The whole space, 0 ... 2^128 − 1: what the single shard of a one-shard stream covers.
    public static let fullSpace = HashKeyRange(startingHashKey: 0, endingHashKey: .max)

    /// The ranges CreateStream gives a new stream of `shardCount` shards (shardCount >= 1).
    ///
    /// Shard i gets [i * step, (i + 1) * step − 1] with step = 2^128 / shardCount (integer
    /// division), and the last shard ends at 2^128 − 1 so it absorbs the remainder. Matching AWS
    /// exactly matters: these boundaries decide which shard every partition key lands on.
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html
    public static func initialRanges(shardCount: Int) -> [HashKeyRange] {
        precondition(shardCount >= 1, "a stream needs at least one shard, got \(shardCount)")
        if shardCount == 1 {
            return [fullSpace]
        }
        let count = UInt128(shardCount)
        // 2^128 itself does not fit in UInt128, but floor(2^128 / n) = floor((2^128 − n) / n) + 1,
        // and 2^128 − n = max − n + 1 does fit for every n >= 1.
        let step = (UInt128.max - count + 1) / count + 1
        return (0..<count).map { index in
            let start = index * step
            let end = index == count - 1 ? UInt128.max : start + step - 1
            return HashKeyRange(startingHashKey: start, endingHashKey: end)
        }
    }
}
