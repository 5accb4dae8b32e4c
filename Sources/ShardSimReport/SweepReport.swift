import Foundation
import ShardSimJSON
import ShardSimModel

/// One point of a sweep: the values it set and what the run measured.
public struct SweepRow: Sendable {
    public var values: [String]
    public var result: SimulationResult
    public var objective: ServiceLevelObjective?

    public init(values: [String], result: SimulationResult, objective: ServiceLevelObjective?) {
        self.values = values
        self.result = result
        self.objective = objective
    }
}

/// The `sweep` table: one row per grid point, in grid order, the key figures of each run.
public enum SweepReport {
    static let figureNames = ["shardCountEnd", "writeThrottledFraction", "recordsFailed", "putLatencyP99Ms",
                              "maxIteratorAgeMs", "monthlyTotal", "sloMet"]

    static func figures(_ row: SweepRow) -> [JSONOutput] {
        let result = row.result
        let age = result.consumers.map(\.statistics.maxIteratorAgeNanoseconds).max() ?? 0
        let met = row.objective.map { result.violations(of: $0).isEmpty }
        return [.int(Int64(result.shardCountEnd)), .double(result.totals.writeThrottledFraction), .int(result.totals.recordsFailed),
                .double(Double(result.putLatency.percentile(99)) / 1e6), .double(Double(age) / 1e6),
                .double(result.monthlyCost.monthlyTotalUSD), met.map(JSONOutput.bool) ?? .null]
    }

    public static func json(axes: [String], rows: [SweepRow]) -> JSONOutput {
        .object([
            ("axes", .array(axes.map(JSONOutput.string))),
            ("rows", .array(rows.map { row in
                .object(zip(axes, row.values).map { ($0, JSONOutput.string($1)) } + zip(figureNames, figures(row)).map { ($0, $1) })
            })),
        ])
    }

    /// Columns: each axis, then the figures; one line per point; values quoted only when they need it.
    public static func csv(axes: [String], rows: [SweepRow]) -> String {
        var lines = [(axes + figureNames).map(csvField).joined(separator: ",")]
        for row in rows {
            let cells = row.values.map(csvField) + figures(row).map { figure -> String in
                switch figure {
                case .null: return ""
                default: return csvField(figure.rendered(pretty: false).trimmingCharacters(in: ["\""]))
                }
            }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String { RunReportCSV.field(text) }

    public static func text(axes: [String], rows: [SweepRow]) -> String { document(axes: axes, rows: rows).text() }

    public static func document(axes: [String], rows: [SweepRow]) -> ReportDocument {
        var table = TextTable(axes.map { ($0, .left) } + [("shards", .right), ("throttled", .right), ("failed", .right),
                                                          ("put p99", .right), ("max iterator age", .right),
                                                          ("monthly", .right), ("SLO", .left)])
        for row in rows {
            let result = row.result
            let age = result.consumers.map(\.statistics.maxIteratorAgeNanoseconds).max() ?? 0
            let met = row.objective.map { result.violations(of: $0).isEmpty ? "met" : "NOT met" } ?? "-"
            table.add(row.values + [String(result.shardCountEnd), TextFormat.percent(result.totals.writeThrottledFraction, places: 3),
                                    TextFormat.count(result.totals.recordsFailed), TextFormat.milliseconds(result.putLatency.percentile(99)),
                                    TextFormat.decimal(Double(age) / 1e9, places: 1) + " s",
                                    "$" + TextFormat.decimal(result.monthlyCost.monthlyTotalUSD, places: 2), met])
        }
        return ReportDocument(title: "ShardSim sweep: \(rows.count) runs", subtitle: "one row per point of the grid, first --vary slowest",
                              sections: [ReportSection(title: "Results", blocks: [.table(table)])])
    }
}
