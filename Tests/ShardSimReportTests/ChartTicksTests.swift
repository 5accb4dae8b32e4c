import Testing

@testable import ShardSimReport

@Suite struct ChartTicksTests {
    @Test func zeroToOneStepsByFifths() {
        let scale = SVGChart.Ticks.nice(lower: 0, upper: 1, extendToTicks: true)
        #expect(scale.values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        let axis = SVGChart.Axes.numeric(lower: 0, upper: 1, title: "fraction", extendToTicks: true, maxCount: 7)
        // One precision for the whole axis, so labels line up and none looks more exact than another.
        #expect(axis.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func zeroTo1234() {
        // Inside the data range: 200s fit seven ticks. Extended to a tick above 1,234: 250s, since 200s would need eight.
        let inside = SVGChart.Ticks.nice(lower: 0, upper: 1234, extendToTicks: false)
        #expect(inside.values == [0, 200, 400, 600, 800, 1000, 1200])
        let extended = SVGChart.Axes.numeric(lower: 0, upper: 1234, title: "n", extendToTicks: true, maxCount: 7)
        #expect(extended.labels == ["0", "250", "500", "750", "1000", "1250"])
        #expect(extended.upper == 1250)
    }

    @Test func anHourOfSecondsIsLabelledInMinutes() {
        let axis = SVGChart.Axes.time(lowerSeconds: 0, upperSeconds: 3600, title: "time (s)", maxCount: 7)
        #expect(axis.title == "time (min)")
        #expect(axis.labels == ["0", "10", "20", "30", "40", "50", "60"])
        #expect(axis.ticks == [0, 600, 1200, 1800, 2400, 3000, 3600])
    }

    @Test func aLastSampleJustShortOfTheHourStillEndsOnTheHour() {
        let axis = SVGChart.Axes.time(lowerSeconds: 0, upperSeconds: 3599, title: "time", maxCount: 7)
        #expect(axis.labels.last == "60")
        #expect(axis.upper == 3600)
        let exact = SVGChart.Axes.time(lowerSeconds: 0, upperSeconds: 3599, title: "time", maxCount: 7, snapFraction: 0)
        #expect(exact.labels.last == "50")
        #expect(exact.upper == 3599)
    }

    @Test(arguments: [(90.0, "s"), (2 * 3600.0, "min"), (36 * 3600.0, "h"), (14 * 86_400.0, "d")])
    func timeUnitSuitsTheSpan(seconds: Double, unit: String) {
        let axis = SVGChart.Axes.time(lowerSeconds: 0, upperSeconds: seconds, title: "elapsed", maxCount: 7)
        #expect(axis.title == "elapsed (\(unit))")
        #expect((4...7).contains(axis.ticks.count))
    }

    @Test func largeLabelsAllGetSeparators() {
        let axis = SVGChart.Axes.numeric(lower: 0, upper: 48_000, title: "B/s", extendToTicks: true, maxCount: 7)
        #expect(axis.labels == ["0", "10,000", "20,000", "30,000", "40,000", "50,000"])
    }

    @Test func negativeRangesStraddleZero() {
        let scale = SVGChart.Ticks.nice(lower: -7, upper: 13, extendToTicks: true)
        #expect(scale.values == [-10, -5, 0, 5, 10, 15])
    }

    @Test func everyRangeGetsFourToSevenRoundTicks() {
        var noise = TestNoise(seed: 7)
        for _ in 0..<2_000 {
            let magnitude = [0.001, 1, 37, 1_000, 1e9][Int(noise.next() * 5)]
            let lower = (noise.next() - 0.5) * magnitude
            let upper = lower + (0.01 + noise.next()) * magnitude
            for extend in [true, false] {
                let scale = SVGChart.Ticks.nice(lower: lower, upper: upper, extendToTicks: extend)
                #expect((4...7).contains(scale.values.count), "\(lower)...\(upper) gave \(scale.values)")
                #expect(scale.values.first! >= scale.lower - 1e-9 * magnitude)
                #expect(scale.values.last! <= scale.upper + 1e-9 * magnitude)
            }
        }
    }

    @Test func fewerTicksWhenLabelsWouldCollide() {
        let axis = SVGChart.Axes.fitted(length: 120, horizontal: true, fontSize: 11) { maxCount in
            SVGChart.Axes.numeric(lower: 0, upper: 1_000_000, title: "x", extendToTicks: false, maxCount: maxCount)
        }
        let widest = axis.labels.map { SVGChart.Format.textWidth($0, fontSize: 11) }.max() ?? 0
        #expect(axis.tickSpacing(length: 120) >= widest + 10)
    }

    @Test func secondsSuffixMarksATimeAxis() {
        #expect(SVGChart.Axes.isSecondsLabel("time (s)"))
        #expect(SVGChart.Axes.isSecondsLabel("Elapsed [seconds]"))
        #expect(SVGChart.Axes.isSecondsLabel("simulated time"))
        #expect(SVGChart.Axes.isSecondsLabel("simulated time, s"))
        #expect(!SVGChart.Axes.isSecondsLabel("records"))
        #expect(!SVGChart.Axes.isSecondsLabel("latency, ms"))
        #expect(!SVGChart.Axes.isSecondsLabel("response time (ms)"))
        #expect(!SVGChart.Axes.isSecondsLabel("timestamp"))
        #expect(SVGChart.Axes.secondsTitleBase("time (s)") == "time")
        #expect(SVGChart.Axes.secondsTitleBase("time, s") == "time")
    }
}
