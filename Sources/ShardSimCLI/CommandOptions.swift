import Foundation
import ShardSimModel
import ShardSimPlanner
import ShardSimReport
import ShardSimScenario

/// The options only some commands take. `CommandCatalog` lists which command takes which, with its help; the parser
/// keeps their values as written, and each command reads its own into the typed options below, once, before it does
/// anything else, so no command ever looks an option up by its name.
///
/// Checking them there and not in the parser keeps each message where users have always met it: after the shared
/// options' checks, without the "(see 'shardsim COMMAND --help')" line a misspelt option gets, and in the command's
/// own order (a sweep says its --vary list is wrong before its --partition).
enum CommandOption: String, CaseIterable, Sendable {
    case htmlOut = "--html-out"
    case emit = "--emit"
    case onDemandStream = "--on-demand-stream"
    case partition = "--partition"
    case shardsFile = "--shards-file"
    case workload = "--workload"
    case template = "--template"
    case replications = "--replications"
    case meetFraction = "--meet-fraction"
}

/// `run`'s own options.
struct RunOptions {
    /// `--html-out PATH`: also write the HTML report there, from the same run.
    var htmlOutputPath: String?
    /// `--replications N`: run N replications (1 to `ReplicationSeeds.maxReplications`, default 1).
    var replications = 1

    init(_ arguments: CommandLineArguments) throws(UsageError) {
        htmlOutputPath = arguments.value(of: .htmlOut)
        if let text = arguments.value(of: .replications) {
            replications = try Self.replicationCount(text)
        }
    }

    /// The count `--replications` gives, or the error naming the option and the range.
    static func replicationCount(_ text: String) throws(UsageError) -> Int {
        guard let count = Int(text), (1...ReplicationSeeds.maxReplications).contains(count) else {
            throw UsageError("--replications expects a whole number from 1 to 1,000, got '\(text)'")
        }
        return count
    }
}

/// `plan`'s own options.
struct PlanOptions {
    /// `--emit cloudformation|terraform`: print only the planned stream as a template snippet.
    var emit: StreamTemplate.Format?
    /// `--replications N` and `--meet-fraction F` (docs/model.md section 18).
    var replications = PlanReplications.single

    init(_ arguments: CommandLineArguments) throws(UsageError) {
        if let value = arguments.value(of: .emit) {
            guard let format = StreamTemplate.Format(rawValue: value) else {
                throw UsageError("--emit expects cloudformation or terraform, got '\(value)'")
            }
            emit = format
        }
        let count = try arguments.value(of: .replications).map(RunOptions.replicationCount) ?? 1
        let fraction = try arguments.value(of: .meetFraction).map(Self.meetFraction) ?? 1
        replications = PlanReplications(count: count, meetFraction: fraction)
    }

    /// The share `--meet-fraction` gives, or the error naming the option and the range.
    static func meetFraction(_ text: String) throws(UsageError) -> Double {
        guard let fraction = Double(text), fraction.isFinite, fraction > 0, fraction <= 1 else {
            throw UsageError(
                "--meet-fraction expects a number above 0 and at most 1 (the share of replications a shard count "
                    + "must meet the SLO in, e.g. 0.95), got '\(text)'")
        }
        return fraction
    }
}

/// `compare`'s own options.
struct CompareOptions {
    /// `--on-demand-stream established|new`: which on-demand stream the comparison models.
    enum OnDemandStream: Equatable {
        case established
        case newStream

        /// The scenario field the option stands for, as a `--set` override.
        var override: String {
            switch self {
            case .established: return "stream.onDemand.compareAs=ESTABLISHED"
            case .newStream: return "stream.onDemand.compareAs=NEW_STREAM"
            }
        }
    }

    var onDemandStream: OnDemandStream?
    /// `--replications N`: both sides over N seeds (1 to `ReplicationSeeds.maxReplications`, default 1).
    var replications = 1

    init(_ arguments: CommandLineArguments) throws(UsageError) {
        if let text = arguments.value(of: .replications) { replications = try RunOptions.replicationCount(text) }
        guard let choice = arguments.value(of: .onDemandStream) else { return }
        switch choice.lowercased() {
        case "established": onDemandStream = .established
        case "new", "new-stream", "new_stream": onDemandStream = .newStream
        default: throw UsageError("--on-demand-stream expects established or new, got '\(choice)'")
        }
    }
}

