import Foundation
import ShardSimReport

/// `shardsim merge-results FILE...`: joins the JSON of `sweep --partition I/N` slices into the table one
/// `sweep` run prints, byte for byte, in any of sweep's formats. Reading a slice and checking that the slices fit
/// together is `ShardSimReport.SweepSlice`'s; this names the files in what goes wrong.
enum MergeResultsCommand {
    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        let paths = arguments.positionals
        guard !paths.isEmpty else {
            throw UsageError(
                "expected the JSON files of sweep --partition I/N --format json, e.g. shardsim merge-results part-*.json"
            )
        }
        var slices: [SweepSlice] = []
        for path in paths {
            switch BoundedFile.read(path) {
            case .success(let bytes): slices.append(try read(bytes, path: path))
            case .failure(let error): throw UsageError("cannot read '\(path)': \(error.message)")
            }
        }
        let rows: [SweepRow]
        do {
            rows = try SweepSlice.merge(slices)
        } catch {
            throw message(for: error, slices: slices, paths: paths)
        }
        let first = slices[0]
        let text = SweepCommand.render(
            axes: first.axes, rows: rows, points: first.points, partition: .whole,
            format: arguments.format, fidelityNote: slices.lazy.compactMap(\.fidelityNote).first)
        var outcome = CommandOutcome(exitCode: 0)
        try ShardSimCommand.deliver(text, to: arguments.outputPath, outcome: &outcome)
        return outcome
    }

    /// The slice in the file at `path`.
    private static func read(_ bytes: [UInt8], path: String) throws(UsageError) -> SweepSlice {
        do {
            return try SweepSlice(bytes)
        } catch {
            switch error {
            case .notJSON(let syntaxError): throw UsageError("\(path) is not JSON: \(syntaxError)")
            case .notSweepOutput(let what):
                throw UsageError("\(path): \(what) (expected the output of sweep --format json)")
            }
        }
    }

    /// Why the slices do not fit together, naming their files.
    private static func message(for problem: SweepSlice.MergeProblem, slices: [SweepSlice], paths: [String])
        -> UsageError
    {
        switch problem {
        case .differentSweep(let index):
            let slice = slices[index]
            return UsageError(
                "\(paths[index]) is a slice of a different sweep (axes \(slice.axes), \(slice.points) points, "
                    + "\(slice.partition.count) partitions) than \(paths[0])")
        case .samePartition(let index, let earlier):
            return UsageError(
                "\(paths[index]) and \(paths[earlier]) are both partition \(slices[index].partition.text)")
        case .missingPartitions(let missing, let count):
            return UsageError("partitions missing: " + missing.map { "\($0)/\(count)" }.joined(separator: ", "))
        case .pointsNotEachOnce(let points):
            return UsageError("the slices do not hold each of the \(points) points exactly once")
        }
    }
}
