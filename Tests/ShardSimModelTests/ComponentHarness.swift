import ShardSimEngine

@testable import ShardSimModel

/// What the component tests share: a scenario as a user would write it (in model units), the context a component
/// is handed, and a way to take the next event off the queue, so a test can run one component on its own, with a
/// loop of its own, without a whole simulation.
enum ComponentHarness {
    /// A provisioned stream of `shards` shards, run for `seconds`.
    static func configuration(shards: Int, seconds: Int64 = 60) -> SimulationConfiguration {
        var configuration = SimulationConfiguration(
            name: "component", durationNanoseconds: seconds * nanosecondsPerSecond)
        configuration.stream.shardCount = shards
        return configuration
    }

    /// The context the loop would hand a component for `configuration`.
    static func context(_ configuration: SimulationConfiguration) -> SimulationContext {
        SimulationContext(configuration: configuration, layout: ShardLayout(stream: configuration.stream))
    }
}

extension SimulationContext {
    /// The next event before `horizon` (nanoseconds), and its kind; nil when there is none.
    mutating func nextEvent(before horizon: Int64) -> (event: ScheduledEvent, kind: EventKind)? {
        guard let time = queue.peekTime(), time < horizon, let event = queue.popNext(),
            let kind = EventKind(rawValue: event.kind)
        else { return nil }
        return (event, kind)
    }
}

/// A piece of a shard log as a read returns it: `records` single-record Kinesis records of `bytesEach` bytes,
/// accepted at `acceptedAt`, starting at user-record position `position`.
func readPiece(records: Int64, bytesEach: Int64, acceptedAt: Int64, position: Int64 = 0) -> ReadPiece {
    ReadPiece(
        firstAcceptedAt: acceptedAt, lastAcceptedAt: acceptedAt, kinesisRecords: records, userRecords: records,
        bytes: records * bytesEach, firstUserPosition: position)
}
