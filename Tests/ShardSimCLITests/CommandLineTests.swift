import Foundation
import ShardSimCLI
import ShardSimModel
import ShardSimScenario
import ShardSimTestSupport
import Testing

/// The command line as a user types it: exit codes, messages on stderr, atomic --out.
@Suite struct CommandLineTests {
    private static let scenario = """
        { "name": "cli", "duration": "30s", "stream": { "shardCount": 2 },
          "producers": [{ "name": "p", "recordsPerSecond": 300, "recordSizeBytes": 500 }],
          "slo": { "maxWriteThrottledFraction": 0.0 } }
        """

    private func temporaryFile(_ contents: String, name: String = "scenario.json") throws -> String {
        try writeTemporaryFile(contents, prefix: "shardsim-cli", name: name)
    }

    @Test func runPrintsATextReport() throws {
        let outcome = ShardSimCommand.run(["run", try temporaryFile(Self.scenario)])
        #expect(outcome.exitCode == 0)
        #expect(outcome.standardOutput.contains("ShardSim run: cli"))
        #expect(outcome.standardOutput.contains("put latency"))
    }

    @Test func runJSONHasTheContractKeys() throws {
        let outcome = ShardSimCommand.run(["run", try temporaryFile(Self.scenario), "--format", "json"])
        #expect(outcome.exitCode == 0)
        let object = try jsonObject(outcome.standardOutput)
        for key in [
            "scenario", "seed", "simulatedSeconds", "stream", "totals", "producers", "shards", "consumers", "cost",
            "slo",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let totals = try #require(object["totals"] as? [String: Any])
        for key in [
            "recordsAttempted", "recordsSucceeded", "recordsFailed", "writeProvisionedThroughputExceeded",
            "readProvisionedThroughputExceeded", "incomingBytes", "incomingRecords",
        ] {
            #expect(totals[key] != nil, "missing totals.\(key)")
        }
        let shard = try #require((object["shards"] as? [[String: Any]])?.first)
        for key in [
            "shardId", "status", "parentShardId", "adjacentParentShardId", "startingHashKey", "endingHashKey",
            "incomingRecords", "incomingBytes", "writeProvisionedThroughputExceeded",
            "peakWriteRecordsUtilization", "peakWriteBytesUtilization",
        ] {
            #expect(shard[key] != nil, "missing shards[0].\(key)")
        }
        let producer = try #require((object["producers"] as? [[String: Any]])?.first)
        #expect((producer["putLatencyMs"] as? [String: Any])?["p99"] != nil)
    }

    @Test func failOnSloExitsOne() throws {
        let path = try temporaryFile(Self.scenario)
        // A throttled fraction of exactly 0 is met by this light load; a what-if of 100 records/s per shard is not.
        #expect(ShardSimCommand.run(["run", path, "--fail-on-slo"]).exitCode == 0)
        let failing = ShardSimCommand.run([
            "run", path, "--fail-on-slo", "--set", "stream.limits.writeRecordsPerSecond=100",
        ])
        #expect(failing.exitCode == 1)
    }

    @Test func outWritesAtomicallyAndLeavesNoTemporaryFile() throws {
        let path = try temporaryFile(Self.scenario)
        let output = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("report.json").path
        let outcome = ShardSimCommand.run(["run", path, "--format=json", "--out", output])
        #expect(outcome.exitCode == 0)
        #expect(outcome.standardOutput.isEmpty)
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written.hasPrefix("{"))
        let siblings = try FileManager.default.contentsOfDirectory(
            atPath: URL(fileURLWithPath: output).deletingLastPathComponent().path)
        #expect(siblings.sorted() == ["report.json", "scenario.json"])
    }

    @Test func validateListsEveryErrorAndExitsTwo() throws {
        let bad = #"{ "name": "x", "duration": "soon", "stream": { "shardCount": 0 }, "producers": [] }"#
        let outcome = ShardSimCommand.run(["validate", try temporaryFile(bad)])
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("duration:"))
        #expect(outcome.standardError.contains("stream.shardCount:"))
        #expect(outcome.standardError.contains("producers:"))
        #expect(ShardSimCommand.run(["validate", try temporaryFile(Self.scenario)]).standardOutput.contains("valid"))
    }

    @Test(arguments: [
        ["run"], ["run", "/nonexistent/file.json"], ["run", "a.json", "--format", "yaml"],
        ["run", "a.json", "--seed", "-1"],
        ["route", "key"], ["route", "--shards", "0", "k"], ["route", "--shards", "2", "-x"], ["frobnicate"],
        ["run", "a.json", "--bogus"],
    ])
    func usageMistakesExitTwoWithAMessage(words: [String]) {
        let outcome = ShardSimCommand.run(words)
        #expect(outcome.exitCode == 2)
        #expect(!outcome.standardError.isEmpty)
    }

    @Test func routeMatchesKinesisAndAcceptsDashKeysAfterDoubleDash() throws {
        // Vectors from Python's hashlib: md5("tenant-42") as a big-endian integer, on a 4-shard stream.
        let outcome = ShardSimCommand.run(["route", "--shards", "4", "--format", "json", "--", "-leading", "tenant-42"])
        #expect(outcome.exitCode == 0)
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [[String: String]])
        #expect(rows.map { $0["partitionKey"] } == ["-leading", "tenant-42"])
        #expect(rows.allSatisfy { $0["shardId"]?.hasPrefix("shardId-00000000000") == true })
    }

    @Test func helpAndVersion() {
        #expect(ShardSimCommand.run(["--version"]).standardOutput.hasPrefix("shardsim "))
        for command in ["run", "validate", "route", "bench"] {
            let outcome = ShardSimCommand.run([command, "--help"])
            #expect(outcome.exitCode == 0)
            #expect(outcome.standardOutput.contains("USAGE: shardsim \(command)"))
        }
    }
}

