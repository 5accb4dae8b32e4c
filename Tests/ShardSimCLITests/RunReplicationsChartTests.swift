import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// `run --replications N --format html` opens its charts with the spread of every metric that varied: one dot per
/// replication, the 95 % interval as a band, the mean as a tick inside it (docs/model.md section 18).
@Suite struct RunReplicationsChartTests {
    /// The first chart of the page.
    private func firstChart(_ html: String) throws -> String {
        let start = try #require(html.range(of: "<svg"))
        let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
        return String(html[start.lowerBound..<end.upperBound])
    }

    private func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func theSpreadChartDrawsEachReplicationOfEachVaryingMetric() throws {
        let path = try writeTemporaryFile(RunReplicationsTestsScenario.text, prefix: "replications-chart")
        let outcome = ShardSimCommand.run(["run", path, "--format", "html", "--replications", "6"])
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        let chart = try firstChart(outcome.standardOutput)
        #expect(chart.contains("<title>Spread over 6 replications</title>"))
        // Near the records limit (1,100 records/s into one shard) the throttled fraction varies from seed to seed,
        // so it has a strip; each strip has one track, one band, 6 dots and one mean tick.
        #expect(chart.contains(">throttled attempts</text>"))
        let strips = count("fill=\"#f4f4f4\"", in: chart)
        #expect(strips >= 1 && strips <= 6)
        #expect(count("<circle", in: chart) == 6 * strips)
        #expect(count("fill=\"#bcd7ea\"", in: chart) == strips)
        #expect(count("stroke=\"#222222\" stroke-width=\"2\"", in: chart) == strips)
    }

    @Test func oneReplicationHasNoSpreadChartAndManyHaveTheSameBytesOnAnyThreadCount() throws {
        let path = try writeTemporaryFile(RunReplicationsTestsScenario.text, prefix: "replications-chart")
        #expect(!ShardSimCommand.run(["run", path, "--format", "html"]).standardOutput.contains("Spread over"))
        let words = ["run", path, "--format", "html", "--replications", "5"]
        let one = ShardSimCommand.run(words, threads: 1).standardOutput
        for threads in [2, 5] { #expect(ShardSimCommand.run(words, threads: threads).standardOutput == one) }
    }
}
