import ShardSimScenario

/// The `--vary PATH=V1,V2,…` axes of a sweep, read and checked so that every mistake is reported at once, not
/// just the first: every malformed `--vary`, then every value that makes the scenario invalid on its own.
enum SweepAxes {
    typealias Axis = (path: String, values: [String])

    /// Most problems listed in one message (the rest are counted).
    static let maxListedProblems = 50

    static func parse(_ variations: [String]) throws(UsageError) -> [Axis] {
        var axes: [Axis] = []
        var problems: [String] = []
        // Sets, so that a command line of many --vary words is read in linear time.
        var seenPaths: Set<String> = []
        var repeatedPaths: Set<String> = []
        for variation in variations {
            guard let equals = variation.firstIndex(of: "="), equals != variation.startIndex else {
                problems.append("--vary expects PATH=V1,V2,…, got '\(variation)'")
                continue
            }
            let values = variation[variation.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let path = String(variation[..<equals])
            if values.contains(where: \.isEmpty) { problems.append("--vary \(variation): empty value") }
            // Said once per path, however often it repeats.
            if !seenPaths.insert(path).inserted && repeatedPaths.insert(path).inserted {
                problems.append("--vary \(path) is given more than once; list all its values once")
            }
            axes.append((path, values))
        }
        try fail(problems)
        return axes
    }

    /// Decodes the scenario with each value of each axis alone (the other axes at the scenario's own values) and
    /// reports every value that does not decode, with the decoder's diagnostics. Called once some grid point failed
    /// (a value can be wrong alone yet fine beside another axis's values, so this alone never refuses a sweep);
    /// the run-size budget is left to the grid points.
    /// A problem of the scenario itself (the same with and without a value) is reported once, not blamed on every value.
    static func checkEachValue(_ axes: [Axis], arguments: CommandLineArguments, command: String) throws(UsageError) {
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
                } catch where error.message == scenarioProblem {
                    sharedFailures += 1
                } catch {
                    problems.append("--vary \(axis.path)=\(value): " + error.message)
                }
            }
        }
        if let scenarioProblem, sharedFailures > 0 { problems.insert("whatever the --vary values: " + scenarioProblem, at: 0) }
        try fail(problems)
    }

    /// Throws one message listing `problems` (at most `maxListedProblems`), if there are any.
    static func fail(_ problems: [String]) throws(UsageError) {
        guard !problems.isEmpty else { return }
        var lines = Array(problems.prefix(maxListedProblems))
        if problems.count > maxListedProblems { lines.append("… and \(problems.count - maxListedProblems) more") }
        throw UsageError(problems.count == 1 ? lines[0] : "\(problems.count) problems:\n" + lines.joined(separator: "\n"))
    }
}
