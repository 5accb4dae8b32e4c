import Testing

@testable import ShardSimEngine

@Suite struct CounterSeriesTests {
    let second = nanosecondsPerSecond

    @Test func perSecondBucketsIncludeZeros() {
        var series = CounterSeries()
        series.add(2, at: 0)
        series.add(3, at: second / 2)
        series.add(4, at: 3 * second + 1)
        let points = series.points(through: 5 * second)
        #expect(
            points == [
                .init(startNanoseconds: 0, sum: 5, peakBaseBucketSum: 5),
                .init(startNanoseconds: second, sum: 0, peakBaseBucketSum: 0),
                .init(startNanoseconds: 2 * second, sum: 0, peakBaseBucketSum: 0),
                .init(startNanoseconds: 3 * second, sum: 4, peakBaseBucketSum: 4),
                .init(startNanoseconds: 4 * second, sum: 0, peakBaseBucketSum: 0),
            ])
        #expect(series.points(through: 0).isEmpty)
        #expect(series.points(through: 1).count == 1)
    }

    @Test func downsamplingKeepsTotalsAndPeaks() {
        var series = CounterSeries(maxPoints: 8)
        var rng = Xoshiro256StarStar(seed: 41)
        var perSecond = [Double](repeating: 0, count: 100)
        for secondIndex in 0..<100 {
            if secondIndex == 37 {
                series.add(1_000, at: 37 * second + 5)
                perSecond[37] += 1_000
            }
            let adds = Int(rng.nextInt(below: 5))
            for _ in 0..<adds {
                let amount = Double(rng.nextInt(below: 100))
                let offset = Int64(rng.nextInt(below: UInt64(second)))
                series.add(amount, at: Int64(secondIndex) * second + offset)
                perSecond[secondIndex] += amount
            }
        }
        // 100 one-second buckets into at most 8 points: 16 s per point.
        #expect(series.bucketWidthNanoseconds == 16 * second)
        let points = series.points(through: 100 * second)
        #expect(points.count == 7)
        for (index, point) in points.enumerated() {
            let seconds = perSecond[(index * 16)..<min(100, index * 16 + 16)]
            #expect(point.startNanoseconds == Int64(index) * 16 * second)
            #expect(point.sum == seconds.reduce(0, +))
            #expect(point.peakBaseBucketSum == seconds.max())
        }
        #expect(points[2].peakBaseBucketSum >= 1_000)
    }

    @Test func timesMayStepBackOneBaseBucketWithoutLosingPeaks() {
        var series = CounterSeries()
        series.add(5, at: 5 * second + 500)
        series.add(7, at: 4 * second + 900)  // one bucket back
        series.add(1, at: 5 * second + 100)
        series.add(6, at: 4 * second + 10)
        series.add(2, at: 6 * second)
        series.add(1, at: 5 * second)  // still one bucket back
        let points = series.points(through: 7 * second)
        #expect(points[4].sum == 13 && points[4].peakBaseBucketSum == 13)
        #expect(points[5].sum == 7 && points[5].peakBaseBucketSum == 7)
        #expect(points[6].sum == 2 && points[6].peakBaseBucketSum == 2)
    }

    @Test func writesFurtherBackKeepExactSumsAndALowerBoundPeak() {
        var series = CounterSeries()
        series.add(4, at: 1 * second)
        series.add(1, at: 3 * second)
        series.add(3, at: 1 * second)  // two buckets back: already folded
        let points = series.points(through: 4 * second)
        #expect(points[1].sum == 7)
        #expect(points[1].peakBaseBucketSum >= 4 && points[1].peakBaseBucketSum <= 7)
        #expect(points[3].sum == 1)
    }

    @Test func renderingDoesNotChangeTheSeries() {
        var series = CounterSeries()
        series.add(1, at: 0)
        series.add(1, at: second)
        let before = series
        let first = series.points(through: 2 * second)
        #expect(series == before)
        series.add(1, at: second + 1)
        #expect(
            series.points(through: 2 * second) == [
                .init(startNanoseconds: 0, sum: 1, peakBaseBucketSum: 1),
                .init(startNanoseconds: second, sum: 2, peakBaseBucketSum: 2),
            ])
        #expect(first[1].sum == 1)
    }

    @Test func memoryStaysBoundedOverAMonth() {
        var series = CounterSeries(maxPoints: 64)
        let month = 30 * 24 * 3600 * second
        var total = 0.0
        var time: Int64 = 0
        while time < month {
            series.add(1, at: time)
            total += 1
            time += 60 * second
        }
        #expect(series.accumulators.count <= 64)
        #expect(series.accumulators.capacity <= 128)
        let points = series.points(through: month)
        #expect(points.count <= 64)
        #expect(points.reduce(0) { $0 + $1.sum } == total)
        #expect(points.allSatisfy { $0.peakBaseBucketSum == 1 })
    }

    @Test func renderingFarBeyondTheDataStillFitsMaxPoints() {
        var series = CounterSeries(maxPoints: 16)
        series.add(3, at: 2 * second)
        let points = series.points(through: 1_000 * second)
        #expect(points.count <= 16)
        #expect(points.reduce(0) { $0 + $1.sum } == 3)
        #expect(points[0].peakBaseBucketSum == 3)
        #expect(series.bucketWidthNanoseconds == second)
    }
}
