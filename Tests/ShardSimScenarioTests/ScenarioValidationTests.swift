import ShardSimModel
import ShardSimScenario
import Testing

/// Bad input gets a clear message naming the JSON path; every problem is listed, not just the first.
@Suite struct ScenarioValidationTests {
    private static let valid = """
        { "name": "ok", "duration": "1m", "stream": { "shardCount": 2 },
          "producers": [{ "name": "p", "recordsPerSecond": 100 }] }
        """

    private func diagnostics(_ json: String, overrides: [String] = []) -> [ScenarioDiagnostic] {
        decodingDiagnostics(json, overrides: overrides)
    }

    @Test func validScenarioDecodesWithDefaults() throws {
        let scenario = try ScenarioDecoder.decode(Array(Self.valid.utf8))
        let producer = scenario.configuration.producers[0]
        #expect(scenario.configuration.durationNanoseconds == 60_000_000_000)
        #expect(scenario.configuration.seed == 1)
        #expect(producer.batching.maxRecords == 500)
        #expect(producer.retry.maxAttempts == 3)
        #expect(scenario.configuration.stream.retentionPeriodHours == 24)
    }

    @Test(arguments: [
        (#""duration": "1m", "nmae": "x""#, "nmae", "did you mean 'name'?"),
        (#""name": "x", "duration": "1 minute""#, "duration", "expected a duration"),
        (#""name": "x", "duration": "-5s""#, "duration", "expected a duration"),
        (#""name": "x", "duration": 1e300"#, "duration", "expected a duration"),
    ])
    func topLevelMistakesNameTheField(members: String, path: String, fragment: String) {
        let json =
            "{ \(members), \"stream\": { \"shardCount\": 1 }, \"producers\": [{ \"name\": \"p\", \"recordsPerSecond\": 1 }] }"
        let found = diagnostics(json)
        #expect(found.contains { $0.path == path && $0.message.contains(fragment) }, "\(found)")
    }

    @Test(arguments: [
        (#""recordsPerSecond": "fast""#, "producers.0.recordsPerSecond", "expected a number"),
        (#""recordsPerSecond": 1e12"#, "producers.0.recordsPerSecond", "expected a number from 0 to 10,000,000"),
        (#""recordsPerSecond": 1, "batching": { "maxRecords": 501 }"#, "producers.0.batching.maxRecords", "1 to 500"),
        (
            #""recordsPerSecond": 1, "batching": { "maxBytes": 20971520 }"#, "producers.0.batching.maxBytes",
            "10,485,760"
        ),
        (#""recordsPerSecond": 1, "recordSizeBytes": 2000000"#, "producers.0.recordSizeBytes", "maximum record size"),
        (
            #""recordsPerSecond": 1, "recordSizeBytes": { "min": 10, "max": 5 }"#, "producers.0.recordSizeBytes.max",
            "at least min"
        ),
        (#""recordsPerSecond": 1, "arrival": "poison""#, "producers.0.arrival", "did you mean \"poisson\"?"),
        (
            #""recordsPerSecond": 1, "partitionKeys": { "distribution": "zipf", "count": 0 }"#,
            "producers.0.partitionKeys.count", "1 to 1,000,000"
        ),
        (
            #""recordsPerSecond": 1, "partitionKeys": { "distribution": "hotKeys", "hot": [{ "key": "a", "share": 0.7 }, { "key": "b", "share": 0.6 }] }"#,
            "producers.0.partitionKeys.hot", "more than 1"
        ),
        (
            #""recordsPerSecond": 1, "partitionKeys": { "distribution": "uniform", "count": 5, "prefix": "\#(String(repeating: "x", count: 256))" }"#,
            "producers.0.partitionKeys.prefix", "longer than 256"
        ),
        (
            #""recordsPerSecond": 1, "api": "PutRecord", "aggregation": { "enabled": true }"#,
            "producers.0.aggregation", "PutRecords"
        ),
        (
            #""recordsPerSecond": 1, "retry": { "initialBackoff": "2s", "maxBackoff": "1s" }"#,
            "producers.0.retry.maxBackoff", "at least initialBackoff"
        ),
        (#""recordsPerSecond": 1, "retyr": {}"#, "producers.0.retyr", "did you mean 'retry'?"),
    ])
    func producerMistakesNameTheField(members: String, path: String, fragment: String) {
        let json =
            "{ \"name\": \"x\", \"duration\": \"1m\", \"stream\": { \"shardCount\": 1 }, \"producers\": [{ \"name\": \"p\", \(members) }] }"
        let found = diagnostics(json)
        #expect(found.contains { $0.path == path && $0.message.contains(fragment) }, "\(found)")
    }

    @Test func streamLimitsAreRangeChecked() {
        let json = """
            { "name": "x", "duration": "1m", "stream": { "shardCount": 20000, "maxRecordSizeInKiB": 20000, "retentionPeriodHours": 1 },
              "producers": [{ "name": "p", "recordsPerSecond": 1 }] }
            """
        let paths = diagnostics(json).map(\.path)
        #expect(paths == ["stream.shardCount", "stream.retentionPeriodHours", "stream.maxRecordSizeInKiB"])
    }

    @Test func everyErrorIsListedNotJustTheFirst() {
        let json = """
            { "name": "", "duration": "forever", "stream": { "shardCount": 0 },
              "producers": [{ "name": "p", "recordsPerSecond": -1 }, { "name": "p", "recordsPerSecond": 1 }] }
            """
        let paths = diagnostics(json).map(\.path)
        #expect(paths.contains("name"))
        #expect(paths.contains("duration"))
        #expect(paths.contains("stream.shardCount"))
        #expect(paths.contains("producers.0.recordsPerSecond"))
        #expect(paths.contains("producers.1.name"))
    }

    @Test func missingRequiredFieldsAreNamed() {
        let paths = diagnostics("{}").map(\.path)
        #expect(paths == ["name", "duration", "stream", "producers"])
    }

    @Test func invalidJSONSaysWhere() {
        let found = diagnostics("{ \"name\": \"x\",, }")
        #expect(found.count == 1)
        #expect(found[0].message.contains("line 1"))
    }

    @Test func fidelityIsEventFlowOrAuto() throws {
        let base =
            #"{ "name": "x", "duration": "1m", "stream": { "shardCount": 1 }, "producers": [{ "name": "p", "recordsPerSecond": 10 }]"#
        #expect(try ScenarioDecoder.decode(Array((base + "}").utf8)).fidelityChoice == .event)
        #expect(try ScenarioDecoder.decode(Array((base + #", "fidelity": "auto" }"#).utf8)).fidelityChoice == .auto)
        let flow = try ScenarioDecoder.decode(Array((base + #", "fidelity": "flow" }"#).utf8))
        #expect(flow.configuration.fidelity == .flow)
        #expect(diagnostics(base + #", "fidelity": "fluid" }"#).contains { $0.path == "fidelity" })
    }

    @Test func overridesAreTypedByTheirField() throws {
        let scenario = try ScenarioDecoder.decode(
            Array(Self.valid.utf8),
            overrides: [
                "stream.shardCount=8", "producers.0.recordsPerSecond=5000", "duration=15m", "name=renamed",
                "producers.0.partitionKeys={\"distribution\":\"zipf\",\"count\":10}",
            ])
        #expect(scenario.configuration.stream.shardCount == 8)
        #expect(scenario.configuration.producers[0].recordsPerSecond == 5_000)
        #expect(scenario.configuration.durationNanoseconds == 900_000_000_000)
        #expect(scenario.name == "renamed")
        #expect(scenario.configuration.producers[0].partitionKeys == .zipf(count: 10, exponent: 1, prefix: "key-"))
    }

    @Test func badOverridesAreReported() {
        #expect(diagnostics(Self.valid, overrides: ["stream.shardCount=many"]).first?.path == "stream.shardCount")
        #expect(
            diagnostics(Self.valid, overrides: ["producers.3.name=x"]).first?.message.contains("not an index") == true)
        #expect(diagnostics(Self.valid, overrides: ["noequals"]).first?.message.contains("PATH=VALUE") == true)
        #expect(
            diagnostics(Self.valid, overrides: ["stream.shardCount.x=1"]).first?.message.contains("cannot set") == true)
    }

    @Test(arguments: ["250ms", "90s", "15m", "2h", "30d", "1.5s"])
    func durationFormsAreAccepted(text: String) throws {
        let json = Self.valid.replacingOccurrences(of: "\"1m\"", with: "\"\(text)\"")
        let scenario = try ScenarioDecoder.decode(Array(json.utf8))
        let expected: [String: Int64] = [
            "250ms": 250_000_000, "90s": 90_000_000_000, "15m": 900_000_000_000,
            "2h": 7_200_000_000_000, "30d": 2_592_000_000_000_000, "1.5s": 1_500_000_000,
        ]
        #expect(scenario.configuration.durationNanoseconds == expected[text])
    }
}
