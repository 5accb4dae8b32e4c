import ShardSimEngine
import Testing

@testable import ShardSimModel

/// Two enhanced fan-out readers with the same settings are computed once (ReadPath+Twins.swift): each must still
/// report exactly what it would report reading on its own, since each has its own 2 MiB/s pipe per shard and
/// nothing it does reaches the other (facts sheet section 5, enhanced fan-out).
@Suite struct TwinConsumerTests {
    /// 3 shards for 20 s at 1,500 records/s of 600 B, a split of shard 1 at 6 s, and the given consumers.
    private static func configuration(
        consumers: [ConsumerConfiguration], events: [TimelineEvent] = [], seed: UInt64
    ) -> SimulationConfiguration {
        var configuration = ComponentHarness.configuration(shards: 3, seconds: 20)
        configuration.seed = seed
        var producer = ProducerConfiguration(name: "p", recordsPerSecond: 1_500)
        producer.recordSize = .fixed(bytes: 600)
        configuration.producers = [producer]
        configuration.consumers = consumers
        configuration.assumptions.splitMergeDurationNanoseconds = nanosecondsPerSecond
        configuration.events =
            [
                .splitShard(
                    atNanoseconds: 6 * nanosecondsPerSecond, shardId: "shardId-000000000001", newStartingHashKey: nil)
            ]
            + events
        return configuration
    }

    /// An enhanced reader taking `processingMicroseconds` per record, starting at 2 s from the oldest record (so its
    /// first pushes find a backlog).
    private static func enhanced(_ name: String, processingMicroseconds: Int64) -> ConsumerConfiguration {
        var consumer = ConsumerConfiguration(name: name, type: .enhanced)
        consumer.processingTimePerRecordNanoseconds = processingMicroseconds * 1_000
        consumer.startingPosition = .trimHorizon
        consumer.startAtNanoseconds = 2 * nanosecondsPerSecond
        return consumer
    }

    private static func run(_ configuration: SimulationConfiguration, twinsOnce: Bool) -> SimulationResult {
        var simulation = Simulation(configuration: configuration, computesTwinConsumersOnce: twinsOnce)
        simulation.runToHorizon()
        #expect(simulation.invariantViolations().isEmpty)
        return simulation.result()
    }

    /// What a consumer reports, as one comparable value.
    private static func figures(_ consumer: ConsumerResult) -> (ConsumerStatistics, Int64) {
        (consumer.statistics, consumer.recordsBehindAtEnd)
    }

    @Test(arguments: [UInt64(1), 7, 42])
    func twinReadersEachReportWhatTheyWouldReportReadingSeparately(seed: UInt64) {
        // Readers: a twin pair (a, b), a shared poller between them, an enhanced reader differing only in its
        // processing time, and another differing only in an outage. Computed once or each on its own, every
        // reader's figures must agree; and the pair must each equal `a` run as the only reader.
        let consumers = [
            Self.enhanced("a", processingMicroseconds: 150),
            ConsumerConfiguration(name: "poller", type: .shared),
            Self.enhanced("b", processingMicroseconds: 150),
            Self.enhanced("slower", processingMicroseconds: 400),
            Self.enhanced("interrupted", processingMicroseconds: 150),
        ]
        let outage = TimelineEvent.consumerOutage(
            consumerIndex: 4, atNanoseconds: 8 * nanosecondsPerSecond, durationNanoseconds: 3 * nanosecondsPerSecond)
        let configuration = Self.configuration(consumers: consumers, events: [outage], seed: seed)
        let once = Self.run(configuration, twinsOnce: true)
        let separately = Self.run(configuration, twinsOnce: false)
        let alone = Self.run(Self.configuration(consumers: [consumers[0]], seed: seed), twinsOnce: false)
        #expect(once.eventsProcessed < separately.eventsProcessed, "b's pushes were not simulated")
        for index in consumers.indices {
            #expect(Self.figures(once.consumers[index]) == Self.figures(separately.consumers[index]), "\(index)")
        }
        #expect(Self.figures(once.consumers[2]) == Self.figures(alone.consumers[0]))
        #expect(Self.figures(once.consumers[0]) == Self.figures(alone.consumers[0]))
        #expect(once.consumers[0].statistics.recordsDelivered > 20_000, "a read most of 18 s × 1,500 records/s")
        #expect(Self.figures(once.consumers[3]) != Self.figures(once.consumers[0]), "a slower reader is no twin")
        #expect(Self.figures(once.consumers[4]) != Self.figures(once.consumers[0]), "an outage makes no twin")
    }

    @Test func onlyEnhancedReadersWithEqualSettingsAndOutagesAreTwins() {
        // Names may differ; anything else that changes what a reader does may not. Shared pollers draw random poll
        // phases from their own streams and Lambda draws errors, so neither is ever a twin.
        var lambda = ConsumerConfiguration(name: "function", type: .lambda)
        lambda.lambda = LambdaConfiguration()
        lambda.lambda?.enhancedFanOut = true
        let consumers = [
            Self.enhanced("a", processingMicroseconds: 10),
            Self.enhanced("b", processingMicroseconds: 10),
            Self.enhanced("c", processingMicroseconds: 20),
            ConsumerConfiguration(name: "s1", type: .shared),
            ConsumerConfiguration(name: "s2", type: .shared),
            lambda, lambda,
            Self.enhanced("d", processingMicroseconds: 10),
            Self.enhanced("e", processingMicroseconds: 20),
        ]
        var outages: [[(start: Int64, end: Int64)]] = Array(repeating: [], count: consumers.count)
        outages[7] = [(start: 1, end: 2)]
        let configuration = Self.configuration(consumers: consumers, seed: 1)
        let leaders = ReadPath.twinLeaders(of: configuration, outages: outages)
        #expect(leaders == [nil, 0, nil, nil, nil, nil, nil, nil, 2])
    }
}
