import ShardSimEngine

/// Flow fidelity's write path: producers as fluids.
///
/// Each accounting window (1 s by default) is computed once, at its start. Every producer offers the records
/// its rate profile gives over the window, split over the open shards by the expected share of its keys on
/// each; a shard accepts up to its window's records and bytes, first come first served within the window at
/// `subtickNanoseconds` resolution, and the rest is throttled. Throttled mass comes back after the producer's
/// backoff (a kernel over subticks, the jitter's distribution convolved with the position in the subtick)
/// until `maxAttempts`, then fails. Accepted mass goes to the shard logs as evenly spread runs, so every
/// reader, Lambda mapping and Firehose stream runs on it exactly as in event mode.
///
/// A shard with no retries due and offered load within its limits takes the whole window in one step, which
/// is what keeps a month of traffic to seconds of work: cost is windows × shards × producers, not records.
struct FlowWritePath {
    let windowNanoseconds: Int64
    let subtickNanoseconds: Int64
    let subticksPerWindow: Int
    /// Subticks a retry can land ahead of its throttle, plus one: the retry rings' length.
    let ringLength: Int
    let recordsPerWindow: Double
    let bytesPerWindow: Double
    var producers: [FlowProducer]
    /// Per shard: what has gone to its log so far (whole records) against the fluid total.
    var logCarries: [FlowLogCarry] = []
    /// `layout.shards.count` when the shares were last computed; a layout change always adds shards.
    var sharesComputedForShardCount = 0
    /// Scratch: each producer's first-attempt user records per subtick of the current window.
    var firstMassBySubtick: [Double] = []
    /// Scratch: each producer's recipe on the shard being computed.
    var recipeScratch: [FlowRecipe] = []
    /// Whether every producer collects records for at least a subtick before sending (see `appendFlowRun`).
    let arrivesInLumps: Bool
    /// Whether every producer's arrivals are Poisson (lump sizes then vary as Poisson counts do).
    let isPoisson: Bool
    /// Where in its subtick each lump lands (its own stream: event mode's draws are untouched).
    var lumpRandom: Xoshiro256StarStar

    init(simulation: Simulation) {
        let configuration = simulation.configuration
        windowNanoseconds = simulation.ledger.windowNanoseconds
        let ticks = max(1, Int((Double(windowNanoseconds) / Double(FlowModel.subtickNanoseconds)).rounded()))
        if windowNanoseconds % Int64(ticks) == 0 {
            subticksPerWindow = ticks
            subtickNanoseconds = windowNanoseconds / Int64(ticks)
        } else {
            subticksPerWindow = 1
            subtickNanoseconds = windowNanoseconds
        }
        recordsPerWindow = Double(simulation.ledger.recordsPerWindow)
        bytesPerWindow = Double(simulation.ledger.bytesPerWindow)
        let putLatencyNanoseconds = configuration.assumptions.putRequestLatencyNanoseconds
        var longestDelay: Int64 = 0
        for producer in configuration.producers {
            longestDelay = max(longestDelay, producer.retry.maxBackoffNanoseconds)
        }
        let delaySubticks = (min(longestDelay, FlowModel.longestRetryDelayNanoseconds) + putLatencyNanoseconds)
            / subtickNanoseconds + 2
        ringLength = Int(delaySubticks) + 1
        producers = []
        for (index, runtime) in simulation.producers.enumerated() {
            producers.append(FlowProducer(configuration: configuration.producers[index], runtime: runtime,
                                          seed: configuration.seed, index: index,
                                          stream: configuration.stream, assumptions: configuration.assumptions,
                                          subtickNanoseconds: subtickNanoseconds, ringLength: ringLength))
        }
        lumpRandom = RandomStreams.generator(seed: configuration.seed, stream: RandomStreams.flowLumps)
        isPoisson = configuration.producers.allSatisfy { $0.arrival == .poisson }
        let subtick = subtickNanoseconds
        arrivesInLumps = configuration.producers.allSatisfy {
            $0.api == .putRecords && $0.batching.maxBufferedNanoseconds >= subtick
        }
        firstMassBySubtick = Array(repeating: 0, count: producers.count * subticksPerWindow)
    }
}

extension FlowWritePath {
    /// Standard deviation of the Kinesis records a window offers `shard`. A Poisson producer's count varies as a
    /// Poisson count does (variance = mean); one that collects records also sends them in lumps, one request per
    /// buffered time, and a window holds a whole number of lumps: with about the same spacing each time, that
    /// adds at most a Bernoulli variance of ¼ lump². Evenly spaced arrivals do not vary.
    func offeredDeviation(producerMass: [Double], shard: Int, recipes: [FlowRecipe], windowSeconds: Double) -> Double {
        var variance = 0.0
        for producer in producers.indices where producers[producer].shape.isPoisson {
            let shape = producers[producer].shape
            let kinesis = producerMass[producer] * producers[producer].shareByShard[shard] * recipes[producer].kinesisPerUserRecord
            guard kinesis > 0 else { continue }
            variance += kinesis
            if shape.usesPutRecords {
                let producerKinesisPerSecond = producerMass[producer] * recipes[producer].kinesisPerUserRecord / windowSeconds
                let batchSeconds = min(shape.maxBufferedSeconds, shape.maxRecordsPerRequest / max(producerKinesisPerSecond, 1e-9))
                let lump = kinesis / windowSeconds * batchSeconds
                if batchSeconds < windowSeconds { variance += lump * lump / 4 }
            }
        }
        return variance.squareRoot()
    }
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
