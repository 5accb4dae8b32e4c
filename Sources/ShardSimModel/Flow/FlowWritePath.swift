import ShardSimEngine

/// Flow fidelity's write path: producers as fluids. A component: it owns its state and is driven through
/// `runWindow(startingAt:layout:producers:ledger:)` and `finish(producers:ledger:)`, never through `Simulation`.
///
/// Each accounting window (1 s by default) is computed once, at its start. Every producer offers the records
/// its rate profile gives over the window, split over the open shards by the expected share of its keys on
/// each; a shard accepts up to its window's records and bytes, first come first served within the window at
/// `subtickNanoseconds` resolution, and the rest is throttled. Throttled mass comes back after the producer's
/// backoff (a kernel over subticks, the jitter's distribution convolved with the position in the subtick)
/// until `maxAttempts`, then fails. Accepted mass is handed out as runs of whole records (`acceptedRuns`), which
/// the caller appends to the shard logs, so every reader, Lambda mapping and Firehose stream runs on it exactly
/// as in event mode.
///
/// A shard with no retries due and offered load within its limits takes the whole window in one step, which
/// is what keeps a month of traffic to seconds of work: cost is windows × shards × producers, not records.
struct FlowWritePath {
    let windowNanoseconds: Int64
    let subtickNanoseconds: Int64
    let subticksPerWindow: Int
    /// Subticks a retry can land ahead of its throttle, plus one: the retry rings' length.
    let ringLength: Int
    /// A shard's write limits per accounting window (the ledger's).
    let recordsPerWindow: Double
    let bytesPerWindow: Double
    /// The run's end: no window starts at or after it.
    let horizonNanoseconds: Int64
    /// `ModelAssumptions.putRequestLatencyNanoseconds`: every attempt's request latency, for put latency.
    let putRequestLatencyNanoseconds: Int64
    /// Whether accepted mass becomes log runs (only when something reads the shard logs).
    let writesLogs: Bool
    /// Whether every producer collects records for at least a subtick before sending (see `logRun`).
    let arrivesInLumps: Bool
    /// Whether every producer's arrivals are Poisson (lump sizes then vary as Poisson counts do).
    let isPoisson: Bool
    var producers: [FlowProducer]
    /// Per shard: what has gone to its log so far (whole records) against the fluid total.
    var logCarries: [FlowLogCarry] = []
    /// `layout.shards.count` when the shares were last computed; a layout change always adds shards.
    var sharesComputedForShardCount = 0
    /// Where in its subtick each lump lands, and the window's offered-count variate (its own stream: event
    /// mode's draws are untouched).
    var lumpRandom: Xoshiro256StarStar
    /// Per-window working arrays, kept to reuse their storage.
    var scratch: FlowWindowScratch
    /// The latest window's accepted runs, in the order they were accepted: the caller appends each to its shard's
    /// log (`ShardLog.appendSpread`). Empty when `writesLogs` is false.
    private(set) var acceptedRuns: [FlowAcceptedRun] = []
    /// The latest window's largest accepted records and bytes on any one shard (checked against the limits).
    private(set) var latestWindowPeak = FlowWindowOutcome()

