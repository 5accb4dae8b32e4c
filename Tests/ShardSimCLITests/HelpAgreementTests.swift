import Foundation
import ShardSimCLI
import Testing

/// Each command's help, read as a user reads it, against what its parser does: every option help lists is taken,
/// every other option is refused, every format help lists is accepted and no other. Commands and options come
/// from `shardsim --help`, so a new command is checked without touching this test.
@Suite struct HelpAgreementTests {
    static let allFormats = ["text", "json", "markdown", "html", "csv"]

    /// The command names, from the overview's COMMANDS section.
    static func commands() -> [String] {
        section("COMMANDS:", of: ShardSimCommand.run(["--help"]).standardOutput).compactMap { line in
            line.hasPrefix("  ") && !line.hasPrefix("   ") ? line.split(separator: " ").first.map(String.init) : nil
        }
    }

    /// Option names a help text lists in its OPTIONS section (first word of each entry).
    static func listedOptions(_ help: String, header: String = "OPTIONS") -> [String] {
        section(header, of: help).compactMap { line in
            guard line.hasPrefix("  --") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
    }

    static func section(_ header: String, of text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(header) }) else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty })
    }

    /// Words that make each command stop early (no scenario, an unknown workload or template), so trying an
    /// option never starts a real run or writes a file.
    static func stopEarly(_ command: String) -> [String] {
        switch command {
        case "bench": return ["--workload", "none-such"]
        case "init": return ["--template", "none-such"]
        default: return []
        }
    }

    @Test func theOverviewListsEveryCommandAndEachHasHelp() {
        let commands = Self.commands()
        #expect(commands.contains("run") && commands.contains("init") && commands.contains("validate"))
        for command in commands {
            let outcome = ShardSimCommand.run([command, "--help"])
            #expect(
                outcome.exitCode == 0 && outcome.standardOutput.hasPrefix("USAGE: shardsim \(command)"),
                "\(command) --help")
        }
    }

    @Test(arguments: HelpAgreementTests.commands())
    func helpListsExactlyTheOptionsTheParserTakes(command: String) {
        let help = ShardSimCommand.run([command, "--help"]).standardOutput
        let listed = Set(Self.listedOptions(help)).subtracting(["--help"])
        // The parser's own list, as it prints it when refusing an option.
        let refusal = ShardSimCommand.run([command, "--no-such-option"]).standardError
        let takesLine = refusal.split(separator: "\n").first { $0.hasPrefix("\(command) takes: ") } ?? ""
        let parserOptions = Set(takesLine.dropFirst("\(command) takes: ".count).split(separator: ", ").map(String.init))
        #expect(!listed.isEmpty || command == "init")
        #expect(
            listed == parserOptions, "\(command): help lists \(listed.sorted()), parser takes \(parserOptions.sorted())"
        )
        let everyOption = Set(Self.listedOptions(ShardSimCommand.run(["--help"]).standardOutput))
        for option in everyOption.subtracting(["--version"]) {
            let words = [command] + Self.stopEarly(command) + [option] + (Self.takesValue(option) ? ["1"] : [])
            let error = ShardSimCommand.run(words).standardError
            if listed.contains(option) {
                #expect(!error.contains("is not an option of"), "\(command) lists \(option) but refuses it: \(error)")
            } else {
                #expect(
                    error.contains("'\(option)' is not an option of \(command)"),
                    "\(command) takes \(option) without listing it")
            }
        }
    }

    @Test(arguments: HelpAgreementTests.commands())
    func helpListsExactlyTheFormatsTheCommandWrites(command: String) {
        let help = ShardSimCommand.run([command, "--help"]).standardOutput
        let formatLine = Self.section("OPTIONS", of: help).first { $0.hasPrefix("  --format ") }
        let listed = formatLine.map { $0.split(separator: " ")[1].split(separator: "|").map(String.init) } ?? []
        for format in Self.allFormats {
            let error = ShardSimCommand.run([command] + Self.stopEarly(command) + ["--format", format]).standardError
            let refused =
                error.contains("--format of \(command) expects") || error.contains("'--format' is not an option")
            #expect(
                refused != listed.contains(format),
                "\(command): help lists \(listed), --format \(format) refused: \(refused)")
        }
    }

    /// Whether the overview shows a value after the option ("--seed N"), not a bare flag ("--allow-large").
    static func takesValue(_ option: String) -> Bool {
        let entry = section("OPTIONS", of: ShardSimCommand.run(["--help"]).standardOutput).first {
            $0.hasPrefix("  \(option) ") || $0 == "  \(option)"
        }
        let term = entry?.dropFirst(2).components(separatedBy: "  ").first ?? ""
        return term.contains(" ")
    }

    @Test(arguments: [
        ("runn", "run"), ("valdate", "validate"), ("sweeep", "sweep"), ("int", "init"),
        ("merge-result", "merge-results"),
    ])
    func aMistypedCommandGetsTheNearestOne(typed: String, meant: String) {
        let outcome = ShardSimCommand.run([typed, "scenarios/hot-tenant-key.json"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.hasPrefix("shardsim: unknown command '\(typed)'; did you mean '\(meant)'?"))
    }

    @Test func aCommandNothingLikeAnyGetsTheListInstead() {
        let outcome = ShardSimCommand.run(["xyzzyq"])
        #expect(outcome.exitCode == 2)
        #expect(!outcome.standardError.contains("did you mean"))
        #expect(outcome.standardError.contains("commands: run, validate"))
    }

    @Test func aMistypedFormatGetsTheNearestOneTheCommandWrites() {
        let outcome = ShardSimCommand.run(["run", "x.json", "--format", "jsn"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("got 'jsn'; did you mean 'json'?"))
    }
}
