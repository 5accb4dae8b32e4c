import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// A new user writing their own scenario: `init` a starter, edit it, `validate` it (as text or as data), run it.
@Suite struct AuthoringTests {
    /// The template names, as `init --list` prints them.
    static func templates() -> [String] {
        ShardSimCommand.run(["init", "--list"]).standardOutput.split(separator: "\n").compactMap {
            $0.split(separator: " ").first.map(String.init)
        }
    }

    @Test func initListsTheFiveStarters() {
        #expect(Self.templates() == ["blank", "clickstream", "iot-lambda", "logs-firehose", "on-demand"])
    }

    /// Each template, written with --out, validates and runs (for 2 minutes, to keep the test quick; the run's own
    /// figures are the model's, tested elsewhere). It meets its own SLO at that length: a starter should pass first.
    @Test(arguments: AuthoringTests.templates())
    func eachTemplateIsWrittenValidatesAndRuns(template: String) throws {
        let path = try makeTemporaryFolder("shardsim-authoring").appendingPathComponent("\(template).json").path
        let written = ShardSimCommand.run(["init", "--template", template, "--out", path])
        #expect(written.exitCode == 0, "\(written.standardError)")
        #expect(written.standardError.contains("next: shardsim validate \(path)"))
        let document = try jsonObject(try String(contentsOfFile: path, encoding: .utf8))
        #expect(document["$schema"] as? String != nil)
        #expect(((document["description"] as? String) ?? "").count > 100)
        let producers = try #require(document["producers"] as? [[String: Any]])
        #expect(producers.allSatisfy { ($0["description"] as? String) != nil }, "every producer explains itself")
        let validated = ShardSimCommand.run(["validate", path, "--format", "json"])
        #expect(validated.exitCode == 0, "\(validated.standardOutput)")
        #expect(try jsonObject(validated.standardOutput)["valid"] as? Bool == true)
        let run = ShardSimCommand.run(["run", path, "--set", "duration=2m", "--format", "json", "--fail-on-slo"])
        #expect(run.exitCode == 0, "\(template): \(run.standardError)")
        #expect(try jsonObject(run.standardOutput)["scenario"] != nil)
    }

    @Test func initWithoutOutPrintsTheBlankStarterAndNeverOverwritesAFile() throws {
        let printed = ShardSimCommand.run(["init"])
        #expect(printed.exitCode == 0)
        #expect(try jsonObject(printed.standardOutput)["name"] as? String == "my-stream")
        let path = try makeTemporaryFolder("shardsim-authoring").appendingPathComponent("mine.json").path
        try "my own work".write(toFile: path, atomically: true, encoding: .utf8)
        let refused = ShardSimCommand.run(["init", "--out", path])
        #expect(refused.exitCode == 2)
        #expect(refused.standardError.contains("already exists"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "my own work")
    }

    @Test func aMistypedTemplateGetsTheNearestOne() {
        let outcome = ShardSimCommand.run(["init", "--template", "clikstream"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("no template named 'clikstream'; did you mean 'clickstream'?"))
    }

    /// "$schema" points at scenarios/schema.json from wherever the file is written inside a clone.
    @Test(arguments: [
        ("scenarios/mine.json", "./schema.json"), ("mine.json", "./scenarios/schema.json"),
        ("scenarios/team/mine.json", "../schema.json"),
    ])
    func schemaPointsAtTheSchemaFromWhereTheFileLands(relative: String, expected: String) throws {
        let clone = try makeTemporaryFolder("shardsim-authoring")
        try FileManager.default.createDirectory(
            at: clone.appendingPathComponent("scenarios/team"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("scenarios/schema.json"),
            to: clone.appendingPathComponent("scenarios/schema.json"))
        let path = clone.appendingPathComponent(relative).path
        #expect(ShardSimCommand.run(["init", "--out", path]).exitCode == 0)
        let document = try jsonObject(try String(contentsOfFile: path, encoding: .utf8))
        #expect(document["$schema"] as? String == expected)
        let target = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(expected)
            .standardizedFileURL
        #expect(FileManager.default.fileExists(atPath: target.path))
    }

    /// A user's typo and a bad value, as data: both errors with their paths, the typo's suggestion, exit 2.
    @Test func validateAsJSONListsEveryErrorWithPathMessageAndSuggestion() throws {
        let path = try makeTemporaryFolder("shardsim-authoring").appendingPathComponent("broken.json").path
        try """
        { "name": "mine", "duration": "soon", "stream": { "shardCount": 2 },
          "producers": [{ "name": "web", "recordsPerSecond": 100, "arival": "poisson", "api": "PutRecord5" }] }
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = ShardSimCommand.run(["validate", path, "--format", "json"])
        #expect(outcome.exitCode == 2)
        let report = try jsonObject(outcome.standardOutput)
        #expect(report["valid"] as? Bool == false)
        let errors = try #require(report["errors"] as? [[String: Any]])
        let byPath = Dictionary(uniqueKeysWithValues: errors.map { ($0["path"] as? String ?? "", $0) })
        #expect(Set(byPath.keys) == ["duration", "producers.0.arival", "producers.0.api"])
        #expect(byPath["producers.0.arival"]?["message"] as? String == "unknown field")
        #expect(byPath["producers.0.arival"]?["suggestion"] as? String == "arrival")
        #expect(byPath["producers.0.api"]?["suggestion"] as? String == "PutRecords")
        #expect(byPath["duration"]?["suggestion"] is NSNull)
        let durationMessage = byPath["duration"]?["message"] as? String ?? ""
        #expect(durationMessage.contains("got \"soon\""), "\(durationMessage)")
        // The text form says the same, with the suggestion in the message.
        let text = ShardSimCommand.run(["validate", path])
        #expect(text.exitCode == 2)
        #expect(text.standardError.contains("producers.0.arival: unknown field; did you mean 'arrival'?"))
    }

    @Test func validateAsJSONOnAGoodOrMissingFile() throws {
        let good = ShardSimCommand.run([
            "validate", repositoryRoot.appendingPathComponent("scenarios/hot-tenant-key.json").path, "--format", "json",
        ])
        #expect(good.exitCode == 0)
        let report = try jsonObject(good.standardOutput)
        #expect(report["valid"] as? Bool == true && (report["errors"] as? [Any])?.isEmpty == true)
        #expect(report["scenario"] as? String == "hot-tenant-key")
        let missing = ShardSimCommand.run(["validate", "/nonexistent/none.json", "--format", "json"])
        #expect(missing.exitCode == 2)
        #expect(try jsonObject(missing.standardOutput)["valid"] as? Bool == false)
    }

    /// --set and --vary paths that name no field get the nearest field name.
    @Test func mistypedSetAndVaryPathsGetTheNearestField() throws {
        let scenario = repositoryRoot.appendingPathComponent("scenarios/hot-tenant-key.json").path
        let set = ShardSimCommand.run(["validate", scenario, "--set", "stream.shardCont=8", "--format", "json"])
        let errors = try #require(try jsonObject(set.standardOutput)["errors"] as? [[String: Any]])
        #expect(errors.first?["path"] as? String == "stream.shardCont")
        #expect(errors.first?["suggestion"] as? String == "shardCount")
        let vary = ShardSimCommand.run(["sweep", scenario, "--vary", "producers.0.recordsPerSecnd=10,20"])
        #expect(vary.exitCode == 2)
        #expect(vary.standardError.contains("did you mean 'recordsPerSecond'?"))
    }
}