/// Every output format is deterministic: the same scenario and seed give the same bytes.
@Suite struct FormatDeterminismTests {
    @Test(arguments: ["text", "json", "markdown", "html", "csv"])
    func runFormatsRepeatByteForByte(format: String) throws {
        let scenario = """
            { "name": "formats", "duration": "45s", "seed": 4, "stream": { "shardCount": 2 },
              "producers": [{ "name": "p", "recordsPerSecond": 2500, "recordSizeBytes": 300 }],
              "consumers": [{ "name": "r", "type": "shared" }, { "name": "e", "type": "enhanced" }],
              "events": [{ "at": "5s", "action": "splitShard", "shardId": "shardId-000000000000" }] }
            """
        let path = try writeTemporaryFile(scenario, prefix: "formats")
        let first = ShardSimCommand.run(["run", path, "--format", format])
        #expect(first.exitCode == 0)
        #expect(!first.standardOutput.isEmpty)
        #expect(ShardSimCommand.run(["run", path, "--format", format]).standardOutput == first.standardOutput)
        switch format {
        case "html":
            #expect(first.standardOutput.components(separatedBy: "<svg").count - 1 >= 5)
            #expect(!first.standardOutput.contains("<script"))
        case "csv":
            #expect(first.standardOutput.hasPrefix("time_s,bucket_s,entity,metric,value\n"))
            #expect(first.standardOutput.contains(",shardId-000000000002,incoming_records_per_s,"))
        case "markdown":
            #expect(first.standardOutput.contains("| shard |"))
        default:
            break
        }
    }
}

/// The run-size budget: a run too large for its fidelity is refused up front with the estimate and the ways on.
@Suite struct RunBudgetTests {
    private func file(_ contents: String) throws -> String {
        try writeTemporaryFile(contents, prefix: "shardsim-budget")
    }

    // 400 days at 10 M records/s is 3.5e14 records: far beyond event fidelity's 2e9 budget.
    private static let huge = """
        { "name": "huge", "duration": "400d", "stream": { "shardCount": 10000 },
          "producers": [{ "name": "p", "recordsPerSecond": 10000000 }] }
        """

    @Test func aHugeEventRunIsRefusedWithTheEstimateAndTheWaysOn() throws {
        let outcome = ShardSimCommand.run(["run", try file(Self.huge)])
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("345,600,000,000,000 user records"))
        #expect(outcome.standardError.contains("--allow-large"))
        #expect(outcome.standardError.contains("horten the duration"))
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test func flowFidelityIsOfferedWhenItFitsTheBudget() throws {
        // 30 days of 50,000 records/s on 20 shards: 1.3e11 records in event fidelity, 5.2e7 shard-windows in flow.
        let month = """
            { "name": "month", "duration": "30d", "stream": { "shardCount": 20 },
              "producers": [{ "name": "p", "recordsPerSecond": 50000 }] }
            """
        let refused = ShardSimCommand.run(["validate", try file(month)])
        #expect(refused.exitCode == 0)
        let estimate = RunSizeEstimate(try ScenarioDecoder.decode(Array(month.utf8)).configuration)
        #expect(estimate.userRecords == 50_000 * 30 * 86_400)
        // 50,000 records/s on 20 shards (20,000 records/s) is 60 % over the records limit: every shard-window throttles
        // and costs 15 units in flow (docs/model.md section 14), plus 10,000 default keys hashed (4 units each) and
        // 20 shards set up (350 each, and 0.7 a second of their series, which stop growing at 2,048 points).
        #expect(estimate.overloadedShare == 0.6)
        let shardWindows: Double = 30 * 86_400 * 20
        let shardSetup: Double = 20 * (350 + 0.7 * 2_048)
        #expect(estimate.flowWork == shardWindows * 15 + 40_000 + shardSetup)
        let refusal = try #require(RunBudget.refusal(estimate, fidelity: .event))
        let text = RunRefusalText.message(refusal, subject: "this run")
        #expect(
            text.hasPrefix(
                "this run is too large for event fidelity: about 129,600,000,000 user records and 0 reader events"))
        #expect(text.contains("Use --fidelity flow (aggregate rates per shard, 777,675,672 units)"))
        #expect(RunBudget.refusal(estimate, fidelity: .flow) == nil)
        #expect(RunBudget.resolve(.auto, for: estimate).fidelity == .flow)
    }

    @Test func autoKeepsSmallRunsInEventFidelity() throws {
        let small =
            #"{ "name": "small", "duration": "1m", "stream": { "shardCount": 2 }, "producers": [{ "name": "p", "recordsPerSecond": 1000 }] }"#
        let outcome = ShardSimCommand.run(["run", try file(small), "--fidelity", "auto", "--format", "json"])
        #expect(outcome.exitCode == 0)
        #expect(outcome.standardOutput.contains(#""fidelity": "event""#))
        let flow = ShardSimCommand.run(["run", try file(small), "--fidelity", "flow", "--format", "json"])
        #expect(flow.standardOutput.contains(#""fidelity": "flow""#))
        #expect(ShardSimCommand.run(["run", try file(small), "--fidelity", "fluid"]).exitCode == 2)
    }
}

