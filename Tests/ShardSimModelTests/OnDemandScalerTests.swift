import ShardSimEngine
import Testing

@testable import ShardSimModel

/// The on-demand scaler on its own (facts sheet section 4): it notes each interval's peak write rate; when twice
/// the peak needs more shards than it has, or a shard takes more than 500 KB/s, it splits shards after the scale-up
/// delay (15 minutes).
@Suite struct OnDemandScalerTests {
    @Test func aHotShardIsSplitAfterTheScaleUpDelayAndNothingElse() throws {
        // A new on-demand stream starts with 4 shards (4 MiB/s ÷ 1 MiB/s per shard). In the first 60 s interval shard 0
        // takes 600,000 B/s (> 512,000 B/s: hot) and shards 1–3 take 300,000 B/s: 1,500,000 B/s in all. Twice that,
        // 3,000,000 B/s, needs ⌈3,000,000 / 1,048,576⌉ = 3 shards ≤ 4, so only the hot shard is split: at
        // 60 s + 900 s = 960 s, shard 0 closes and shards 4 and 5 open (5 open shards).
        var configuration = ComponentHarness.configuration(shards: 1, seconds: 3_600)
        configuration.stream.streamMode = .onDemand
        let rules = configuration.assumptions.onDemand
        var context = SimulationContext(
            configuration: configuration,
            layout: ShardLayout(shardCount: rules.initialShardCount(configuration.stream)))
        #expect(context.layout.openShardCount == 4)
        var scaler = OnDemandScaler(configuration: configuration)
        scaler.start(context: &context)
        let next = context.nextEvent(before: configuration.durationNanoseconds)
        let (observe, kind) = try #require(next)
        #expect(kind == .onDemandObserve && observe.time == 60 * nanosecondsPerSecond)
        let seconds = 60.0
        let totals = [600_000.0, 300_000, 300_000, 300_000].map { (records: 300 * seconds, bytes: $0 * seconds) }
        scaler.observe(totals, at: observe.time, context: &context)
        #expect(scaler.peakBytesPerSecond == 1_500_000)
        #expect(scaler.isScalingPending)
        var scheduled: [(Int64, EventKind)] = []
        while scheduled.count < 2, let (event, kind) = context.nextEvent(before: configuration.durationNanoseconds) {
            scheduled.append((event.time, kind))
        }
        #expect(scheduled.map(\.0) == [120 * nanosecondsPerSecond, 960 * nanosecondsPerSecond])
        #expect(scheduled.map(\.1) == [.onDemandObserve, .onDemandScale])
        let scaled = scaler.scale(layout: &context.layout)
        let change = try #require(scaled)
        #expect(change.children == [4, 5])
        #expect(change.closedParents == [0])
        #expect(context.layout.openShardCount == 5)
        #expect(!scaler.isScalingPending)
        #expect(!scaler.isAtMaximum)
    }
}
