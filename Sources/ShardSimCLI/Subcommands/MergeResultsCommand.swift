import Foundation
import ShardSimJSON
import ShardSimReport

/// `shardsim merge-results FILE...`: joins the JSON of `sweep --partition I/N` slices into the table one
/// `sweep` run prints, byte for byte, in any of sweep's formats.
enum MergeResultsCommand {
    /// One slice read back from its JSON.
    private struct Slice {
        var axes: [String]
        var points: Int
        var partition: SweepPartition
        var rows: [SweepRow]
    }

    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        guard !arguments.positionals.isEmpty else {
            throw UsageError("expected the JSON files of sweep --partition I/N --format json, e.g. shardsim merge-results part-*.json")
        }
        var slices: [Slice] = []
        for path in arguments.positionals {
            switch BoundedFile.read(path) {
            case .success(let bytes): slices.append(try read(bytes, path: path))
            case .failure(let error): throw UsageError("cannot read '\(path)': \(error.message)")
            }
        }
        let first = slices[0]
        var seen: [Int: String] = [:]
        for (slice, path) in zip(slices, arguments.positionals) {
            guard slice.axes == first.axes, slice.points == first.points, slice.partition.count == first.partition.count else {
                throw UsageError("\(path) is a slice of a different sweep (axes \(slice.axes), \(slice.points) points, "
                    + "\(slice.partition.count) partitions) than \(arguments.positionals[0])")
            }
            if let other = seen[slice.partition.index] {
                throw UsageError("\(path) and \(other) are both partition \(slice.partition.text)")
            }
            seen[slice.partition.index] = path
        }
        let missing = (1...first.partition.count).filter { seen[$0] == nil }
        guard missing.isEmpty else {
            throw UsageError("partitions missing: " + missing.map { "\($0)/\(first.partition.count)" }.joined(separator: ", "))
        }
        let rows = slices.flatMap(\.rows).sorted { $0.point < $1.point }
        guard rows.map(\.point) == Array(0..<first.points) else {
            throw UsageError("the slices do not hold each of the \(first.points) points exactly once")
        }
        let text = SweepCommand.render(axes: first.axes, rows: rows, points: first.points, partition: .whole,
                                       format: arguments.format)
        var outcome = CommandOutcome(exitCode: 0)
        try ShardSimCommand.deliver(text, to: arguments.outputPath, outcome: &outcome)
        return outcome
    }

    private static func read(_ bytes: [UInt8], path: String) throws(UsageError) -> Slice {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw UsageError("\(path) is not JSON: \(error)")
        }
        func fail(_ what: String) -> UsageError { UsageError("\(path): \(what) (expected the output of sweep --format json)") }
        guard case .object(let root) = document else { throw fail("not an object") }
        guard case .array(let axisValues)? = root["axes"] else { throw fail("no \"axes\" array") }
        var axes: [String] = []
        for value in axisValues {
            guard case .string(let axis) = value else { throw fail("\"axes\" holds a non-string") }
            axes.append(axis)
        }
        guard let points = root["points"]?.int64Value, (1...Int64(SweepCommand.maxPoints)).contains(points) else {
            throw fail("no \"points\" count from 1 to \(SweepCommand.maxPoints)")
        }
        guard case .string(let partitionText)? = root["partition"], let partition = SweepPartition(partitionText) else {
            throw fail("no \"partition\" I/N")
        }
        guard case .array(let rowValues)? = root["rows"] else { throw fail("no \"rows\" array") }
        var rows: [SweepRow] = []
        for (index, value) in rowValues.enumerated() {
            guard case .object(let row) = value else { throw fail("rows.\(index) is not an object") }
            var values: [String] = []
            for axis in axes {
                guard case .string(let text)? = row[axis] else { throw fail("rows.\(index) has no \"\(axis)\"") }
                values.append(text)
            }
            // Figures a run can print, no more: the tables convert them back to whole nanoseconds and counts.
            func number(_ key: String, in range: ClosedRange<Double> = 0...1e12) throws(UsageError) -> Double {
                guard let number = row[key]?.doubleValue, range.contains(number) else {
                    throw fail("rows.\(index).\(key) is not a number from \(range.lowerBound) to \(range.upperBound)")
                }
                return number
            }
            func whole(_ key: String, in range: ClosedRange<Int64> = 0...Int64(1e15)) throws(UsageError) -> Int64 {
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
            rows.append(SweepRow(point: Int(point), values: values, shardCountEnd: try whole("shardCountEnd"),
                                 writeThrottledFraction: try number("writeThrottledFraction", in: 0...1), recordsFailed: try whole("recordsFailed"),
                                 putLatencyP99Milliseconds: try number("putLatencyP99Ms"),
                                 maxIteratorAgeMilliseconds: try number("maxIteratorAgeMs"),
                                 monthlyTotal: try number("monthlyTotal"), sloMet: sloMet))
            rows[rows.count - 1].consumers = try consumerFigures(row["consumers"], at: "rows.\(index).consumers", fail: fail)
        }
        return Slice(axes: axes, points: Int(points), partition: partition, rows: rows)
    }

    /// A row's per-consumer figures; absent (a slice from before they were printed) means none.
    private static func consumerFigures(_ value: JSONValue?, at path: String,
                                        fail: (String) -> UsageError) throws(UsageError) -> [SweepConsumerFigures] {
        guard let value, value != .null else { return [] }
        guard case .array(let items) = value else { throw fail("\(path) is not an array") }
        var figures: [SweepConsumerFigures] = []
        for (index, item) in items.enumerated() {
            guard case .object(let consumer) = item, case .string(let name)? = consumer["name"],
                  let age = consumer["maxIteratorAgeMs"]?.doubleValue, (0...1e12).contains(age) else {
                throw fail("\(path).\(index) is not {\"name\", \"maxIteratorAgeMs\", \"getRecordsThrottled\", \"lambdaConcurrencyPeak\"}")
            }
            func count(_ key: String) throws(UsageError) -> Int64? {
                switch consumer[key] {
                case .null?, nil: return nil
                case let number?:
                    guard let whole = number.int64Value, whole >= 0 else { throw fail("\(path).\(index).\(key) is not a count or null") }
                    return whole
                }
            }
            figures.append(SweepConsumerFigures(name: name, maxIteratorAgeMilliseconds: age,
                                                getRecordsThrottled: try count("getRecordsThrottled"),
                                                lambdaConcurrencyPeak: try count("lambdaConcurrencyPeak")))
        }
        return figures
    }
}
