import Foundation
import ShardSimReport
import Testing

/// The explore page as a reader and a browser get it: every run's figures inside, controls labelled, nothing
/// fetched, the same bytes every time.
@Suite struct ExploreReportTests {
    /// A 3 × 2 grid (shard count slowest, as `sweep` orders points) with figures chosen so each run differs.
    static let axes = [
        ExploreReport.Axis(path: "stream.shardCount", values: ["1", "2", "4"]),
        ExploreReport.Axis(path: "consumers.0.type", values: ["shared", "enhanced"]),
    ]

    static func points() -> [ExplorePoint] {
        (0..<6).map { point in
            let shards = [1, 2, 4][point / 2]
            let row = SweepRow(
                point: point, values: [String(shards), ["shared", "enhanced"][point % 2]], shardCountEnd: Int64(shards),
                writeThrottledFraction: 0.25 / Double(shards), recordsFailed: Int64(1000 * point),
                putLatencyP99Milliseconds: 120, maxIteratorAgeMilliseconds: 1500,
                monthlyTotal: 10.95 * Double(shards) + Double(point % 2), sloMet: point >= 2)
            return ExplorePoint(row: row, charts: ["<svg role=\"img\" aria-label=\"chart \(point)\"></svg>"])
        }
    }

    static func page() -> String {
        ExploreReport.page(
            name: "grid", description: "Do <more> shards help?", axes: axes, settings: ["--set duration=2m"],
            points: points())
    }

    /// The markup of run `point`, from its article to the article's end.
    static func article(_ page: String, point: Int) throws -> Substring {
        let start = try #require(page.range(of: "<article class=\"point\" id=\"run-\(point)\""))
        let end = try #require(page.range(of: "</article>", range: start.upperBound..<page.endIndex))
        return page[start.lowerBound..<end.upperBound]
    }

    @Test func sameInputsGiveTheSameBytes() {
        #expect(Self.page() == Self.page())
    }

    @Test func everyRunCarriesItsFiguresAsSweepJSONPrintsThem() throws {
        let page = Self.page()
        // Point p of a 3 × 2 grid, first axis slowest: value indices (p / 2, p % 2), so run 3 is "1-1" (2 shards,
        // enhanced) and run 4 is "2-0" (4 shards, shared).
        let keys = ["0-0", "0-1", "1-0", "1-1", "2-0", "2-1"]
        for point in 0..<6 {
            let run = try Self.article(page, point: point)
            #expect(run.contains("data-key=\"\(keys[point])\""))
            #expect(run.contains("aria-label=\"chart \(point)\""))
        }
        // Run 4: 4 shards, throttled 0.25 / 4 = 0.0625 (6.250 %), 4,000 failed, $43.80, SLO met.
        let run4 = try Self.article(page, point: 4)
        #expect(run4.contains("data-figure=\"shardCountEnd\" data-value=\"4\">4<"))
        #expect(run4.contains("data-figure=\"writeThrottledFraction\" data-value=\"0.0625\">6.250%<"))
        #expect(run4.contains("data-figure=\"recordsFailed\" data-value=\"4000\">4,000<"))
        #expect(run4.contains("data-figure=\"putLatencyP99Ms\" data-value=\"120.0\">120.0 ms<"))
        #expect(run4.contains("data-figure=\"maxIteratorAgeMs\" data-value=\"1500.0\">1.5 s<"))
        #expect(run4.contains("data-figure=\"monthlyTotal\" data-value=\"43.8\">$43.80<"))
        #expect(run4.contains("data-figure=\"sloMet\" data-value=\"true\">met<"))
        // Run 1: 1 shard, 0.25 throttled, $10.95 + $1 = $11.95, SLO not met.
        let run1 = try Self.article(page, point: 1)
        #expect(run1.contains("data-value=\"0.25\">25.000%<"))
        #expect(run1.contains("data-value=\"11.95\">$11.95<"))
        #expect(run1.contains("data-value=\"false\">NOT met<"))
        // The table of all runs has one row per run, in grid order.
        #expect(page.components(separatedBy: "<tr data-key=").count - 1 == 6)
    }

    @Test func nothingIsFetched() {
        let page = Self.page()
        let reference = try! Regex("(src|href|action)\\s*=\\s*[\"']?\\s*(https?:)?//")
        #expect(page.firstMatch(of: reference) == nil)
        for fetching in ["<link", "@import", "url(", "<iframe", "<img", "fetch(", "XMLHttpRequest", "<script src"] {
            #expect(!page.contains(fetching), "the page contains \(fetching)")
        }
        #expect(!page.contains("http"), "no address at all in a page whose charts are stubs")
    }

    @Test func controlsAreLabelledAndStartAtTheGridsCorners() {
        let page = Self.page()
        // Numbers get a slider over their indices; names get a list. A starts at the first run, B at the last.
        #expect(
            page.contains(
                "<label for=\"a-axis-0\">stream.shardCount</label><input type=\"range\" id=\"a-axis-0\" data-axis=\"0\" min=\"0\" max=\"2\" step=\"1\" value=\"0\""
            ))
        #expect(
            page.contains(
                "<input type=\"range\" id=\"b-axis-0\" data-axis=\"0\" min=\"0\" max=\"2\" step=\"1\" value=\"2\""))
        #expect(
            page.contains(
                "<label for=\"a-axis-1\">consumers.0.type</label><select id=\"a-axis-1\" data-axis=\"1\"><option value=\"0\" selected>shared</option>"
            ))
        #expect(page.contains("<option value=\"1\" selected>enhanced</option>"))
        #expect(page.contains("aria-valuetext=\"4\""))
        #expect(page.contains("aria-live=\"polite\""))
        #expect(page.contains("@media print"))
    }

    @Test func theQuestionAndSharedSettingsAreShownEscaped() {
        let page = Self.page()
        #expect(page.contains("<blockquote>Do &lt;more&gt; shards help?</blockquote>"))
        #expect(page.contains("<code>--set duration=2m</code>"))
        #expect(page.contains("<title>ShardSim explore: grid</title>"))
    }
}
