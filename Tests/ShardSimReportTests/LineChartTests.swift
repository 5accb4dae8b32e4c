import Foundation
import Testing

@testable import ShardSimReport

@Suite struct LineChartTests {
    static func wave(_ name: String, count: Int, seed: UInt64) -> ChartSeries {
        var noise = TestNoise(seed: seed)
        return ChartSeries(
            name: name,
            points: (0..<count).map { index in
                ChartPoint(x: Double(index), y: 500 + 300 * sin(Double(index) / 200) + 50 * noise.next())
            })
    }

    @Test func sameInputGivesTheSameBytes() {
        let series = [Self.wave("incoming", count: 3_600, seed: 1), Self.wave("throttled", count: 3_600, seed: 2)]
        let first = SVGChart.lineChart(title: "Records", xLabel: "time (s)", yLabel: "records/s", series: series)
        let second = SVGChart.lineChart(title: "Records", xLabel: "time (s)", yLabel: "records/s", series: series)
        #expect(first == second)
        #expect(SVGCheck.problems(first).isEmpty, "\(SVGCheck.problems(first))")
    }

    @Test func axesAreLabelledAndMultipleSeriesGetALegend() {
        let series = [Self.wave("incoming", count: 100, seed: 1), Self.wave("throttled", count: 100, seed: 2)]
        let svg = SVGChart.lineChart(title: "Records", xLabel: "time (s)", yLabel: "records/s", series: series)
        let texts = SVGCheck.texts(svg)
        #expect(texts.contains("time (s)"))  // 99 s: short enough to stay in seconds
        #expect(texts.contains("records/s"))
        #expect(texts.contains("incoming") && texts.contains("throttled"))
        let single = SVGChart.lineChart(title: "Records", xLabel: "time (s)", yLabel: "records/s", series: [series[0]])
        #expect(!SVGCheck.texts(single).contains("incoming"))
    }

    @Test func longTimeAxesSwitchUnits() {
        let hour = ChartSeries(name: "a", points: (0...60).map { ChartPoint(x: Double($0) * 60, y: 1) })
        let svg = SVGChart.lineChart(title: "T", xLabel: "simulated time", yLabel: "y", series: [hour])
        let texts = SVGCheck.texts(svg)
        #expect(texts.contains("simulated time (min)"))
        #expect(texts.contains("60") && !texts.contains("3,600") && !texts.contains("3600"))
        let latency = SVGChart.lineChart(title: "T", xLabel: "latency, ms", yLabel: "y", series: [hour])
        #expect(SVGCheck.texts(latency).contains("latency, ms"))
    }

    @Test func hostileLabelsAreEscaped() {
        let hostile = "</svg><script>alert('x')</script> & \"q\""
        let svg = SVGChart.lineChart(
            title: hostile, xLabel: hostile, yLabel: hostile,
            series: [
                ChartSeries(name: hostile, points: [ChartPoint(x: 0, y: 1)]),
                ChartSeries(name: "b", points: [ChartPoint(x: 1, y: 2)]),
            ])
        #expect(SVGCheck.problems(svg).isEmpty, "\(SVGCheck.problems(svg))")
        #expect(SVGCheck.texts(svg).contains(hostile))
        #expect(SVGCheck.root(svg).flatMap { SVGCheck.attribute("aria-label", of: $0) }?.contains(hostile) == true)
    }

    @Test(arguments: [
        [ChartSeries](),
        [ChartSeries(name: "a", points: [])],
        [ChartSeries(name: "a", points: [ChartPoint(x: .nan, y: 1), ChartPoint(x: 1, y: .infinity)])],
    ])
    func emptyDataShowsANote(series: [ChartSeries]) {
        let svg = SVGChart.lineChart(title: "Nothing", xLabel: "time (s)", yLabel: "records/s", series: series)
        #expect(SVGCheck.problems(svg).isEmpty, "\(SVGCheck.problems(svg))")
        #expect(SVGCheck.texts(svg).contains("no data"))
    }

