import Foundation
import Testing

@testable import ShardSimReport

@Suite struct HeatmapTests {
    static func rows(_ count: Int, columns: Int, seed: UInt64, smooth: Bool) -> [HeatmapRow] {
        var noise = TestNoise(seed: seed)
        var rows: [HeatmapRow] = []
        for row in 0..<count {
            var values: [Double] = []
            var block = 0.0
            for column in 0..<columns {
                let wave: Double = 50 + 45 * sin(Double(column) / 150 + Double(row) / 40)
                // Unsmooth data changes every 20 columns: the merged resolution for 500 rows, so peaks
                // stay random and no run of equal cells can be merged (the worst case for size).
                if column % 20 == 0 { block = 100 * noise.next() }
                values.append(smooth ? wave + 10 * noise.next() : block)
            }
            rows.append(
                HeatmapRow(label: "shardId-" + String(String(100_000_000_000 + row).dropFirst()), values: values))
        }
        return rows
    }

    static func render(_ rows: [HeatmapRow], columnSeconds: Double = 5, maxValue: Double = 100) -> String {
        let columns = rows.map(\.values.count).max() ?? 0
        return SVGChart.heatmap(
            title: "Write utilisation", xLabel: "time (s)", valueLabel: "write utilisation, % of limit",
            rows: rows, columnStartSeconds: (0..<columns).map { Double($0) * columnSeconds },
            maxValue: maxValue)
    }

    @Test func fiveHundredShardsByTwoThousandColumnsFitsTheBudget() {
        let realistic = Self.render(Self.rows(500, columns: 2_000, seed: 1, smooth: true))
        #expect(realistic.utf8.count < 400_000)
        #expect(SVGCheck.problems(realistic).isEmpty, "\(SVGCheck.problems(realistic))")
        // Noise defeats run merging; column merging alone must still bound the size.
        let noisy = Self.render(Self.rows(500, columns: 2_000, seed: 2, smooth: false))
        #expect(noisy.utf8.count < 500_000)
        #expect(SVGCheck.problems(noisy).isEmpty)
    }

    @Test func sameInputGivesTheSameBytes() {
        let rows = Self.rows(30, columns: 400, seed: 3, smooth: true)
        #expect(Self.render(rows) == Self.render(rows))
    }

    @Test func rowLabelsAreThinnedToAboutForty() {
        let many = SVGCheck.texts(Self.render(Self.rows(500, columns: 50, seed: 4, smooth: true)))
        let shardLabels = many.filter { $0.hasPrefix("shardId") }
        #expect((30...40).contains(shardLabels.count))
        #expect(shardLabels.first == "shardId-00000000000")
        let few = SVGCheck.texts(Self.render(Self.rows(12, columns: 50, seed: 4, smooth: true)))
        #expect(few.filter { $0.hasPrefix("shardId") }.count == 12)
    }

    @Test func valuesAboveTheMaximumAreMarked() {
        // The legend's "above" swatch carries one mark; each chart with hot cells adds a path of marks.
        let calm = [HeatmapRow(label: "a", values: [10, 20, 30, 40])]
        #expect(SVGCheck.count("stroke=\"#000000\"", in: Self.render(calm)) == 1)
        // One hot column among 2,000 must survive column merging (cells keep their peak).
        var values = [Double](repeating: 20, count: 2_000)
        values[1_234] = 250
        let hot = Self.render([HeatmapRow(label: "a", values: values), HeatmapRow(label: "b", values: [1, 2])])
        #expect(SVGCheck.count("stroke=\"#000000\"", in: hot) == 2)
        #expect(SVGCheck.texts(hot).contains { $0.hasPrefix("Each cell shows the peak") })
        #expect(SVGCheck.texts(hot).contains("no data"))  // row b stops after two columns
    }

    @Test func legendNamesTheScale() {
        let svg = Self.render(Self.rows(3, columns: 20, seed: 5, smooth: true))
        let texts = SVGCheck.texts(svg)
        #expect(texts.contains("write utilisation, % of limit"))
        #expect(texts.contains("0") && texts.contains("100") && texts.contains("above 100"))
        #expect(texts.contains("time (s)"))  // 100 s of columns stays in seconds
    }

    @Test func hostileAndNonFiniteInputIsHarmless() {
        let rows = [
            HeatmapRow(label: "<b>&\"'", values: [.nan, 1, .infinity, -5, 3]),
            HeatmapRow(label: "x", values: [-.infinity]),
        ]
        let svg = SVGChart.heatmap(
            title: "</svg>", xLabel: "time", valueLabel: "<v>", rows: rows,
            columnStartSeconds: [0, .nan, 2], maxValue: .nan)
        #expect(SVGCheck.problems(svg).isEmpty, "\(SVGCheck.problems(svg))")
        #expect(SVGCheck.texts(svg).contains("<b>&\"'"))
    }

    @Test(arguments: [[HeatmapRow](), [HeatmapRow(label: "a", values: [])]])
    func emptyDataShowsANote(rows: [HeatmapRow]) {
        let svg = Self.render(rows)
        #expect(SVGCheck.problems(svg).isEmpty, "\(SVGCheck.problems(svg))")
        #expect(SVGCheck.texts(svg).contains("no data"))
    }

    @Test func columnEdgesExtendAndFallBack() {
        #expect(SVGChart.HeatmapGrid.columnEdges([0, 60, 120], count: 3) == [0, 60, 120, 180])
        #expect(SVGChart.HeatmapGrid.columnEdges([0, 60], count: 4) == [0, 60, 120, 180, 240])
        #expect(SVGChart.HeatmapGrid.columnEdges([10, 5, 20], count: 3) == [10, 11, 12, 13])
        #expect(SVGChart.HeatmapGrid.columnEdges([], count: 2) == [0, 1, 2])
    }
}

@Suite struct HeatmapOverflowColourTests {
    @Test func overOneHundredPercentHasItsOwnColourInCellsAndLegend() {
        // 95 % of a 100 % scale is the top (90–100 %) band, drawn in viridis yellow; 120 % is over the limit and
        // must not look like it: it is drawn in vermillion, and the legend's "above 100" swatch uses the same colour.
        let svg = HeatmapTests.render([HeatmapRow(label: "a", values: [95, 95, 120, 120])])
        let yellow = "#FDE725", vermillion = "#D55E00"
        #expect(SVGChart.HeatmapCells.kind(95, maxValue: 100) == .band(9))
        #expect(SVGChart.HeatmapCells.kind(120, maxValue: 100) == .overflow)
        #expect(svg.contains("stroke=\"\(yellow)\""))  // the 95 % cells
        #expect(svg.contains("stroke=\"\(vermillion)\""))  // the 120 % cells
        #expect(SVGCheck.count("fill=\"\(vermillion)\"", in: svg) == 1)  // the legend's "above 100" swatch
        #expect(SVGCheck.texts(svg).contains("above 100"))
        // A calm heatmap still shows the swatch in the legend, with no overflow cells.
        let calm = HeatmapTests.render([HeatmapRow(label: "a", values: [10, 95])])
        #expect(!calm.contains("stroke=\"\(vermillion)\""))
        #expect(calm.contains("fill=\"\(vermillion)\""))
    }
}
