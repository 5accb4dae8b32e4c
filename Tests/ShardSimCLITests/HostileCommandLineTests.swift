import Foundation
import ShardSimCLI
import Testing

/// Issue 14, the command line: each command takes only its own options, every bad `--vary` value and `--set`
/// path is reported, and `route` refuses a key that is not UTF-8 instead of hashing U+FFFD in its place.
@Suite struct HostileCommandLineTests {
    @Test(arguments: [
        (["run", "S", "--shards", "4"], "'--shards' is not an option of run (only of route)"),
        (["bench", "--repeat", "abc"], "'--repeat' is not an option of bench"),
        (["run", "S", "--vary", "stream.shardCount=1,2"], "'--vary' is not an option of run (only of explore, sweep)"),
        (["run", "S", "--formt", "json"], "did you mean '--format'?"),
        (["sweep", "S", "--vary", "stream.shardCount=1", "--partiton", "1/2"], "did you mean '--partition'?"),
        (["validate", "S", "--allow-large"], "'--allow-large' is not an option of validate"),
        (["route", "k", "--shards", "2", "--set", "a=1"], "'--set' is not an option of route"),
        (["merge-results", "a.json", "--seed", "1"], "'--seed' is not an option of merge-results"),
        (["compare", "S", "--fail-on-slo"], "'--fail-on-slo' is not an option of compare"),
        (["plan", "S", "--json"], "'--json' is not an option of plan"),
    ])
    func anOptionACommandDoesNotTakeIsRefused(words: [String], fragment: String) throws {
        let base = try HostileInputTests.folder(["s.json": HostileInputTests.small])
        defer { try? FileManager.default.removeItem(at: base) }
        let resolved = words.map { $0 == "S" ? base.appendingPathComponent("s.json").path : $0 }
        let outcome = ShardSimCommand.run(resolved)
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains(fragment), "\(outcome.standardError)")
        #expect(outcome.standardError.contains("takes: "))
    }

    @Test func eachCommandStillTakesItsOwnOptions() throws {
        let base = try HostileInputTests.folder(["s.json": HostileInputTests.small])
        defer { try? FileManager.default.removeItem(at: base) }
        let scenario = base.appendingPathComponent("s.json").path
        let out = base.appendingPathComponent("out.txt").path
        for words in [
            [
                "validate", scenario, "--seed", "3", "--fidelity", "flow", "--set", "duration=1s",
                "--allow-outside-files",
            ],
            [
                "run", scenario, "--seed=3", "--fidelity", "auto", "--allow-large", "--fail-on-slo", "--format", "json",
                "--out", out,
            ],
            ["route", "k", "--shards", "4", "--format", "json"],
            ["sweep", scenario, "--vary", "stream.shardCount=1,2", "--partition", "1/1", "--format", "csv"],
        ] {
            let outcome = ShardSimCommand.run(words)
            #expect(outcome.exitCode == 0, "\(words): \(outcome.standardError)")
        }
    }

    @Test func everyBadVaryValueAndSetPathIsReported() throws {
        let base = try HostileInputTests.folder(["s.json": HostileInputTests.small])
        defer { try? FileManager.default.removeItem(at: base) }
        let scenario = base.appendingPathComponent("s.json").path
        let sweep = ShardSimCommand.run([
            "sweep", scenario, "--vary", "producers.0.recordsPerSecond=abc,10,-1",
            "--vary", "stream.shardCount=0,2",
        ])
        #expect(sweep.exitCode == 2)
        for bad in ["producers.0.recordsPerSecond=abc", "producers.0.recordsPerSecond=-1", "stream.shardCount=0"] {
            #expect(sweep.standardError.contains("--vary \(bad): "), "\(bad): \(sweep.standardError)")
        }
        #expect(sweep.standardError.contains("3 problems"))
        let malformed = ShardSimCommand.run([
            "sweep", scenario, "--vary", "noequals", "--vary", "=1", "--vary", "a=1,,2",
        ])
        #expect(malformed.exitCode == 2)
        #expect(
            malformed.standardError.contains("'noequals'") && malformed.standardError.contains("'=1'")
                && malformed.standardError.contains("a=1,,2: empty value"), "\(malformed.standardError)")
        let sets = ShardSimCommand.run(["validate", scenario, "--set", "bogus=1", "--set", "stream.nope=2"])
        #expect(sets.exitCode == 2)
        #expect(
            sets.standardError.contains("bogus") && sets.standardError.contains("stream.nope"), "\(sets.standardError)")
        // A path that cannot be set at all (no such array item, a field inside a string) beside paths that decode
        // badly: every one is named, not only the first kind.
        let mixed = ShardSimCommand.run([
            "validate", scenario, "--set", "producers.5.x=1", "--set", "bogus=1",
            "--set", "stream.shardCount=abc", "--set", "name.x=1",
        ])
        #expect(mixed.exitCode == 2)
        for path in ["producers.5.x: ", "bogus: unknown field", "stream.shardCount: ", "name.x: "] {
            #expect(mixed.standardError.contains(path), "\(path): \(mixed.standardError)")
        }
    }

    @Test func routeRefusesAKeyThatIsNotUTF8() throws {
        let outcome = StandardStreams.run(
            rawArguments: [
                Array("route".utf8), Array("--shards".utf8), Array("4".utf8),
                Array("ok".utf8), [0x61, 0xFF, 0x62],
            ], terminal: .none)
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.standardError.contains("argument 5 is not valid UTF-8 (bytes 61 FF 62)"), "\(outcome.standardError)"
        )
        #expect(outcome.standardOutput == "")
        // A UTF-8 key (here 2-byte é) still routes: MD5 of its UTF-8 bytes, as before.
        let valid = StandardStreams.run(
            rawArguments: [
                Array("route".utf8), Array("--shards".utf8), Array("4".utf8),
                Array("é".utf8),
            ], terminal: .none)
        #expect(valid.exitCode == 0)
        // End to end, through the kernel's argument bytes.
        let base = try HostileInputTests.folder([:])
        defer { try? FileManager.default.removeItem(at: base) }
        let shell = try HostileOutputTests.shell(#""$0" route --shards 4 "$(printf 'a\377b')""#, in: base)
        #expect(shell.status == 2)
        #expect(shell.error.contains("not valid UTF-8"))
    }
}