/// `sweep --partition I/N` slices joined by `merge-results` give the table one sweep prints, byte for byte.
@Suite struct PartitionedSweepTests {
    private static let scenario = """
        { "name": "grid", "duration": "20s", "stream": { "shardCount": 2 },
          "producers": [{ "name": "p", "recordsPerSecond": 1500, "recordSizeBytes": 200 }],
          "slo": { "maxWriteThrottledFraction": 0.001 } }
        """

    @Test func slicesMergeIntoTheWholeTableInEveryFormat() throws {
        let folder = try makeTemporaryFolder("shardsim-partition")
        let path = folder.appendingPathComponent("grid.json").path
        try Self.scenario.write(toFile: path, atomically: true, encoding: .utf8)
        let grid = [
            "sweep", path, "--vary", "stream.shardCount=1,2,3,4,5", "--vary", "producers.0.recordsPerSecond=500,1500",
        ]
        var slices: [String] = []
        for index in 1...3 {
            let slice = folder.appendingPathComponent("part-\(index).json").path
            let outcome = ShardSimCommand.run(grid + ["--partition", "\(index)/3", "--format", "json", "--out", slice])
            #expect(outcome.exitCode == 0, "\(outcome.standardError)")
            slices.append(slice)
        }
        for format in ["json", "text", "csv", "markdown"] {
            let whole = ShardSimCommand.run(grid + ["--format", format])
            // Any order of the files: rows are put back in grid order.
            let merged = ShardSimCommand.run(["merge-results"] + slices.reversed() + ["--format", format])
            #expect(merged.exitCode == 0, "\(merged.standardError)")
            #expect(merged.standardOutput == whole.standardOutput, "\(format)")
        }
        let missing = ShardSimCommand.run(["merge-results", slices[0], slices[2]])
        #expect(missing.exitCode == 2)
        #expect(missing.standardError.contains("partitions missing: 2/3"))
        let twice = ShardSimCommand.run(["merge-results", slices[0], slices[0], slices[1], slices[2]])
        #expect(twice.exitCode == 2)
        #expect(ShardSimCommand.run(grid + ["--partition", "4/3"]).exitCode == 2)
    }

    @Test func hostileSlicesAreRefusedNotTrusted() throws {
        let folder = try makeTemporaryFolder("shardsim-slices")
        let row =
            #""point": 0, "a": "x", "shardCountEnd": 1, "recordsFailed": 0, "maxIteratorAgeMs": 1, "monthlyTotal": 1, "sloMet": null"#
        let slices = [
            "", "[]", #"{ "axes": ["a"], "points": 1, "partition": "1/1" }"#,
            #"{ "axes": ["a"], "points": 1, "partition": "1/1", "rows": [{ "# + row
                + #", "writeThrottledFraction": 0.5, "putLatencyP99Ms": 1e300 }] }"#,
            #"{ "axes": ["a"], "points": 1, "partition": "1/1", "rows": [{ "# + row
                + #", "writeThrottledFraction": 7, "putLatencyP99Ms": 1 }] }"#,
            #"{ "axes": ["a"], "points": 1, "partition": "1/1", "rows": [{ "# + row
                + #", "writeThrottledFraction": 0.5, "putLatencyP99Ms": 1, "point": 5 }] }"#,
        ]
        for (index, text) in slices.enumerated() {
            let path = folder.appendingPathComponent("slice-\(index).json").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            for format in ["text", "json"] {
                let outcome = ShardSimCommand.run(["merge-results", path, "--format", format])
                #expect(outcome.exitCode == 2, "slice \(index): \(outcome.standardError)")
                #expect(outcome.standardError.contains("merge-results"))
            }
        }
    }
}
