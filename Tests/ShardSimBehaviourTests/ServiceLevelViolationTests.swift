import ShardSimModel
import ShardSimPlanner
import ShardSimReport
import ShardSimScenario
import Testing

/// Missed objectives as values: which objective, who missed it, the limit and what the run measured; the report
/// layer names them as the scenario's `slo` object does.
@Suite struct ServiceLevelViolationTests {
    /// One shard takes 1,000 records/s; 3,000 are offered. Every second at least 3,000 attempts are made and at most
    /// 1,000 accepted, so at least 2/3 of attempts throttle; each put takes at least the 20 ms request latency.
    private static let overloaded = """
        { "name": "slo", "duration": "20s", "stream": { "shardCount": 1 },
          "producers": [{ "name": "p", "recordsPerSecond": 3000 }],
          "slo": { "maxWriteThrottledFraction": 0.001, "putLatencyP99Ms": 5 } }
        """

    @Test func anOverloadedShardMissesTheThrottlingAndLatencyObjectives() throws {
        let scenario = try ScenarioDecoder.decode(Array(Self.overloaded.utf8))
        let objective = try #require(scenario.serviceLevelObjective)
        let violations = try runScenario(Self.overloaded).violations(of: objective)
        #expect(violations.map(\.objective) == [.writeThrottledFraction, .putLatencyP99])
        #expect(violations.map(\.subject) == [.stream, .producer("p")])
        #expect(violations.map(\.limit) == [0.001, 5])
        #expect(violations[0].actual >= 2.0 / 3.0)
        #expect(violations[1].actual >= 20)
        // The names the reports print are the scenario's `slo` keys.
        #expect(violations.map(\.objective.scenarioKey) == ["maxWriteThrottledFraction", "putLatencyP99Ms"])
        #expect(violations.map(\.subject.reportName) == ["stream", "p"])
    }

    @Test func aRunWithinItsObjectivesHasNoViolations() throws {
        // 500 records/s on one shard: half the records limit, nothing throttles.
        let calm = Self.overloaded.replacingOccurrences(of: "3000", with: "500")
            .replacingOccurrences(of: #""putLatencyP99Ms": 5"#, with: #""putLatencyP99Ms": 5000"#)
        let objective = try #require(try ScenarioDecoder.decode(Array(calm.utf8)).serviceLevelObjective)
        #expect(try runScenario(calm).violations(of: objective).isEmpty)
    }
}