    /// Prepares flow fidelity for `configuration`'s producers (`runtimes`, in the same order: their size
    /// generators are sampled) against shards allowing `recordsPerWindow` and `bytesPerWindow` per window.
    init(
        configuration: SimulationConfiguration, windowNanoseconds: Int64, recordsPerWindow: Int64,
        bytesPerWindow: Int64, producers runtimes: [ProducerRuntime], writesLogs: Bool
    ) {
        precondition(runtimes.count == configuration.producers.count, "one runtime per configured producer")
        self.windowNanoseconds = windowNanoseconds
        let ticks = max(1, Int((Double(windowNanoseconds) / Double(FlowModel.subtickNanoseconds)).rounded()))
        if windowNanoseconds % Int64(ticks) == 0 {
            subticksPerWindow = ticks
            subtickNanoseconds = windowNanoseconds / Int64(ticks)
        } else {
            subticksPerWindow = 1
            subtickNanoseconds = windowNanoseconds
        }
        self.recordsPerWindow = Double(recordsPerWindow)
        self.bytesPerWindow = Double(bytesPerWindow)
        horizonNanoseconds = configuration.durationNanoseconds
        putRequestLatencyNanoseconds = configuration.assumptions.putRequestLatencyNanoseconds
        self.writesLogs = writesLogs
        var longestDelay: Int64 = 0
        for producer in configuration.producers {
            longestDelay = max(longestDelay, producer.retry.maxBackoffNanoseconds)
        }
        let delaySubticks =
            (min(longestDelay, FlowModel.longestRetryDelayNanoseconds) + putRequestLatencyNanoseconds)
            / subtickNanoseconds + 2
        ringLength = Int(delaySubticks) + 1
        var producers: [FlowProducer] = []
        for (index, runtime) in runtimes.enumerated() {
            producers.append(
                FlowProducer(
                    configuration: configuration.producers[index], runtime: runtime,
                    seed: configuration.seed, index: index,
                    stream: configuration.stream, assumptions: configuration.assumptions,
                    subtickNanoseconds: subtickNanoseconds, ringLength: ringLength))
        }
        self.producers = producers
        lumpRandom = RandomStreams.generator(seed: configuration.seed, stream: RandomStreams.flowLumps)
        isPoisson = configuration.producers.allSatisfy { $0.arrival == .poisson }
        let subtick = subtickNanoseconds
        arrivesInLumps = configuration.producers.allSatisfy {
            $0.api == .putRecords && $0.batching.maxBufferedNanoseconds >= subtick
        }
        scratch = FlowWindowScratch(producerCount: producers.count, subticksPerWindow: subticksPerWindow)
    }

    /// The same, with the limits of `ledger`'s accounting windows.
    init(
        configuration: SimulationConfiguration, ledger: ShardWriteLedger, producers: [ProducerRuntime], writesLogs: Bool
    ) {
        self.init(
            configuration: configuration, windowNanoseconds: ledger.windowNanoseconds,
            recordsPerWindow: ledger.recordsPerWindow, bytesPerWindow: ledger.bytesPerWindow,
            producers: producers, writesLogs: writesLogs)
    }

    /// User records of producer `index` waiting for a retry now (summed over the shards' retry rings' meter).
    func pendingRetryUserRecords(producer index: Int) -> Double {
        producers[index].retryPendingByShard.reduce(0, +)
    }

    /// Notes a shard's window for the limit check (`invariantViolations`).
    mutating func notePeak(_ outcome: FlowWindowOutcome) {
        latestWindowPeak.acceptedRecords = max(latestWindowPeak.acceptedRecords, outcome.acceptedRecords)
        latestWindowPeak.acceptedBytes = max(latestWindowPeak.acceptedBytes, outcome.acceptedBytes)
    }

    mutating func beginWindowOutputs() {
        acceptedRuns.removeAll(keepingCapacity: true)
        latestWindowPeak = FlowWindowOutcome()
    }

    mutating func appendRun(_ run: FlowAcceptedRun) { acceptedRuns.append(run) }
}

/// Whole records accepted by one shard over [first, last] that go to its log as one run.
struct FlowAcceptedRun: Equatable {
    var shard: Int
    var firstAcceptedAt: Int64
    var lastAcceptedAt: Int64
    var kinesisRecords: Int64
    var userRecords: Int64
    var bytes: Int64
}

/// The working arrays of one window: kept in the component so each window reuses their storage.
struct FlowWindowScratch {
    /// Each producer's first-attempt user records per subtick of the window (`[producer × subticks + subtick]`).
    var firstMassBySubtick: [Double]
    /// Each producer's first-attempt user records over the whole window, on all shards.
    var producerMass: [Double]
    /// Each producer's collection batches this window (`FlowBatchCycle.of`), for the offered-count spread.
    var batchCycles: [FlowBatchCycle]
    /// Each batching producer's send phase (fraction of a cycle) at the window's start, and the sends its window
    /// holds beyond the mean (`advanceBatchPhase`). Kept across windows.
    var batchPhase: [Double]
    var batchExcess: [Double]
    /// Each producer's recipe on the shard being computed.
    var recipes: [FlowRecipe] = []
    /// Each producer's Kinesis record attempts and throttles in the window, over all shards.
    var kinesisAttempts: [Double]
    var kinesisThrottled: [Double]

