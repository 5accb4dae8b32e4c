/// Hash-range arithmetic of SplitShard and MergeShards, as the Kinesis developer guide lays it out
/// ("Split a shard", "Merge two shards": https://docs.aws.amazon.com/streams/latest/dev/kinesis-using-sdk-java-resharding.html).
public enum Resharding {
    /// The split point AWS's example uses: the midpoint (start + end) / 2, rounded down, computed without
    /// overflowing 128 bits.
    public static func defaultSplitKey(of range: HashKeyRange) -> UInt128 {
        range.startingHashKey + (range.endingHashKey - range.startingHashKey) / 2
    }

    /// The children of splitting `range` at `newStartingHashKey`: [start, key − 1] and [key, end]. Nil when
    /// the key does not leave both children non-empty (AWS rejects such a split).
    public static func split(_ range: HashKeyRange, at newStartingHashKey: UInt128) -> (
        lower: HashKeyRange, upper: HashKeyRange
    )? {
        guard newStartingHashKey > range.startingHashKey, newStartingHashKey <= range.endingHashKey else { return nil }
        return (
            HashKeyRange(startingHashKey: range.startingHashKey, endingHashKey: newStartingHashKey - 1),
            HashKeyRange(startingHashKey: newStartingHashKey, endingHashKey: range.endingHashKey)
        )
    }

    /// The range of merging two adjacent ranges (in either order), or nil when they are not adjacent.
    public static func merge(_ first: HashKeyRange, _ second: HashKeyRange) -> HashKeyRange? {
        let (lower, upper) = first.startingHashKey < second.startingHashKey ? (first, second) : (second, first)
        guard lower.endingHashKey != .max, lower.endingHashKey + 1 == upper.startingHashKey else { return nil }
        return HashKeyRange(startingHashKey: lower.startingHashKey, endingHashKey: upper.endingHashKey)
    }
}
