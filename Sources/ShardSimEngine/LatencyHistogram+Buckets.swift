// Bucket geometry for LatencyHistogram.
//
// Index layout: a value v with s = max(0, bitWidth(v) − 8) goes to
// s · 128 + (v >> s). For s = 0 that is v itself (0...255, exact); for s ≥ 1
// v >> s lies in 128..<256, so each shift level owns 128 consecutive indices
// and the indices are dense and monotone in v.

extension LatencyHistogram {
    /// log2 of the number of buckets per power-of-two range.
    @inlinable
    static var subBucketBits: Int { 7 }

    /// Buckets needed to cover 0...Int64.max: (64 − 7) · 2^7 = 7296.
    @inlinable
    static var bucketCount: Int { (64 - subBucketBits) << subBucketBits }

    /// The bucket holding non-negative `value`.
    ///
    /// - Complexity: O(1) (one count-leading-zeros, one shift).
    @inlinable
    static func bucketIndex(of value: Int64) -> Int {
        let magnitude = UInt64(truncatingIfNeeded: value)
        // Setting bit 7 leaves the width of values of 8 bits or more as it is and makes every smaller value 8 bits
        // wide: the shift is then bitWidth − 8 with no clamp at 0 (and the count is of a non-zero value).
        let bitWidth = 64 &- (magnitude | (1 << UInt64(subBucketBits))).leadingZeroBitCount
        let shift = bitWidth &- (subBucketBits &+ 1)
        return (shift << subBucketBits) &+ Int(truncatingIfNeeded: magnitude >> UInt64(shift))
    }

    /// The largest value that maps to bucket `index` (inclusive upper bound).
    @inlinable
    static func upperBound(ofBucket index: Int) -> Int64 {
        let shift = Swift.max(0, (index >> subBucketBits) - 1)
        let mantissa = UInt64(index - (shift << subBucketBits))
        let upper = ((mantissa + 1) << UInt64(shift)) - 1
        return Int64(truncatingIfNeeded: upper)
    }
}
