import ShardSimEngine
import ShardSimJSON

extension ExploreReport {
    /// A figure every run shows: its JSON key in `sweep --format json`, its label, and how the page prints it.
    struct Figure: Sendable {
        var key: String
        var label: String
        var text: @Sendable (SweepRow) -> String
    }

    /// The sweep's figures, in its JSON order, printed as the sweep table prints them.
    static let figures: [Figure] = [
        Figure(key: "shardCountEnd", label: "shards at the end") { String($0.shardCountEnd) },
        Figure(key: "writeThrottledFraction", label: "write attempts throttled") {
            TextFormat.percent($0.writeThrottledFraction, places: 3)
        },
        Figure(key: "recordsFailed", label: "records failed (lost)") { TextFormat.count($0.recordsFailed) },
        Figure(key: "putLatencyP99Ms", label: "put latency p99") {
            TextFormat.milliseconds(Int64(millisecondsToNanoseconds($0.putLatencyP99Milliseconds).rounded()))
        },
        Figure(key: "maxIteratorAgeMs", label: "max iterator age") {
            TextFormat.decimal($0.maxIteratorAgeMilliseconds / 1e3, places: 1) + " s"
        },
        Figure(key: "monthlyTotal", label: "monthly cost") { "$" + TextFormat.decimal($0.monthlyTotal, places: 2) },
        Figure(key: "sloMet", label: "SLO") { $0.sloMet.map { $0 ? "met" : "NOT met" } ?? "no SLO" },
    ]

    /// The index of each axis's value at grid point `point` (first axis slowest), joined with "-": the key the
    /// controls look a run up by (indices, not values, so repeated or odd values cannot collide).
    static func key(point: Int, axes: [Axis]) -> String {
        var remainder = point
        var digits: [Int] = []
        for axis in axes.reversed() {
            let count = max(1, axis.values.count)
            digits.append(remainder % count)
            remainder /= count
        }
        return digits.reversed().map(String.init).joined(separator: "-")
    }

    static func runName(_ point: ExplorePoint, axes: [Axis], total: Int) -> String {
        "Run \(point.row.point + 1) of \(total): "
            + zip(axes, point.row.values).map { "\($0.path) = \($1)" }.joined(separator: ", ")
    }

    /// One run in full: its figures (each with the exact JSON value beside the printed one) and charts.
    static func run(_ point: ExplorePoint, axes: [Axis], total: Int) -> String {
        let json = SweepReport.figures(point.row).map { $0.rendered(pretty: false) }
        let items = zip(figures, json).map { figure, value in
            "<div><dt>\(escape(figure.label))</dt><dd data-figure=\"\(figure.key)\" data-value=\"\(escape(value))\">"
                + "\(escape(figure.text(point.row)))</dd></div>"
        }
        return
            "<article class=\"point\" id=\"run-\(point.row.point)\" data-key=\"\(key(point: point.row.point, axes: axes))\">"
            + "<h3>\(escape(runName(point, axes: axes, total: total)))</h3>"
            + "<dl class=\"figures\">\(items.joined())</dl>"
            + "<div class=\"charts\">" + point.charts.map { "<figure>\($0)</figure>" }.joined(separator: "\n")
            + "</div></article>"
    }

    /// Every run's figures in one table (what a printout or a glance needs); the script marks runs A and B.
    static func allRunsTable(axes: [Axis], points: [ExplorePoint]) -> String {
        let head =
            "<tr><th scope=\"col\">shown as</th>" + axes.map { "<th scope=\"col\">\(escape($0.path))</th>" }.joined()
            + figures.map { "<th scope=\"col\">\(escape($0.label))</th>" }.joined() + "</tr>"
        let rows = points.map { point in
            "<tr data-key=\"\(key(point: point.row.point, axes: axes))\"><td class=\"shown-as\"></td>"
                + point.row.values.map { "<td>\(escape($0))</td>" }.joined()
                + figures.map { "<td class=\"num\">\(escape($0.text(point.row)))</td>" }.joined() + "</tr>"
        }
        return "<section aria-labelledby=\"all-runs-title\"><h2 id=\"all-runs-title\">All runs</h2>"
            + "<table id=\"all-runs\"><thead>\(head)</thead><tbody>\(rows.joined())</tbody></table></section>"
    }
}
