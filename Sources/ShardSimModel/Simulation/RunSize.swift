import ShardSimEngine

/// What a scenario asks for: one fidelity, or `auto` to let the run's size decide.
public enum FidelityChoice: String, Sendable, Equatable, CaseIterable {
    case event
    case flow
    /// Flow when event fidelity would take more than `RunBudget.autoFlowEventWork`, else event.
    case auto
}

/// How big a run is before it starts: the work each fidelity would do and the memory it would hold.
///
/// Estimates meant to be within a small factor, never far below: one unit of work is about what one user-record
/// attempt costs on the write path (~10 M units a wall second in a release build). Every kind of work and memory
/// that grows with the scenario has a term (docs/model.md section 14 lists them): record attempts, retries in
/// their worst case, records waiting for a retry, reader events, consumers and their per-shard state, shards,
/// partition keys and their re-routing at every layout change, and the shard logs retention keeps.
public struct RunSizeEstimate: Sendable, Equatable {
    public var userRecords: Double = 0
    /// Put attempts of user records: each record once, plus up to `maxAttempts − 1` retries for the share of
    /// records the stream cannot accept at peak (`overloadedShare`).
    public var recordAttempts: Double = 0
    /// The largest share of any producer's peak records beyond what its shards accept (the stream's write limits,
    /// or the one shard its hottest key lands on): these records retry until `maxAttempts`.
    public var overloadedShare: Double = 0
    /// User records held at once waiting for a retry (throttled records × the time their backoffs add up to).
    public var waitingRecords: Double = 0
    /// GetRecords polls, enhanced fan-out pushes and Firehose polls over the run.
    public var readerEvents: Double = 0
    /// Open shards at the largest (on-demand streams: what twice the peak rate needs).
    public var shards: Double = 0
    /// Every shard the run creates: the initial ones plus each resharding's children.
    public var shardsCreated: Double = 0
    /// Layout changes that re-route every key (resharding events, on-demand scale-ups at most one per new shard).
    public var layoutChanges: Double = 0
    public var partitionKeys: Double = 0
    /// Hot keys listed one by one in the scenario.
    public var listedKeys: Double = 0
    public var consumers: Double = 0
    /// Consumer × shard states (each consumer keeps one per shard it may read).
    public var consumerShardStates: Double = 0
    /// Work hashing keys and re-routing them at every layout change.
    public var keyWork: Double = 0
    /// Work setting up consumers, their per-shard states and shards.
    public var setupWork: Double = 0
    public var eventWork: Double = 0
    public var flowWork: Double = 0
    /// Memory both fidelities hold.
    public var memoryBytes: Double = 0
    /// Memory only event fidelity holds: records waiting for a retry (flow carries them as a rate).
    public var waitingRecordBytes: Double = 0

    public init() {}

