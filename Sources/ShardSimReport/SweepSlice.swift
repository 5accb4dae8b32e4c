import ShardSimJSON
import ShardSimModel
import ShardSimPlanner

/// One slice of a sweep (`sweep --partition I/N --format json`), read back from its JSON so `merge-results` can join
/// slices into the table one unpartitioned sweep prints, byte for byte.
public struct SweepSlice: Sendable, Equatable {
    public var axes: [String]
    /// Points in the whole grid.
    public var points: Int
    public var partition: SweepPartition
    public var rows: [SweepRow]
    /// The slice's `fidelityNote`, when `auto` ran some of its points in flow.
    public var fidelityNote: String? = nil

    public init(axes: [String], points: Int, partition: SweepPartition, rows: [SweepRow]) {
        self.axes = axes
        self.points = points
        self.partition = partition
        self.rows = rows
    }

    /// Why bytes are not a slice: not JSON at all, or JSON that is not what `sweep --format json` prints (what is
    /// wrong, at its path in the document: `rows.3.point 5 is not in partition 1/2 of 4 points`).
    public enum ReadError: Error, Sendable {
        case notJSON(JSONSyntaxError)
        case notSweepOutput(String)
    }

    /// Why slices do not fit together into one grid; each names slices by their position in the list given.
    public enum MergeProblem: Error, Sendable, Equatable {
        /// Slice `slice` has other axes, another grid size or another partition count than the first.
        case differentSweep(slice: Int)
        /// Slices `slice` and `earlier` are the same partition.
        case samePartition(slice: Int, earlier: Int)
        /// These partition indices (1-based) of `count` are in no slice.
        case missingPartitions([Int], count: Int)
        /// The rows do not hold each of the grid's points exactly once.
        case pointsNotEachOnce(points: Int)
    }

    /// The rows of `slices` in grid order, once every check passes: the slices are of one sweep (same axes, grid size
    /// and partition count), each partition once, none missing, and every point of the grid exactly once.
    /// `slices` holds at least one slice.
    public static func merge(_ slices: [SweepSlice]) throws(MergeProblem) -> [SweepRow] {
        precondition(!slices.isEmpty, "merge needs at least one slice")
        let first = slices[0]
        var seen: [Int: Int] = [:]
        for (position, slice) in slices.enumerated() {
            guard slice.axes == first.axes, slice.points == first.points, slice.partition.count == first.partition.count
            else {
                throw MergeProblem.differentSweep(slice: position)
            }
            if let earlier = seen[slice.partition.index] {
                throw MergeProblem.samePartition(slice: position, earlier: earlier)
            }
            seen[slice.partition.index] = position
        }
        let missing = (1...first.partition.count).filter { seen[$0] == nil }
        guard missing.isEmpty else { throw MergeProblem.missingPartitions(missing, count: first.partition.count) }
        var rows = slices.flatMap(\.rows).sorted { $0.point < $1.point }
        guard rows.map(\.point) == Array(0..<first.points) else {
            throw MergeProblem.pointsNotEachOnce(points: first.points)
        }
        // A slice whose points all ran in event fidelity under `auto` prints no fidelity; beside a slice that ran
        // some in flow, its rows say event, as the unpartitioned sweep's would.
        if rows.contains(where: { $0.fidelity != nil }) {
            for index in rows.indices where rows[index].fidelity == nil { rows[index].fidelity = .event }
        }
        return rows
    }

