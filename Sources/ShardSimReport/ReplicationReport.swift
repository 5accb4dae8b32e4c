import ShardSimJSON
import ShardSimModel
import ShardSimPlanner

/// The words and JSON of a replicated run (`run --replications N`, N ≥ 2): each metric's mean ± the 95 % interval's
/// half-width and its spread over the replications. The rest of the report is replication 1's.
public enum ReplicationReport {
    /// The metric's JSON key (`consumers.NAME.…` for a consumer's).
    public static func key(_ metric: ReplicationMetric) -> String {
        switch metric {
        case .writeThrottledFraction: return "writeThrottledFraction"
        case .recordsFailed: return "recordsFailed"
        case .putLatencyP99Milliseconds: return "putLatencyP99Ms"
        case .monthlyCostUSD: return "monthlyCost"
        case .maxIteratorAgeMilliseconds(_, let name): return "consumers.\(name).maxIteratorAgeMs"
        case .endToEndLatencyP99Milliseconds(_, let name): return "consumers.\(name).endToEndLatencyP99Ms"
        }
    }

    /// The metric as the text, Markdown and HTML tables name it.
    static func label(_ metric: ReplicationMetric) -> String {
        switch metric {
        case .writeThrottledFraction: return "throttled attempts"
        case .recordsFailed: return "records failed"
        case .putLatencyP99Milliseconds: return "put latency p99"
        case .monthlyCostUSD: return "monthly cost"
        case .maxIteratorAgeMilliseconds(_, let name): return "\(name): max iterator age"
        case .endToEndLatencyP99Milliseconds(_, let name): return "\(name): end-to-end p99"
        }
    }

    /// A value of the metric in its unit, as the text report writes it.
    static func format(_ value: Double, of metric: ReplicationMetric) -> String {
        switch metric {
        case .writeThrottledFraction: return TextFormat.percent(value, places: 3)
        case .recordsFailed: return TextFormat.decimal(value, places: value.rounded() == value ? 0 : 1)
        case .monthlyCostUSD: return "$" + TextFormat.decimal(value, places: 2)
        case .putLatencyP99Milliseconds, .maxIteratorAgeMilliseconds, .endToEndLatencyP99Milliseconds:
            return TextFormat.decimal(value, places: 1) + " ms"
        }
    }

    /// The `replications` member of the JSON report.
    public static func json(_ run: ReplicatedRun) -> JSONOutput {
        .object([
            ("count", .int(Int64(run.seeds.count))),
            ("seeds", .array(run.seeds.map(JSONOutput.unsigned))),
            ("metrics", .object(run.metrics.map { (key($0.metric), summary($0.summary)) })),
        ])
    }

    static func summary(_ summary: SampleSummary) -> JSONOutput {
        let interval: JSONOutput =
            summary.confidenceInterval95.map { .array([.double($0.lowerBound), .double($0.upperBound)]) } ?? .null
        return .object([
            ("mean", .double(summary.mean)), ("stddev", .double(summary.standardDeviation)),
            ("min", .double(summary.minimum)), ("max", .double(summary.maximum)), ("ci95", interval),
        ])
    }

    /// The HTML page's spread chart: a strip per metric that varied across the replications (each replication a dot,
    /// the mean and its 95 % interval); nil when none varied (the table says all there is).
    public static func spreadChart(_ run: ReplicatedRun) -> String? {
        let rows = zip(run.metrics, run.samples).compactMap { entry, values -> SVGChart.SpreadRow? in
            let (metric, summary) = entry
            guard summary.maximum > summary.minimum, let interval = summary.confidenceInterval95 else { return nil }
            return SVGChart.SpreadRow(
                label: label(metric), values: values, mean: summary.mean, interval: interval,
                summaryText: format(summary.mean, of: metric) + " ± " + format(summary.halfWidth95, of: metric),
                lowText: format(min(summary.minimum, interval.lowerBound), of: metric),
                highText: format(max(summary.maximum, interval.upperBound), of: metric))
        }
        guard !rows.isEmpty else { return nil }
        return SVGChart.spreadChart(title: "Spread over \(run.seeds.count) replications", rows: rows)
    }

    /// The section the text, Markdown and HTML reports open with.
    public static func section(_ run: ReplicatedRun) -> ReportSection {
        var table = TextTable([("metric", .left), ("mean ± 95% half-width", .right), ("min – max", .right)])
        for (metric, summary) in run.metrics {
            table.add([
                label(metric),
                format(summary.mean, of: metric) + " ± " + format(summary.halfWidth95, of: metric),
                format(summary.minimum, of: metric) + " – " + format(summary.maximum, of: metric),
            ])
        }
        let count = run.seeds.count
        let note =
            "\(count) replications (seed \(run.seeds[0]) and \(count - 1) derived from it; docs/model.md "
            + "section 18). The interval is Student-t on the mean (replications are independent; it assumes their "
            + "mean is near normal). Every other section is replication 1's."
        return ReportSection(title: "Replications", blocks: [.table(table), .notes([note])])
    }
}
