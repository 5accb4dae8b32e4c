import Testing

@testable import ShardSimReport

@Suite struct BarChartTests {
    static func dollars(_ value: Double) -> String {
        "$" + SVGChart.Format.number(value, decimals: 2, grouped: true)
    }

    @Test func valuesArePrintedWithTheCallersFormat() {
        let svg = SVGChart.barChart(
            title: "Monthly cost", valueLabel: "USD per month",
            bars: [("shard hours", 43.8), ("PUT payload units", 12.35)], valueFormat: Self.dollars)
        #expect(SVGCheck.problems(svg).isEmpty, "\(SVGCheck.problems(svg))")
        let texts = SVGCheck.texts(svg)
        #expect(texts.contains("$43.80") && texts.contains("$12.35"))
        #expect(texts.contains("shard hours") && texts.contains("USD per month"))
        let again = SVGChart.barChart(
            title: "Monthly cost", valueLabel: "USD per month",
            bars: [("shard hours", 43.8), ("PUT payload units", 12.35)], valueFormat: Self.dollars)
        #expect(svg == again)
    }

    @Test func hostileNegativeAndNonFiniteBars() {
        let svg = SVGChart.barChart(
            title: "<&>", valueLabel: "'\"",
            bars: [("<script>", -5), ("missing", .nan), ("big", 1e12)], valueFormat: Self.dollars)
        #expect(SVGCheck.problems(svg).isEmpty, "\(SVGCheck.problems(svg))")
        let texts = SVGCheck.texts(svg)
        #expect(texts.contains("<script>") && texts.contains("n/a") && texts.contains("$1,000,000,000,000.00"))
    }

    @Test func noBarsShowsANote() {
        let svg = SVGChart.barChart(title: "Nothing", valueLabel: "USD", bars: [], valueFormat: Self.dollars)
        #expect(SVGCheck.problems(svg).isEmpty)
        #expect(SVGCheck.texts(svg).contains("no data"))
    }
}
