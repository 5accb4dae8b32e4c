extension LatencyHistogram {
    /// Records into a histogram for the length of one `withRecorder` call: the counts are written through one buffer
    /// pointer and the totals kept in locals, instead of a uniqueness check and five stored-property updates per
    /// `record(_:count:)` (a reader's latency is recorded a few values per piece it reads, millions of times).
    public struct Recorder {
        @usableFromInline var counts: UnsafeMutableBufferPointer<Int64>
        @usableFromInline var addedCount: Int64
        @usableFromInline var sumLow: UInt64
        @usableFromInline var sumHigh: UInt64
        @usableFromInline var minimum: Int64
        @usableFromInline var maximum: Int64

        @inlinable
        init(counts: UnsafeMutableBufferPointer<Int64>, of histogram: LatencyHistogram) {
            self.counts = counts
            addedCount = 0
            sumLow = histogram.sumLow
            sumHigh = histogram.sumHigh
            minimum = histogram.minimum
            maximum = histogram.maximum
        }

        /// Records `count` occurrences of one value (count >= 0; 0 is a no-op), exactly as
        /// `LatencyHistogram.record(_:count:)` does.
        @inlinable
        public mutating func record(_ value: Int64, count: Int64) {
            precondition(count >= 0, "LatencyHistogram.record count must be >= 0")
            if count == 0 { return }
            let clamped = Swift.max(value, 0)
            let bucket = LatencyHistogram.bucketIndex(of: clamped)
            // In range for every non-negative Int64 (see `bucketCount`); checked all the same.
            precondition(bucket < counts.count, "latency bucket out of range")
            counts[bucket] += count
            addedCount += count
            if clamped < minimum { minimum = clamped }
            if clamped > maximum { maximum = clamped }
            let product = UInt64(clamped).multipliedFullWidth(by: UInt64(count))
            let (low, carry) = sumLow.addingReportingOverflow(product.low)
            sumLow = low
            sumHigh &+= product.high &+ (carry ? 1 : 0)
        }
    }

    /// Calls `body` with a recorder into this histogram; what it records is in the histogram when this returns.
    @inlinable
    public mutating func withRecorder<Result>(_ body: (inout Recorder) throws -> Result) rethrows -> Result {
        // The counts are moved out for the call (not copied), so writing through their buffer needs no check.
        var movedCounts = ContiguousArray<Int64>()
        swap(&movedCounts, &counts)
        defer { swap(&movedCounts, &counts) }
        var recorder = Recorder(counts: UnsafeMutableBufferPointer(start: nil, count: 0), of: self)
        defer {
            totalCount += recorder.addedCount
            sumLow = recorder.sumLow
            sumHigh = recorder.sumHigh
            minimum = recorder.minimum
            maximum = recorder.maximum
        }
        return try movedCounts.withUnsafeMutableBufferPointer { buffer in
            recorder.counts = buffer
            return try body(&recorder)
        }
    }
}

extension LatencyHistogram {
    /// `Recorder.recordLinear(from:to:count:)` of one stretch of values, for callers with just one (most reads
    /// return one piece): the recorder inlined, with no closure call around it.
    @inlinable @inline(__always)
    public mutating func recordLinear(from first: Int64, to last: Int64, count: Int64) {
        withRecorder { recorder in recorder.recordLinear(from: first, to: last, count: count) }
    }
}
