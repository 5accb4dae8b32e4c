import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// `plan`'s text and JSON as a user reads them: AWS's formula term by term, and the caveats of what is left out.
@Suite struct PlanTextCommandTests {
    /// 1,500 records/s of 200 B with retries, no consumers.
    private static let scenario = """
        { "name": "cli-plan-text", "duration": "1m", "seed": 3, "stream": { "shardCount": 1 },
          "producers": [{ "name": "p", "recordsPerSecond": 1500, "recordSizeBytes": 200,
                          "partitionKeys": { "distribution": "uniform", "count": 5000 }, "retry": { "maxAttempts": 3 } }] }
        """

    private func file() throws -> String {
        try writeTemporaryFile(Self.scenario, prefix: "plan-text")
    }

    @Test func planJSONGivesTheFormulaTermByTerm() throws {
        // 200 B rounds up to 1 KiB: 1,500 KiB/s in, ÷ 1,024 = 1.46 → 2 shards; no consumers, so no read term.
        let outcome = ShardSimCommand.run(["plan", try file(), "--format", "json"])
        #expect(outcome.exitCode == 0)
        let plan = try jsonObject(outcome.standardOutput)
        let formula = try #require(plan["formula"] as? [String: Any])
        #expect(formula["roundedRecordKiB"] as? Double == 1)
        #expect(formula["incomingKiBPerSecond"] as? Double == 1_500)
        #expect(formula["shardCount"] as? Int == 2)
        #expect(plan["formulaShardCount"] as? Int == 2)
        #expect(plan.keys.contains("keySkew"))
    }

    @Test func planTextListsTheCaveatsOfTheFeaturesUsed() throws {
        let outcome = ShardSimCommand.run(["plan", try file()])
        #expect(outcome.exitCode == 0)
        #expect(outcome.standardOutput.contains("\nNotes\n  - Retries answer throttling only"))
        #expect(!outcome.standardOutput.contains("Lambda:"))
    }
}
