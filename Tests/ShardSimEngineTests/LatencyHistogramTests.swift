import Foundation
import Testing

@testable import ShardSimEngine

@Suite struct LatencyHistogramTests {
    /// The value at percentile p of a sorted array, by the histogram's rank rule.
    func referencePercentile(_ sorted: [Int64], _ p: Double) -> Int64 {
        let rank = min(sorted.count, max(1, Int((p * Double(sorted.count) / 100).rounded(.up))))
        return sorted[rank - 1]
    }

    @Test func emptyHistogramReportsZeros() {
        let histogram = LatencyHistogram()
        #expect(histogram.count == 0)
        #expect(histogram.minValue == 0 && histogram.maxValue == 0)
        #expect(histogram.mean == 0)
        #expect(histogram.percentile(50) == 0 && histogram.percentile(100) == 0)
    }

    @Test func elapsedTimesRecordLikeSingleValues() {
        // Put latency is recorded as "now − start" over a request's records at once; it must give the histogram that
        // recording each difference gives: the same buckets (compared through every percentile), extremes and sum
        // (the mean of 10 values). Starts after `now` clamp to 0, like a negative value recorded on its own.
        let now: Int64 = 5_000_000_000
        let starts: [Int64] = [
            0, 4_999_999_999, 5_000_000_000, 5_000_000_001, 4_000_000_000, 1, 4_999_999_872,
            4_999_999_744, 4_999_999_743, 2_500_000_000,
        ]
        var single = LatencyHistogram()
        for start in starts { single.record(now - start) }
        var bulk = LatencyHistogram()
        bulk.record(10)
        bulk.record(elapsedUntil: now, since: starts) { $0 }
        single.record(10)
        #expect(bulk == single)
        // By hand: latencies 5e9, 1, 0, 0 (clamped), 1e9, 4,999,999,999, 128, 256, 257, 2.5e9 and the 10 recorded
        // first: minimum 0, maximum 5e9, sum 13,500,000,651 over 11 values.
        #expect(bulk.minValue == 0 && bulk.maxValue == 5_000_000_000)
        #expect(bulk.mean == 13_500_000_651.0 / 11)
    }