    @Test func nonFinitePointsAreSkipped() {
        let points = [
            ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: .nan), ChartPoint(x: .infinity, y: 3),
            ChartPoint(x: 2, y: -.infinity), ChartPoint(x: 3, y: 4),
        ]
        let svg = SVGChart.lineChart(
            title: "Gaps", xLabel: "x", yLabel: "y", series: [ChartSeries(name: "a", points: points)])
        #expect(SVGCheck.problems(svg).isEmpty, "\(SVGCheck.problems(svg))")
        #expect(!SVGCheck.texts(svg).contains("no data"))
    }

    @Test func extremeMagnitudesNeverPrintExponents() {
        for scale in [1e-9, 1e-3, 1e6, 1e12, 1e18] {
            let points = (0..<10).map { ChartPoint(x: Double($0) * scale, y: Double($0 * $0) * scale) }
            let svg = SVGChart.lineChart(
                title: "Scale", xLabel: "x", yLabel: "y", series: [ChartSeries(name: "a", points: points)],
                yAxisStartsAtZero: false)
            #expect(SVGCheck.problems(svg).isEmpty, "\(scale): \(SVGCheck.problems(svg))")
        }
        let flat = SVGChart.lineChart(
            title: "Flat", xLabel: "x", yLabel: "y",
            series: [ChartSeries(name: "a", points: [ChartPoint(x: 5, y: 7)])])
        #expect(SVGCheck.problems(flat).isEmpty)
    }

    @Test func thinningKeepsTheSpike() {
        var points = (0..<10_000).map { ChartPoint(x: Double($0), y: 1) }
        points[6_543].y = 1_000
        let kept = SVGChart.LinePath.thinned(points, lower: 0, upper: 9_999, columns: 600)
        #expect(kept.count <= 4 * 600)
        #expect(kept.contains(ChartPoint(x: 6_543, y: 1_000)))
        #expect(kept.first == points.first && kept.last == points.last)
        #expect(kept.map(\.x) == kept.map(\.x).sorted())
    }

    @Test func tenThousandPointsStayUnderBudget() {
        var noise = TestNoise(seed: 3)
        var points = (0..<10_000).map { ChartPoint(x: Double($0), y: 100 * noise.next()) }
        points[4_321].y = 5_000
        let series = (0..<3).map { ChartSeries(name: "s\($0)", points: points) }
        let svg = SVGChart.lineChart(title: "Dense", xLabel: "time (s)", yLabel: "records/s", series: series)
        #expect(svg.utf8.count < 300_000)
        #expect(SVGCheck.texts(svg).contains("5000"))  // the spike still sets the y range
    }

    @Test func stepLinesHoldUntilTheNextPoint() {
        let shards = ChartSeries(
            name: "shards", points: [ChartPoint(x: 0, y: 4), ChartPoint(x: 60, y: 8), ChartPoint(x: 120, y: 6)])
        let svg = SVGChart.lineChart(
            title: "Shards", xLabel: "time (s)", yLabel: "shards", series: [shards], step: true)
        let path = svg.components(separatedBy: "\n").first { $0.hasPrefix("<path") && $0.contains("#0072B2") } ?? ""
        #expect(path.contains("H") && path.contains("V") && !path.contains("L"))
    }

    @Test func manySeriesGetDistinctStyles() {
        let styles = (0..<16).map { SVGChart.Palette.lineStyle($0) }
        let keys = styles.map { $0.colour + ($0.dash ?? "solid") }
        #expect(Set(keys).count == 16)
    }
}

@Suite struct LineChartLayoutTests {
    @Test func aLongLegendGrowsTheChartInsteadOfSquashingThePlot() {
        let series = (0..<40).map {
            ChartSeries(
                name: "consumer application number \($0)", points: [ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: 2)])
        }
        let svg = SVGChart.lineChart(title: "Many", xLabel: "x", yLabel: "y", series: series)
        let height = SVGCheck.root(svg).flatMap { SVGCheck.attribute("height", of: $0) }.flatMap(Int.init) ?? 0
        #expect(height > SVGChart.defaultHeight)
        #expect(SVGCheck.problems(svg).isEmpty)
    }
}

@Suite struct LogScaleTests {
    static let put = ChartSeries(name: "put", points: [ChartPoint(x: 20, y: 50), ChartPoint(x: 120, y: 99)])
    static let endToEnd = ChartSeries(name: "e2e", points: [ChartPoint(x: 1_240, y: 50), ChartPoint(x: 41_000, y: 99)])

    @Test func decadesAreSpannedWhenLargestOverSmallestPassesOneHundred() {
        // 41,000 / 20 = 2,050 > 100: log. 120 / 20 = 6: linear. Exactly 100 is not "more than two decades".
        #expect(SVGChart.spansDecades([Self.put, Self.endToEnd]))
        #expect(!SVGChart.spansDecades([Self.put]))
        #expect(
            !SVGChart.spansDecades([ChartSeries(name: "a", points: [ChartPoint(x: 1, y: 0), ChartPoint(x: 100, y: 1)])])
        )
        // Zero and negative x are not on a log axis and do not count.
        #expect(
            !SVGChart.spansDecades([ChartSeries(name: "a", points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 5, y: 1)])]))
    }

    @Test func logAxisTicksArePowersOfTenPlacedByExponent() throws {
        let svg = SVGChart.lineChart(
            title: "Latency", xLabel: "latency, ms", yLabel: "percentile, %",
            series: [Self.put, Self.endToEnd], logarithmicX: true)
        #expect(SVGCheck.problems(svg).isEmpty, "\(SVGCheck.problems(svg))")
        let texts = SVGCheck.texts(svg)
        // 20 ms … 41,000 ms: from 10^1 to 10^5, one tick per decade.
        for label in ["10", "100", "1,000", "10,000", "100,000"] { #expect(texts.contains(label), "no tick \(label)") }
        #expect(texts.contains("latency, ms (log scale)"))
        // Equal ratios are equal distances: 10→100 is as wide as 1,000→10,000.
        let xs = try tickXs(svg, labels: ["10", "100", "1,000", "10,000"])
        #expect(abs((xs[1] - xs[0]) - (xs[3] - xs[2])) < 0.2)
    }

    @Test func linearAxisStaysTheDefault() {
        let svg = SVGChart.lineChart(
            title: "Latency", xLabel: "latency, ms", yLabel: "percentile, %", series: [Self.put])
        #expect(!SVGCheck.texts(svg).contains { $0.contains("log scale") })
    }

    private func tickXs(_ svg: String, labels: [String]) throws -> [Double] {
        let boxes = SVGCheck.textBoxes(svg)
        // x tick labels are centred on their ticks (y tick labels end at the axis).
        return labels.map { label in boxes.first { $0.text == label && $0.anchor == "middle" }?.x ?? .nan }
    }
}
