/// What `--format` asks a command to write. Each command writes some of these (`CommandSpec.formats`).
enum OutputFormat: String, Sendable {
    case text, json, markdown, html, csv
}

/// One option of the command line: its name, the value it takes (nil for a flag) and what it does.
struct OptionSpec: Sendable {
    var name: String
    /// The placeholder shown in help (`PATH`, `N`); nil for a flag. `--format` shows the command's formats instead.
    var value: String?
    var help: String
}

/// One command: what it takes and what it does. Help, the parser's accepted options and the accepted `--format`
/// values are all read from here, so help can never list an option or format the parser refuses, or omit one it
/// takes (`HelpTests` checks every command). Adding a command is one entry in `CommandCatalog.commands`.
struct CommandSpec: Sendable {
    var name: String
    /// The positional words, as the usage line shows them (`SCENARIO`, `KEY...`).
    var operands: String
    /// One line for the overview's command list.
    var summary: String
    /// Option names this command takes, in the order help lists them (`--help` is implied).
    var options: [String]
    /// `--format` values this command renders (empty when it takes no `--format`).
    var formats: [OutputFormat] = []
    /// Prose after the usage line: what the command does, examples.
    var details: String
    /// Help text that differs for this command (e.g. `--out` of `init`).
    var optionHelp: [String: String] = [:]
}

/// Every command and every option of `shardsim`, in one place.
enum CommandCatalog {
    static let reportFormats: [OutputFormat] = [.text, .json, .markdown, .html]
    static let scenarioOptions = [
        "--format", "--out", "--seed", "--set", "--fidelity", "--allow-large", ScenarioFolder.flag,
    ]

    /// The commands in the order the overview lists them.
    static let commands: [CommandSpec] = [
        run, validate, plan, compare, sweep, explore, mergeResults, route, initScenario, bench,
    ]

    static func command(_ name: String) -> CommandSpec? { commands.first { $0.name == name } }

    /// Every option, by name.
    static let options: [String: OptionSpec] = Dictionary(uniqueKeysWithValues: optionList.map { ($0.name, $0) })

    static let optionList: [OptionSpec] = [
        OptionSpec(name: "--format", value: "FORMAT", help: "output format (default text)"),
        OptionSpec(
            name: "--out", value: "PATH",
            help: """
                write the output to PATH instead of standard output, atomically (an error or interrupt leaves PATH as \
                it was; a FIFO or device such as /dev/null is written in place, never replaced)
                """),
        OptionSpec(name: "--seed", value: "N", help: "override the scenario's seed (0 to 18446744073709551615)"),
        OptionSpec(
            name: "--set", value: "PATH=VALUE",
            help: """
                override a scenario field by dotted path, typed by the field (repeatable), e.g. \
                --set stream.shardCount=8 --set producers.0.recordsPerSecond=5000 --set duration=15m
                """),
        OptionSpec(
            name: "--fidelity", value: "event|flow|auto",
            help: """
                record by record (default), aggregate rates per shard (long horizons), or flow when event fidelity \
                would take more than ~10 s
                """),
        OptionSpec(
            name: "--allow-large", value: nil,
            help: "run even beyond the run-size budget (refused otherwise, with the estimate)"),
        OptionSpec(
            name: ScenarioFolder.flag, value: nil,
            help: """
                let the scenario read files outside its own folder (rate series, shardsFile); without it such paths, \
                also through symbolic links, are refused
                """),
        OptionSpec(
            name: CommandOption.htmlOut.rawValue, value: "PATH",
            help: "also write the HTML report (with charts) there, from the same run"),
        OptionSpec(name: "--fail-on-slo", value: nil, help: "exit 1 when the scenario's slo is not met"),
        OptionSpec(
            name: CommandOption.replications.rawValue, value: "N",
            help: """
                run N replications (1 to 1,000, default 1): the scenario's seed, then seeds derived from it \
                (docs/model.md section 18); reports each key metric's mean, 95% interval and min–max
                """),
        OptionSpec(
            name: CommandOption.meetFraction.rawValue, value: "F",
            help: """
                with --replications, a shard count meets the SLO when it meets it in at least F of the replications \
                (0 < F ≤ 1, default 1: every one; rounded up: 0.95 of 20 is 19)
                """),
        OptionSpec(
            name: CommandOption.emit.rawValue, value: "cloudformation|terraform",
            help: """
                print only the planned stream: an AWS::Kinesis::Stream resource (YAML) or a Terraform aws_kinesis_stream \
                block; when no shard count meets the SLO, nothing is printed and the exit code is 1
                """),
        OptionSpec(
            name: CommandOption.onDemandStream.rawValue, value: "established|new",
            help: """
                established (default): an on-demand stream that has run this workload, its previous 30-day peak = the \
                workload's peak (or stream.onDemand's prior peak); new: the first minutes of a new stream (4 MiB/s, \
                4,000 records/s until it scales). Same as --set stream.onDemand.compareAs=ESTABLISHED|NEW_STREAM
                """),
        OptionSpec(
            name: "--vary", value: "PATH=V1,V2,...",
            help: "a field and the values to try (repeatable; the first --vary changes slowest)"),
        OptionSpec(
            name: CommandOption.partition.rawValue, value: "I/N",
            help: "run only slice I of N of the grid (join the slices with merge-results)"),
        OptionSpec(
            name: "--shards", value: "N", help: "route into a new stream of N shards (1 to 10,000), evenly split"),
        OptionSpec(
            name: CommandOption.shardsFile.rawValue, value: "PATH",
            help: "route into the open shards of `aws kinesis describe-stream` or `list-shards` output"),
        OptionSpec(name: CommandOption.workload.rawValue, value: "NAME", help: "run only this workload"),
        OptionSpec(
            name: CommandOption.template.rawValue, value: "NAME",
            help: "the starter to write (default blank; see --list)"),
        OptionSpec(name: "--list", value: nil, help: "list the templates, one a line, and exit"),
        OptionSpec(name: "--help", value: nil, help: "this help"),
    ]

    /// The formats each command renders, by command (the parser refuses any other).
    static var formatsByCommand: [String: [OutputFormat]] {
        Dictionary(uniqueKeysWithValues: commands.map { ($0.name, $0.formats) })
    }

    /// The options each command takes (besides --help), by command.
    static var optionsByCommand: [String: [String]] {
        Dictionary(uniqueKeysWithValues: commands.map { ($0.name, $0.options) })
    }

    /// The command name nearest `word`, if close enough to be a typo (`runn` -> `run`).
    static func nearestCommand(to word: String) -> String? {
        let names = commands.map(\.name)
        guard
            let nearest = names.min(by: {
                CommandLineArguments.editDistance(word, $0) < CommandLineArguments.editDistance(word, $1)
            })
        else { return nil }
        return CommandLineArguments.editDistance(word, nearest) <= max(2, word.count / 3) ? nearest : nil
    }
}
