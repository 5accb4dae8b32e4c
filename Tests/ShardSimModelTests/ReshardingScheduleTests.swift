import ShardSimEngine
import Testing

@testable import ShardSimModel

/// Resharding on its own (facts sheet section 3): a SplitShard takes effect when it completes, closing its parent
/// and opening two children; shard-hours are billed for the open shards over time.
@Suite struct ReshardingScheduleTests {
    @Test func aSplitCompletesAfterItsDurationAndShardTimeFollowsTheTimeline() throws {
        // 2 shards for 60 s; SplitShard of shard 0 requested at 10 s, the split taking 30 s (the assumption
        // `splitMergeDuration`, set here): it completes at 40 s, closing shard 0 and opening shards 2 and 3.
        // Open-shard time: 2 shards for 40 s, then 3 for 20 s: 80 + 60 = 140 shard-seconds.
        var configuration = ComponentHarness.configuration(shards: 2)
        configuration.assumptions.splitMergeDurationNanoseconds = 30 * nanosecondsPerSecond
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
        #expect(event.time == 40 * nanosecondsPerSecond)
        let completed = resharding.complete(eventIndex: Int(event.target), at: event.time, context: &context)
        let change = try #require(completed)
        #expect(change.children == [2, 3])
        #expect(change.closedParents == [0])
        #expect(context.layout.shards[2].parentIndices == [0] && context.layout.shards[3].parentIndices == [0])
        resharding.noteLayoutChange(at: event.time, openShards: context.layout.openShardCount)
        resharding.accountOpenShardTime(until: configuration.durationNanoseconds, context: context)
        #expect(resharding.shardCountTimeline.map(\.openShards) == [2, 3])
        #expect(resharding.openShardNanoseconds == 140 * Double(nanosecondsPerSecond))
    }
}
