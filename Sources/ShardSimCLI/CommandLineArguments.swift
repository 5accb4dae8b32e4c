import ShardSimModel
import ShardSimPlanner

/// Parsed command-line words: positionals, the options the scenario commands share (typed and checked here, as each
/// word is read), and the values of the options only one command takes (`CommandOption`), which that command reads
/// into its own typed options (`CommandOptions.swift`). `CommandCatalog` says which command takes which option.
///
/// Hand-written because the project takes no dependencies; the rules follow common CLI practice:
/// `--name value` or `--name=value`, repeatable `--set`, and `--` ends options so partition keys that
/// start with "-" can be routed.
struct CommandLineArguments {
    var positionals: [String] = []
    var format = OutputFormat.text
    var outputPath: String?
    var seed: UInt64?
    var overrides: [String] = []
    var variations: [String] = []
    var shards: Int?
    var failOnSlo = false
    /// `--fidelity`: event, flow or auto (nil: the scenario's own `fidelity`, else event; plan, compare and sweep: auto
    /// per candidate, side or point).
    var fidelity: FidelityChoice?
    /// `--allow-large`: run even beyond the run-size budget.
    var allowsLarge = false
    var wantsHelp = false
    /// The options only some commands take, as written, in command-line order; each command reads its own into its
    /// typed options (`PlanOptions`, `SweepOptions`, …) once, before it does anything else.
    private(set) var commandOptions: [(option: CommandOption, value: String)] = []
    var terminal = Terminal.none
    /// Threads for parallel runs (`plan`, `compare`, `sweep`, `bench`): not a flag; `SHARDSIM_THREADS` or every
    /// core, or what a test passes to `ShardSimCommand.run(_:terminal:threads:)`. Never changes the output.
    var threads = ParallelRuns.threadCount

    /// `--allow-outside-files`: a scenario may read referenced files outside its own folder.
    var allowsOutsideFiles = false

    /// `--list` (init): list the templates.
    var listsTemplates = false

    /// The flags: options without a value (from `CommandCatalog`).
    static let flagOptions: Set<String> = Set(CommandCatalog.optionList.filter { $0.value == nil }.map(\.name)).union([
        "-h"
    ])

    /// The options each command takes (besides --help), from `CommandCatalog`; anything else is refused, so a
    /// misplaced option is never silently ignored.
    static let optionsByCommand: [String: [String]] = CommandCatalog.optionsByCommand

    /// The command being parsed: `--format` is checked against its formats.
    private var command = ""

    init(_ words: [String], command: String) throws(UsageError) {
        self.command = command
        let allowed = Set(Self.optionsByCommand[command] ?? []).union(["--help", "-h"])
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
            guard allowed.contains(name) else { throw Self.unknownOption(name, command: command) }
            if Self.flagOptions.contains(name) {
                guard value == nil else { throw UsageError("\(name) takes no value") }
                switch name {
                case "--fail-on-slo": failOnSlo = true
                case "--allow-large": allowsLarge = true
                case ScenarioFolder.flag: allowsOutsideFiles = true
                case "--list": listsTemplates = true
                default: wantsHelp = true
                }
                continue
            }
            if value == nil {
                guard index < words.count else { throw UsageError("\(name) needs a value") }
                value = words[index]
                index += 1
            }
            try assign(name, value ?? "")
        }
    }

    /// An option the command does not take: the nearest one it does take, the command it belongs to, and the list.
    static func unknownOption(_ name: String, command: String) -> UsageError {
        let own = optionsByCommand[command] ?? []
        var message = "'\(name)' is not an option of \(command)"
        let owners = optionsByCommand.keys.sorted().filter { optionsByCommand[$0]?.contains(name) == true }
        if !owners.isEmpty { message += " (only of \(owners.joined(separator: ", ")))" }
        if let nearest = own.min(by: { editDistance(name, $0) < editDistance(name, $1) }),
            editDistance(name, nearest) <= max(2, name.count / 3)
        {
            message += "; did you mean '\(nearest)'?"
        }
        message += "\n\(command) takes: " + own.joined(separator: ", ")
        if name.count > 1 && !name.hasPrefix("--") && command == "route" {
            message += "\nto route a key that starts with '-', put it after --"
        }
        return UsageError(message)
    }

    /// Levenshtein distance, for did-you-mean (option names are short).
    static func editDistance(_ first: String, _ second: String) -> Int {
        let a = Array(first), b = Array(second)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    private mutating func assign(_ name: String, _ value: String) throws(UsageError) {
        switch name {
        case "--format":
            let formats = (CommandCatalog.formatsByCommand[command] ?? []).map(\.rawValue)
            guard let chosen = OutputFormat(rawValue: value), formats.contains(value) else {
                let nearest = formats.min { Self.editDistance(value, $0) < Self.editDistance(value, $1) }
                let hint = nearest.flatMap { Self.editDistance(value, $0) <= 2 ? "; did you mean '\($0)'?" : nil } ?? ""
                throw UsageError(
                    "--format of \(command) expects one of \(formats.joined(separator: ", ")), got '\(value)'\(hint)")
            }
            format = chosen
        case "--out": outputPath = value
        case "--seed":
            guard let parsed = UInt64(value) else {
                throw UsageError("--seed expects a whole number from 0 to 18446744073709551615, got '\(value)'")
            }
            seed = parsed
        case "--set": overrides.append(value)
        case "--fidelity":
            guard let choice = FidelityChoice(rawValue: value) else {
                throw UsageError("--fidelity expects event, flow or auto, got '\(value)'")
            }
            fidelity = choice
        case "--vary": variations.append(value)
        case "--shards":
            guard let parsed = Int(value), (1...10_000).contains(parsed) else {
                throw UsageError("--shards expects a whole number from 1 to 10,000, got '\(value)'")
            }
            shards = parsed
        default:
            // The catalog lists it for this command (checked above), so it is one of the commands' own options.
            guard let option = CommandOption(rawValue: name) else {
                preconditionFailure("\(name) is in CommandCatalog but never read")
            }
            commandOptions.append((option, value))
        }
    }

    /// The value of `option`: the last one given (a later word overrides an earlier one, as for `--format`), or nil.
    func value(of option: CommandOption) -> String? {
        commandOptions.last { $0.option == option }?.value
    }
}

/// A mistake on the command line (exit 2), or an output that could not be written (exit
/// `ShardSimCommand.outputFailureStatus`), with this message.
struct UsageError: Error {
    var message: String
    var exitCode: Int32
    init(_ message: String, exitCode: Int32 = 2) {
        self.message = message
        self.exitCode = exitCode
    }
}
