import ShardSimEngine
import ShardSimModel

/// One metric a replicated run summarises. Its name in the reports is the report layer's (`ReplicationReport`).
public enum ReplicationMetric: Sendable, Equatable {
    /// `totals.writeThrottledFraction`: throttled Kinesis-record attempts / attempts.
    case writeThrottledFraction
    /// `totals.recordsFailed`: user records lost after their last attempt.
    case recordsFailed
    /// The stream's 99th-percentile put latency (every producer's records together), milliseconds.
    case putLatencyP99Milliseconds
    /// `cost.monthlyTotal`, USD.
    case monthlyCostUSD
    /// A consumer's largest iterator age, milliseconds (consumer index and name).
    case maxIteratorAgeMilliseconds(consumer: Int, name: String)
    /// A consumer's 99th-percentile end-to-end latency, milliseconds.
    case endToEndLatencyP99Milliseconds(consumer: Int, name: String)

    /// The metrics a run of `configuration` reports: the stream's four, then two per consumer in their order.
    public static func metrics(for configuration: SimulationConfiguration) -> [ReplicationMetric] {
        var metrics: [ReplicationMetric] = [
            .writeThrottledFraction, .recordsFailed, .putLatencyP99Milliseconds, .monthlyCostUSD,
        ]
        for (index, consumer) in configuration.consumers.enumerated() {
            metrics.append(.maxIteratorAgeMilliseconds(consumer: index, name: consumer.name))
            metrics.append(.endToEndLatencyP99Milliseconds(consumer: index, name: consumer.name))
        }
        return metrics
    }

    /// The metric's value in one replication, in the unit the JSON report prints it in.
    public func value(in result: SimulationResult) -> Double {
        switch self {
        case .writeThrottledFraction: return result.totals.writeThrottledFraction
        case .recordsFailed: return Double(result.totals.recordsFailed)
        case .putLatencyP99Milliseconds: return nanosecondsToMilliseconds(result.putLatency.percentile(99))
        case .monthlyCostUSD: return result.monthlyCost.monthlyTotalUSD
        case .maxIteratorAgeMilliseconds(let consumer, _):
            return nanosecondsToMilliseconds(result.consumers[consumer].statistics.maxIteratorAgeNanoseconds)
        case .endToEndLatencyP99Milliseconds(let consumer, _):
            return nanosecondsToMilliseconds(result.consumers[consumer].statistics.endToEndLatency.percentile(99))
        }
    }
}

/// A run replicated with independent seeds: replication 1's full result, every replication's seed, and each
/// metric's summary over the replications.
public struct ReplicatedRun: Sendable {
    /// Replication 1: the scenario's own seed, the run a single `run` reports.
    public var first: SimulationResult
    /// The seed of each replication, replication 1 first (`ReplicationSeeds`).
    public var seeds: [UInt64]
    /// Each metric with its summary, in `ReplicationMetric.metrics(for:)` order.
    public var metrics: [(metric: ReplicationMetric, summary: SampleSummary)]
    /// Each metric's value in every replication, in `metrics` order and replication order (the HTML spread chart).
    public var samples: [[Double]] = []

    /// Runs `count` (1 ... `ReplicationSeeds.maxReplications`) replications of `configuration` on `threads`
    /// threads. Each replication is a pure function of its seed and the results are gathered in replication
    /// order, so the output is the same for any thread count. Only replication 1's full result is kept; the others
    /// are reduced to their metrics as they finish.
    public static func run(
        _ configuration: SimulationConfiguration, count: Int, threads: Int = ParallelRuns.threadCount
    ) -> ReplicatedRun {
        precondition((1...ReplicationSeeds.maxReplications).contains(count), "replications out of range")
        let seeds = ReplicationSeeds.seeds(base: configuration.seed, count: count)
        let metrics = ReplicationMetric.metrics(for: configuration)
        let outcomes = ParallelRuns.indices(count, threads: threads) { index, usesSpareCore in
            var replication = configuration
            replication.seed = seeds[index]
            let result = Simulation.run(replication, usesSpareCore: usesSpareCore)
            return ReplicationOutcome(
                values: metrics.map { $0.value(in: result) }, result: index == 0 ? result : nil)
        }
        let summaries = metrics.indices.map { slot in
            (metrics[slot], SampleSummary(outcomes.map { $0.values[slot] }))
        }
        // Index 0 always keeps its result (above).
        return ReplicatedRun(
            first: outcomes[0].result!, seeds: seeds, metrics: summaries,
            samples: metrics.indices.map { slot in outcomes.map { $0.values[slot] } })
    }
}

/// What one replication hands back: its metrics, and its full result for replication 1 only.
private struct ReplicationOutcome: Sendable {
    var values: [Double]
    var result: SimulationResult?
}
