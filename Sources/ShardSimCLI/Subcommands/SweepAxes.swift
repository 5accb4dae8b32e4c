import Foundation
import ShardSimModel
import ShardSimPlanner

/// The wording of the `--vary` axes' problems, listed all at once, not just the first: every malformed `--vary` (the
/// grid, `ShardSimPlanner.SweepGrid`, finds them), then every value that makes the scenario invalid on its own.
enum SweepAxes {
    /// Most problems listed in one message (the rest are counted).
    static let maxListedProblems = 50

    /// What the user reads for one problem of the grid, in `command` (sweep or explore).
    static func message(for problem: SweepGrid.Problem, command: String) -> String {
        switch problem {
        case .noAxes: return "expected at least one --vary PATH=V1,V2,…"
        case .malformed(let variation): return "--vary expects PATH=V1,V2,…, got '\(variation)'"
        case .emptyValue(let variation): return "--vary \(variation): empty value"
        case .repeatedPath(let path): return "--vary \(path) is given more than once; list all its values once"
        case .tooManyPoints(let valueCounts):
            let exact = valueCounts.reduce(1.0) { $0 * Double($1) }
            let shown = exact < 1e15 ? RunRefusalText.wholeNumber(exact) : String(format: "about %.3g", exact)
            return "the grid has \(shown) points (\(valueCounts.count) --vary axes); \(command) runs at most "
                + "\(RunRefusalText.wholeNumber(Double(SweepGrid.maxPoints))) points: vary fewer paths or values"
        }
    }

    /// Decodes the scenario with each value of each axis alone (the other axes at the scenario's own values) and
    /// reports every value that does not decode, with the decoder's diagnostics. Called once some grid point failed
    /// (a value can be wrong alone yet fine beside another axis's values, so this alone never refuses a sweep);
    /// the run-size budget is left to the grid points.
    /// A problem of the scenario itself (the same with and without a value) is reported once, not blamed on every value.
    static func checkEachValue(_ axes: [SweepAxis], arguments: CommandLineArguments, command: String) throws(UsageError)
    {
        var lenient = arguments
        lenient.allowsLarge = true
        var scenarioProblem: String?
        do { _ = try ScenarioLoading.load(lenient, command: command) } catch { scenarioProblem = error.message }
        var problems: [String] = []
        var sharedFailures = 0
        for axis in axes {
            for value in axis.values {
                var single = lenient
                single.overrides.append("\(axis.path)=\(value)")
                do {
                    _ = try ScenarioLoading.load(single, command: command)
                } catch  where error.message == scenarioProblem {
                    sharedFailures += 1
                } catch {
                    problems.append("--vary \(axis.path)=\(value): " + error.message)
                }
            }
        }
        if let scenarioProblem, sharedFailures > 0 {
            problems.insert("whatever the --vary values: " + scenarioProblem, at: 0)
        }
        try fail(problems)
    }

    /// Throws one message listing `problems` (at most `maxListedProblems`), if there are any.
    static func fail(_ problems: [String]) throws(UsageError) {
        guard !problems.isEmpty else { return }
        throw error(problems)
    }

    /// One message listing `problems` (at least one; at most `maxListedProblems` are listed, the rest counted).
    static func error(_ problems: [String]) -> UsageError {
        precondition(!problems.isEmpty, "an error lists at least one problem")
        var lines = Array(problems.prefix(maxListedProblems))
        if problems.count > maxListedProblems { lines.append("… and \(problems.count - maxListedProblems) more") }
        return UsageError(
            problems.count == 1 ? lines[0] : "\(problems.count) problems:\n" + lines.joined(separator: "\n"))
    }
}
