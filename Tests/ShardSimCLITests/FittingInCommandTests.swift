import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// Issue 9 from the command line: series and shard files beside the scenario, `plan --emit`, `route --shards-file`.
@Suite struct FittingInCommandTests {
    /// A fresh folder holding `files` (name → contents); returns its path.
    private func folder(_ files: [String: String]) throws -> String {
        try makeTemporaryFolder("fit", files: files).path
    }

    /// 1,500 records/s of 200 B: 1.5 shards' worth of the records limit, so at least 2 shards.
    private static let planScenario = """
        { "name": "checkout events!", "duration": "1m", "seed": 3, "stream": { "shardCount": 1, "retentionPeriodHours": 72 },
          "producers": [{ "name": "p", "recordsPerSecond": 1500, "recordSizeBytes": 200,
                          "partitionKeys": { "distribution": "uniform", "count": 5000 } }] }
        """

    @Test func planEmitsACloudFormationResource() throws {
        let path = try folder(["s.json": Self.planScenario]) + "/s.json"
        let outcome = ShardSimCommand.run(["plan", path, "--emit", "cloudformation"])
        #expect(outcome.exitCode == 0)
        let lines = outcome.standardOutput.split(separator: "\n").map(String.init)
        let count = try #require(lines.first { $0.hasPrefix("    ShardCount: ") }.flatMap { Int($0.dropFirst(16)) })
        #expect(count >= 2)
        #expect(
            Array(lines.dropFirst()) == [
                "CheckoutEventsStream:",
                "  Type: AWS::Kinesis::Stream",
                "  Properties:",
                "    Name: checkout-events-",
                "    ShardCount: \(count)",
                "    RetentionPeriodHours: 72",
                "    StreamModeDetails:",
                "      StreamMode: PROVISIONED",
            ])
    }

    @Test func planEmitsATerraformResourceToTheOutFile() throws {
        let base = try folder(["s.json": Self.planScenario])
        let outcome = ShardSimCommand.run([
            "plan", base + "/s.json", "--emit", "terraform", "--out", base + "/stream.tf",
        ])
        #expect(outcome.exitCode == 0)
        #expect(outcome.standardOutput.isEmpty)
        let text = try String(contentsOfFile: base + "/stream.tf", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let count = try #require(
            lines.first { $0.hasPrefix("  shard_count      = ") }.flatMap { Int($0.dropFirst(21)) })
        #expect(
            Array(lines.dropFirst()) == [
                #"resource "aws_kinesis_stream" "checkout_events_" {"#,
                #"  name             = "checkout-events-""#,
                "  shard_count      = \(count)",
                "  retention_period = 72",
                "",
                "  stream_mode_details {",
                #"    stream_mode = "PROVISIONED""#,
                "  }",
                "}",
                "",
            ])
    }

    @Test func anInfeasiblePlanEmitsNothing() throws {
        // One key at 1,500 records/s exceeds any shard's 1,000 records/s.
        let scenario = Self.planScenario.replacingOccurrences(of: #""count": 5000"#, with: #""count": 1"#)
        let outcome = ShardSimCommand.run(["plan", try folder(["s.json": scenario]) + "/s.json", "--emit", "terraform"])
        #expect(outcome.exitCode == 1)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError.contains("no shard count meets the SLO"))
    }

    @Test func anUnknownEmitFormatIsAUsageError() throws {
        let outcome = ShardSimCommand.run([
            "plan", try folder(["s.json": Self.planScenario]) + "/s.json", "--emit", "pulumi",
        ])
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("--emit expects cloudformation or terraform"))
    }

    @Test func routeUsesAnExistingStreamsShards() throws {
        let base = try folder(["orders.json": ShardsFileTestsFixture.describeStream])
        let outcome = ShardSimCommand.run([
            "route", "key-1", "key-3", "--shards-file", base + "/orders.json", "--format", "json",
        ])
        #expect(outcome.exitCode == 0)
        // Hash keys from Python's hashlib: key-1 < 2^126 <= key-3.
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [[String: String]])
        #expect(rows.map { $0["shardId"] } == ["shardId-000000000001", "shardId-000000000002"])
        #expect(
            rows.map { $0["hashKey"] } == [
                "44775357070821016797045618461742138278", "123355145593135122062122607335353013804",
            ])
    }

    @Test func aScenarioReadsItsFilesRelativeToItsFolder() throws {
        let csv = "timestamp,records,bytes\n2026-11-20T10:00:00Z,6000,600000\n2026-11-20T10:01:00Z,12000,1200000\n"
        let scenario = """
            { "name": "relative", "stream": { "shardsFile": "data/orders.json" },
              "producers": [{ "name": "p", "rateProfile": { "type": "series", "file": "data/traffic.csv" } }] }
            """
        let base = try folder([
            "s.json": scenario, "data/traffic.csv": csv, "data/orders.json": ShardsFileTestsFixture.describeStream,
        ])
        let outcome = ShardSimCommand.run(["run", base + "/s.json", "--format", "json"])
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        let report = try jsonObject(outcome.standardOutput)
        #expect(report["simulatedSeconds"] as? Double == 120)
        let missing = ShardSimCommand.run([
            "validate", base + "/s.json", "--set", "producers.0.rateProfile.file=data/nope.csv",
        ])
        #expect(missing.exitCode == 2)
        #expect(
            missing.standardError.contains("producers.0.rateProfile.file: cannot read \"data/nope.csv\": no such file"))
    }
}

/// The describe-stream output of ShardsFileTests (shard 0 split at 2^126 into shards 1 and 2), for the CLI.
enum ShardsFileTestsFixture {
    static let describeStream = """
        { "StreamDescription": { "StreamName": "orders", "StreamStatus": "ACTIVE", "RetentionPeriodHours": 24,
            "StreamModeDetails": { "StreamMode": "PROVISIONED" },
            "Shards": [
              { "ShardId": "shardId-000000000001", "ParentShardId": "shardId-000000000000",
                "HashKeyRange": { "StartingHashKey": "0", "EndingHashKey": "85070591730234615865843651857942052863" },
                "SequenceNumberRange": { "StartingSequenceNumber": "49601" } },
              { "ShardId": "shardId-000000000002", "ParentShardId": "shardId-000000000000",
                "HashKeyRange": { "StartingHashKey": "85070591730234615865843651857942052864",
                                  "EndingHashKey": "340282366920938463463374607431768211455" },
                "SequenceNumberRange": { "StartingSequenceNumber": "49602" } } ] } }
        """
}
