import ShardSimJSON
import ShardSimModel

/// One grid point of an explore page: the sweep row (exactly the figures `sweep --format json` prints for it)
/// and its small charts, rendered as soon as the run ends so a grid holds no full results.
public struct ExplorePoint: Sendable {
    public var row: SweepRow
    public var charts: [String]

    public init(row: SweepRow, charts: [String]) {
        self.row = row
        self.charts = charts
    }

    public init(point: Int, values: [String], result: SimulationResult, objective: ServiceLevelObjective?) {
        self.init(
            row: SweepRow(point: point, values: values, result: result, objective: objective),
            charts: ExploreReport.charts(result))
    }
}

/// `shardsim explore`: the sweep grid as ONE self-contained HTML page (inline CSS, SVG and a small script; no
/// requests) where a control per varied field picks a run, two runs show side by side, and the scenario's
/// description states the question. Every run's figures and charts are in the page, so without JavaScript (or
/// printed) nothing is lost: the script only chooses which two to show. Same inputs, same bytes.
public enum ExploreReport {
    /// One varied field and its values in `--vary` order.
    public struct Axis: Sendable, Equatable {
        public var path: String
        public var values: [String]

        public init(path: String, values: [String]) {
            self.path = path
            self.values = values
        }

        /// A slider suits values that are all numbers (ordered); anything else gets a list to choose from.
        var isNumeric: Bool { values.count > 1 && values.allSatisfy { Double($0) != nil } }
    }

    /// The charts each run gets: where writes throttle, which shard is hot, where polling readers are throttled, how far
    /// readers lag, what it costs.
    static func charts(_ result: SimulationResult) -> [String] {
        var charts = [RunReportHTML.throttledOverTime(result), RunReportHTML.utilisationHeatmap(result)]
        // Readers that poll share a shard's GetRecords limits: their throttled calls are the read path's lesson.
        let polling = result.consumers.filter { !$0.configuration.isEnhancedFanOutApplication }
        if !polling.isEmpty { charts.append(ReadPathCharts.throttledGetRecordsOverTime(result, consumers: polling)) }
        if !result.consumers.isEmpty { charts.append(ReadPathCharts.iteratorAgeOverTime(result)) }
        charts.append(
            SVGChart.barChart(
                title: "Monthly cost by AWS price dimension", valueLabel: "USD per month",
                bars: result.monthlyCost.lineItems.map { ($0.item.billName, $0.monthlyUSD) },
                valueFormat: { "$" + TextFormat.decimal($0, places: 2) }))
        return charts
    }

    /// The page for `points` (the whole grid, in grid order: first axis slowest); `settings` are the fixed
    /// changes every run shares (`--set PATH=VALUE`, `--seed N`), said under the title so no figure misleads.
    public static func page(
        name: String, description: String?, axes: [Axis], settings: [String] = [],
        points: [ExplorePoint]
    ) -> String {
        let title = "ShardSim explore: \(name)"
        var body = [
            "<h1>\(escape(title))</h1>",
            "<p class=\"subtitle\">\(points.count) runs: every combination of \(axes.map { escape($0.path) }.joined(separator: " × ")). "
                + "Pick values to switch runs instantly; runs A and B show side by side.</p>",
        ]
        if !settings.isEmpty {
            body.append(
                "<p class=\"subtitle\">Every run also sets: "
                    + settings.map { "<code>\(escape($0))</code>" }.joined(separator: ", ")
                    + " (the scenario file is otherwise as written).</p>")
        }
        if let description, !description.isEmpty {
            body.append(
                "<section aria-labelledby=\"question\"><h2 id=\"question\">The question explored</h2>"
                    + "<blockquote>\(escape(description))</blockquote></section>")
        }
        body.append(
            "<p class=\"nojs-note\">This page switches runs with a small script; without it, every run is listed in full below.</p>"
        )
        body.append(comparison(axes: axes))
        body.append(allRunsTable(axes: axes, points: points))
        body.append("<section class=\"every-run\" aria-labelledby=\"every-run\"><h2 id=\"every-run\">Every run</h2>")
        body.append(contentsOf: points.map { run($0, axes: axes, total: points.count) })
        body.append("</section>")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(HTMLReport.style)
            \(ExploreAssets.style)</style>
            </head>
            <body>
            <main>
            \(body.joined(separator: "\n"))
            </main>
            <script>\(ExploreAssets.script)</script>
            </body>
            </html>

            """
    }

    /// Runs A and B side by side, each with a control per varied field, and a table of their figures.
    static func comparison(axes: [Axis]) -> String {
        var parts = ["<section class=\"sides\" aria-labelledby=\"compare\"><h2 id=\"compare\">Compare two runs</h2>"]
        parts.append(
            "<table id=\"compare-table\"><caption>Key figures of runs A and B</caption><thead><tr><th scope=\"col\">figure</th>"
                + "<th scope=\"col\">run A</th><th scope=\"col\">run B</th></tr></thead><tbody>"
                + figures.map { figure in
                    "<tr><th scope=\"row\">\(escape(figure.label))</th><td class=\"num\" id=\"compare-a-\(figure.key)\"></td>"
                        + "<td class=\"num\" id=\"compare-b-\(figure.key)\"></td></tr>"
                }.joined() + "</tbody></table>")
        parts.append("<div class=\"side-by-side\">")
        for side in ["a", "b"] {
            let initial = side == "a" ? axes.map { _ in 0 } : axes.map { $0.values.count - 1 }
            parts.append(
                "<div class=\"side\" id=\"side-\(side)\"><h3>Run \(side.uppercased())</h3>"
                    + "<fieldset class=\"controls\"><legend>Choose run \(side.uppercased())</legend>"
                    + zip(axes.indices, axes).map { control(side: side, index: $0, axis: $1, selected: initial[$0]) }
                    .joined()
                    + "</fieldset><p class=\"status\" id=\"status-\(side)\" aria-live=\"polite\"></p><div class=\"shown\"></div></div>"
            )
        }
        parts.append("</div></section>")
        return parts.joined(separator: "\n")
    }

    /// A labelled slider (numeric values, in the order given) or select for one axis on one side.
    static func control(side: String, index: Int, axis: Axis, selected: Int) -> String {
        let id = "\(side)-axis-\(index)"
        let label = "<label for=\"\(id)\">\(escape(axis.path))</label>"
        if axis.isNumeric {
            let labels = JSONOutput.array(axis.values.map(JSONOutput.string)).rendered(pretty: false)
            return "<div class=\"control\">\(label)<input type=\"range\" id=\"\(id)\" data-axis=\"\(index)\" min=\"0\" "
                + "max=\"\(axis.values.count - 1)\" step=\"1\" value=\"\(selected)\" data-labels=\"\(escape(labels))\" "
                + "aria-valuetext=\"\(escape(axis.values[selected]))\"><output id=\"\(id)-value\" for=\"\(id)\">"
                + "\(escape(axis.values[selected]))</output></div>"
        }
        let options = zip(axis.values.indices, axis.values).map { offset, value in
            "<option value=\"\(offset)\"\(offset == selected ? " selected" : "")>\(escape(value))</option>"
        }
        return
            "<div class=\"control\">\(label)<select id=\"\(id)\" data-axis=\"\(index)\">\(options.joined())</select></div>"
    }

    static func escape(_ text: String) -> String { HTMLReport.escape(text) }
}
