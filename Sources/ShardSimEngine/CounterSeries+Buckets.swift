// Slow paths of CounterSeries: entering a new base bucket, folding the
// kept-aside sums, and the merge that doubles the width.

extension CounterSeries {
    /// The slow path of `add`: a time outside the open base bucket, either
    /// entering a later bucket or writing back into an earlier one.
    @usableFromInline
    mutating func addOutsideOpenBucket(_ amount: Double, at timeNanoseconds: Int64) {
        precondition(timeNanoseconds >= 0, "CounterSeries times must be >= 0")
        precondition(amount >= 0 && amount.isFinite, "CounterSeries amounts must be finite and >= 0")
        let baseIndex = timeNanoseconds / geometry.baseBucketNanoseconds
        if baseIndex > openBaseIndex {
            advanceOpenBucket(to: baseIndex)
            openSum = amount
        } else if baseIndex == openBaseIndex {
            // Only reachable when the open range was clamped at Int64.max.
            openSum += amount
        } else if baseIndex == openBaseIndex - 1 {
            previousSum += amount
        } else {
            // Older than the kept-aside window: the bucket's earlier sum was
            // already folded, so only a lower bound on its new peak is known.
            let point = geometry.pointIndex(ofBaseIndex: baseIndex)
            accumulators[point].sum += amount
            accumulators[point].peak = Swift.max(accumulators[point].peak, amount)
        }
    }

    /// Makes `baseIndex` the open base bucket, folding whatever falls out of
    /// the two-bucket window.
    @usableFromInline
    mutating func advanceOpenBucket(to baseIndex: Int64) {
        grow(toFit: baseIndex)
        if openBaseIndex >= 0 {
            if openBaseIndex >= 1 { fold(baseIndex: openBaseIndex - 1, sum: previousSum) }
            if baseIndex == openBaseIndex + 1 {
                previousSum = openSum
            } else {
                fold(baseIndex: openBaseIndex, sum: openSum)
                previousSum = 0
            }
        }
        openBaseIndex = baseIndex
        openSum = 0
        let width = geometry.baseBucketNanoseconds
        openStartNanoseconds = baseIndex * width
        let (end, overflow) = openStartNanoseconds.addingReportingOverflow(width)
        openEndNanoseconds = overflow ? Int64.max : end
    }

    /// Folds one base bucket's complete sum into its point.
    @usableFromInline
    mutating func fold(baseIndex: Int64, sum: Double) {
        let point = geometry.pointIndex(ofBaseIndex: baseIndex)
        accumulators[point].sum += sum
        accumulators[point].peak = Swift.max(accumulators[point].peak, sum)
    }

    /// Folds the kept-aside window, leaving the series with no unfolded sums
    /// (used on the copy that `points(through:)` renders).
    @usableFromInline
    mutating func foldWindow() {
        guard openBaseIndex >= 0 else { return }
        if openBaseIndex >= 1 { fold(baseIndex: openBaseIndex - 1, sum: previousSum) }
        fold(baseIndex: openBaseIndex, sum: openSum)
        previousSum = 0
        openSum = 0
    }

    /// Doubles the width until base bucket `baseIndex` fits within maxPoints
    /// points, then extends storage with empty points up to it.
    @usableFromInline
    mutating func grow(toFit baseIndex: Int64) {
        for _ in 0..<geometry.doublingsNeeded(forBaseIndex: baseIndex) {
            mergeAdjacentPairs(&accumulators) { left, right in
                Accumulator(sum: left.sum + right.sum, peak: Swift.max(left.peak, right.peak))
            }
            geometry.baseBucketsPerPoint *= 2
        }
        let needed = geometry.pointIndex(ofBaseIndex: baseIndex) + 1
        while accumulators.count < needed {
            accumulators.append(Accumulator(sum: 0, peak: 0))
        }
    }

    /// All buckets from 0 up to the one containing endNanoseconds − 1, zeros included.
    ///
    /// Works on a copy, so the series itself is unchanged: the kept-aside
    /// sums are folded into the copy's peaks. If covering `endNanoseconds`
    /// would need more than maxPoints points, the copy is downsampled further,
    /// so the result never exceeds maxPoints entries (its width is then
    /// coarser than `bucketWidthNanoseconds`). Amounts added at or after
    /// `endNanoseconds` appear only if they share the last returned point.
    ///
    /// - Complexity: O(maxPoints).
    public func points(through endNanoseconds: Int64) -> [Point] {
        guard endNanoseconds > 0 else { return [] }
        var copy = self
        copy.foldWindow()
        copy.grow(toFit: (endNanoseconds - 1) / geometry.baseBucketNanoseconds)
        let width = copy.geometry.bucketWidthNanoseconds
        let count = copy.geometry.pointCount(through: endNanoseconds)
        var result = [Point]()
        result.reserveCapacity(count)
        for index in 0..<count {
            let accumulator = copy.accumulators[index]
            result.append(
                Point(
                    startNanoseconds: Int64(index) * width,
                    sum: accumulator.sum, peakBaseBucketSum: accumulator.peak))
        }
        return result
    }
}
