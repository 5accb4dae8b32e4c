import Foundation
import Testing

@testable import ShardSimReport

/// Text never runs off a chart: every `<text>` element's estimated extent (the same width estimate the layout
/// uses, 0.62 em a character) lies inside the SVG's width.
func overflowingTexts(_ svg: String, width: Double) -> [String] {
    SVGCheck.textBoxes(svg).compactMap { box in
        let extent = SVGChart.Format.textWidth(box.text, fontSize: box.size)
        let (from, to) =
            box.anchor == "end"
            ? (box.x - extent, box.x)
            : box.anchor == "middle" ? (box.x - extent / 2, box.x + extent / 2) : (box.x, box.x + extent)
        return from >= 0 && to <= width ? nil : "\(box.text) spans \(from)…\(to)"
    }
}

@Suite struct GroupedBarChartTests {
    static let items = ["Provisioned shard hours", "On-demand enhanced fan-out data retrievals", "Lambda requests"]
    static let modes = ["PROVISIONED (4 shards)", "ON_DEMAND (established)"]
    static let values: [[Double]] = [[43.8, .nan], [.nan, 1_234.5], [2.14, 3.91]]

    static func render(width: Int) -> String {
        SVGChart.groupedBarChart(
            title: "Monthly cost", valueLabel: "USD per month", categories: items, groupNames: modes,
            values: values, valueFormat: { "$" + TextFormat.decimal($0, places: 2) }, width: width)
    }

    @Test(arguments: [760, 480, 320])
    func labelsAreWrappedNeverCutAndStayInside(width: Int) {
        let svg = Self.render(width: width)
        #expect(SVGCheck.problems(svg).isEmpty, "\(SVGCheck.problems(svg))")
        #expect(overflowingTexts(svg, width: Double(width)).isEmpty, "\(overflowingTexts(svg, width: Double(width)))")
        let texts = SVGCheck.texts(svg)
        #expect(!texts.contains { $0.contains("…") })
        // Every word of every label is printed, in order, across its lines.
        let joined = texts.joined(separator: " ")
        for item in Self.items {
            #expect(joined.contains(item) || item.split(separator: " ").allSatisfy { joined.contains($0) })
        }
        // The legend names both modes; bars have the mode's colour; a price dimension a mode lacks is "n/a".
        #expect(texts.contains(Self.modes[0]) && texts.contains(Self.modes[1]))
        #expect(texts.filter { $0 == "n/a" }.count == 2)
        #expect(texts.contains("$1,234.50") && texts.contains("$43.80"))
    }

    @Test func longLabelWrapsAtWordsWithinAThirdOfTheWidth() {
        // 42 characters at 12 px × 0.62 = 312 px; a third of 760 px is 253 px, so it takes two lines.
        let lines = SVGChart.Format.wrapped(Self.items[1], maxWidth: 760.0 / 3, fontSize: 12)
        #expect(lines == ["On-demand enhanced fan-out data", "retrievals"])
        #expect(SVGChart.Format.wrapped("short", maxWidth: 10, fontSize: 12) == ["short"])
    }
}
