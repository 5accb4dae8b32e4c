/// Finds the shard whose range holds a hash key, for a sorted, gap-free list of open ranges.
///
/// Kinesis sends a record to the one open shard whose inclusive hash key range holds the record's
/// hash key; since open ranges tile the space, the answer is the last range starting at or
/// before the key, which a binary search finds in O(log shards).
/// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html
public struct HashKeyRouter: Sendable {
    /// Each range's starting key, in the caller's order; that is all the search needs.
    private let startingHashKeys: [UInt128]

    /// Makes a router over `ranges`, which must be sorted, contiguous and cover 0 ... 2^128 − 1.
    ///
    /// Checks the tiling up front (and traps on a gap or overlap), because a bad layout would
    /// otherwise misroute records silently.
    public init(ranges: [HashKeyRange]) {
        precondition(!ranges.isEmpty, "HashKeyRouter needs at least one range")
        precondition(ranges[0].startingHashKey == 0, "the first range must start at hash key 0")
        precondition(
            ranges[ranges.count - 1].endingHashKey == .max,
            "the last range must end at hash key 2^128 - 1")
        for (earlier, later) in zip(ranges, ranges.dropFirst()) {
            precondition(
                earlier.endingHashKey != .max
                    && later.startingHashKey == earlier.endingHashKey + 1,
                "ranges must be sorted and contiguous: \(earlier) then \(later)")
        }
        startingHashKeys = ranges.map(\.startingHashKey)
    }

    /// `shardIndex(for:)` of every key, for many keys at once (a producer's whole key set, at start-up and after
    /// each reshard): a table of the range holding each of the 2^16 leading-bit prefixes gives each key's search
    /// a start at most a step or two from its answer, instead of a binary search from the whole list.
    /// The same answers as `shardIndex(for:)`: each scan stops at the last range starting at or before the key.
    public func shardIndices(for hashKeys: [UInt128]) -> [Int32] {
        let prefixBits = 16
        // Below a few thousand keys the table costs more than it saves.
        guard hashKeys.count >= 4_096, startingHashKeys.count < Int(Int32.max) else {
            return hashKeys.map { Int32(truncatingIfNeeded: shardIndex(for: $0)) }
        }
        let starts = startingHashKeys
        let shift = UInt128(128 - prefixBits)
        // firstRange[p]: the range holding the smallest key with prefix p (ranges tile the space from 0).
        var firstRange = [Int32](repeating: 0, count: 1 << prefixBits)
        var range = 0
        for prefix in 0..<(1 << prefixBits) {
            let smallest = UInt128(prefix) << shift
            while range + 1 < starts.count && starts[range + 1] <= smallest { range += 1 }
            firstRange[prefix] = Int32(truncatingIfNeeded: range)
        }
        // Written in place through buffers: this runs over every key of every producer (up to millions).
        return [Int32](unsafeUninitializedCapacity: hashKeys.count) { indices, initialized in
            starts.withUnsafeBufferPointer { starts in
                firstRange.withUnsafeBufferPointer { firstRange in
                    for (position, hashKey) in hashKeys.enumerated() {
                        // The prefix is below 2^16 and `firstRange` has 2^16 entries.
                        var range = Int(firstRange[Int(truncatingIfNeeded: hashKey >> shift)])
                        while range + 1 < starts.count && starts[range + 1] <= hashKey { range += 1 }
                        indices.initializeElement(at: position, to: Int32(truncatingIfNeeded: range))
                    }
                }
            }
            initialized = hashKeys.count
        }
    }

    /// Index into `ranges` (binary search over the starting keys).
    public func shardIndex(for hashKey: UInt128) -> Int {
        // Invariant: startingHashKeys[low] <= hashKey, and every index >= high starts after it.
        var low = 0
        var high = startingHashKeys.count
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if startingHashKeys[middle] <= hashKey {
                low = middle
            } else {
                high = middle
            }
        }
        return low
    }
}