    public init(_ configuration: SimulationConfiguration) {
        let seconds = nanosecondsToSeconds(configuration.durationNanoseconds)
        let load = PeakLoad(configuration)
        countShards(configuration, peakShards: load.shards, seconds: seconds)
        let seriesSeconds = min(seconds, Self.seriesSeconds)
        var memory =
            Self.baselineBytes + (Self.bytesPerShard + Self.bytesPerShardSeriesSecond * seriesSeconds) * shardsCreated
        for (index, producer) in configuration.producers.enumerated() {
            let producerLoad = load.producers[index]
            userRecords += producerLoad.meanRecordsPerSecond * seconds
            let keys = Double(producer.partitionKeys.keyCount)
            partitionKeys += keys
            memory += keys * (producer.partitionKeys.isZipf ? Self.bytesPerZipfKey : Self.bytesPerKey)
            // Listed hot keys are strings in the file: decoded, checked and kept.
            let hotKeys = Double(producer.partitionKeys.listedKeyCount)
            memory += hotKeys * Self.bytesPerListedKey
            listedKeys += hotKeys
            let overloaded = load.overloadedShare(of: index)
            overloadedShare = max(overloadedShare, overloaded)
            let retries = Self.retriesWithin(seconds, producer.retry, assumptions: configuration.assumptions)
            let attempts = 1 + overloaded * Double(retries)
            // A retry re-sends Kinesis records: with KPL aggregation, one per many user records.
            let retryShare = producerLoad.kinesisRecordsPerUserRecord
            recordAttempts +=
                producerLoad.meanRecordsPerSecond * seconds * (1 + (attempts - 1) * retryShare)
                * (producer.api == .putRecord ? Self.putRecordAttemptWork : 1)
            // Throttled records wait for their backoffs (worst case: no jitter) before each retry, at most the run.
            let waitingSeconds = min(
                seconds, Self.retryWaitSeconds(producer.retry, assumptions: configuration.assumptions))
            let waiting = overloaded * producerLoad.peakRecordsPerSecond * waitingSeconds
            waitingRecords += waiting
            waitingRecordBytes +=
                waiting * (producer.api == .putRecord ? Self.bytesPerWaitingPutRecord : Self.bytesPerWaitingRecord)
        }
        readerEvents = Self.readerEvents(
            configuration, shards: shards, recordsPerShardSecond: load.peakRecords / max(shards, 1),
            seconds: seconds)
        consumers = Double(configuration.consumers.count)
        consumerShardStates = consumers * shardsCreated
        memory += consumers * Self.bytesPerConsumer + consumerShardStates * Self.bytesPerConsumerShardState
        // Shard logs fill only when something reads them.
        if !configuration.consumers.isEmpty {
            let retainedSeconds = min(seconds, Double(configuration.stream.retentionPeriodHours) * 3_600)
            // A run holds at least one accepted record, and a shard accepts at most its records limit a second: with
            // no coalescing (a window of 0) the log keeps a run per record, not one per nanosecond.
            let runsPerSecond = min(
                Double(nanosecondsPerSecond) / Double(max(configuration.assumptions.logCoalescingNanoseconds, 1)),
                Double(configuration.stream.limits.writeRecordsPerSecond))
            memory += shards * retainedSeconds * runsPerSecond * Self.bytesPerLogRun
        }
        memoryBytes = memory
        // Work both fidelities share: keys hashed once and re-routed at every layout change, readers, consumers
        // and shards set up.
        keyWork = partitionKeys * (Self.keyWork + layoutChanges * Self.rerouteWork) + listedKeys * Self.listedKeyWork
        setupWork =
            consumers * Self.consumerWork + consumerShardStates * Self.consumerShardStateWork
            + shardsCreated * (Self.shardWork + Self.shardSeriesSecondWork * seriesSeconds)
        let common = keyWork + readerEvents * Self.readerEventWork + setupWork
        eventWork = recordAttempts + common
        let windows =
            secondsToNanoseconds(seconds) / Double(max(configuration.assumptions.writeAccountingWindowNanoseconds, 1))
        // A window with throttling is computed subtick by subtick, with the retry kernel.
        let flowWindowWork = 1 + (overloadedShare > 0 ? Self.flowThrottledWindowWork : 0)
        flowWork = windows * shards * Double(max(configuration.producers.count, 1)) * flowWindowWork + common
    }

    /// Open shards at the largest, every shard the run creates, and the layout changes that re-route keys.
    private mutating func countShards(_ configuration: SimulationConfiguration, peakShards: Double, seconds: Double) {
        shards = peakShards
        shardsCreated = Double(configuration.stream.initialLayout?.shards.count ?? configuration.stream.shardCount)
        var reshardings = 0.0
        // Open shards follow the events in time order (validated timelines apply them one at a time).
        var open = shardsCreated
        for event in configuration.events.filter(\.isResharding).sorted(by: { $0.atNanoseconds < $1.atNanoseconds }) {
            switch event {
            case .updateShardCount(_, let target): open = Double(target); shardsCreated += Double(target)
            case .splitShard: open += 1; shardsCreated += 2
            case .mergeShards: open -= 1; shardsCreated += 1
            case .consumerOutage, .workerFailure, .workerRecovery, .applicationRestart: continue
            }
            reshardings += 1
            shards = max(shards, open)
        }
        if configuration.stream.streamMode == .onDemand {
            // On-demand scales up by splitting shards, all the splits of one scale-up one layout change, at most one
            // scale-up per observation interval.
            let rules = configuration.assumptions.onDemand
            let initial = Double(rules.initialShardCount(configuration.stream))
            shardsCreated = initial + 2 * max(0, shards - initial)
            let observations =
                (seconds / nanosecondsToSeconds(max(rules.observationIntervalNanoseconds, 1))).rounded(.down) + 1
            reshardings += min(max(0, shards - initial), observations)
        }
        layoutChanges = reshardings
    }

