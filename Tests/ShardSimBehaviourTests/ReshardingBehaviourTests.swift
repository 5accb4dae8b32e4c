import ShardSimModel
import ShardSimScenario
import ShardSimTestSupport
import Testing

/// Resharding during a run, as a user writes it in `events`.
@Suite struct ReshardingBehaviourTests {
    private func scenario(shards: Int, events: String, consumers: String = "[]", hotShare: Double = 0.3) -> String {
        """
        { "name": "reshard", "duration": "10m", "seed": 2, "stream": { "shardCount": \(shards) },
          "producers": [{ "name": "p", "recordsPerSecond": 1500, "recordSizeBytes": 200, "retry": { "maxAttempts": 1 },
                          "partitionKeys": { "distribution": "hotKeys", "hot": [{ "key": "tenant-42", "share": \(hotShare) }],
                                             "others": { "count": 5000, "prefix": "t-" } } }],
          "consumers": \(consumers), "events": \(events) }
        """
    }

    private func problems(_ json: String) -> [ScenarioDiagnostic] {
        do {
            _ = try ScenarioDecoder.decode(Array(json.utf8))
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func updateShardCountFromFourToTenIsRefused() {
        let found = problems(
            scenario(shards: 4, events: #"[{ "at": "1m", "action": "updateShardCount", "targetShardCount": 10 }]"#))
        #expect(found.contains { $0.path == "events.0.targetShardCount" && $0.message.contains("double or halve") })
    }

    @Test func awsReshardingRulesAreScenarioErrors() {
        let cases: [(String, String, String)] = [
            (
                #"[{ "at": "1m", "action": "splitShard", "shardId": "shardId-000000000009" }]"#, "events.0.shardId",
                "not an open shard"
            ),
            (
                #"[{ "at": "1m", "action": "mergeShards", "shardId": "shardId-000000000000", "adjacentShardId": "shardId-000000000002" }]"#,
                "events.0.adjacentShardId", "not adjacent"
            ),
            (
                #"[{ "at": "1m", "action": "splitShard", "shardId": "shardId-000000000000" }, { "at": "70s", "action": "splitShard", "shardId": "shardId-000000000001" }]"#,
                "events.1.at", "one resharding operation at a time"
            ),
            (
                #"[{ "at": "1m", "action": "splitShard", "shardId": "shardId-000000000000" }, { "at": "5m", "action": "splitShard", "shardId": "shardId-000000000000" }]"#,
                "events.1.shardId", "not an open shard"
            ),
            (
                #"[{ "at": "1m", "action": "splitShard", "shardId": "shardId-000000000000", "newStartingHashKey": "0" }]"#,
                "events.0.newStartingHashKey", "must be above"
            ),
            (
                #"[{ "at": "1m", "action": "splitShard", "shardId": "shardId-000000000000", "newStartingHashKey": "abc" }]"#,
                "events.0.newStartingHashKey", "decimal hash key"
            ),
        ]
        for (events, path, fragment) in cases {
            let found = problems(scenario(shards: 3, events: events))
            #expect(found.contains { $0.path == path && $0.message.contains(fragment) }, "\(path): \(found)")
        }
    }

    @Test func elevenScalingsInADayAreRefused() {
        // 10 UpdateShardCount calls per rolling 24 h (current API page); alternate 2 ↔ 4 every 10 minutes.
        let events = (0..<11).map {
            #"{ "at": "\#(10 * ($0 + 1))m", "action": "updateShardCount", "targetShardCount": \#($0 % 2 == 0 ? 4 : 2) }"#
        }
        let json = scenario(shards: 2, events: "[" + events.joined(separator: ",") + "]")
            .replacingOccurrences(of: #""duration": "10m""#, with: #""duration": "3h""#)
        #expect(problems(json).contains { $0.path == "events.10.at" && $0.message.contains("24 hours") })
    }

    @Test func splittingTheHotShardMovesHalfItsOtherKeysAway() throws {
        // 30% of 1,500 rec/s on one key = 450/s plus ~half of the rest on 2 shards ≈ 975/s on the hot key's shard:
        // close to the limit, so Poisson bursts throttle. Splitting that shard leaves the hot key with about half
        // the other keys (~710/s), which fits. Throttling after the split (completed at 2.5 minutes) stops.
        // Python: int.from_bytes(hashlib.md5(b"tenant-42").digest(), "big") = 253021673537764287843936313168489443118,
        // at or above 2^127 (where a new 2-shard stream's second shard starts): the hot key is on shard 1.
        let hot = 1
        let events = #"[{ "at": "2m", "action": "splitShard", "shardId": "shardId-00000000000\#(hot)" }]"#
        let result = try runScenario(scenario(shards: 2, events: events))
        let parent = result.shards[hot]
        #expect(parent.description.status == .closed)
        #expect(parent.write.writeProvisionedThroughputExceeded > 0)
        let children = result.shards.filter { $0.description.parentNumber == hot }
        #expect(children.map(\.description.number) == [2, 3])
        #expect(children.allSatisfy { $0.write.writeProvisionedThroughputExceeded == 0 })
        #expect(result.shardCountEnd == 3)
        expectNear(result.shardCountTimeWeighted, (2 * 2.5 + 3 * 7.5) / 10, within: 0.001, "time-weighted shards")
    }

    @Test func readersFollowParentsIntoChildrenAndMissNothing() throws {
        let events =
            #"[{ "at": "2m", "action": "splitShard", "shardId": "shardId-000000000000" }, { "at": "5m", "action": "updateShardCount", "targetShardCount": 6 }, { "at": "8m", "action": "mergeShards", "shardId": "shardId-000000000006", "adjacentShardId": "shardId-000000000007" }]"#
        let readers =
            #"[{ "name": "poller", "type": "shared", "startingPosition": "TRIM_HORIZON" }, { "name": "efo", "type": "enhanced", "startingPosition": "TRIM_HORIZON" }, { "name": "fn", "type": "lambda", "startingPosition": "TRIM_HORIZON" }]"#
        let result = try runScenario(scenario(shards: 2, events: events, consumers: readers, hotShare: 0.1))
        for reader in result.consumers {
            let accounted =
                reader.statistics.recordsDelivered + reader.recordsBehindAtEnd + reader.statistics.recordsFailed
            #expect(
                accounted >= result.totals.recordsSucceeded - 3_000, "\(reader.name) lost records across resharding")
            #expect(reader.statistics.maxIteratorAgeNanoseconds < 5_000_000_000, "\(reader.name) stalled at a reshard")
        }
        #expect(result.shards.filter { $0.description.status == .open }.count == 5)
    }
}
