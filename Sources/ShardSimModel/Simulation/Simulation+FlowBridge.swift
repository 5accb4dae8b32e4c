import ShardSimEngine

/// The names flow fidelity (`Simulation+Flow.swift`, `FlowWritePath`) reaches for, forwarded to the components that
/// own them now. Flow fidelity becomes a component of its own (issue 15's flow part); when it takes what it needs
/// as parameters (the write path's ledger and producers, the read path's logs, the context), this file goes.
extension Simulation {
    var configuration: SimulationConfiguration { context.configuration }
    var queue: EventQueue {
        _read { yield context.queue }
        _modify { yield &context.queue }
    }
    var layout: ShardLayout { context.layout }
    var ledger: ShardWriteLedger {
        _read { yield writePath.ledger }
        _modify { yield &writePath.ledger }
    }
    var producers: [ProducerRuntime] {
        _read { yield writePath.producers }
        _modify { yield &writePath.producers }
    }
    var logs: [ShardLog] {
        _read { yield readPath.logs }
        _modify { yield &readPath.logs }
    }
    var hasConsumers: Bool { readPath.hasConsumers }

    mutating func wakeEnhancedConsumers(shard: Int, acceptedAt time: Int64) {
        readPath.wakeEnhancedConsumers(shard: shard, acceptedAt: time, context: &context)
    }
}
