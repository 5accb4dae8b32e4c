import ShardSimScenario
import Testing

/// `lostResponseShare` is a share: a number from 0 to 1, refused otherwise with its JSON path.
@Suite struct LostResponseShareValidationTests {
    @Test(arguments: ["1.5", "-0.1", #""x""#, "true"])
    func outOfRangeSharesNameTheField(value: String) {
        let json = """
            { "name": "bad", "duration": "1m", "stream": { "shardCount": 1 },
              "producers": [{ "name": "p", "recordsPerSecond": 10, "lostResponseShare": \(value) }] }
            """
        let found = decodingDiagnostics(json)
        #expect(
            found.contains { $0.path == "producers.0.lostResponseShare" && $0.message.contains("from 0 to 1") },
            "\(found)")
    }

    @Test func theShareDefaultsToZeroAndIsRead() throws {
        let json = """
            { "name": "ok", "duration": "1m", "stream": { "shardCount": 1 },
              "producers": [{ "name": "p", "recordsPerSecond": 10 }, { "name": "q", "recordsPerSecond": 10,
                              "lostResponseShare": 0.25 }] }
            """
        let producers = try ScenarioDecoder.decode(Array(json.utf8)).configuration.producers
        #expect(producers[0].lostResponseShare == 0)
        #expect(producers[1].lostResponseShare == 0.25)
    }
}
