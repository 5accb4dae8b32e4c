// Shared bucket arithmetic for CounterSeries and GaugeSeries: fixed-width
// base buckets, grouped into points of 2^k base buckets, where k grows so
// that no more than maxPoints points are ever needed.

/// The mapping from time to point index for a downsampling series.
///
/// Invariants: `baseBucketsPerPoint` is a power of two; a point index is
/// always < `maxPoints` for every time that has been accepted. Because each
/// doubling merges points 2i and 2i+1 into i, a base bucket belongs to exactly
/// one point at every resolution, which is what lets late folds and merges
/// commute.
@usableFromInline
struct SeriesGeometry: Sendable, Equatable {
    @usableFromInline let maxPoints: Int
    @usableFromInline let baseBucketNanoseconds: Int64
    @usableFromInline var baseBucketsPerPoint: Int64

    @usableFromInline
    init(maxPoints: Int, baseBucketNanoseconds: Int64) {
        precondition(maxPoints >= 2, "a series needs maxPoints >= 2 so adjacent points can merge")
        precondition(baseBucketNanoseconds > 0, "the base bucket must be a positive number of nanoseconds")
        self.maxPoints = maxPoints
        self.baseBucketNanoseconds = baseBucketNanoseconds
        self.baseBucketsPerPoint = 1
    }

    /// The current width of one point.
    ///
    /// Cannot overflow: it only doubles while some accepted time t ≥ 0 has
    /// t / width ≥ maxPoints ≥ 2, which bounds width by Int64.max / 2.
    @inlinable
    var bucketWidthNanoseconds: Int64 { baseBucketNanoseconds * baseBucketsPerPoint }

    /// The point holding base bucket `baseIndex` at the current resolution.
    @inlinable
    func pointIndex(ofBaseIndex baseIndex: Int64) -> Int {
        Int(truncatingIfNeeded: baseIndex / baseBucketsPerPoint)
    }

    /// How many doublings are needed so that base bucket `baseIndex` fits.
    @usableFromInline
    func doublingsNeeded(forBaseIndex baseIndex: Int64) -> Int {
        var perPoint = baseBucketsPerPoint
        var doublings = 0
        while baseIndex / perPoint >= Int64(maxPoints) {
            perPoint *= 2
            doublings += 1
        }
        return doublings
    }

    /// The number of points that cover [0, endNanoseconds) at the current
    /// resolution (0 when `endNanoseconds` <= 0).
    @usableFromInline
    func pointCount(through endNanoseconds: Int64) -> Int {
        guard endNanoseconds > 0 else { return 0 }
        let lastBase = (endNanoseconds - 1) / baseBucketNanoseconds
        return pointIndex(ofBaseIndex: lastBase) + 1
    }
}

/// Merges adjacent pairs in place: element i becomes combine(2i, 2i+1)
/// (or just 2i when it has no partner), halving the count rounded up.
///
/// In place is safe because index i is written only after indices 2i and
/// 2i+1 (both ≥ i) have been read.
///
/// - Complexity: O(n).
@usableFromInline
func mergeAdjacentPairs<Element>(
    _ elements: inout ContiguousArray<Element>,
    _ combine: (Element, Element) -> Element
) {
    let mergedCount = (elements.count + 1) / 2
    for index in 0..<mergedCount {
        let left = 2 * index
        let right = left + 1
        elements[index] = right < elements.count ? combine(elements[left], elements[right]) : elements[left]
    }
    elements.removeLast(elements.count - mergedCount)
}
