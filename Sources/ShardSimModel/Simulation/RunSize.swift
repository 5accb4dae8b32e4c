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
/// Estimates, meant to be within a small factor: event work counts user records (the write path's unit of
/// work) plus reader events weighted by their cost; flow work counts shard-windows per producer instead of
/// records. Memory counts what grows with the scenario: hashed keys and the shard logs retention keeps.
public struct RunSizeEstimate: Sendable, Equatable {
    public var userRecords: Double = 0
    /// GetRecords polls, enhanced fan-out pushes and Firehose polls over the run.
    public var readerEvents: Double = 0
    /// Open shards at the largest (on-demand streams: what twice the peak rate needs).
    public var shards: Double = 0
    public var eventWork: Double = 0
    public var flowWork: Double = 0
    public var memoryBytes: Double = 0

    /// A reader event (a read, its latency accounting, a reschedule) costs about this many records' work.
    static let readerEventWork = 4.0
    /// Bytes per hashed partition key (hash, length, route) and per shard-log run.
    static let bytesPerKey = 48.0
    static let bytesPerLogRun = 64.0

    public init(_ configuration: SimulationConfiguration) {
        let seconds = Double(configuration.durationNanoseconds) / 1e9
        var peakRecords = 0.0
        var peakBytes = 0.0
        var keys = 0.0
        for producer in configuration.producers {
            let mean = producer.rateProfile.meanRecordsPerSecond(baseRecordsPerSecond: producer.recordsPerSecond,
                                                                 durationNanoseconds: configuration.durationNanoseconds)
            userRecords += mean * seconds
            let peak = producer.rateProfile.peakRecordsPerSecond(baseRecordsPerSecond: producer.recordsPerSecond,
                                                                 durationNanoseconds: configuration.durationNanoseconds)
            peakRecords += peak
            peakBytes += peak * producer.recordSize.meanBytes
            switch producer.partitionKeys {
            case .uniform(let count, _), .zipf(let count, _, _): keys += Double(count)
            case .hotKeys(let hot, let others, _): keys += Double(hot.count + others)
            }
        }
        shards = Double(configuration.stream.shardCount)
        if configuration.stream.streamMode == .onDemand {
            let rules = configuration.assumptions.onDemand
            shards = Double(max(rules.initialShardCount(configuration.stream),
                                rules.shardsFor(bytesPerSecond: peakBytes, recordsPerSecond: peakRecords,
                                                limits: configuration.stream.limits)))
        }
        for event in configuration.events {
            if case .updateShardCount(_, let target) = event { shards = max(shards, Double(target)) }
            if case .splitShard = event { shards += 1 }
        }
        let recordsPerShardSecond = peakRecords / max(shards, 1)
        for consumer in configuration.consumers {
            let perShardSecond: Double
            switch consumer.type {
            case .shared: perShardSecond = 1e9 / Double(max(consumer.pollIntervalNanoseconds, 1))
            case .firehose: perShardSecond = 1
            case .lambda: perShardSecond = 5
            case .enhanced:
                perShardSecond = min(recordsPerShardSecond,
                                     1e9 / Double(max(configuration.assumptions.enhancedFanOutPushIntervalNanoseconds, 1)))
            }
            readerEvents += perShardSecond * shards * seconds
        }
        let windows = seconds * 1e9 / Double(max(configuration.assumptions.writeAccountingWindowNanoseconds, 1))
        eventWork = userRecords + readerEvents * Self.readerEventWork
        flowWork = windows * shards * Double(max(configuration.producers.count, 1)) + readerEvents * Self.readerEventWork
        memoryBytes = keys * Self.bytesPerKey
        // Shard logs fill only when something reads them.
        if !configuration.consumers.isEmpty {
            let retainedSeconds = min(seconds, Double(configuration.stream.retentionPeriodHours) * 3_600)
            let runsPerSecond = 1e9 / Double(max(configuration.assumptions.logCoalescingNanoseconds, 1))
            memoryBytes += shards * retainedSeconds * runsPerSecond * Self.bytesPerLogRun
        }
    }

    /// The work the run would do in `fidelity`.
    public func work(in fidelity: SimulationFidelity) -> Double {
        fidelity == .event ? eventWork : flowWork
    }
}

/// Limits one run keeps to unless the user passes `--allow-large`, and where `auto` switches to flow.
public enum RunBudget {
    /// About three minutes of event-fidelity work on one core (the write path runs ~12 M records/s).
    public static let maxWork: Double = 2_000_000_000
    /// Memory one run may plan to hold.
    public static let maxMemoryBytes: Double = 4 * 1_073_741_824
    /// `auto` picks flow above this much event work: about ten seconds.
    public static let autoFlowEventWork: Double = 100_000_000

    /// The fidelity `choice` comes to for this scenario.
    public static func resolve(_ choice: FidelityChoice, for estimate: RunSizeEstimate) -> SimulationFidelity {
        switch choice {
        case .event: return .event
        case .flow: return .flow
        case .auto: return estimate.eventWork > autoFlowEventWork ? .flow : .event
        }
    }

    /// Why the run is over budget in `fidelity`, with the estimate and what to do; nil when within it.
    public static func refusal(_ estimate: RunSizeEstimate, fidelity: SimulationFidelity) -> String? {
        let work = estimate.work(in: fidelity)
        if work > maxWork {
            var message = "this run is too large for \(fidelity.rawValue) fidelity: about \(wholeNumber(estimate.userRecords)) "
                + "user records and \(wholeNumber(estimate.readerEvents)) reader events, \(wholeNumber(work)) units of work "
                + "(budget \(wholeNumber(maxWork)), about three minutes). "
            if fidelity == .event && estimate.flowWork <= maxWork {
                return message + "Use --fidelity flow (aggregate rates per shard, \(wholeNumber(estimate.flowWork)) units), "
                    + "shorten the duration, or pass --allow-large to run it anyway"
            }
            return message + "Shorten the duration, use fewer readers, or pass --allow-large to run it anyway"
        }
        if estimate.memoryBytes > maxMemoryBytes {
            return "this run would hold about \(wholeNumber(estimate.memoryBytes / 1_048_576)) MiB (budget "
                + "\(wholeNumber(maxMemoryBytes / 1_048_576)) MiB) in partition keys and the shard logs retention keeps; "
                + "use fewer partition keys, a shorter duration or retention period, or pass --allow-large to run it anyway"
        }
        return nil
    }

    /// 1234567 → "1,234,567".
    static func wholeNumber(_ value: Double) -> String {
        guard value.isFinite, value < 9e18 else { return "more than 9e18" }
        let digits = String(Int64(value.rounded()))
        var grouped = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return String(grouped.reversed())
    }
}