    /// The slice `bytes` hold, checked field by field: only figures a run can print, each point in the slice's partition.
    public init(_ bytes: [UInt8]) throws(ReadError) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw ReadError.notJSON(error)
        }
        func fail(_ what: String) -> ReadError { .notSweepOutput(what) }
        guard case .object(let root) = document else { throw fail("not an object") }
        guard case .array(let axisValues)? = root["axes"] else { throw fail("no \"axes\" array") }
        var axes: [String] = []
        for value in axisValues {
            guard case .string(let axis) = value else { throw fail("\"axes\" holds a non-string") }
            axes.append(axis)
        }
        guard let points = root["points"]?.int64Value, (1...Int64(SweepGrid.maxPoints)).contains(points) else {
            throw fail("no \"points\" count from 1 to \(SweepGrid.maxPoints)")
        }
        guard case .string(let partitionText)? = root["partition"], let partition = SweepPartition(partitionText) else {
            throw fail("no \"partition\" I/N")
        }
        guard case .array(let rowValues)? = root["rows"] else { throw fail("no \"rows\" array") }
        var rows: [SweepRow] = []
        for (index, value) in rowValues.enumerated() {
            rows.append(try Self.row(value, at: index, axes: axes, points: points, partition: partition))
        }
        self.axes = axes
        self.points = Int(points)
        self.partition = partition
        self.rows = rows
        if case .string(let note)? = root["fidelityNote"] { fidelityNote = note }
    }

    /// Row `index` of a slice.
    private static func row(
        _ value: JSONValue, at index: Int, axes: [String], points: Int64,
        partition: SweepPartition
    ) throws(ReadError) -> SweepRow {
        func fail(_ what: String) -> ReadError { .notSweepOutput(what) }
        guard case .object(let row) = value else { throw fail("rows.\(index) is not an object") }
        var values: [String] = []
        for axis in axes {
            guard case .string(let text)? = row[axis] else { throw fail("rows.\(index) has no \"\(axis)\"") }
            values.append(text)
        }
        // Figures a run can print, no more: the tables convert them back to whole nanoseconds and counts.
        func number(_ key: String, in range: ClosedRange<Double> = 0...1e12) throws(ReadError) -> Double {
            guard let number = row[key]?.doubleValue, range.contains(number) else {
                throw fail("rows.\(index).\(key) is not a number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
        func whole(_ key: String, in range: ClosedRange<Int64> = 0...Int64(1e15)) throws(ReadError) -> Int64 {
            guard let number = row[key]?.int64Value, range.contains(number) else {
                throw fail("rows.\(index).\(key) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
        let point = try whole("point")
        guard (0..<points).contains(point), partition.contains(point: Int(point)) else {
            throw fail("rows.\(index).point \(point) is not in partition \(partition.text) of \(points) points")
        }
        var sloMet: Bool?
        switch row["sloMet"] {
        case .bool(let met)?: sloMet = met
        case .null?: sloMet = nil
        default: throw fail("rows.\(index).sloMet is not true, false or null")
        }
        var parsed = SweepRow(
            point: Int(point), values: values, shardCountEnd: try whole("shardCountEnd"),
            writeThrottledFraction: try number("writeThrottledFraction", in: 0...1),
            recordsFailed: try whole("recordsFailed"), putLatencyP99Milliseconds: try number("putLatencyP99Ms"),
            maxIteratorAgeMilliseconds: try number("maxIteratorAgeMs"),
            monthlyTotal: try number("monthlyTotal"), sloMet: sloMet)
        parsed.consumers = try consumerFigures(row["consumers"], at: "rows.\(index).consumers")
        parsed.replications = try SweepReplications.read(row["replications"], at: "rows.\(index).replications")
        switch row["fidelity"] {
        case nil: break
        case .string(let name)? where SimulationFidelity(rawValue: name) != nil:
            parsed.fidelity = SimulationFidelity(rawValue: name)
        default: throw fail("rows.\(index).fidelity is not \"event\" or \"flow\"")
        }
        return parsed
    }

    /// A row's per-consumer figures; absent (a slice from before they were printed) means none.
    private static func consumerFigures(_ value: JSONValue?, at path: String) throws(ReadError)
        -> [SweepConsumerFigures]
    {
        func fail(_ what: String) -> ReadError { .notSweepOutput(what) }
        guard let value, value != .null else { return [] }
        guard case .array(let items) = value else { throw fail("\(path) is not an array") }
        var figures: [SweepConsumerFigures] = []
        for (index, item) in items.enumerated() {
            guard case .object(let consumer) = item, case .string(let name)? = consumer["name"],
                let age = consumer["maxIteratorAgeMs"]?.doubleValue, (0...1e12).contains(age)
            else {
                throw fail(
                    "\(path).\(index) is not {\"name\", \"maxIteratorAgeMs\", \"getRecordsThrottled\", \"lambdaConcurrencyPeak\"}"
                )
            }
            func count(_ key: String) throws(ReadError) -> Int64? {
                switch consumer[key] {
                case .null?, nil: return nil
                case let number?:
                    guard let whole = number.int64Value, whole >= 0 else {
                        throw fail("\(path).\(index).\(key) is not a count or null")
                    }
                    return whole
                }
            }
            figures.append(
                SweepConsumerFigures(
                    name: name, maxIteratorAgeMilliseconds: age,
                    getRecordsThrottled: try count("getRecordsThrottled"),
                    lambdaConcurrencyPeak: try count("lambdaConcurrencyPeak")))
        }
        return figures
    }
}
