extension LatencyHistogram {
    /// Records, for each element of `items`, the time from its start (`start(item)`) to `now`, clamped at 0: the
    /// same counts, extremes and sum as `record(now − start(item))` for each in turn.
    ///
    /// The write path records every accepted user record's put latency through this, so the loop is kept to the
    /// bucket and the sum: the subtraction and the count wrap (simulation times are non-negative, so the difference
    /// of two is far from overflow, and the count is the collection's), and every non-negative value's bucket is
    /// below `bucketCount` (see `bucketIndex`), so the counts are written through their buffer.
    @inlinable
    public mutating func record<Items: Collection>(
        elapsedUntil now: Int64, since items: Items, start: (Items.Element) -> Int64
    ) {
        let before = Extremes(
            minimum: minimum, maximum: maximum, sumLow: sumLow, sumHigh: sumHigh)
        let after = counts.withUnsafeMutableBufferPointer { counts in
            precondition(counts.count == LatencyHistogram.bucketCount, "one count per bucket")
            return LatencyHistogram.tally(
                elapsedUntil: now, since: items, start: start, into: counts.baseAddress!, from: before)
        }
        totalCount += Int64(items.count)
        sumLow = after.sumLow
        sumHigh = after.sumHigh
        minimum = after.minimum
        maximum = after.maximum
    }

    /// The extremes and the 128-bit sum, carried through `tally` by value.
    @usableFromInline
    struct Extremes {
        @usableFromInline var minimum, maximum: Int64
        @usableFromInline var sumLow, sumHigh: UInt64

        @inlinable
        init(minimum: Int64, maximum: Int64, sumLow: UInt64, sumHigh: UInt64) {
            self.minimum = minimum
            self.maximum = maximum
            self.sumLow = sumLow
            self.sumHigh = sumHigh
        }
    }

    /// `record(elapsedUntil:since:start:)`'s loop, on its own with its state by value: inlined into its caller, the
    /// compiler wrote the extremes and the sum back to the histogram's storage on every item.
    @inlinable @inline(never)
    static func tally<Items: Collection>(
        elapsedUntil now: Int64, since items: Items, start: (Items.Element) -> Int64,
        into counts: UnsafeMutablePointer<Int64>, from extremes: Extremes
    ) -> Extremes {
        var state = extremes
        for item in items {
            let value = Swift.max(now &- start(item), 0)
            counts[LatencyHistogram.bucketIndex(of: value)] &+= 1
            state.minimum = Swift.min(state.minimum, value)
            state.maximum = Swift.max(state.maximum, value)
            let (sum, carry) = state.sumLow.addingReportingOverflow(UInt64(truncatingIfNeeded: value))
            state.sumLow = sum
            state.sumHigh &+= carry ? 1 : 0
        }
        return state
    }
}
