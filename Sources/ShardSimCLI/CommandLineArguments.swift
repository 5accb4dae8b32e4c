import ShardSimPlanner

/// Parsed command-line words: the options every command shares, plus positionals.
///
/// Hand-written because the project takes no dependencies; the rules follow common CLI practice:
/// `--name value` or `--name=value`, repeatable `--set`, and `--` ends options so partition keys that
/// start with "-" can be routed.
struct CommandLineArguments {
    var positionals: [String] = []
    var format = "text"
    var outputPath: String?
    var seed: UInt64?
    var overrides: [String] = []
    var variations: [String] = []
    var shards: Int?
    var failOnSlo = false
    /// `--fidelity`: event, flow or auto (nil: the scenario's own `fidelity`, else event).
    var fidelity: String?
    /// `--allow-large`: run even beyond the run-size budget.
    var allowsLarge = false
    var wantsHelp = false
    var extra: [String: String] = [:]
    var terminal = Terminal.none
    /// Threads for parallel runs (`plan`, `compare`, `sweep`, `bench`): not a flag; `SHARDSIM_THREADS` or every
    /// core, or what a test passes to `ShardSimCommand.run(_:terminal:threads:)`. Never changes the output.
    var threads = ParallelRuns.threadCount

    /// Options that take a value, and the flags without one, per command.
    static let valueOptions: Set<String> = ["--format", "--out", "--seed", "--set", "--shards", "--workload", "--repeat", "--vary",
                                             "--html-out", "--emit", "--shards-file", "--fidelity", "--partition",
                                             "--on-demand-stream"]
    static let formats = ["text", "json", "markdown", "html", "csv"]
    static let flagOptions: Set<String> = ["--fail-on-slo", "--help", "-h", "--json", "--allow-large"]

    init(_ words: [String]) throws(UsageError) {
        var index = 0
        var optionsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || !word.hasPrefix("-") || word == "-" {
                positionals.append(word)
                continue
            }
            if word == "--" { optionsEnded = true; continue }
            var name = word
            var value: String?
            if let equals = word.firstIndex(of: "="), word.hasPrefix("--") {
                name = String(word[..<equals])
                value = String(word[word.index(after: equals)...])
            }
            if Self.flagOptions.contains(name) {
                guard value == nil else { throw UsageError("\(name) takes no value") }
                switch name {
                case "--fail-on-slo": failOnSlo = true
                case "--json": extra["--json"] = "true"
                case "--allow-large": allowsLarge = true
                default: wantsHelp = true
                }
                continue
            }
            guard Self.valueOptions.contains(name) else {
                throw UsageError("unknown option '\(name)'" + (name.count > 1 && !name.hasPrefix("--") ? "; to route a key that starts with '-', put it after --" : ""))
            }
            if value == nil {
                guard index < words.count else { throw UsageError("\(name) needs a value") }
                value = words[index]
                index += 1
            }
            try assign(name, value ?? "")
        }
    }

    private mutating func assign(_ name: String, _ value: String) throws(UsageError) {
        switch name {
        case "--format":
            guard Self.formats.contains(value) else {
                throw UsageError("--format expects one of \(Self.formats.joined(separator: ", ")), got '\(value)'")
            }
            format = value
        case "--out": outputPath = value
        case "--seed":
            guard let parsed = UInt64(value) else { throw UsageError("--seed expects a whole number from 0 to 18446744073709551615, got '\(value)'") }
            seed = parsed
        case "--set": overrides.append(value)
        case "--fidelity":
            guard ["event", "flow", "auto"].contains(value) else {
                throw UsageError("--fidelity expects event, flow or auto, got '\(value)'")
            }
            fidelity = value
        case "--vary": variations.append(value)
        case "--shards":
            guard let parsed = Int(value), (1...10_000).contains(parsed) else {
                throw UsageError("--shards expects a whole number from 1 to 10,000, got '\(value)'")
            }
            shards = parsed
        default: extra[name] = value
        }
    }
}

/// A mistake on the command line: exit 2 with this message.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
