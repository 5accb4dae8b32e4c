import Foundation
import ShardSimEngine
import ShardSimJSON
import ShardSimModel
import ShardSimPlanner

/// One point of a sweep: the values it set and the key figures its run measured, held exactly as the JSON
/// report prints them, so a table rebuilt from JSON (`merge-results`) is byte for byte the one a run prints.
public struct SweepRow: Sendable, Equatable {
    /// Position in the whole grid (first --vary slowest), whichever partition ran it.
    public var point: Int
    public var values: [String]
    public var shardCountEnd: Int64
    public var writeThrottledFraction: Double
    public var recordsFailed: Int64
    public var putLatencyP99Milliseconds: Double
    public var maxIteratorAgeMilliseconds: Double
    public var monthlyTotal: Double
    public var sloMet: Bool?
    /// Each consumer's own figures, in scenario order.
    public var consumers: [SweepConsumerFigures] = []
    /// `sweep --replications N` (N ≥ 2): the stream-wide figures over the replications; every other figure is
    /// replication 1's. Nil for one replication (the row prints as it always has).
    public var replications: SweepReplications? = nil
    /// The fidelity the point ran in, set only when `sweep`'s default `auto` ran some point in flow (docs/model.md
    /// section 14); nil otherwise, so those tables print as they always have.
    public var fidelity: SimulationFidelity? = nil

    public init(
        point: Int, values: [String], shardCountEnd: Int64, writeThrottledFraction: Double, recordsFailed: Int64,
        putLatencyP99Milliseconds: Double, maxIteratorAgeMilliseconds: Double, monthlyTotal: Double, sloMet: Bool?
    ) {
        self.point = point
        self.values = values
        self.shardCountEnd = shardCountEnd
        self.writeThrottledFraction = SweepRow.asPrinted(writeThrottledFraction)
        self.recordsFailed = recordsFailed
        self.putLatencyP99Milliseconds = SweepRow.asPrinted(putLatencyP99Milliseconds)
        self.maxIteratorAgeMilliseconds = SweepRow.asPrinted(maxIteratorAgeMilliseconds)
        self.monthlyTotal = SweepRow.asPrinted(monthlyTotal)
        self.sloMet = sloMet
    }

    public init(point: Int, values: [String], result: SimulationResult, objective: ServiceLevelObjective?) {
        let age = result.consumers.map(\.statistics.maxIteratorAgeNanoseconds).max() ?? 0
        self.init(
            point: point, values: values, shardCountEnd: Int64(result.shardCountEnd),
            writeThrottledFraction: result.totals.writeThrottledFraction, recordsFailed: result.totals.recordsFailed,
            putLatencyP99Milliseconds: nanosecondsToMilliseconds(result.putLatency.percentile(99)),
            maxIteratorAgeMilliseconds: nanosecondsToMilliseconds(age),
            monthlyTotal: result.monthlyCost.monthlyTotalUSD,
            sloMet: objective.map { result.violations(of: $0).isEmpty })
        consumers = result.consumers.map(SweepConsumerFigures.init(consumer:))
    }

    /// The value the JSON report prints for `value` (6 decimal places), read back.
    static func asPrinted(_ value: Double) -> Double {
        Double(JSONOutput.double(value).rendered(pretty: false)) ?? value
    }
}

/// One consumer's figures at one sweep point. A figure that does not apply to the consumer's type is nil
/// (JSON null, "n/a" in tables and CSV): GetRecords throttling for enhanced fan-out (it makes no GetRecords
/// calls), Lambda concurrency for anything but Lambda.
public struct SweepConsumerFigures: Sendable, Equatable {
    public var name: String
    public var maxIteratorAgeMilliseconds: Double
    /// GetRecords calls refused (ReadProvisionedThroughputExceeded); nil for enhanced fan-out.
    public var getRecordsThrottled: Int64?
    /// The most batches the function ran at once across all shards; nil unless the consumer is a Lambda function.
    public var lambdaConcurrencyPeak: Int64?

    public init(
        name: String, maxIteratorAgeMilliseconds: Double, getRecordsThrottled: Int64?, lambdaConcurrencyPeak: Int64?
    ) {
        self.name = name
        self.maxIteratorAgeMilliseconds = SweepRow.asPrinted(maxIteratorAgeMilliseconds)
        self.getRecordsThrottled = getRecordsThrottled
        self.lambdaConcurrencyPeak = lambdaConcurrencyPeak
    }

    public init(consumer: ConsumerResult) {
        let statistics = consumer.statistics
        self.init(
            name: consumer.name,
            maxIteratorAgeMilliseconds: nanosecondsToMilliseconds(statistics.maxIteratorAgeNanoseconds),
            getRecordsThrottled: consumer.configuration.isEnhancedFanOutApplication
                ? nil : statistics.readProvisionedThroughputExceeded,
            lambdaConcurrencyPeak: consumer.configuration.type == .lambda ? statistics.concurrentExecutionsPeak : nil)
    }