    @Test func bucketsOfSmallValuesAndTheirNeighbours() {
        // Values below 256 have buckets of their own; 256 and 257 share bucket 256 (spacing 2 from 256 to 511), and
        // 512 starts bucket 384 (128 + 2 × 128): the layout in LatencyHistogram+Buckets.swift, by hand.
        for value in Int64(0)..<256 { #expect(LatencyHistogram.bucketIndex(of: value) == Int(value)) }
        #expect(LatencyHistogram.bucketIndex(of: 256) == 256)
        #expect(LatencyHistogram.bucketIndex(of: 257) == 256)
        #expect(LatencyHistogram.bucketIndex(of: 258) == 257)
        #expect(LatencyHistogram.bucketIndex(of: 511) == 383)
        #expect(LatencyHistogram.bucketIndex(of: 512) == 384)
        #expect(LatencyHistogram.bucketIndex(of: .max) == LatencyHistogram.bucketCount - 1)
    }

    @Test func smallValuesAreExact() {
        var histogram = LatencyHistogram()
        for value in Int64(0)..<256 { histogram.record(value) }
        #expect(histogram.count == 256)
        #expect(histogram.minValue == 0 && histogram.maxValue == 255)
        #expect(histogram.mean == 127.5)
        for value in Int64(1)...256 {
            #expect(histogram.percentile(Double(value) * 100 / 256) == value - 1)
        }
        #expect(histogram.percentile(0) == 0)
    }

    @Test func negativeValuesRecordAsZeroAndCountsAccumulate() {
        var histogram = LatencyHistogram()
        histogram.record(-5)
        histogram.record(1_000, count: 3)
        histogram.record(7, count: 0)
        #expect(histogram.count == 4)
        #expect(histogram.minValue == 0 && histogram.maxValue == 1_000)
        #expect(histogram.mean == 750)
        #expect(histogram.percentile(25) == 0)
        #expect(histogram.percentile(26) == 1_000)
    }

    @Test func percentilesStayWithinTheRelativeErrorBound() {
        var rng = Xoshiro256StarStar(seed: 31)
        var histogram = LatencyHistogram()
        var values: [Int64] = []
        for _ in 0..<100_000 {
            // Spread over ~17 orders of magnitude (1 ns to ~2e17 ns).
            let value = Int64(exp(rng.uniform(min: 0, max: 40)))
            values.append(value)
            histogram.record(value)
        }
        values.sort()
        #expect(histogram.minValue == values.first && histogram.maxValue == values.last)
        for p in [0, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100.0] {
            let reported = histogram.percentile(p)
            let truth = referencePercentile(values, p)
            #expect(reported >= truth)
            #expect(Double(reported - truth) <= Double(truth) * LatencyHistogram.relativeErrorBound)
        }
        #expect(histogram.percentile(100) == values.last)
        let exactMean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        #expect(abs(histogram.mean - exactMean) / exactMean < 1e-9)
    }

    @Test func bucketBoundsAreContiguousAndWithinBound() {
        var previousUpper: Int64 = -1
        for index in 0..<LatencyHistogram.bucketCount {
            let upper = LatencyHistogram.upperBound(ofBucket: index)
            let lower = previousUpper + 1
            #expect(LatencyHistogram.bucketIndex(of: lower) == index)
            #expect(LatencyHistogram.bucketIndex(of: upper) == index)
            #expect(Double(upper - lower) <= Double(lower) * LatencyHistogram.relativeErrorBound)
            previousUpper = upper
        }
        #expect(previousUpper == Int64.max)
    }

    @Test func mergeEqualsRecordingBoth() {
        var rng = Xoshiro256StarStar(seed: 32)
        var left = LatencyHistogram()
        var right = LatencyHistogram()
        var both = LatencyHistogram()
        for step in 0..<20_000 {
            let value = Int64(rng.nextInt(below: 5_000_000_000))
            if step % 3 == 0 { left.record(value) } else { right.record(value, count: 2) }
            both.record(value, count: step % 3 == 0 ? 1 : 2)
        }
        var merged = left
        merged.merge(right)
        #expect(merged == both)
        var reversed = right
        reversed.merge(left)
        #expect(reversed == both)
        #expect(merged.percentile(99) == both.percentile(99))
        #expect(merged.mean == both.mean)
        var withEmpty = both
        withEmpty.merge(LatencyHistogram())
        #expect(withEmpty == both)
    }

    @Test func hugeValuesDoNotOverflowTheMean() {
        var histogram = LatencyHistogram()
        histogram.record(Int64.max)
        histogram.record(Int64.max, count: 1_000_000)
        #expect(histogram.mean == Double(Int64.max))
        #expect(histogram.percentile(50) == Int64.max)
    }

    @Test func memoryDoesNotGrowWithCount() {
        var histogram = LatencyHistogram()
        let bucketsBefore = histogram.counts.count
        var rng = Xoshiro256StarStar(seed: 33)
        for _ in 0..<50_000 { histogram.record(Int64(rng.next() >> 1)) }
        #expect(histogram.counts.count == bucketsBefore)
        // By hand, for 0 … Int64.max: a bucket of its own for each value below 2^8 (256), then 2^7 = 128 buckets
        // for each power-of-two range [2^m, 2^(m+1)), m = 8 … 62 (55 ranges): 256 + 55 · 128 = 7,296, from init on.
        #expect(bucketsBefore == 7_296)
        #expect(MemoryLayout<LatencyHistogram>.size <= 48)
    }

    /// A reader records a few weighted values per piece through one recorder. By hand: 5 once, 200 twice and 300
    /// three times after an earlier 100: 7 values, minimum 5, maximum 300, mean (100 + 5 + 400 + 900) / 7 = 200.714…;
    /// the median (4th of 7 in order 5, 100, 200, 200, 300, 300, 300) is 200, exact below 256.
    @Test func recorderAddsWeightedValuesLikeSeparateRecords() {
        var histogram = LatencyHistogram()
        histogram.record(100)
        histogram.withRecorder { recorder in
            recorder.record(5, count: 1)
            recorder.record(200, count: 2)
            recorder.record(999, count: 0)
            recorder.record(300, count: 3)
        }
        #expect(histogram.count == 7)
        #expect(histogram.minValue == 5 && histogram.maxValue == 300)
        #expect(abs(histogram.mean - 1_405.0 / 7) < 1e-9)
        #expect(histogram.percentile(50) == 200)
    }
}
