import Testing

@testable import ShardSimEngine

/// `Recorder.recordLinear(from:to:count:)`: a reader's piece of records whose latency runs linearly, recorded as up to
/// four weighted midpoint samples.
@Suite struct LatencyHistogramLinearTests {
    /// By hand: 8 records whose latency runs from 1,000 to 1,800 ns. Four samples at 1/8, 3/8, 5/8 and 7/8 of the
    /// 800 ns span: 1,100, 1,300, 1,500 and 1,700 ns, each standing for 8/4 = 2 records. Count 8, minimum 1,100,
    /// maximum 1,700, mean (2 · 5,600) / 8 = 1,400; the median (4th of 8 in order) is 1,300, reported as the top of
    /// its bucket: from 1,024 to 2,047 buckets are 1,024 / 128 = 8 ns wide, and 1,300 lies in 1,296 ... 1,303.
    @Test func eightRecordsBecomeFourWeightedSamples() {
        var histogram = LatencyHistogram()
        histogram.withRecorder { recorder in recorder.recordLinear(from: 1_000, to: 1_800, count: 8) }
        #expect(histogram.count == 8)
        #expect(histogram.minValue == 1_100 && histogram.maxValue == 1_700)
        #expect(histogram.mean == 1_400)
        #expect(histogram.percentile(50) == 1_303)
    }

    /// By hand: 3 records from 90 to 30 ns (falling) are sampled one each at 1/6, 3/6 and 5/6: 80, 60 and 40 ns;
    /// a negative start clamps at 0: 2 records from −50 to 10 ns give −35 → 0 and −5 → 0 (truncated toward zero).
    @Test func shortPiecesRecordEveryRecordAndNegativesClampAtZero() {
        var histogram = LatencyHistogram()
        histogram.withRecorder { recorder in
            recorder.recordLinear(from: 90, to: 30, count: 3)
            recorder.recordLinear(from: -50, to: 10, count: 2)
        }
        #expect(histogram.count == 5)
        #expect(histogram.minValue == 0 && histogram.maxValue == 80)
        #expect(histogram.mean == 180.0 / 5)
    }

    /// Against the plain loop it replaces (one `record(_:count:)` per sample, the samples computed in Double):
    /// identical histograms for rising, falling, negative, huge (beyond the exact-integer path's 2^48) values and
    /// counts on both sides of its 2^12 limit.
    @Test func matchesOneRecordPerSample() {
        var random = Xoshiro256StarStar(seed: 19)
        var fast = LatencyHistogram()
        var reference = LatencyHistogram()
        for round in 0..<20_000 {
            let magnitude: Int64 = round % 10 == 0 ? 1 << 60 : (round % 3 == 0 ? 1 << 49 : 1 << 30)
            let first = Int64(random.nextInt(below: UInt64(magnitude))) - magnitude / 4
            let last = Int64(random.nextInt(below: UInt64(magnitude))) - magnitude / 4
            let count = round % 7 == 0 ? Int64(random.nextInt(below: 10_000)) + 1 : Int64(random.nextInt(below: 12)) + 1
            fast.withRecorder { recorder in recorder.recordLinear(from: first, to: last, count: count) }
            let samples = min(count, 4)
            for sample in 0..<samples {
                let weight = count * (sample + 1) / samples - count * sample / samples
                let fraction = (Double(sample) + 0.5) / Double(samples)
                let value = Double(first) + Double(last - first) * fraction
                reference.record(Int64(value), count: weight)
            }
        }
        #expect(fast == reference)
    }

    /// By hand, across a bucket-width boundary (recorded directly on the histogram, as a one-piece read is): 4 records
    /// from 250 to 266 ns are sampled at 1/8, 3/8, 5/8 and 7/8 of the 16 ns span: 252, 256, 260 and 264 ns, one record
    /// each. Below 256 every value has its own bucket; from 256 to 511 buckets are 2 ns wide (256 / 128). So the
    /// first sample (252) and the last (264) lie in buckets of different widths. Count 4, minimum 252, maximum 264,
    /// mean 1,032 / 4 = 258; the 25th percentile (1st of 4) is 252 exactly, the median (2nd) 256, reported as the top
    /// of its bucket 256 ... 257.
    @Test func aPieceAcrossABucketWidthBoundary() {
        var histogram = LatencyHistogram()
        histogram.recordLinear(from: 250, to: 266, count: 4)
        #expect(histogram.count == 4)
        #expect(histogram.minValue == 252 && histogram.maxValue == 264)
        #expect(histogram.mean == 258)
        #expect(histogram.percentile(25) == 252)
        #expect(histogram.percentile(50) == 257)
    }

    /// The one-piece entry point against the plain loop of `record(_:count:)` per sample, on values whose first and
    /// last samples often differ in bucket width (both sides of powers of two from 2^8 to 2^40).
    @Test func onePieceEntryPointMatchesOneRecordPerSample() {
        var random = Xoshiro256StarStar(seed: 1_919)
        var fast = LatencyHistogram()
        var reference = LatencyHistogram()
        for round in 0..<20_000 {
            let power = Int64(1) << Int64(8 + round % 33)
            let first = power - Int64(random.nextInt(below: UInt64(power / 2)))
            let last = power + Int64(random.nextInt(below: UInt64(power / 2)))
            let count = Int64(random.nextInt(below: 40)) + 1
            fast.recordLinear(from: round % 2 == 0 ? first : last, to: round % 2 == 0 ? last : first, count: count)
            let samples = min(count, 4)
            for sample in 0..<samples {
                let weight = count * (sample + 1) / samples - count * sample / samples
                let fraction = (Double(sample) + 0.5) / Double(samples)
                let start = Double(round % 2 == 0 ? first : last)
                let end = Double(round % 2 == 0 ? last : first)
                reference.record(Int64(start + (end - start) * fraction), count: weight)
            }
        }
        #expect(fast == reference)
    }
}
