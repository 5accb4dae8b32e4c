import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// Issue 14's invariants for the commands added after it (`explore`, `init --out`, `validate --format json`), and a
/// standard stream the parent closed: the same hostile inputs the older commands meet, generated here.
@Suite struct HostileNewCommandsTests {
    static func folder(_ files: [String: String] = ["s.json": HostileInputTests.small]) throws -> URL {
        try HostileInputTests.folder(files)
    }

    // MARK: Bounded input and referenced files

    @Test func exploreAndValidateJSONReadReferencedFilesWithinBounds() throws {
        let base = try Self.folder(["credentials": "root:x:0:0:SECRET-TOKEN:/root\n"])
        defer { try? FileManager.default.removeItem(at: base) }
        let fifo = base.appendingPathComponent("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let secret = try makeTemporaryFolder("shardsim-elsewhere")
        defer { try? FileManager.default.removeItem(at: secret) }
        try "root:x:0:0:SECRET-TOKEN:/root\n".write(
            to: secret.appendingPathComponent("c"), atomically: true, encoding: .utf8)
        let cases: [(scenario: String, flag: [String], fragment: String)] = [
            (HostileInputTests.withSeries("pipe.csv"), [], "it is a FIFO (named pipe), not a regular file"),
            (HostileInputTests.withShardsFile("/dev/zero"), [], "it is outside the scenario's folder"),
            (
                HostileInputTests.withShardsFile("/dev/zero"), ["--allow-outside-files"],
                "it is a character device, not a regular file"
            ),
            (HostileInputTests.withSeries("../../etc/passwd"), [], "it is outside the scenario's folder"),
            (
                HostileInputTests.withShardsFile(secret.appendingPathComponent("c").path), ["--allow-outside-files"],
                "details are not shown"
            ),
        ]
        for (text, flag, fragment) in cases {
            let scenario = try HostileInputTests.write(text, in: base)
            let json = ShardSimCommand.run(["validate", scenario, "--format", "json"] + flag)
            #expect(json.exitCode == 2, "\(text)")
            #expect(json.standardOutput.hasPrefix("{\n  \"valid\": false"), "\(json.standardOutput)")
            #expect(json.standardOutput.contains(fragment), "\(fragment): \(json.standardOutput)")
            let explore = ShardSimCommand.run(["explore", scenario, "--vary", "seed=1,2"] + flag)
            #expect(explore.exitCode == 2)
            #expect(explore.standardError.contains(fragment), "\(fragment): \(explore.standardError)")
            for output in [json.standardOutput, explore.standardError] { #expect(!output.contains("SECRET")) }
        }
        // The scenario itself: a device, a FIFO, as validate --format json's operand.
        for path in ["/dev/zero", fifo] {
            let json = ShardSimCommand.run(["validate", path, "--format", "json"])
            #expect(
                json.exitCode == 2 && json.standardOutput.contains("not a regular file"),
                "\(path): \(json.standardOutput)")
        }
    }

    // MARK: Budgets and strict options

    @Test func exploreRefusesA64AxisGridBeforeBuildingIt() throws {
        let base = try Self.folder()
        defer { try? FileManager.default.removeItem(at: base) }
        // 2^64 points wrap a 64-bit count to 0: the overflow-checked product refuses it.
        let axes = (0..<64).flatMap { ["--vary", "producers.0.p\($0)=1,2"] }
        let outcome = ShardSimCommand.run(["explore", base.appendingPathComponent("s.json").path] + axes)
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("about 1.84e+19 points (64 --vary axes)"), "\(outcome.standardError)")
    }

