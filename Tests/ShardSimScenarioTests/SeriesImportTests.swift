import ShardSimModel
import ShardSimScenario
import Testing

/// `rateProfile: { "type": "series" }`: traffic exported from CloudWatch (or a CSV) as the producer's rate, with the
/// numbers worked out by hand from each file.
@Suite struct SeriesImportTests {
    /// get-metric-statistics output, datapoints out of order as CloudWatch lists them: 60,000, 120,000 and
    /// 180,000 records in consecutive minutes are 1,000, 2,000 and 3,000 records/s.
    private static let statistics = """
        { "Label": "IncomingRecords", "Datapoints": [
            { "Timestamp": "2026-11-20T10:02:00Z", "Sum": 180000.0, "Unit": "Count" },
            { "Timestamp": "2026-11-20T10:00:00Z", "Sum": 60000.0, "Unit": "Count" },
            { "Timestamp": "2026-11-20T10:01:00+00:00", "Sum": 120000.0, "Unit": "Count" } ] }
        """

    /// get-metric-data output, newest first, with both metrics: 1,200 then 600 records per 5 minutes (2 and 4
    /// records/s in time order), 900,000 bytes over 1,800 records = 500 bytes each.
    private static let metricData = """
        { "MetricDataResults": [
            { "Id": "incomingRecords", "Label": "IncomingRecords", "StatusCode": "Complete",
              "Timestamps": ["2026-11-20T10:05:00Z", "2026-11-20T10:00:00Z"], "Values": [1200.0, 600.0] },
            { "Id": "incomingBytes", "Label": "IncomingBytes", "StatusCode": "Complete",
              "Timestamps": ["2026-11-20T10:05:00Z", "2026-11-20T10:00:00Z"], "Values": [600000.0, 300000.0] } ],
          "Messages": [] }
        """

    private func scenario(_ profile: String, producerExtra: String = "", duration: String? = "\"5m\"") -> String {
        """
        { "name": "imported", \(duration.map { "\"duration\": \($0)," } ?? "") "stream": { "shardCount": 4 },
          "producers": [{ "name": "web", \(producerExtra) "rateProfile": \(profile) }] }
        """
    }

    private func decode(_ json: String, files: [String: String]) throws -> Scenario {
        try ScenarioDecoder.decode(Array(json.utf8), files: .inMemory(files))
    }

    private func diagnostics(_ json: String, files: [String: String]) -> [ScenarioDiagnostic] {
        decodingDiagnostics(json, files: .inMemory(files))
    }

    private static func steps(_ rates: [Double], periodSeconds: Int64) -> RateProfile {
        .steps(
            rates.enumerated().map {
                RateStep(atNanoseconds: Int64($0.offset) * periodSeconds * 1_000_000_000, recordsPerSecond: $0.element)
            })
    }

