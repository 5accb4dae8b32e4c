import ShardSimModel
import ShardSimScenario
import Testing

/// Resharding timelines AWS would refuse, as values (which rule, with its figures) and as the scenario error a user
/// reads (the event's JSON path and the rule in words). The figures follow the AWS rules: one resharding operation at
/// a time (UpdateShardCount takes `updateShardCountDuration`, 180 s by default), UpdateShardCount within half to
/// double the open shards.
@Suite struct TimelineProblemTests {
    private func scenario(shards: Int, events: String) -> String {
        """
        { "name": "timeline", "duration": "10m", "stream": { "shardCount": \(shards) },
          "producers": [{ "name": "p", "recordsPerSecond": 100 }], "events": \(events) }
        """
    }

    /// The problems in `events` on a valid `shards`-shard stream (events built as values, not decoded).
    private func problems(shards: Int, _ events: [TimelineEvent]) throws -> [TimelineProblem] {
        var configuration = try ScenarioDecoder.decode(Array(scenario(shards: shards, events: "[]").utf8)).configuration
        configuration.events = events
        return TimelineValidation.problems(in: configuration)
    }

    private static let second: Int64 = 1_000_000_000

    private func diagnostics(_ json: String) -> [ScenarioDiagnostic] {
        do {
            _ = try ScenarioDecoder.decode(Array(json.utf8))
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func twoReshardsTenSecondsApartFindTheStreamUpdating() {
        // The first UpdateShardCount starts at 10 s and keeps the stream UPDATING for 180 s: until 190 s.
        let json = scenario(
            shards: 4,
            events: """
                [{ "at": "10s", "action": "updateShardCount", "targetShardCount": 8 },
                 { "at": "20s", "action": "updateShardCount", "targetShardCount": 16 }]
                """)
        let found = diagnostics(json)
        #expect(found.count == 1)
        #expect(found.first?.path == "events.1.at")
        #expect(
            found.first?.message
                == "the stream is UPDATING until 190.0s from events.0; AWS allows one resharding operation at a time")
    }

    @Test func aReshardWhileUpdatingCarriesTheTimeTheStreamIsBusyUntil() throws {
        let found = try problems(
            shards: 4,
            [
                .updateShardCount(atNanoseconds: 10 * Self.second, targetShardCount: 8),
                .updateShardCount(atNanoseconds: 20 * Self.second, targetShardCount: 16),
            ])
        #expect(
            found == [
                TimelineProblem(
                    eventIndex: 1, kind: .streamUpdating(untilNanoseconds: 190 * Self.second, byEventIndex: 0))
            ])
    }

    @Test func updateShardCountBeyondDoubleOrHalfCarriesTheAllowedTargets() throws {
        // From 4 open shards AWS allows 2 to 8; 10 is refused.
        let found = try problems(shards: 4, [.updateShardCount(atNanoseconds: 60 * Self.second, targetShardCount: 10)])
        #expect(
            found == [
                TimelineProblem(
                    eventIndex: 0,
                    kind: .targetNotWithinDoubleOrHalf(
                        openShardCount: 4, allowedTargets: 2...8,
                        target: 10))
            ])
        // From 5 open shards: 3 (half, rounded up) to 10.
        let odd = try problems(shards: 5, [.updateShardCount(atNanoseconds: 60 * Self.second, targetShardCount: 2)])
        #expect(odd.first?.kind == .targetNotWithinDoubleOrHalf(openShardCount: 5, allowedTargets: 3...10, target: 2))
        let words = diagnostics(
            scenario(shards: 5, events: #"[{ "at": "1m", "action": "updateShardCount", "targetShardCount": 2 }]"#))
        #expect(words.map(\.path) == ["events.0.targetShardCount"])
        #expect(words.first?.message == "UpdateShardCount can at most double or halve: from 5 shards, 3 to 10, got 2")
    }

    @Test func splittingAShardThatIsNotOpenListsTheFirstSixOpenOnes() throws {
        // 8 open shards, shardId-000000000000 … 007: the problem lists six of them and counts all eight.
        let found = try problems(
            shards: 8,
            [
                .splitShard(
                    atNanoseconds: 60 * Self.second, shardId: "shardId-000000000099",
                    newStartingHashKey: nil)
            ])
        let listed = (0..<6).map { "shardId-00000000000\($0)" }
        #expect(
            found == [
                TimelineProblem(
                    eventIndex: 0,
                    kind: .shardNotOpen(
                        shardId: "shardId-000000000099", openShardIds: listed,
                        openShardCount: 8))
            ])
        let words = diagnostics(
            scenario(shards: 8, events: #"[{ "at": "1m", "action": "splitShard", "shardId": "shardId-000000000099" }]"#)
        )
        #expect(words.map(\.path) == ["events.0.shardId"])
        #expect(
            words.first?.message == "shardId-000000000099 is not an open shard at that time (open: "
                + listed.joined(separator: ", ") + ", …)")
    }

    @Test func reshardingAnOnDemandStreamIsAProblemOfItsAction() {
        let json = """
            { "name": "timeline", "duration": "10m", "stream": { "streamMode": "ON_DEMAND" },
              "producers": [{ "name": "p", "recordsPerSecond": 100 }],
              "events": [{ "at": "1m", "action": "updateShardCount", "targetShardCount": 8 }] }
            """
        let found = diagnostics(json)
        #expect(found.map(\.path) == ["events.0.action"])
        #expect(found.first?.message == "ON_DEMAND streams scale themselves; resharding applies to PROVISIONED streams")
    }
}
