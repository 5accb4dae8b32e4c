import ShardSimModel
import ShardSimPlanner

/// `plan` and `compare` as HTML with their charts.
public enum PlanReportHTML {
    public static func page(_ plan: CapacityPlan, description: String?) -> String {
        let chosen = plan.recommendedShardCount.map(Double.init)
        func series(_ name: String, _ value: (PlanCandidate) -> Double) -> [ChartSeries] {
            var all = [
                ChartSeries(
                    name: name, points: plan.candidates.map { ChartPoint(x: Double($0.shardCount), y: value($0)) })
            ]
            if let chosen, let candidate = plan.candidates.first(where: { Double($0.shardCount) == chosen }) {
                all.append(
                    ChartSeries(
                        name: "recommended: \(candidate.shardCount) shards",
                        points: [ChartPoint(x: chosen, y: value(candidate))]))
            }
            return all
        }
        let charts =
            plan.candidates.isEmpty
            ? []
            : [
                SVGChart.lineChart(
                    title: "Throttled attempts against shard count", xLabel: "shards", yLabel: "throttled attempts, %",
                    series: series("throttled", { $0.writeThrottledFraction * 100 })),
                SVGChart.lineChart(
                    title: "Monthly cost against shard count", xLabel: "shards", yLabel: "USD per month",
                    series: series("monthly cost", \.monthlyTotalUSD)),
            ]
        return HTMLReport.page(
            PlanReport.document(plan), description: description, charts: charts + seedCharts(plan, series: series))
    }

    /// With replications: in how many seeds each count met the SLO, beside the number a count needs.
    static func seedCharts(_ plan: CapacityPlan, series: (String, (PlanCandidate) -> Double) -> [ChartSeries])
        -> [String]
    {
        guard plan.isReplicated, !plan.candidates.isEmpty else { return [] }
        let required = Double(plan.replications.required)
        let needed = ChartSeries(
            name: "needed: \(plan.replications.required) of \(plan.seeds.count)",
            points: plan.candidates.map { ChartPoint(x: Double($0.shardCount), y: required) })
        return [
            SVGChart.lineChart(
                title: "Seeds meeting the SLO against shard count (of \(plan.seeds.count))", xLabel: "shards",
                yLabel: "seeds meeting the SLO",
                series: series("seeds meeting the SLO", { Double($0.replicationsMeetingSlo) }) + [needed])
        ]
    }

    /// Every chart names the mode it shows. Line items are grouped, one bar per mode; the monthly totals
    /// (billed, and for the offered traffic where a side threw traffic away) are a chart of their own, never
    /// drawn among the line items they sum.
    public static func page(_ comparison: ModeComparison, description: String?) -> String {
        let modes = modeNames(comparison)
        let costs = [comparison.provisioned.monthlyCost, comparison.onDemand.monthlyCost]
        var items: [CostItem] = []
        for cost in costs { for line in cost.lineItems where !items.contains(line.item) { items.append(line.item) } }
        // A line item one mode is not billed for (shard hours on on-demand) is "n/a" there, not $0.
        let values = items.map { item in
            costs.map { cost in cost.lineItems.first { $0.item == item }?.monthlyUSD ?? .nan }
        }
        let dollars: (Double) -> String = { "$" + TextFormat.decimal($0, places: 2) }
        var totalNames = ["Monthly total, billed"], totals = [costs.map(\.monthlyTotalUSD)]
        let offered = [comparison.provisionedOffered, comparison.onDemandOffered]
        if offered.contains(where: \.lostTraffic) {
            // What the side that threw traffic away would have cost had it carried it (compare's verdict basis).
            totalNames.append("Monthly total for the offered traffic")
            totals.append(offered.map(\.monthlyTotalUSD))
        }
        let charts = [
            SVGChart.groupedBarChart(
                title: "Monthly cost by AWS price dimension: PROVISIONED against ON_DEMAND",
                valueLabel: "USD per month", categories: items.map(\.billName), groupNames: modes, values: values,
                valueFormat: dollars),
            SVGChart.groupedBarChart(
                title: "Monthly total by mode", valueLabel: "USD per month", categories: totalNames,
                groupNames: modes, values: totals, valueFormat: dollars),
            RunReportHTML.latencyCDF(comparison.provisioned, titlePrefix: modes[0] + ": "),
            RunReportHTML.latencyCDF(comparison.onDemand, titlePrefix: modes[1] + ": "),
        ]
        return HTMLReport.page(PlanReport.document(comparison), description: description, charts: charts)
    }

    /// "PROVISIONED (3 shards)" and "ON_DEMAND (new stream)": the names the compare table's columns use.
    static func modeNames(_ comparison: ModeComparison) -> [String] {
        let count = comparison.provisionedShardCount
        return [
            "PROVISIONED (\(count) shard\(count == 1 ? "" : "s"))",
            comparison.onDemandStream == .newStream ? "ON_DEMAND (new stream)" : "ON_DEMAND (established)",
        ]
    }
}
