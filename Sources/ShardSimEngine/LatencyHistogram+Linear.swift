extension LatencyHistogram.Recorder {
    /// Records `count` values (count > 0) that run linearly from `first` to `last` as `min(count, 4)` weighted
    /// samples: of S samples, sample s stands for the values `count·s/S ..< count·(s+1)/S` and records the line at
    /// the midpoint fraction (s + ½)/S, computed in Double and truncated to Int64. Exactly what
    /// `record(_:count:)` of each sample records.
    ///
    /// Why not that loop: a reader records each piece of a read this way, millions of times a run. With four
    /// samples the counts are shifts and the samples monotone (the line is, and rounding and truncation keep
    /// order), so the extremes are the first and last sample; and for values below 2^48 the Double arithmetic
    /// is exact, so the samples are integer eighths (`recordFourExactSamples`).
    @inlinable @inline(__always)
    public mutating func recordLinear(from first: Int64, to last: Int64, count: Int64) {
        precondition(count > 0, "LatencyHistogram.recordLinear count must be > 0")
        guard count >= 4 else {
            // One value samples the line at ½, two at ¼ and ¾: for |first|, |last| < 2^48 the Double sums below are
            // exact (multiples of a quarter below 2^50), so truncating and clamping is flooring then clamping.
            let small: Int64 = 1 << 48
            if count < 3 && first > -small && first < small && last > -small && last < small {
                let span = last &- first
                if count == 1 {
                    recordOne((first &* 2 &+ span) &>> 1)
                } else {
                    recordOne((first &* 4 &+ span) &>> 2)
                    recordOne((first &* 4 &+ span &* 3) &>> 2)
                }
                return
            }
            let base = Double(first)
            let span = Double(last - first)
            for sample in 0..<count {
                let fraction = (Double(sample) + 0.5) / Double(count)
                recordOne(Int64(base + span * fraction))
            }
            return
        }
        // count·s/4 for s = 1, 2, 3 (count·2/4 is count/2 for count ≥ 0).
        let quarter = count / 4
        let half = count / 2
        let threeQuarters = count * 3 / 4
        let counts = (quarter, half - quarter, threeQuarters - half, count - threeQuarters)
        let bound: Int64 = 1 << 48
        if first > -bound && first < bound && last > -bound && last < bound && count < 1 << 12 {
            recordFourExactSamples(from: first, to: last, counts: counts)
            addedCount &+= count
            return
        }
        let base = Double(first)
        let span = Double(last - first)
        let values = (
            Swift.max(Int64(base + span * 0.125), 0), Swift.max(Int64(base + span * 0.375), 0),
            Swift.max(Int64(base + span * 0.625), 0), Swift.max(Int64(base + span * 0.875), 0)
        )
        addToSum(values.0, count: counts.0)
        addToSum(values.1, count: counts.1)
        addToSum(values.2, count: counts.2)
        addToSum(values.3, count: counts.3)
        addToBucket(values.0, count: counts.0)
        addToBucket(values.1, count: counts.1)
        addToBucket(values.2, count: counts.2)
        addToBucket(values.3, count: counts.3)
        addedCount += count
        let low = Swift.min(values.0, values.3)
        let high = Swift.max(values.0, values.3)
        if low < minimum { minimum = low }
        if high > maximum { maximum = high }
    }

    /// `recordLinear`'s four samples for |first|, |last| < 2^48 and count < 2^12 (`exactSamples`), recorded with
    /// wrapping arithmetic and no bounds check: every sample lies in 0 ..< 2^50, so its shift is at most 42 and its
    /// bucket below 43 · 128 < `LatencyHistogram.bucketCount`; each sample times its count (< 2^12) is below 2^62
    /// and the four products sum below 2^64. The samples are monotone, so the first and last are the extremes, and
    /// when those two share a shift (the common case: a piece spans far less than a doubling) so do the middle
    /// two, which then need no leading-zero count of their own.
    @inlinable @inline(__always)
    mutating func recordFourExactSamples(
        from first: Int64, to last: Int64, counts weights: (Int64, Int64, Int64, Int64)
    ) {
        let values = Self.exactSamples(from: first, to: last)
        let sum =
            UInt64(bitPattern: values.0) &* UInt64(bitPattern: weights.0)
            &+ UInt64(bitPattern: values.1) &* UInt64(bitPattern: weights.1)
            &+ UInt64(bitPattern: values.2) &* UInt64(bitPattern: weights.2)
            &+ UInt64(bitPattern: values.3) &* UInt64(bitPattern: weights.3)
        let (low, carry) = sumLow.addingReportingOverflow(sum)
        sumLow = low
        sumHigh &+= carry ? 1 : 0
        let firstShift = Self.bucketShift(of: values.0)
        let lastShift = Self.bucketShift(of: values.3)
        let buckets = counts.baseAddress.unsafelyUnwrapped
        if firstShift == lastShift {
            let base = firstShift &<< LatencyHistogram.subBucketBits
            buckets[base &+ Int(truncatingIfNeeded: values.0 &>> firstShift)] &+= weights.0
            buckets[base &+ Int(truncatingIfNeeded: values.1 &>> firstShift)] &+= weights.1
            buckets[base &+ Int(truncatingIfNeeded: values.2 &>> firstShift)] &+= weights.2
            buckets[base &+ Int(truncatingIfNeeded: values.3 &>> firstShift)] &+= weights.3
        } else {
            buckets[Self.bucket(of: values.0, shift: firstShift)] &+= weights.0
            buckets[Self.bucket(of: values.1, shift: Self.bucketShift(of: values.1))] &+= weights.1
            buckets[Self.bucket(of: values.2, shift: Self.bucketShift(of: values.2))] &+= weights.2
            buckets[Self.bucket(of: values.3, shift: lastShift)] &+= weights.3
        }
        let smallest = Swift.min(values.0, values.3)
        let largest = Swift.max(values.0, values.3)
        if smallest < minimum { minimum = smallest }
        if largest > maximum { maximum = largest }
    }

    /// `record(value, count: 1)` written for one: clamped at 0, and with no bounds check, since every non-negative
    /// Int64 has a bucket (`LatencyHistogram.bucketCount`); the sum gains the value itself.
    @inlinable @inline(__always)
    mutating func recordOne(_ value: Int64) {
        let clamped = Swift.max(value, 0)
        counts.baseAddress.unsafelyUnwrapped[Self.bucket(of: clamped, shift: Self.bucketShift(of: clamped))] &+= 1
        addedCount &+= 1
        if clamped < minimum { minimum = clamped }
        if clamped > maximum { maximum = clamped }
        let (low, carry) = sumLow.addingReportingOverflow(UInt64(bitPattern: clamped))
        sumLow = low
        sumHigh &+= carry ? 1 : 0
    }

    /// `LatencyHistogram.bucketIndex(of:)`'s shift, max(0, bitWidth − 8), for non-negative `value`: the bit width of
    /// `value | 255` less 8 (never below 0, so no clamp and no zero case in the leading-zero count).
    @inlinable @inline(__always)
    static func bucketShift(of value: Int64) -> Int {
        let lowBits: UInt64 = (1 << (LatencyHistogram.subBucketBits &+ 1)) &- 1
        return 64 &- (UInt64(truncatingIfNeeded: value) | lowBits).leadingZeroBitCount
            &- (LatencyHistogram.subBucketBits &+ 1)
    }

    /// The bucket of non-negative `value` whose `bucketShift` is `shift`.
    @inlinable @inline(__always)
    static func bucket(of value: Int64, shift: Int) -> Int {
        (shift &<< LatencyHistogram.subBucketBits) &+ Int(truncatingIfNeeded: value &>> shift)
    }

    /// The four samples of `recordLinear`, clamped at 0, for |first|, |last| < 2^48. There `Double(first)` and
    /// `Double(last − first)` are exact, the span times 1/8, 3/8, 5/8 or 7/8 is exact (an integer below 2^53
    /// over a power of two), and so is their sum (8·first + k·span, below 2^53, over 8): the Double result is the
    /// rational (8·first + k·span)/8, and truncating it toward zero then clamping at 0 equals flooring it
    /// (an arithmetic shift) then clamping.
    @inlinable @inline(__always)
    static func exactSamples(from first: Int64, to last: Int64) -> (Int64, Int64, Int64, Int64) {
        let span = last &- first
        let eighth1 = first &* 8 &+ span
        let eighth3 = eighth1 &+ span &* 2
        let eighth5 = eighth3 &+ span &* 2
        let eighth7 = eighth5 &+ span &* 2
        // Latencies are never negative in a run (a record is read after it was accepted): then the samples, points
        // between first and last, are not either, and need no clamp.
        if first | last >= 0 { return (eighth1 >> 3, eighth3 >> 3, eighth5 >> 3, eighth7 >> 3) }
        return (
            Swift.max(eighth1 >> 3, 0), Swift.max(eighth3 >> 3, 0), Swift.max(eighth5 >> 3, 0),
            Swift.max(eighth7 >> 3, 0)
        )
    }

    /// `count` more in the bucket of non-negative `value`: `LatencyHistogram.bucketIndex(of:)` written out (the
    /// optimiser did not inline it here) as `bucket(of:shift:)`.
    @inlinable @inline(__always)
    mutating func addToBucket(_ value: Int64, count: Int64) {
        let bucket = Self.bucket(of: value, shift: Self.bucketShift(of: value))
        precondition(bucket < counts.count, "latency bucket out of range")
        counts[bucket] += count
    }

    /// `count` occurrences of non-negative `value` into the 128-bit sum.
    @inlinable @inline(__always)
    mutating func addToSum(_ value: Int64, count: Int64) {
        let product = UInt64(value).multipliedFullWidth(by: UInt64(count))
        let (low, carry) = sumLow.addingReportingOverflow(product.low)
        sumLow = low
        sumHigh &+= product.high &+ (carry ? 1 : 0)
    }
}
