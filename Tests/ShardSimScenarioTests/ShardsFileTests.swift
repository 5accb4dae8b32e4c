import ShardSimModel
import ShardSimScenario
import Testing

/// `stream.shardsFile`: a real stream's layout from `aws kinesis describe-stream` / `list-shards`.
///
/// Hash keys come from Python, never from the code under test:
/// `int.from_bytes(hashlib.md5(b"key-3").digest(), "big")` = 123355145593135122062122607335353013804, which is
/// between 2^126 = 85070591730234615865843651857942052864 and 2^127: an even 2-shard stream puts it on shard 0, a
/// stream split unevenly at 2^126 on the upper shard. "key-1" = 44775357070821016797045618461742138278 < 2^126.
@Suite struct ShardsFileTests {
    static let twoTo126 = "85070591730234615865843651857942052864"
    static let twoTo126MinusOne = "85070591730234615865843651857942052863"
    static let maxKey = "340282366920938463463374607431768211455"

    /// shardId-000000000000 (closed) split at 2^126 into 1 and 2, as describe-stream prints it.
    static func describeStream(lowerEnd: String = twoTo126MinusOne, upperStart: String = twoTo126) -> String {
        """
        { "StreamDescription": { "StreamName": "orders", "StreamStatus": "ACTIVE",
            "StreamModeDetails": { "StreamMode": "PROVISIONED" }, "RetentionPeriodHours": 48, "HasMoreShards": false,
            "Shards": [
              { "ShardId": "shardId-000000000000", "HashKeyRange": { "StartingHashKey": "0", "EndingHashKey": "\(maxKey)" },
                "SequenceNumberRange": { "StartingSequenceNumber": "49590", "EndingSequenceNumber": "49600" } },
              { "ShardId": "shardId-000000000001", "ParentShardId": "shardId-000000000000",
                "HashKeyRange": { "StartingHashKey": "0", "EndingHashKey": "\(lowerEnd)" },
                "SequenceNumberRange": { "StartingSequenceNumber": "49601" } },
              { "ShardId": "shardId-000000000002", "ParentShardId": "shardId-000000000000",
                "HashKeyRange": { "StartingHashKey": "\(upperStart)", "EndingHashKey": "\(maxKey)" },
                "SequenceNumberRange": { "StartingSequenceNumber": "49602" } } ] } }
        """
    }

    private func scenario(
        stream: String = #""shardsFile": "orders.json""#, events: String = "[]", keys: [String] = ["key-3"]
    ) -> String {
        let hot = keys.map { #"{ "key": "\#($0)", "share": \#(1.0 / Double(keys.count)) }"# }.joined(separator: ", ")
        return """
            { "name": "existing", "duration": "1m", "stream": { \(stream) },
              "producers": [{ "name": "p", "recordsPerSecond": 100, "arrival": "uniform",
                              "partitionKeys": { "distribution": "hotKeys", "hot": [\(hot)] } }],
              "events": \(events) }
            """
    }

    private func decode(_ json: String, file: String = describeStream()) throws -> Scenario {
        try ScenarioDecoder.decode(Array(json.utf8), files: .inMemory(["orders.json": file]))
    }

    private func diagnostics(_ json: String, file: String = describeStream()) -> [ScenarioDiagnostic] {
        decodingDiagnostics(json, files: .inMemory(["orders.json": file]))
    }

    @Test func theOpenShardsKeepTheirIdsRangesAndTheStreamsRetention() throws {
        let stream = try decode(scenario()).configuration.stream
        #expect(stream.shardCount == 2)
        #expect(stream.retentionPeriodHours == 48)
        let layout = try #require(stream.initialLayout)
        #expect(layout.shards.map(\.number) == [1, 2])
        #expect(layout.shards[1].hashKeyRange.startingHashKey == UInt128(Self.twoTo126))
        #expect(layout.shards.map(\.parentNumber) == [0, 0])
        #expect(layout.nextShardNumber == 3)
        #expect(!layout.isEvenNewStream)
    }

    @Test func routingUsesTheUnevenRanges() throws {
        // key-3 alone: every record on shardId-000000000002 (an even split would have used shard 0).
        let result = Simulation.run(try decode(scenario()).configuration)
        let byId = Dictionary(
            uniqueKeysWithValues: result.shards.map { ($0.description.shardId, $0.write.incomingRecords) })
        #expect(byId["shardId-000000000001"] == 0)
        #expect(byId["shardId-000000000002"] == result.totals.recordsSucceeded)
        #expect(result.totals.recordsSucceeded > 5_800, "100 records/s for 60 s, less the last batch still in flight")
        let both = Simulation.run(try decode(scenario(keys: ["key-1", "key-3"])).configuration)
        #expect(both.shards.allSatisfy { $0.write.incomingRecords > 2_000 }, "key-1 goes to shard 1, key-3 to shard 2")
    }

    @Test func childrenTakeTheNextUnusedShardNumber() throws {
        let events = #"[{ "at": "10s", "action": "splitShard", "shardId": "shardId-000000000002" }]"#
        let result = Simulation.run(try decode(scenario(events: events)).configuration)
        #expect(
            result.shards.map(\.description.shardId) == [
                "shardId-000000000001", "shardId-000000000002",
                "shardId-000000000003", "shardId-000000000004",
            ])
        #expect(result.shards[2].description.parentNumber == 2)
        #expect(result.shards[2].description.hashKeyRange.startingHashKey == UInt128(Self.twoTo126))
    }

