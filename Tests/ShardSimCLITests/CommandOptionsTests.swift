import ShardSimPlanner
import ShardSimReport
import Testing

@testable import ShardSimCLI

/// Each command's own options, read into typed values once: what a user's words come to, and the message and exit
/// code 2 when they come to nothing (none of these reads a file or runs a simulation).
@Suite struct CommandOptionsTests {
    private func parse(_ words: [String]) throws -> CommandLineArguments {
        try CommandLineArguments(Array(words.dropFirst()), command: words[0])
    }

    /// What a command line prints on standard error and its exit code.
    private func refusal(_ words: [String]) -> (code: Int32, message: String) {
        let outcome = ShardSimCommand.run(words)
        return (outcome.exitCode, outcome.standardError)
    }

    /// `--partition 2/3` of a 4-point grid: slice 2 of 3, the points p with p mod 3 = 1, i.e. 1.
    @Test func sweepPartitionTwoOfThree() throws {
        let options = try SweepOptions(
            try parse([
                "sweep", "s.json", "--vary", "stream.shardCount=1,2", "--vary", "seed=1,2",
                "--partition", "2/3",
            ]), command: "sweep")
        #expect(options.partition == SweepPartition(index: 2, count: 3))
        #expect(options.grid.pointCount == 4)
        #expect(options.grid.points(in: options.partition) == [1])
        #expect(
            try SweepOptions(try parse(["sweep", "s.json", "--vary", "seed=1"]), command: "sweep").partition == .whole)
    }

    /// 4/3 names a fourth slice of three: refused before the scenario is read (s.json does not exist).
    @Test func sweepPartitionFourOfThreeIsRefused() {
        let refused = refusal(["sweep", "s.json", "--vary", "seed=1,2", "--partition", "4/3"])
        #expect(refused.code == 2)
        #expect(
            refused.message
                == "shardsim sweep: --partition expects I/N with 1 ≤ I ≤ N ≤ 10,000, e.g. --partition 2/4, got '4/3'\n")
    }

    /// The --vary list is checked before --partition, and every mistake in it is listed.
    @Test func sweepVaryMistakesComeFirstAndAllAtOnce() {
        let refused = refusal(["sweep", "s.json", "--vary", "a=1,,2", "--vary", "b", "--partition", "4/3"])
        #expect(refused.code == 2)
        #expect(
            refused.message
                == "shardsim sweep: 2 problems:\n--vary a=1,,2: empty value\n--vary expects PATH=V1,V2,…, got 'b'\n")
        #expect(refusal(["sweep", "s.json"]).message == "shardsim sweep: expected at least one --vary PATH=V1,V2,…\n")
    }

    /// 2 × 2 × … 14 times = 16,384 points, over explore's 10,000 too.
    @Test func exploreNamesItselfWhenTheGridIsTooBig() {
        let axes = (1...14).flatMap { ["--vary", "x\($0)=1,2"] }
        let refused = refusal(["explore", "s.json"] + axes)
        #expect(refused.code == 2)
        #expect(
            refused.message
                == "shardsim explore: the grid has 16,384 points (14 --vary axes); explore runs at most 10,000 points: "
                + "vary fewer paths or values\n")
    }

    /// plan takes no --partition: refused by the parser, naming the command that does and the ones plan takes.
    @Test func anOptionTheCommandDoesNotTakeIsRefused() {
        let refused = refusal(["plan", "s.json", "--partition", "2/3"])
        #expect(refused.code == 2)
        #expect(
            refused.message == "shardsim plan: '--partition' is not an option of plan (only of sweep)\n"
                + "plan takes: --format, --out, --seed, --set, --fidelity, --allow-large, --allow-outside-files, --emit, --fail-on-slo, "
                + "--replications, --meet-fraction\n"
                + "(see 'shardsim plan --help')\n")
        #expect(throws: UsageError.self) { try parse(["run", "s.json", "--emit", "terraform"]) }
    }

    /// The last --emit given wins, as for every option; a value that is no template format is refused.
    @Test func planEmit() throws {
        #expect(try PlanOptions(try parse(["plan", "s.json", "--emit", "terraform"])).emit == .terraform)
        #expect(
            try PlanOptions(try parse(["plan", "s.json", "--emit=bogus", "--emit", "cloudformation"])).emit
                == .cloudFormation)
        #expect(try PlanOptions(try parse(["plan", "s.json"])).emit == nil)
        let refused = refusal(["plan", "s.json", "--emit", "yaml"])
        #expect(refused.code == 2)
        #expect(refused.message == "shardsim plan: --emit expects cloudformation or terraform, got 'yaml'\n")
    }

    /// --on-demand-stream stands for the field stream.onDemand.compareAs; case does not matter.
    @Test func compareOnDemandStream() throws {
        let new = try CompareOptions(try parse(["compare", "s.json", "--on-demand-stream", "NEW_STREAM"]))
            .onDemandStream
        #expect(new == .newStream)
        #expect(new?.override == "stream.onDemand.compareAs=NEW_STREAM")
        #expect(
            try CompareOptions(try parse(["compare", "s.json", "--on-demand-stream", "Established"])).onDemandStream
                == .established)
        let refused = refusal(["compare", "s.json", "--on-demand-stream", "old"])
        #expect(refused.code == 2)
        #expect(refused.message == "shardsim compare: --on-demand-stream expects established or new, got 'old'\n")
    }

    @Test func routeStream() throws {
        let options = try RouteOptions(try parse(["route", "k1", "k2", "--shards", "4"]))
        #expect(options.keys == ["k1", "k2"])
        #expect(options.stream == .new(shardCount: 4))
        #expect(
            try RouteOptions(try parse(["route", "k", "--shards-file", "list.json"])).stream
                == .described(path: "list.json"))
        #expect(
            refusal(["route", "k", "--shards", "2", "--shards-file", "x"]).message
                == "shardsim route: give --shards N or --shards-file PATH, not both\n")
        #expect(
            refusal(["route", "k"]).message
                == "shardsim route: --shards N (a new stream) or --shards-file PATH (an existing one) is required\n")
    }

    /// --list wins over --template (the list is printed, the name never checked); a near miss is suggested.
    @Test func initTemplate() throws {
        guard case .list = try InitOptions(try parse(["init", "--list", "--template", "bogus"])).action else {
            Issue.record("--list did not list")
            return
        }
        guard case .write(let template) = try InitOptions(try parse(["init"])).action else {
            Issue.record("init without options did not write")
            return
        }
        #expect(template.name == "blank")
        let refused = refusal(["init", "--template", "clickstrem"])
        #expect(refused.code == 2)
        #expect(
            refused.message == "shardsim init: no template named 'clickstrem'; did you mean 'clickstream'?\n"
                + "templates: blank, clickstream, iot-lambda, logs-firehose, on-demand (shardsim init --list)\n")
    }

    @Test func benchWorkloadAndRunHTMLOut() throws {
        #expect(try BenchOptions(try parse(["bench", "--workload", "c"])).workloads.map(\.name) == ["c"])
        #expect(try BenchOptions(try parse(["bench"])).workloads.map(\.name) == ["a", "b", "c", "d", "e", "f"])
        #expect(
            refusal(["bench", "--workload", "z"]).message
                == "shardsim bench: unknown workload 'z'; known: a, b, c, d, e, f, g, g-plan, g-compare, g-sweep\n")
        #expect(try RunOptions(try parse(["run", "s.json", "--html-out=report.html"])).htmlOutputPath == "report.html")
        #expect(try RunOptions(try parse(["run", "s.json"])).htmlOutputPath == nil)
    }

    /// `--replications N`: 1 by default, 1 to 1,000; anything else exits 2 naming the option, before the scenario is
    /// read (the file here does not exist).
    @Test func runReplications() throws {
        #expect(try RunOptions(try parse(["run", "s.json"])).replications == 1)
        #expect(try RunOptions(try parse(["run", "s.json", "--replications", "20"])).replications == 20)
        #expect(try RunOptions(try parse(["run", "s.json", "--replications=1000"])).replications == 1_000)
        for value in ["0", "1001", "x", "-3", "2.5", ""] {
            let refused = refusal(["run", "missing.json", "--replications", value])
            #expect(refused.code == 2)
            #expect(
                refused.message
                    == "shardsim run: --replications expects a whole number from 1 to 1,000, got '\(value)'\n")
        }
        // Only run takes it in this release.
        #expect(refusal(["plan", "s.json", "--replications", "2"]).code == 2)
    }

    /// Every option the catalog gives a value is read somewhere: by the shared parser or as one command's own option
    /// (the parser stops on any other), and every command's own option is in the catalog.
    @Test func everyOptionInTheCatalogIsRead() {
        let shared: Set = ["--format", "--out", "--seed", "--set", "--fidelity", "--vary", "--shards"]
        let valued = Set(CommandCatalog.optionList.filter { $0.value != nil }.map(\.name))
        let own = Set(CommandOption.allCases.map(\.rawValue))
        #expect(valued == shared.union(own))
        #expect(shared.isDisjoint(with: own))
    }
}
