import ShardSimEngine
import Testing

@testable import ShardSimModel

/// Resharding on its own (facts sheet section 3): a SplitShard takes effect when it completes, closing its parent
/// and opening two children; shard-hours are billed for the open shards over time.
@Suite struct ReshardingScheduleTests {
    @Test func aSplitCompletesAfterItsDurationAndShardTimeFollowsTheTimeline() throws {
        // 2 shards for 60 s; SplitShard of shard 0 requested at 10 s. It completes at 10 s + the split's duration
        // (an assumption, `splitMergeDurationNanoseconds`), closing shard 0 and opening shards 2 and 3.
        // Open-shard time: 2 shards until completion, then 3: 2 × c + 3 × (60 − c) shard-seconds.
        var configuration = ComponentHarness.configuration(shards: 2)
        configuration.events = [
            .splitShard(
                atNanoseconds: 10 * nanosecondsPerSecond, shardId: "shardId-000000000000",
                newStartingHashKey: nil)
        ]
        var context = ComponentHarness.context(configuration)
        var resharding = ReshardingSchedule(initialOpenShards: context.layout.openShardCount)
        resharding.schedule(context: &context)
        let next = context.nextEvent(before: configuration.durationNanoseconds)
        let (event, kind) = try #require(next)
        #expect(kind == .reshardComplete)
        let completion = 10 * nanosecondsPerSecond + configuration.assumptions.splitMergeDurationNanoseconds
        #expect(event.time == completion)
        let completed = resharding.complete(eventIndex: Int(event.target), at: event.time, context: &context)
        let change = try #require(completed)
        #expect(change.children == [2, 3])
        #expect(change.closedParents == [0])
        #expect(context.layout.shards[2].parentIndices == [0] && context.layout.shards[3].parentIndices == [0])
        resharding.noteLayoutChange(at: event.time, openShards: context.layout.openShardCount)
        resharding.accountOpenShardTime(until: configuration.durationNanoseconds, context: context)
        #expect(resharding.shardCountTimeline.map(\.openShards) == [2, 3])
        let expected = 2 * Double(completion) + 3 * Double(configuration.durationNanoseconds - completion)
        #expect(resharding.openShardNanoseconds == expected)
    }
}
