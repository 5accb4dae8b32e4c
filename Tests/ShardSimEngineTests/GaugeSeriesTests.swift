import Testing

@testable import ShardSimEngine

@Suite struct GaugeSeriesTests {
    let second = nanosecondsPerSecond

    @Test func keepsMaxAndLastPerBucket() {
        var series = GaugeSeries()
        series.observe(3, at: 0)
        series.observe(9, at: 100)
        series.observe(4, at: 200)
        series.observe(1, at: 2 * second)
        #expect(
            series.points(through: 3 * second) == [
                .init(startNanoseconds: 0, maxValue: 9, lastValue: 4, hasValue: true),
                .init(startNanoseconds: second, maxValue: 0, lastValue: 0, hasValue: false),
                .init(startNanoseconds: 2 * second, maxValue: 1, lastValue: 1, hasValue: true),
            ])
    }

    @Test func lastMeansLatestTimeEvenWhenObservedOutOfOrder() {
        var series = GaugeSeries()
        series.observe(5, at: second + 900)
        series.observe(8, at: second + 100)
        series.observe(2, at: 3 * second)
        series.observe(6, at: second + 900)
        let points = series.points(through: 2 * second)
        #expect(points[1] == .init(startNanoseconds: second, maxValue: 8, lastValue: 6, hasValue: true))
    }

    @Test func downsamplingKeepsMaximaAndLastValues() {
        var series = GaugeSeries(maxPoints: 10)
        var rng = Xoshiro256StarStar(seed: 51)
        var observations: [(time: Int64, value: Double)] = []
        var time: Int64 = 0
        while time < 95 * second {
            let value = rng.uniform(min: 0, max: 1000)
            series.observe(value, at: time)
            observations.append((time, value))
            time += Int64(rng.nextInt(below: UInt64(3 * second)))
        }
        #expect(series.bucketWidthNanoseconds == 16 * second)
        #expect(series.slots.count <= 10)
        let points = series.points(through: 95 * second)
        #expect(points.count == 6)
        for (index, point) in points.enumerated() {
            let start = Int64(index) * 16 * second
            let inside = observations.filter { $0.time >= start && $0.time < start + 16 * second }
            #expect(point.hasValue == !inside.isEmpty)
            #expect(point.maxValue == (inside.map(\.value).max() ?? 0))
            #expect(point.lastValue == (inside.last?.value ?? 0))
        }
    }

    @Test func renderingFarBeyondTheDataStillFitsMaxPoints() {
        var series = GaugeSeries(maxPoints: 16)
        series.observe(7, at: 0)
        let points = series.points(through: 1_000 * second)
        #expect(points.count <= 16)
        #expect(points[0].maxValue == 7 && points[0].hasValue)
        #expect(points.dropFirst().allSatisfy { !$0.hasValue })
        #expect(series.bucketWidthNanoseconds == second)
    }

    /// Two series fed the same observations in a different order hold the same points (each point's maximum, and its
    /// value at the latest time), so they are equal, whichever point each happens to be writing last.
    @Test func equalWhenTheyHoldTheSamePoints() {
        var forward = GaugeSeries()
        forward.observe(1, at: 0)
        forward.observe(2, at: 5 * second)
        var backward = GaugeSeries()
        backward.observe(2, at: 5 * second)
        backward.observe(1, at: 0)
        #expect(forward == backward)
        backward.observe(3, at: 5 * second + 1)
        #expect(forward != backward)
        let latest = backward.points(through: 6 * second)[5]
        #expect(latest == .init(startNanoseconds: 5 * second, maxValue: 3, lastValue: 3, hasValue: true))
    }
}
