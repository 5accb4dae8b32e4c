/// Usage text, generated from `CommandCatalog`: a command's help lists exactly the options and formats its parser
/// takes.
enum HelpText {
    static let width = 100

    static var overview: String {
        var lines = [
            "shardsim: a deterministic simulator and capacity planner for Amazon Kinesis Data Streams", "",
            "USAGE: shardsim <command> [options]", "", "COMMANDS:",
        ]
        for command in CommandCatalog.commands {
            lines += table(
                term: ([command.name] + (command.operands.isEmpty ? [] : [command.operands])).joined(separator: " "),
                text: command.summary, termWidth: 22)
        }
        lines += [
            "", "START HERE:",
            "  shardsim init --template clickstream --out my.json   then: shardsim validate my.json; shardsim run my.json",
            "", "OPTIONS (each command takes only its own: shardsim COMMAND --help; any other is refused):",
        ]
        for option in CommandCatalog.optionList where option.name != "--help" {
            let owners = CommandCatalog.commands.filter { $0.options.contains(option.name) }.map(\.name)
            lines += table(
                term: term(for: option, formats: nil), text: option.help + " [" + owners.joined(separator: ", ") + "]",
                termWidth: 22)
        }
        lines += table(term: "--version", text: "print the version", termWidth: 22)
        lines += [
            "",
            """
            Files read (scenario, referenced files, --shards-file, merge-results inputs) must be regular
            files of at most 16 MiB.

            Exit codes: 0 done; 1 SLO not met (with --fail-on-slo; plan --emit: no count meets it); 2 invalid input;
            74 an output could not be written (stdout, stderr, --out: disk full, closed, unwritable);
            130 interrupted (SIGINT); 141 standard output's reader went away (e.g. | head), quietly;
            143 terminated (SIGTERM).
            """, "",
        ]
        return lines.joined(separator: "\n")
    }

    /// The help of one command, or nil for an unknown one.
    static func forCommand(_ name: String) -> String? {
        guard let command = CommandCatalog.command(name) else { return nil }
        let usageWords =
            ["shardsim", command.name] + (command.operands.isEmpty ? [] : [command.operands])
            + command.options.filter { !command.operands.contains($0 + " ") }  // already in the operands
            .map { "[" + term(for: CommandCatalog.options[$0]!, formats: command.formats) + "]" }
        var lines = wrap(usageWords, first: "USAGE: ", rest: String(repeating: " ", count: 7 + 9 + command.name.count))
        lines += ["", command.details, "", "OPTIONS:"]
        for name in command.options + ["--help"] {
            let option = CommandCatalog.options[name]!
            lines += table(
                term: term(for: option, formats: command.formats), text: command.optionHelp[name] ?? option.help,
                termWidth: 30)
        }
        return lines.joined(separator: "\n") + "\n\n"
    }

    /// `--format text|json`, `--out PATH`, `--allow-large`.
    static func term(for option: OptionSpec, formats: [OutputFormat]?) -> String {
        guard let value = option.value else { return option.name }
        if option.name == "--format", let formats {
            return "--format " + formats.map(\.rawValue).joined(separator: "|")
        }
        return option.name + " " + value
    }

    /// A two-column row: the term, then the text wrapped beside it (on the next line when the term is long).
    static func table(term: String, text: String, termWidth: Int) -> [String] {
        let indent = String(repeating: " ", count: termWidth + 2)
        let head = "  " + term
        var wrapped = wrap(
            text.split(separator: " ").map(String.init), first: "", rest: "", width: width - termWidth - 2)
        if head.count < termWidth + 1 {
            let first = head + String(repeating: " ", count: termWidth + 2 - head.count) + wrapped.removeFirst()
            return [first] + wrapped.map { indent + $0 }
        }
        return [head] + wrapped.map { indent + $0 }
    }

    /// Words joined into lines of at most `width` characters (a longer word gets a line of its own).
    static func wrap(_ words: [String], first: String, rest: String, width: Int = width) -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in words {
            if lineHasWord && line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }
}