    @Test func exploreOverBudgetIsRefusedWithoutSuggestingSweepsPartition() throws {
        // Two points of 3 s at 1,000 records/s in one shard, the budget set just above one point's work: the
        // page's two points together are over it, and explore (unlike sweep) cannot be split.
        var probe = try BudgetProbe("shardsim-hostile-explore")
        let path = try probe.write(
            "e",
            HostileBudgetTests.scenario(
                "e", duration: "3s", shards: 1, producer: HostileBudgetTests.producer(rate: 1_000)))
        probe.maxWork = 1.5 * (try probe.estimate(path)).work
        let refused = try probe.run(["explore", path, "--vary", "seed=1,2"])
        #expect(refused.exitStatus == 2)
        #expect(refused.standardError.contains("this explore's 2 points"), "\(refused.standardError)")
        #expect(!refused.standardError.contains("--partition"))
        // --fidelity event: sweep's default auto would run the points over their share in flow instead.
        let sweep = try probe.run(["sweep", path, "--vary", "seed=1,2", "--fidelity", "event"])
        #expect(sweep.exitStatus == 2 && sweep.standardError.contains("--partition I/N"), "\(sweep.standardError)")
    }

    @Test(arguments: [
        (
            ["explore", "S", "--vary", "seed=1,2", "--partition", "1/2"],
            "'--partition' is not an option of explore (only of sweep)"
        ),
        (["explore", "S", "--vary", "seed=1,2", "--html-out", "x.html"], "'--html-out' is not an option of explore"),
        (["init", "--seed", "1"], "'--seed' is not an option of init"),
        (["init", "--templat", "blank"], "did you mean '--template'?"),
        (["validate", "S", "--format", "json", "--allow-large"], "'--allow-large' is not an option of validate"),
    ])
    func theNewCommandsTakeOnlyTheirOwnOptions(words: [String], fragment: String) throws {
        let base = try Self.folder()
        defer { try? FileManager.default.removeItem(at: base) }
        let outcome = ShardSimCommand.run(words.map { $0 == "S" ? base.appendingPathComponent("s.json").path : $0 })
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains(fragment), "\(outcome.standardError)")
    }

    @Test func exploreReportsEveryBadVaryValue() throws {
        let base = try Self.folder()
        defer { try? FileManager.default.removeItem(at: base) }
        let outcome = ShardSimCommand.run([
            "explore", base.appendingPathComponent("s.json").path,
            "--vary", "producers.0.recordsPerSecond=abc,10,-1", "--vary", "stream.shardCount=0,1",
        ])
        #expect(outcome.exitCode == 2)
        for bad in ["producers.0.recordsPerSecond=abc", "producers.0.recordsPerSecond=-1", "stream.shardCount=0"] {
            #expect(outcome.standardError.contains("--vary \(bad): "), "\(bad): \(outcome.standardError)")
        }
    }

    @Test func aProblemOfTheScenarioItselfIsReportedOnceNotBlamedOnEveryValue() throws {
        let broken = HostileInputTests.small.replacingOccurrences(of: #""shardCount": 1"#, with: #""shardCount": 0"#)
        let base = try Self.folder(["s.json": broken])
        defer { try? FileManager.default.removeItem(at: base) }
        let outcome = ShardSimCommand.run([
            "explore", base.appendingPathComponent("s.json").path, "--vary", "seed=1,2,3",
            "--vary", "producers.0.recordsPerSecond=-1,5",
        ])
        #expect(outcome.exitCode == 2)
        // Two problems: the shard count (once, whatever the values) and the one bad value; no "--vary seed=…".
        #expect(outcome.standardError.contains("2 problems:\nwhatever the --vary values: "), "\(outcome.standardError)")
        #expect(outcome.standardError.contains("--vary producers.0.recordsPerSecond=-1: "))
        #expect(!outcome.standardError.contains("--vary seed="))
    }

    // MARK: Safe output

    @Test func initNeverReplacesAnythingAtItsTarget() throws {
        let base = try Self.folder(["mine.json": "my edited scenario"])
        defer { try? FileManager.default.removeItem(at: base) }
        let dangling = base.appendingPathComponent("dangling.json").path
        let victim = base.appendingPathComponent("victim.json").path
        #expect(symlink(victim, dangling) == 0)
        for target in [dangling, base.appendingPathComponent("mine.json").path] {
            let outcome = ShardSimCommand.run(["init", "--out", target])
            #expect(outcome.exitCode == 2)
            #expect(outcome.standardError.contains("already exists"), "\(outcome.standardError)")
        }
        // The link is still a link and nothing was created through it; the edited file is untouched.
        #expect(HostileOutputTests.kind(dangling) == S_IFLNK)
        #expect(!FileManager.default.fileExists(atPath: victim))
        #expect(
            try String(contentsOf: base.appendingPathComponent("mine.json"), encoding: .utf8) == "my edited scenario")
        let fresh = base.appendingPathComponent("fresh.json").path
        #expect(ShardSimCommand.run(["init", "--out", fresh]).exitCode == 0)
        #expect(HostileOutputTests.kind(fresh) == S_IFREG)
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).filter { $0.hasPrefix(".") } == [])
    }

    @Test func initIsNotHeldUpByAFIFONamedSchemaJSON() throws {
        // init looks for schema.json in the folders above --out; a FIFO there would block an open with no writer.
        let base = try Self.folder([:])
        defer { try? FileManager.default.removeItem(at: base) }
        #expect(mkfifo(base.appendingPathComponent("schema.json").path, 0o600) == 0)
        try FileManager.default.createDirectory(
            at: base.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let outcome = try HostileOutputTests.shell(#"timeout 60 "$0" init --out sub/new.json"#, in: base)
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(HostileOutputTests.kind(base.appendingPathComponent("sub/new.json").path) == S_IFREG)
    }

    @Test func exploreOutputGoesInPlaceToADeviceAndFailsCleanlyWhenFull() throws {
        let base = try Self.folder()
        defer { try? FileManager.default.removeItem(at: base) }
        let scenario = base.appendingPathComponent("s.json").path
        #expect(ShardSimCommand.run(["explore", scenario, "--vary", "seed=1,2", "--out", "/dev/zero"]).exitCode == 0)
        #expect(HostileOutputTests.kind("/dev/zero") == S_IFCHR)
        let full = ShardSimCommand.run(["explore", scenario, "--vary", "seed=1,2", "--out", "/dev/full"])
        #expect(full.exitCode == documentedOutputFailureExitCode)
        let stdout = try HostileOutputTests.shell(#""$0" explore s.json --vary seed=1,2 > /dev/full"#, in: base)
        #expect(stdout.status == 74 && stdout.error.contains("No space left on device"), "\(stdout.error)")
    }

    @Test(arguments: [
        "sweep s.json --vary seed=1,2", "explore s.json --vary seed=1,2", "init", "validate --format json s.json",
    ])
    func aClosedStandardOutputIsNeverReusedForAnotherFile(command: String) throws {
        // With fd 1 closed, the next file opened would take its number and receive the report; a placeholder holds it,
        // so the write fails as a closed stream should.
        let base = try Self.folder()
        defer { try? FileManager.default.removeItem(at: base) }
        let closed = try HostileOutputTests.shell(#""$0" \#(command) >&-"#, in: base)
        #expect(closed.status == 74)
        #expect(closed.error == "shardsim: cannot write standard output: Bad file descriptor\n", "\(closed.error)")
    }

    // MARK: Text hygiene

    @Test func theExplorePageEscapesNamesDescriptionsAndValues() throws {
        let hostile = #"""
            { "formatVersion": 1, "name": "n</script><script>alert(1)</script>\u001b[31m",
              "description": "d </script><img src=x onerror=alert(2)> <!-- \u001b]0;t\u0007 \u009b",
              "duration": "2s", "stream": { "shardCount": 1 },
              "producers": [{ "name": "p", "recordsPerSecond": 10, "recordSizeBytes": 100 }] }
            """#
        let base = try Self.folder(["s.json": hostile])
        defer { try? FileManager.default.removeItem(at: base) }
        let outcome = ShardSimCommand.run([
            "explore", base.appendingPathComponent("s.json").path,
            "--vary", "producers.0.name=a</script>b,c\"d\u{1B}",
        ])
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        let page = outcome.standardOutput
        // The page's own script is the only one: every user string is inert text.
        #expect(page.components(separatedBy: "<script").count == 2)
        #expect(page.components(separatedBy: "</script>").count == 2)
        #expect(!page.contains("<img") && !page.contains("<!--"))
        #expect(page.contains("n&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;\\u{1B}[31m"))
        #expect(page.contains("a&lt;/script&gt;b"))
        #expect(HostileOutputTests.controls(page) == [])
    }
}