    /// The work the run would do in `fidelity`.
    public func work(in fidelity: SimulationFidelity) -> Double {
        fidelity == .event ? eventWork : flowWork
    }

    /// The memory the run would hold in `fidelity`.
    public func memory(in fidelity: SimulationFidelity) -> Double {
        fidelity == .event ? memoryBytes + waitingRecordBytes : memoryBytes
    }

    /// Several runs, e.g. a sweep's points or a plan's candidates: work adds up; memory is what the
    /// `concurrentRuns` largest hold together.
    public static func total(_ estimates: [RunSizeEstimate], concurrentRuns: Int) -> RunSizeEstimate {
        var total = RunSizeEstimate()
        for estimate in estimates {
            total.userRecords += estimate.userRecords
            total.recordAttempts += estimate.recordAttempts
            total.readerEvents += estimate.readerEvents
            total.eventWork += estimate.eventWork
            total.keyWork += estimate.keyWork
            total.setupWork += estimate.setupWork
            total.flowWork += estimate.flowWork
            total.shards = max(total.shards, estimate.shards)
            total.overloadedShare = max(total.overloadedShare, estimate.overloadedShare)
        }
        let largest = estimates.sorted { $0.memory(in: .event) > $1.memory(in: .event) }.prefix(max(1, concurrentRuns))
        total.memoryBytes = largest.reduce(0) { $0 + $1.memoryBytes }
        total.waitingRecordBytes = largest.reduce(0) { $0 + $1.waitingRecordBytes }
        return total
    }

    /// Retries a throttled record can make within the run: up to `maxAttempts − 1`, as many as the mean backoffs
    /// (half the ceiling with full jitter, ¾ with equal, all of it with none) plus the request latency fit.
    static func retriesWithin(_ seconds: Double, _ retry: RetryConfiguration, assumptions: ModelAssumptions) -> Int {
        var elapsed = 0.0
        for retries in 0..<max(0, retry.maxAttempts - 1) {
            let ceiling = Double(retry.backoffCeilingNanoseconds(afterAttempt: retries + 1))
            // Each jitter's distribution is uniform, so its median is its mean.
            let meanBackoff = retry.jitter.backoffNanoseconds(ceiling: ceiling, quantile: 0.5)
            elapsed += nanosecondsToSeconds(meanBackoff + Double(assumptions.putRequestLatencyNanoseconds))
            if elapsed > seconds { return retries }
        }
        return max(0, retry.maxAttempts - 1)
    }

    /// Seconds a throttled record spends waiting over all its retries: each backoff at its ceiling
    /// (min(maxBackoff, initial × 2^(attempt−1)), no jitter: the worst case) plus the request latency.
    static func retryWaitSeconds(_ retry: RetryConfiguration, assumptions: ModelAssumptions) -> Double {
        var total = 0.0
        for attempt in 1..<max(1, retry.maxAttempts) {
            total +=
                Double(retry.backoffCeilingNanoseconds(afterAttempt: attempt))
                + Double(assumptions.putRequestLatencyNanoseconds)
        }
        return nanosecondsToSeconds(total)
    }

    static func readerEvents(
        _ configuration: SimulationConfiguration, shards: Double, recordsPerShardSecond: Double,
        seconds: Double
    ) -> Double {
        var events = 0.0
        for consumer in configuration.consumers {
            let perShardSecond: Double
            switch consumer.type {
            case .shared:
                perShardSecond = Double(nanosecondsPerSecond) / Double(max(consumer.pollIntervalNanoseconds, 1))
            case .kcl where consumer.pollsWithOwnSettings:
                // Polls, plus the lease coordinator's renewals and checkpoints (far fewer than polls).
                perShardSecond = Double(nanosecondsPerSecond) / Double(max(consumer.pollIntervalNanoseconds, 1)) + 1
            case .firehose: perShardSecond = 1
            case .lambda: perShardSecond = 5
            case .enhanced, .kcl:
                perShardSecond = min(
                    recordsPerShardSecond,
                    Double(nanosecondsPerSecond)
                        / Double(max(configuration.assumptions.enhancedFanOutPushIntervalNanoseconds, 1)))
            }
            events += perShardSecond * shards * seconds
        }
        return events
    }
}