    @Test func listShardsOutputWorksToo() throws {
        let list =
            #"{ "Shards": [{ "ShardId": "shardId-000000000007", "HashKeyRange": { "StartingHashKey": "0", "EndingHashKey": ""#
            + Self.maxKey
            + #"" }, "SequenceNumberRange": { "StartingSequenceNumber": "1" } }] }"#
        let stream = try decode(scenario(stream: #""shardsFile": "orders.json", "shardCount": 1"#), file: list)
            .configuration.stream
        #expect(stream.initialLayout?.shards.map(\.number) == [7])
        #expect(stream.retentionPeriodHours == 24, "list-shards does not give the retention")
    }

    @Test(arguments: [
        (
            describeStream(lowerEnd: "85070591730234615865843651857942052862"),
            "no open shard covers hash keys 85070591730234615865843651857942052863 to 85070591730234615865843651857942052863"
        ),
        (describeStream(upperStart: "85070591730234615865843651857942052863"), "overlap"),
        (#"{ "Shards": [], "NextToken": "abc" }"#, "NextToken"),
        (#"{ "Shards": [] }"#, "no open shard"),
        (#"{ "StreamDescriptionSummary": {} }"#, "expected the output of aws kinesis describe-stream"),
        (
            #"{ "Shards": [{ "ShardId": "shard-7", "HashKeyRange": {}, "SequenceNumberRange": {} }] }"#,
            "Shards.0.ShardId"
        ),
    ])
    func badLayoutsNameTheFieldAndTheFile(file: String, fragment: String) {
        let found = diagnostics(scenario(), file: file)
        #expect(
            found.contains {
                $0.path == "stream.shardsFile" && $0.message.contains("\"orders.json\"")
                    && $0.message.contains(fragment)
            },
            "\(found)")
    }

    @Test func aStatedShardCountMustAgree() {
        let found = diagnostics(scenario(stream: #""shardsFile": "orders.json", "shardCount": 3"#))
        #expect(found.map(\.path) == ["stream.shardCount"])
        #expect(found.first?.message.contains("has 2 open shards") == true)
    }

    @Test func onDemandStreamsSizeThemselves() {
        let found = diagnostics(scenario(stream: #""shardsFile": "orders.json", "streamMode": "ON_DEMAND""#))
        #expect(found.map(\.path) == ["stream.shardsFile"])
    }
}
