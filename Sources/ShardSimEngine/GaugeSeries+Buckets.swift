// Slow paths and rendering for GaugeSeries.

extension GaugeSeries {
    /// The slow path of `observe`: a time outside the cached point, so the
    /// point index is computed (and storage grown or merged) first.
    @usableFromInline
    mutating func observeOutsideCachedPoint(_ value: Double, at timeNanoseconds: Int64) {
        precondition(timeNanoseconds >= 0, "GaugeSeries times must be >= 0")
        flushCachedSlot()
        let baseIndex = timeNanoseconds / geometry.baseBucketNanoseconds
        grow(toFit: baseIndex)
        let index = geometry.pointIndex(ofBaseIndex: baseIndex)
        cachedSlot = slots[index]
        cachedSlot.observe(value, at: timeNanoseconds)
        let width = geometry.bucketWidthNanoseconds
        cachedIndex = index
        cachedStartNanoseconds = Int64(index) * width
        let (end, overflow) = cachedStartNanoseconds.addingReportingOverflow(width)
        cachedEndNanoseconds = overflow ? Int64.max : end
    }

    /// Writes the cached point back to `slots` and empties the cached range, so `slots` holds every point.
    @usableFromInline
    mutating func flushCachedSlot() {
        guard cachedStartNanoseconds < cachedEndNanoseconds else { return }
        slots[cachedIndex] = cachedSlot
        cachedStartNanoseconds = 0
        cachedEndNanoseconds = 0
    }

    /// Doubles the width until base bucket `baseIndex` fits within maxPoints
    /// points, then extends storage with empty points up to it.
    @usableFromInline
    mutating func grow(toFit baseIndex: Int64) {
        let doublings = geometry.doublingsNeeded(forBaseIndex: baseIndex)
        if doublings > 0 {
            for _ in 0..<doublings {
                mergeAdjacentPairs(&slots, Slot.combine)
                geometry.baseBucketsPerPoint *= 2
            }
            // The cached range described a point that no longer exists.
            cachedStartNanoseconds = 0
            cachedEndNanoseconds = 0
        }
        let needed = geometry.pointIndex(ofBaseIndex: baseIndex) + 1
        while slots.count < needed {
            slots.append(Slot(maxValue: 0, lastValue: 0, lastTimeNanoseconds: 0, hasValue: false))
        }
    }

    /// All buckets from 0 up to the one containing endNanoseconds − 1, empty ones included.
    ///
    /// Works on a copy, so the series itself is unchanged. If covering
    /// `endNanoseconds` would need more than maxPoints points, the copy is
    /// downsampled further, so the result never exceeds maxPoints entries.
    /// Observations at or after `endNanoseconds` appear only if they share
    /// the last returned point.
    ///
    /// - Complexity: O(maxPoints).
    public func points(through endNanoseconds: Int64) -> [Point] {
        guard endNanoseconds > 0 else { return [] }
        var copy = self
        copy.flushCachedSlot()
        copy.grow(toFit: (endNanoseconds - 1) / geometry.baseBucketNanoseconds)
        let width = copy.geometry.bucketWidthNanoseconds
        let count = copy.geometry.pointCount(through: endNanoseconds)
        var result = [Point]()
        result.reserveCapacity(count)
        for index in 0..<count {
            let slot = copy.slots[index]
            result.append(
                Point(
                    startNanoseconds: Int64(index) * width,
                    maxValue: slot.hasValue ? slot.maxValue : 0,
                    lastValue: slot.hasValue ? slot.lastValue : 0,
                    hasValue: slot.hasValue))
        }
        return result
    }
}