    @Test func cloudWatchStatisticsBecomeStepsAndSetTheDurationWhenItIsAbsent() throws {
        let decoded = try decode(
            scenario(#"{ "type": "series", "file": "records.json" }"#, duration: nil),
            files: ["records.json": Self.statistics])
        let producer = decoded.configuration.producers[0]
        #expect(producer.rateProfile == Self.steps([1_000, 2_000, 3_000], periodSeconds: 60))
        #expect(decoded.configuration.durationNanoseconds == 180_000_000_000)
        #expect(producer.recordsPerSecond == 2_000)
        #expect(producer.recordSize == .fixed(bytes: 1_024), "no bytes given: the default size stays")
    }

    @Test func aRunLongerThanTheSeriesHoldsTheLastRate() throws {
        let decoded = try decode(
            scenario(#"{ "type": "series", "file": "records.json" }"#, duration: "\"10m\""),
            files: ["records.json": Self.statistics])
        let profile = decoded.configuration.producers[0].rateProfile
        // 1,000 × 60 s + 2,000 × 60 s + 3,000 × 480 s over 600 s = 2,700 records/s.
        #expect(profile.meanRecordsPerSecond(baseRecordsPerSecond: 0, durationNanoseconds: 600_000_000_000) == 2_700)
    }

    @Test func metricDataNewestFirstGivesRatesInTimeOrderAndARecordSize() throws {
        let decoded = try decode(
            scenario(#"{ "type": "series", "file": "data/metrics.json", "scale": 3 }"#),
            files: ["data/metrics.json": Self.metricData])
        let producer = decoded.configuration.producers[0]
        #expect(producer.rateProfile == Self.steps([6, 12], periodSeconds: 300), "2 and 4 records/s, scaled by 3")
        #expect(producer.recordSize == .fixed(bytes: 500))
    }

    @Test func aStatedRecordSizeWinsOverTheBytesMetric() throws {
        let decoded = try decode(
            scenario(#"{ "type": "series", "file": "m.json" }"#, producerExtra: #""recordSizeBytes": 80,"#),
            files: ["m.json": Self.metricData])
        #expect(decoded.configuration.producers[0].recordSize == .fixed(bytes: 80))
    }

    @Test func csvWithEpochSecondsAndBytes() throws {
        // 2,000 and 7,000 records per 5 minutes; 6,579,000 bytes / 9,000 records = 731 bytes.
        let csv = "timestamp,records,bytes\r\n1795169100,7000,5117000\r\n1795168800,2000,1462000\r\n"
        let decoded = try decode(scenario(#"{ "type": "series", "file": "t.csv" }"#), files: ["t.csv": csv])
        let producer = decoded.configuration.producers[0]
        #expect(producer.rateProfile == Self.steps([2_000.0 / 300, 7_000.0 / 300], periodSeconds: 300))
        #expect(producer.recordSize == .fixed(bytes: 731))
    }

    @Test func aSingleDatapointNeedsPeriodSeconds() throws {
        let csv = "timestamp,records\n2026-11-20T10:00:00Z,6000\n"
        let missing = diagnostics(scenario(#"{ "type": "series", "file": "one.csv" }"#), files: ["one.csv": csv])
        #expect(
            missing.contains { $0.path == "producers.0.rateProfile.file" && $0.message.contains("periodSeconds") },
            "\(missing)")
        let decoded = try decode(
            scenario(#"{ "type": "series", "file": "one.csv", "periodSeconds": 60 }"#), files: ["one.csv": csv])
        #expect(decoded.configuration.producers[0].rateProfile == Self.steps([100], periodSeconds: 60))
    }

    @Test(arguments: [
        (
            "timestamp,records\n2026-11-20T10:00:00Z,60\n2026-11-20T10:01:00Z,60\n2026-11-20T10:03:00Z,60\n",
            "a gap between 2026-11-20T10:01:00Z and 2026-11-20T10:03:00Z"
        ),
        (
            "timestamp,records\n2026-11-20T10:01:00Z,60\n2026-11-20T10:00:00Z,60\n2026-11-20T10:01:00Z,70\n",
            "the same timestamp 2026-11-20T10:01:00Z"
        ),
        ("timestamp,records\n2026-11-20T10:00:00Z,60\n2026-11-20T10:01:00Z,-5\n", "line 3: records -5 is negative"),
        ("timestamp,records\n", "no datapoints"),
        ("", "the file is empty"),
        ("time,count\n1,2\n", "expected the header timestamp,records"),
        ("timestamp,records\nyesterday,5\n", "neither ISO-8601"),
        (
            #"{ "Label": "IncomingRecords", "Datapoints": [{ "Timestamp": "2026-11-20T10:00:00Z", "Average": 3.5, "Unit": "Count" }] }"#,
            "has no \"Sum\" (it has Average)"
        ),
        (#"{ "Label": "IncomingRecords", "Datapoints": [] }"#, "no datapoints"),
        (#"{ "Label": "GetRecords.Bytes", "Datapoints": [] }"#, "expected IncomingRecords"),
        (
            #"{ "MetricDataResults": [{ "Id": "m1", "Label": "IncomingRecords", "StatusCode": "PartialData", "Timestamps": [], "Values": [] }] }"#,
            "PartialData"
        ),
        (#"{ "Datapoints": "#, "not valid JSON"),
    ])
    func badSeriesFilesNameTheFieldAndTheFile(contents: String, fragment: String) {
        let found = diagnostics(scenario(#"{ "type": "series", "file": "bad.csv" }"#), files: ["bad.csv": contents])
        #expect(
            found.contains {
                $0.path == "producers.0.rateProfile.file" && $0.message.contains("\"bad.csv\"")
                    && $0.message.contains(fragment)
            },
            "\(found)")
    }

    @Test func aMissingFileIsNamed() {
        let found = diagnostics(scenario(#"{ "type": "series", "file": "nowhere.json" }"#), files: [:])
        #expect(
            found == [
                ScenarioDiagnostic(
                    path: "producers.0.rateProfile.file", message: "cannot read \"nowhere.json\": no such file")
            ])
    }

    @Test func recordsPerSecondIsRefusedBesideASeries() {
        let found = diagnostics(
            scenario(#"{ "type": "series", "file": "r.json" }"#, producerExtra: #""recordsPerSecond": 5,"#),
            files: ["r.json": Self.statistics])
        #expect(found.map(\.path) == ["producers.0.recordsPerSecond"])
    }

    @Test func withoutASeriesTheDurationIsStillRequired() {
        let found = diagnostics(
            #"{ "name": "x", "stream": { "shardCount": 1 }, "producers": [{ "name": "p", "recordsPerSecond": 1 }] }"#,
            files: [:])
        #expect(found.map(\.path) == ["duration"])
    }
}
