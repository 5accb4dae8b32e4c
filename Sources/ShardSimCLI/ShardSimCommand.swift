import Foundation
import ShardSimJSON
import ShardSimModel
import ShardSimReport

/// What a command produced: its exit code and the text for each stream.
public struct CommandOutcome: Sendable {
    public var exitCode: Int32
    public var standardOutput: String
    public var standardError: String

    public init(exitCode: Int32, standardOutput: String = "", standardError: String = "") {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// The `shardsim` command line: parses words, dispatches to a subcommand, maps errors to exit codes.
/// Kept apart from `main.swift` so tests drive it directly.
public enum ShardSimCommand {
    public static let version = ShardSimVersion.current

    /// Exit status when an output could not be written (standard output or error, `--out`, `--html-out`): disk
    /// full, a closed stream, an unwritable path. 74 is EX_IOERR of sysexits.h.
    public static let outputFailureStatus: Int32 = 74

    /// Runs one command line and makes its standard error safe for a terminal: control characters a message
    /// quotes from the user (a file name, a value) are escaped; the message's own line breaks are kept.
    public static func run(_ words: [String], terminal: Terminal = .none, threads: Int? = nil) -> CommandOutcome {
        var outcome = dispatch(words, terminal: terminal, threads: threads)
        outcome.standardError = OutputEscaping.text(outcome.standardError, keepingLineBreaks: true)
        return outcome
    }

    /// Runs one command line. `threads` overrides the thread count of parallel runs (default: `SHARDSIM_THREADS`
    /// or every core); the output is the same for any value, which tests check by passing it here.
    static func dispatch(_ words: [String], terminal: Terminal, threads: Int?) -> CommandOutcome {
        guard let command = words.first else { return CommandOutcome(exitCode: 2, standardError: HelpText.overview) }
        if command == "--version" { return CommandOutcome(exitCode: 0, standardOutput: "shardsim \(version)\n") }
        if command == "--help" || command == "-h" || command == "help" {
            let topic = words.dropFirst().first
            return CommandOutcome(exitCode: 0, standardOutput: topic.flatMap(HelpText.forCommand) ?? HelpText.overview)
        }
        guard let help = HelpText.forCommand(command) else {
            let hint = CommandCatalog.nearestCommand(to: command).map { "; did you mean '\($0)'?" } ?? ""
            let names = CommandCatalog.commands.map(\.name).joined(separator: ", ")
            return CommandOutcome(
                exitCode: 2,
                standardError: "shardsim: unknown command '\(command)'\(hint)\n"
                    + "commands: \(names) (shardsim --help for more)\n")
        }
        var arguments: CommandLineArguments
        do {
            arguments = try CommandLineArguments(Array(words.dropFirst()), command: command)
        } catch {
            return CommandOutcome(
                exitCode: 2,
                standardError: "shardsim \(command): \(error.message)\n(see 'shardsim \(command) --help')\n")
        }
        arguments.terminal = terminal
        if let threads { arguments.threads = max(1, threads) }
        if arguments.wantsHelp { return CommandOutcome(exitCode: 0, standardOutput: help) }
        do {
            switch command {
            case "run": return try RunCommand.execute(arguments, terminal: terminal)
            case "validate": return try ValidateCommand.execute(arguments)
            case "route": return try RouteCommand.execute(arguments)
            case "bench": return try BenchCommand.execute(arguments)
            case "plan": return try PlanCommand.execute(arguments)
            case "compare": return try CompareCommand.execute(arguments)
            case "sweep": return try SweepCommand.execute(arguments)
            case "explore": return try ExploreCommand.execute(arguments)
            case "merge-results": return try MergeResultsCommand.execute(arguments)
            case "init": return try InitCommand.execute(arguments)
            default: return CommandOutcome(exitCode: 2, standardError: HelpText.overview)
            }
        } catch {
            return CommandOutcome(exitCode: error.exitCode, standardError: "shardsim \(command): \(error.message)\n")
        }
    }

    /// Renders a command's result in the chosen format and delivers it.
    static func render(
        _ arguments: CommandLineArguments, json: () -> JSONOutput, document: () -> ReportDocument,
        description: String? = nil, html: (() -> String)? = nil, csv: (() -> String)? = nil
    ) throws(UsageError) -> CommandOutcome {
        var outcome = CommandOutcome(exitCode: 0)
        let text: String
        switch arguments.format {
        case .json: text = json().rendered() + "\n"
        case .markdown: text = document().markdown(description: description)
        case .html: text = html?() ?? HTMLReport.page(document(), description: description, charts: [])
        case .csv: text = csv?() ?? ""
        case .text:
            text = arguments.outputPath == nil ? arguments.terminal.colorize(document().text()) : document().text()
        }
        try deliver(text, to: arguments.outputPath, outcome: &outcome)
        return outcome
    }

    /// Writes a command's output: to `--out` atomically (a temporary file in the same folder, then
    /// rename, so a reader never sees half a report), or into the outcome for stdout.
    static func deliver(_ text: String, to path: String?, outcome: inout CommandOutcome) throws(UsageError) {
        guard let path else {
            outcome.standardOutput += text
            return
        }
        try AtomicFile.write(text, to: path)
    }
}