    /// Column names per consumer, after the stream-wide figures.
    static let figureNames = ["maxIteratorAgeMs", "getRecordsThrottled", "lambdaConcurrencyPeak"]

    var json: JSONOutput {
        .object([
            ("name", .string(name)), ("maxIteratorAgeMs", .double(maxIteratorAgeMilliseconds)),
            ("getRecordsThrottled", getRecordsThrottled.map(JSONOutput.int) ?? .null),
            ("lambdaConcurrencyPeak", lambdaConcurrencyPeak.map(JSONOutput.int) ?? .null),
        ])
    }
}

/// The `sweep` table: one row per grid point, in grid order, the key figures of each run.
public enum SweepReport {
    static let figureNames = [
        "shardCountEnd", "writeThrottledFraction", "recordsFailed", "putLatencyP99Ms",
        "maxIteratorAgeMs", "monthlyTotal", "sloMet",
    ]

    static func figures(_ row: SweepRow) -> [JSONOutput] {
        [
            .int(row.shardCountEnd), .double(row.writeThrottledFraction), .int(row.recordsFailed),
            .double(row.putLatencyP99Milliseconds), .double(row.maxIteratorAgeMilliseconds),
            .double(row.monthlyTotal), row.sloMet.map(JSONOutput.bool) ?? .null,
        ]
    }

    /// `points` is the whole grid's size; `partition` the slice these rows are (the whole grid: "1/1").
    /// `fidelityNote`: why points ran in the fidelity their rows' `fidelity` says (only when `auto` ran some in flow).
    public static func json(
        axes: [String], rows: [SweepRow], points: Int, partition: SweepPartition = .whole, fidelityNote: String? = nil
    ) -> JSONOutput {
        let note: [(String, JSONOutput)] = fidelityNote.map { [("fidelityNote", JSONOutput.string($0))] } ?? []
        return .object(
            [
                ("axes", .array(axes.map(JSONOutput.string))),
                ("points", .int(Int64(points))),
                ("partition", .string(partition.text)),
                ("rows", .array(rows.map { rowJSON($0, axes: axes) })),
            ] + note)
    }

    /// One row: its point, its values by axis, the figures, its consumers; its replications and fidelity when set.
    static func rowJSON(_ row: SweepRow, axes: [String]) -> JSONOutput {
        var members: [(String, JSONOutput)] = [("point", JSONOutput.int(Int64(row.point)))]
        members += zip(axes, row.values).map { ($0, JSONOutput.string($1)) }
        members += zip(figureNames, figures(row)).map { ($0, $1) }
        members.append(("consumers", .array(row.consumers.map(\.json))))
        if let replications = row.replications { members.append(("replications", replications.json)) }
        if let fidelity = row.fidelity { members.append(("fidelity", .string(fidelity.rawValue))) }
        return .object(members)
    }

