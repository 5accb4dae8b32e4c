import ShardSimModel
import ShardSimScenario
import Testing

@testable import ShardSimPlanner
@testable import ShardSimReport

/// The compare page: every chart names its mode, cost line items are grouped per mode with the totals apart,
/// and no label is cut.
@Suite struct CompareHTMLTests {
    static let steady = """
        { "name": "steady-1mb", "duration": "1m", "seed": 7, "stream": { "shardCount": 1 },
          "producers": [{ "name": "app", "recordsPerSecond": 1000, "recordSizeBytes": 1000, "arrival": "uniform",
                          "partitionKeys": { "distribution": "uniform", "count": 10000, "prefix": "key-" } }] }
        """

    @Test func everyChartIsLabelledByModeAndTotalsAreNotAmongLineItems() throws {
        let scenario = try ScenarioDecoder.decode(Array(Self.steady.utf8))
        let comparison = ModeComparer.compare(scenario.configuration, objective: nil)
        let html = PlanReportHTML.page(comparison, description: nil)
        let charts = html.components(separatedBy: "<svg ").dropFirst().map {
            "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>"
        }
        #expect(charts.count == 4)
        let modes = PlanReportHTML.modeNames(comparison)
        // 1 MB/s needs 1 shard by bytes (1,000,000 + keys < 1 MiB) and 1,000 records/s: PROVISIONED (n shards).
        #expect(modes[0].hasPrefix("PROVISIONED (") && modes[1].hasPrefix("ON_DEMAND ("))
        for chart in charts {
            let title = chart.components(separatedBy: "<title>")[1].components(separatedBy: "</title>")[0]
            let texts = chart.matches(of: /<text[^>]*>([^<]*)<\/text>/).map { String($0.output.1) }
            // Each chart says which mode it shows: in its title, or (both modes) in its legend.
            let named =
                title.contains("PROVISIONED") || title.contains("ON_DEMAND")
                || (texts.contains(modes[0]) && texts.contains(modes[1]))
            #expect(named, "chart '\(title)' does not say which mode it shows")
            #expect(!texts.contains { $0.contains("…") }, "chart '\(title)' cuts a label")
        }
        let lineItems = charts[0]
        #expect(!lineItems.lowercased().contains(">total") && !lineItems.contains("total</text>"))
        #expect(charts[1].contains("Monthly total, billed"))
        for item in comparison.provisioned.monthlyCost.lineItems + comparison.onDemand.monthlyCost.lineItems {
            let words = item.item.billName.split(separator: " ")
            #expect(words.allSatisfy { lineItems.contains(String($0)) }, "line item \(item.item.billName) missing")
        }
    }
}
