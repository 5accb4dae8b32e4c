import ShardSimModel
import ShardSimPlanner

/// `plan` and `compare` as HTML with their charts.
public enum PlanReportHTML {
    public static func page(_ plan: CapacityPlan, description: String?) -> String {
        let chosen = plan.recommendedShardCount.map(Double.init)
        func series(_ name: String, _ value: (PlanCandidate) -> Double) -> [ChartSeries] {
            var all = [ChartSeries(name: name, points: plan.candidates.map { ChartPoint(x: Double($0.shardCount), y: value($0)) })]
            if let chosen, let candidate = plan.candidates.first(where: { Double($0.shardCount) == chosen }) {
                all.append(ChartSeries(name: "recommended: \(candidate.shardCount) shards",
                                       points: [ChartPoint(x: chosen, y: value(candidate))]))
            }
            return all
        }
        let charts = plan.candidates.isEmpty ? [] : [
            SVGChart.lineChart(title: "Throttled attempts against shard count", xLabel: "shards", yLabel: "throttled attempts, %",
                               series: series("throttled", { $0.writeThrottledFraction * 100 })),
            SVGChart.lineChart(title: "Monthly cost against shard count", xLabel: "shards", yLabel: "USD per month",
                               series: series("monthly cost", \.monthlyTotalUSD)),
        ]
        return HTMLReport.page(PlanReport.document(plan), description: description, charts: charts)
    }

    public static func page(_ comparison: ModeComparison, description: String?) -> String {
        let provisioned = comparison.provisioned.monthlyCost, onDemand = comparison.onDemand.monthlyCost
        // A side that threw traffic away also shows its month for the offered traffic, beside the billed total.
        func offeredBar(_ side: String, _ offered: OfferedTrafficCost) -> [(String, Double)] {
            offered.lostTraffic ? [("\(side): total for the offered traffic", offered.monthlyTotalUSD)] : []
        }
        let bars = provisioned.lineItems.map { ("PROVISIONED: " + $0.item, $0.monthlyUSD) }
            + [("PROVISIONED: total", provisioned.monthlyTotalUSD)] + offeredBar("PROVISIONED", comparison.provisionedOffered)
            + onDemand.lineItems.map { ("ON_DEMAND: " + $0.item, $0.monthlyUSD) } + [("ON_DEMAND: total", onDemand.monthlyTotalUSD)]
            + offeredBar("ON_DEMAND", comparison.onDemandOffered)
        let charts = [SVGChart.barChart(title: "Monthly cost, provisioned against on-demand", valueLabel: "USD per month",
                                        bars: bars, valueFormat: { "$" + TextFormat.decimal($0, places: 2) })]
            + [RunReportHTML.latencyCDF(comparison.provisioned), RunReportHTML.latencyCDF(comparison.onDemand)]
        return HTMLReport.page(PlanReport.document(comparison), description: description, charts: charts)
    }
}