    init(producerCount: Int, subticksPerWindow: Int) {
        firstMassBySubtick = Array(repeating: 0, count: producerCount * subticksPerWindow)
        producerMass = Array(repeating: 0, count: producerCount)
        batchCycles = Array(repeating: FlowBatchCycle(), count: producerCount)
        // Buffers start at an arbitrary point of their cycle: half way, as the mean of a uniform phase.
        batchPhase = Array(repeating: 0.5, count: producerCount)
        batchExcess = Array(repeating: 0, count: producerCount)
        kinesisAttempts = producerMass
        kinesisThrottled = producerMass
    }
}

/// One window's times: [start, end), its subticks, and the first subtick's number since time 0.
struct FlowWindowSpan {
    let start: Int64
    let end: Int64
    let subticks: Int
    let firstSubtick: Int64
    let seconds: Double
}

/// Flow fidelity's fixed choices (docs/model.md, "Flow fidelity").
enum FlowModel {
    /// Resolution within an accounting window: first come, first served is resolved to this, and throttled
    /// records' retries are placed to this.
    static let subtickNanoseconds: Int64 = 100_000_000
    /// Retry delays beyond this are placed at it (the retry ring's length is bounded by it).
    static let longestRetryDelayNanoseconds: Int64 = 600 * nanosecondsPerSecond
    /// Size draws per producer for mean bytes, PUT payload units and billed bytes per record.
    static let sizeSampleCount = 4_096
    /// Points of the buffering wait each window's accepted records are spread over in the put-latency histogram.
    static let latencyPointCount = 16
    /// Retry mass below this is treated as none (so a shard returns to the one-step path once retries drain).
    static let negligibleMass = 1e-9
    /// Share of a mean Kinesis record a full window leaves unused when record sizes vary (`bytesAllowance`): an
    /// assumption, measured against event fidelity on the generated family of docs/model.md §16 (KPL aggregates:
    /// ¼ brings flow within 0.01 of event fidelity where ½ was 0.02 high at 110 % of the bytes limit).
    static let unusedRecordShare = 0.25
}

/// What a shard's log has been given so far: the fluid totals and the whole records appended.
struct FlowLogCarry {
    var kinesisRecords = 0.0
    var userRecords = 0.0
    var bytes = 0.0
    var appendedKinesisRecords: Int64 = 0
    var appendedUserRecords: Int64 = 0
    var appendedBytes: Int64 = 0

    /// Adds accepted mass; returns the whole records and bytes now due to the log.
    /// `jitter` in [−1, 1) moves the cut by up to √(3 × Kinesis records added), the spread a Poisson count of
    /// that mean has, while the running total stays exact (the next lump makes up the difference).
    mutating func add(kinesisRecords kinesis: Double, userRecords user: Double, bytes added: Double, jitter: Double = 0)
        -> (kinesisRecords: Int64, userRecords: Int64, bytes: Int64)
    {
        kinesisRecords += kinesis
        userRecords += user
        bytes += added
        let shift = jitter * (3 * kinesis).squareRoot()
        let kinesisDue = Int64(max(0, kinesisRecords + shift).rounded(.down)) - appendedKinesisRecords
        guard kinesisDue > 0 else { return (0, 0, 0) }
        let fraction = kinesisRecords > 0 ? min(1, Double(appendedKinesisRecords + kinesisDue) / kinesisRecords) : 1
        let userDue = max(0, Int64((userRecords * fraction).rounded(.down)) - appendedUserRecords)
        let bytesDue = max(0, Int64((bytes * fraction).rounded(.down)) - appendedBytes)
        appendedKinesisRecords += kinesisDue
        appendedUserRecords += userDue
        appendedBytes += bytesDue
        return (kinesisDue, userDue, bytesDue)
    }
}
