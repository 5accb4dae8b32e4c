import Testing

@testable import ShardSimReport

@Suite struct ChartFormatTests {
    @Test func coordinatesHaveAtMostOneDecimal() {
        #expect(SVGChart.Format.coordinate(12.34) == "12.3")
        #expect(SVGChart.Format.coordinate(12.0) == "12")
        #expect(SVGChart.Format.coordinate(0.96) == "1")
        #expect(SVGChart.Format.coordinate(-3.26) == "-3.3")
        #expect(SVGChart.Format.coordinate(-0.01) == "0")
        #expect(SVGChart.Format.coordinate(.nan) == "0")
        #expect(SVGChart.Format.coordinate(1e300) == "10000000")
    }

    @Test func numbersNeverUseExponentsAndGroupOnlyWhenAsked() {
        #expect(SVGChart.Format.number(1234.5, decimals: 0, grouped: false) == "1235")
        #expect(SVGChart.Format.number(12_345, decimals: 0, grouped: true) == "12,345")
        #expect(SVGChart.Format.number(0.2, decimals: 1, grouped: false) == "0.2")
        #expect(SVGChart.Format.number(0.05, decimals: 2, grouped: false) == "0.05")
        #expect(SVGChart.Format.number(-0.0001, decimals: 2, grouped: false) == "0.00")
        #expect(SVGChart.Format.number(-1_500_000, decimals: 0, grouped: true) == "-1,500,000")
        #expect(SVGChart.Format.number(1e17, decimals: 0, grouped: true) == "100,000,000,000,000,000")
        #expect(SVGChart.Format.number(.infinity, decimals: 0, grouped: true) == "n/a")
    }

    @Test(arguments: [(0.2, 1), (0.25, 2), (500.0, 0), (0.001, 3), (2.5, 1), (1.0, 0)])
    func decimalsFollowTheStep(step: Double, decimals: Int) {
        #expect(SVGChart.Format.decimals(forStep: step) == decimals)
    }

    @Test func hostileTextIsEscaped() {
        let hostile = "</text><script>alert(\"x\")</script> & 'q'\u{0}\u{7}"
        let escaped = SVGChart.Format.escaped(hostile)
        // Control characters are shown, inert, rather than dropped (OutputEscaping).
        #expect(
            escaped == "&lt;/text&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;\\u{0}\\u{7}")
    }

    @Test func longLabelsKeepBothEnds() {
        let shortened = SVGChart.Format.shortened("shardId-000000000000000123", maxCharacters: 16)
        #expect(shortened.count == 16)
        #expect(shortened.hasPrefix("shard"))
        #expect(shortened.hasSuffix("000123"))
        #expect(SVGChart.Format.shortened("short", maxCharacters: 16) == "short")
    }
}
