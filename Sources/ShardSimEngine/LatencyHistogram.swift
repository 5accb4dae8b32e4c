/// Log-linear histogram of non-negative Int64 values (nanoseconds), HDR-style: values < 2^subBucketBits are exact,
/// above that each power-of-two range is split into 2^subBucketBits buckets. Fixed memory, independent of count.
///
/// With subBucketBits = 7, values below 256 land in their own bucket, and a
/// value v in [2^m, 2^(m+1)) lands in a bucket of width 2^(m−7) ≤ v · 2^-7, so
/// reporting a bucket's upper bound overstates a value by at most 0.78 %.
/// The full non-negative Int64 range needs (64 − 7) · 128 = 7296 buckets
/// (57 KiB of counts), allocated once at `init`.
///
/// Invariants: `count` is the sum of all bucket counts; `minValue`/`maxValue`
/// are exact; the sum is an exact 128-bit integer, so `merge` is associative
/// and commutative and two histograms fed the same multiset are `==`.
///
/// - Complexity: `record` O(1) without allocation; `percentile` and `merge`
///   O(bucket count).
public struct LatencyHistogram: Sendable, Equatable {
    @usableFromInline var counts: ContiguousArray<Int64>
    @usableFromInline var totalCount: Int64
    /// Int64.max while empty so the first value always lowers it.
    @usableFromInline var minimum: Int64
    @usableFromInline var maximum: Int64
    /// Exact sum of recorded values as a 128-bit unsigned integer (high, low).
    @usableFromInline var sumHigh: UInt64
    @usableFromInline var sumLow: UInt64

    /// An empty histogram with subBucketBits = 7 (relative error ≤ 2^-7).
    public init() {
        counts = ContiguousArray(repeating: 0, count: LatencyHistogram.bucketCount)
        totalCount = 0
        minimum = Int64.max
        maximum = 0
        sumHigh = 0
        sumLow = 0
    }

    /// The largest relative overstatement of a reported percentile: 2^-7 (0.78 %).
    ///
    /// A reported value r for a true value v satisfies v ≤ r ≤ v · (1 + bound).
    @inlinable
    public static var relativeErrorBound: Double { 0x1p-7 }

    /// Records one value; negative values record as 0.
    ///
    /// - Complexity: O(1), no allocation.
    @inlinable
    public mutating func record(_ value: Int64) {
        let clamped = Swift.max(value, 0)
        counts[LatencyHistogram.bucketIndex(of: clamped)] &+= 1
        totalCount += 1
        if clamped < minimum { minimum = clamped }
        if clamped > maximum { maximum = clamped }
        let (low, carry) = sumLow.addingReportingOverflow(UInt64(clamped))
        sumLow = low
        if carry { sumHigh &+= 1 }
    }

    /// Records `count` occurrences of one value (count >= 0; 0 is a no-op).
    ///
    /// - Complexity: O(1), no allocation.
    @inlinable
    public mutating func record(_ value: Int64, count: Int64) {
        precondition(count >= 0, "LatencyHistogram.record count must be >= 0")
        if count == 0 { return }
        let clamped = Swift.max(value, 0)
        counts[LatencyHistogram.bucketIndex(of: clamped)] += count
        totalCount += count
        if clamped < minimum { minimum = clamped }
        if clamped > maximum { maximum = clamped }
        addToSum(UInt64(clamped).multipliedFullWidth(by: UInt64(count)))
    }

    /// The number of recorded values.
    @inlinable
    public var count: Int64 { totalCount }

    /// The largest recorded value, exactly (0 when empty).
    @inlinable
    public var maxValue: Int64 { maximum }

    /// The smallest recorded value, exactly (0 when empty).
    @inlinable
    public var minValue: Int64 { totalCount == 0 ? 0 : minimum }

    /// The exact arithmetic mean (0 when empty), rounded once to Double.
    ///
    /// The 128-bit sum cannot wrap for fewer than 2^64 values.
    public var mean: Double {
        guard totalCount > 0 else { return 0 }
        let sum = Double(sumHigh) * 0x1p64 + Double(sumLow)
        return sum / Double(totalCount)
    }

    /// Adds a 128-bit (high, low) product into the running sum.
    @inlinable
    mutating func addToSum(_ product: (high: UInt64, low: UInt64)) {
        let (low, carry) = sumLow.addingReportingOverflow(product.low)
        sumLow = low
        sumHigh &+= product.high &+ (carry ? 1 : 0)
    }
}
