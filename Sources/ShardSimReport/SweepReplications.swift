import ShardSimEngine
import ShardSimJSON
import ShardSimModel
import ShardSimPlanner

/// One sweep point over `sweep --replications N` (N ≥ 2; docs/model.md section 18): each stream-wide figure's mean
/// and Student-t 95 % half-width over the replications, and how many met the SLO. Held exactly as the JSON prints
/// them, so `merge-results` rebuilds the table byte for byte.
public struct SweepReplications: Sendable, Equatable {
    /// The figures replicated, by their sweep names, in column order.
    public static let figureNames = [
        "writeThrottledFraction", "recordsFailed", "putLatencyP99Ms", "maxIteratorAgeMs", "monthlyTotal",
    ]

    /// One figure's mean and half-width.
    public struct Figure: Sendable, Equatable {
        public var mean: Double
        public var halfWidth95: Double

        public init(mean: Double, halfWidth95: Double) {
            self.mean = SweepRow.asPrinted(mean)
            self.halfWidth95 = SweepRow.asPrinted(halfWidth95)
        }
    }

    public var count: Int
    /// Replications that met the point's SLO; nil when the scenario states none.
    public var sloMetCount: Int?
    /// In `figureNames` order.
    public var figures: [Figure]

    public init(count: Int, sloMetCount: Int?, figures: [Figure]) {
        self.count = count
        self.sloMetCount = sloMetCount
        self.figures = figures
    }

    /// What one replication of a point contributes: its figures in `figureNames` order (the units the sweep's JSON
    /// prints) and whether it met the SLO.
    public struct Sample: Sendable {
        public var figures: [Double]
        public var sloMet: Bool?

        public init(result: SimulationResult, objective: ServiceLevelObjective?) {
            let age = result.consumers.map(\.statistics.maxIteratorAgeNanoseconds).max() ?? 0
            figures = [
                result.totals.writeThrottledFraction, Double(result.totals.recordsFailed),
                nanosecondsToMilliseconds(result.putLatency.percentile(99)), nanosecondsToMilliseconds(age),
                result.monthlyCost.monthlyTotalUSD,
            ]
            sloMet = objective.map { result.violations(of: $0).isEmpty }
        }
    }

    /// The summary of a point's samples (at least two), in replication order.
    public init(_ samples: [Sample]) {
        count = samples.count
        sloMetCount = samples[0].sloMet == nil ? nil : samples.filter { $0.sloMet == true }.count
        figures = Self.figureNames.indices.map { slot in
            let summary = SampleSummary(samples.map { $0.figures[slot] })
            return Figure(mean: summary.mean, halfWidth95: summary.halfWidth95)
        }
    }

    /// The row's `replications` member.
    var json: JSONOutput {
        .object(
            [
                ("count", .int(Int64(count))),
                ("sloMetCount", sloMetCount.map { .int(Int64($0)) } ?? .null),
            ]
                + zip(Self.figureNames, figures).map { name, figure in
                    (name, .object([("mean", .double(figure.mean)), ("ci95HalfWidth", .double(figure.halfWidth95))]))
                })
    }

    /// CSV columns, after every other: the count, each figure's mean and half-width, the replications meeting the SLO.
    static let csvColumns =
        ["replications"] + figureNames.flatMap { [$0 + ".mean", $0 + ".ci95HalfWidth"] } + ["sloMetReplications"]

    /// The row's CSV cells (empty cells for a row without replications), each as JSON prints it.
    static func csvCells(_ replications: SweepReplications?, format: (JSONOutput) -> String) -> [String] {
        guard let replications else { return Array(repeating: "", count: csvColumns.count) }
        return [String(replications.count)]
            + replications.figures.flatMap { [format(.double($0.mean)), format(.double($0.halfWidth95))] }
            + [replications.sloMetCount.map(String.init) ?? ""]
    }

    /// Table headers, after every other column.
    static let tableHeaders = [
        "throttled (mean ± 95%)", "failed (mean ± 95%)", "put p99 (mean ± 95%)", "max iterator age (mean ± 95%)",
        "monthly (mean ± 95%)", "SLO met in",
    ]

    /// The row's table cells: "mean ± half-width" per figure, in the units of the row's own columns.
    static func tableCells(_ replications: SweepReplications?) -> [String] {
        guard let replications else { return Array(repeating: "-", count: tableHeaders.count) }
        let formats: [(Double) -> String] = [
            { TextFormat.percent($0, places: 3) }, { TextFormat.decimal($0, places: 1) },
            { TextFormat.decimal($0, places: 1) + " ms" }, { TextFormat.decimal($0 / 1e3, places: 1) + " s" },
            { "$" + TextFormat.decimal($0, places: 2) },
        ]
        let cells = zip(formats, replications.figures).map { format, figure in
            format(figure.mean) + " ± " + format(figure.halfWidth95)
        }
        let met = replications.sloMetCount.map { "\($0) of \(replications.count)" } ?? "-"
        return cells + [met]
    }

    /// The `replications` member of a slice's row, read back; nil when absent (a run with one replication).
    static func read(_ value: JSONValue?, at path: String) throws(SweepSlice.ReadError) -> SweepReplications? {
        func fail(_ what: String) -> SweepSlice.ReadError { .notSweepOutput(what) }
        guard let value, value != .null else { return nil }
        guard case .object(let member) = value, let count = member["count"]?.int64Value,
            (2...Int64(ReplicationSeeds.maxReplications)).contains(count)
        else {
            throw fail("\(path) is not {\"count\" from 2 to \(ReplicationSeeds.maxReplications), …}")
        }
        var sloMetCount: Int?
        switch member["sloMetCount"] {
        case .null?: sloMetCount = nil
        case let number?:
            guard let met = number.int64Value, (0...count).contains(met) else {
                throw fail("\(path).sloMetCount is not a count from 0 to \(count) or null")
            }
            sloMetCount = Int(met)
        case nil: throw fail("\(path) has no \"sloMetCount\"")
        }
        var figures: [Figure] = []
        for name in figureNames {
            guard case .object(let figure)? = member[name], let mean = figure["mean"]?.doubleValue,
                let halfWidth = figure["ci95HalfWidth"]?.doubleValue, (-1e12...1e12).contains(mean),
                (0...1e12).contains(halfWidth)
            else {
                throw fail("\(path).\(name) is not {\"mean\", \"ci95HalfWidth\"} within ±10¹²")
            }
            figures.append(Figure(mean: mean, halfWidth95: halfWidth))
        }
        return SweepReplications(count: Int(count), sloMetCount: sloMetCount, figures: figures)
    }
}