/// `sweep`'s and `explore`'s own options: the grid of `--vary` axes and, for sweep, the `--partition` to run.
struct SweepOptions {
    var grid: SweepGrid
    /// `--partition I/N` (sweep only; explore runs the whole grid).
    var partition: SweepPartition
    /// `--replications N` (sweep only): every point over N seeds (1 to `ReplicationSeeds.maxReplications`).
    var replications = 1

    init(_ arguments: CommandLineArguments, command: String) throws(UsageError) {
        do {
            grid = try SweepGrid(variations: arguments.variations)
        } catch {
            throw SweepAxes.error(error.problems.map { SweepAxes.message(for: $0, command: command) })
        }
        if let text = arguments.value(of: .replications) { replications = try RunOptions.replicationCount(text) }
        guard let text = arguments.value(of: .partition) else {
            partition = .whole
            return
        }
        guard let partition = SweepPartition(text) else {
            throw UsageError("--partition expects I/N with 1 ≤ I ≤ N ≤ 10,000, e.g. --partition 2/4, got '\(text)'")
        }
        self.partition = partition
    }
}

/// `route`'s operands and own options: the keys, and the stream to route them into.
struct RouteOptions {
    enum Stream: Equatable {
        /// `--shards N`: a new stream of N shards, evenly split.
        case new(shardCount: Int)
        /// `--shards-file PATH`: the open shards of `describe-stream` or `list-shards` output.
        case described(path: String)
    }

    var keys: [String]
    var stream: Stream

    init(_ arguments: CommandLineArguments) throws(UsageError) {
        keys = arguments.positionals
        guard !keys.isEmpty else { throw UsageError("expected at least one partition key") }
        for key in keys where !PartitionKeyRules.isValid(key) {
            throw UsageError("'\(key)' is not a partition key: Kinesis takes 1 to 256 Unicode characters")
        }
        if let path = arguments.value(of: .shardsFile) {
            guard arguments.shards == nil else { throw UsageError("give --shards N or --shards-file PATH, not both") }
            stream = .described(path: path)
        } else if let shardCount = arguments.shards {
            stream = .new(shardCount: shardCount)
        } else {
            throw UsageError("--shards N (a new stream) or --shards-file PATH (an existing one) is required")
        }
    }
}

/// `init`'s own options: list the templates, or write one.
struct InitOptions {
    enum Action {
        /// `--list`.
        case list
        /// `--template NAME` (default blank), to standard output or `--out`.
        case write(ScenarioTemplates.Template)
    }

    var action: Action

    init(_ arguments: CommandLineArguments) throws(UsageError) {
        guard arguments.positionals.isEmpty else {
            throw UsageError(
                "takes no file name; use --out FILE, e.g. shardsim init --template blank --out scenarios/my.json")
        }
        if arguments.listsTemplates {
            action = .list
            return
        }
        let name = arguments.value(of: .template) ?? "blank"
        guard let template = ScenarioTemplates.all.first(where: { $0.name == name }) else {
            let names = ScenarioTemplates.all.map(\.name)
            let nearest = names.min {
                CommandLineArguments.editDistance(name, $0) < CommandLineArguments.editDistance(name, $1)
            }
            let hint =
                nearest.flatMap {
                    CommandLineArguments.editDistance(name, $0) <= max(2, name.count / 3)
                        ? "; did you mean '\($0)'?" : nil
                } ?? ""
            throw UsageError(
                "no template named '\(name)'\(hint)\ntemplates: \(names.joined(separator: ", ")) (shardsim init --list)"
            )
        }
        action = .write(template)
    }
}

/// `bench`'s own options.
struct BenchOptions {
    /// `--workload NAME`: only that workload (`g`: g-plan, g-compare and g-sweep); every one without it.
    var workloads: [BenchWorkload]
    /// The workloads that run a whole command line (`BenchCommandWorkload`), after `workloads`.
    var commands: [BenchCommandWorkload]

    init(_ arguments: CommandLineArguments) throws(UsageError) {
        let selected = arguments.value(of: .workload)
        func chosen(_ name: String) -> Bool {
            selected == nil || name == selected || name.hasPrefix((selected ?? "") + "-")
        }
        workloads = BenchWorkload.all.filter { chosen($0.name) }
        commands = BenchCommandWorkload.all.filter { chosen($0.name) }
        guard !workloads.isEmpty || !commands.isEmpty else {
            let known = BenchWorkload.all.map(\.name) + ["g"] + BenchCommandWorkload.all.map(\.name)
            throw UsageError("unknown workload '\(selected ?? "")'; known: \(known.joined(separator: ", "))")
        }
    }
}