    /// Columns: each axis, then the figures, then per consumer (every name any point has, in first-seen order)
    /// `NAME.maxIteratorAgeMs`, `NAME.getRecordsThrottled`, `NAME.lambdaConcurrencyPeak`, "n/a" where a figure does
    /// not apply to that consumer (or it is absent at that point); one line per point; values quoted only when needed.
    public static func csv(axes: [String], rows: [SweepRow]) -> String {
        let names = consumerNames(rows)
        let consumerColumns = names.flatMap { name in SweepConsumerFigures.figureNames.map { name + "." + $0 } }
        // Replicated rows add their columns last, so a one-replication table is unchanged.
        let replicated = rows.contains { $0.replications != nil }
        let replicationColumns = replicated ? SweepReplications.csvColumns : []
        // The fidelity column last, only when `auto` ran some point in flow.
        let fidelityShown = rows.contains { $0.fidelity != nil }
        let fidelityColumns = fidelityShown ? ["fidelity"] : []
        var lines = [
            (axes + figureNames + consumerColumns + replicationColumns + fidelityColumns).map(csvField)
                .joined(separator: ",")
        ]
        for row in rows {
            let cells =
                row.values.map(csvField)
                + figures(row).map { figure -> String in
                    switch figure {
                    case .null: return ""
                    default: return csvField(plain(figure))
                    }
                }
            let replicationCells = replicated ? SweepReplications.csvCells(row.replications, format: plain) : []
            let fidelityCells = fidelityShown ? [(row.fidelity ?? .event).rawValue] : []
            lines.append(
                (cells
                    + (consumerCells(row, names: names, format: plain) + replicationCells + fidelityCells).map(csvField))
                    .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A figure as JSON prints it, without quotes.
    private static func plain(_ figure: JSONOutput) -> String {
        figure.rendered(pretty: false).trimmingCharacters(in: ["\""])
    }

    /// Every consumer name in the rows, in first-seen order (points may differ in their consumers).
    static func consumerNames(_ rows: [SweepRow]) -> [String] {
        var names: [String] = []
        for row in rows {
            for consumer in row.consumers where !names.contains(consumer.name) { names.append(consumer.name) }
        }
        return names
    }

    /// Three cells per consumer name: its figures formatted by `format`, or "n/a".
    static func consumerCells(_ row: SweepRow, names: [String], format: (JSONOutput) -> String) -> [String] {
        names.flatMap { name -> [String] in
            guard let consumer = row.consumers.first(where: { $0.name == name }) else { return ["n/a", "n/a", "n/a"] }
            return [
                format(.double(consumer.maxIteratorAgeMilliseconds)),
                consumer.getRecordsThrottled.map { format(.int($0)) } ?? "n/a",
                consumer.lambdaConcurrencyPeak.map { format(.int($0)) } ?? "n/a",
            ]
        }
    }

    static func csvField(_ text: String) -> String { RunReportCSV.field(text) }

    public static func text(axes: [String], rows: [SweepRow], fidelityNote: String? = nil) -> String {
        document(axes: axes, rows: rows, fidelityNote: fidelityNote).text()
    }

    public static func document(axes: [String], rows: [SweepRow], fidelityNote: String? = nil) -> ReportDocument {
        let names = consumerNames(rows)
        let fidelityShown = rows.contains { $0.fidelity != nil }
        let replicated = rows.contains { $0.replications != nil }
        let replicationHeaders =
            replicated ? SweepReplications.tableHeaders.map { ($0, TextTable.Alignment.right) } : []
        let consumerHeaders = names.flatMap { name in
            [
                (name + ": iterator age", TextTable.Alignment.right), (name + ": throttled calls", .right),
                (name + ": Lambda concurrency", .right),
            ]
        }
        var table = TextTable(
            axes.map { ($0, .left) } + [
                ("shards", .right), ("throttled", .right), ("failed", .right),
                ("put p99", .right), ("max iterator age", .right),
                ("monthly", .right), ("SLO", .left),
            ] + consumerHeaders + replicationHeaders + (fidelityShown ? [("fidelity", .left)] : []))
        for row in rows {
            let met = row.sloMet.map { $0 ? "met" : "NOT met" } ?? "-"
            table.add(
                row.values + [
                    String(row.shardCountEnd), TextFormat.percent(row.writeThrottledFraction, places: 3),
                    TextFormat.count(row.recordsFailed),
                    TextFormat.milliseconds(Int64(millisecondsToNanoseconds(row.putLatencyP99Milliseconds).rounded())),
                    TextFormat.decimal(row.maxIteratorAgeMilliseconds / 1e3, places: 1) + " s",
                    "$" + TextFormat.decimal(row.monthlyTotal, places: 2), met,
                ]
                    + consumerCells(row, names: names, format: tableText)
                    + (replicated ? SweepReplications.tableCells(row.replications) : [])
                    + (fidelityShown ? [(row.fidelity ?? .event).rawValue] : []))
        }
        var notes: [String] = []
        if let fidelityNote { notes.append(fidelityNote) }
        if !names.isEmpty {
            notes.append(
                "Per consumer: iterator age is its largest; throttled calls are its GetRecords calls refused "
                    + "(ReadProvisionedThroughputExceeded); Lambda concurrency is the most batches run at once. n/a: the figure does "
                    + "not apply (enhanced fan-out makes no GetRecords calls; only Lambda has concurrency) or the consumer is not in that run."
            )
        }
        if let count = rows.lazy.compactMap(\.replications).first?.count {
            notes.append(
                "Each point ran \(count) replications with the same seeds at every point (its seed, then seeds derived "
                    + "from it; docs/model.md section 18): the mean ± 95% columns are Student-t intervals on the mean over "
                    + "them, \"SLO met in\" counts the replications meeting the SLO; every other column is replication 1's."
            )
        }
        return ReportDocument(
            title: "ShardSim sweep: \(rows.count) runs",
            subtitle: "one row per point of the grid, first --vary slowest",
            sections: [
                ReportSection(title: "Results", blocks: [.table(table)] + (notes.isEmpty ? [] : [.notes(notes)]))
            ])
    }

    /// A consumer figure as the table prints it: seconds for iterator age, grouped counts otherwise.
    private static func tableText(_ figure: JSONOutput) -> String {
        switch figure {
        case .double(let milliseconds): return TextFormat.decimal(milliseconds / 1e3, places: 1) + " s"
        case .int(let count): return TextFormat.count(count)
        default: return "n/a"
        }
    }
}
