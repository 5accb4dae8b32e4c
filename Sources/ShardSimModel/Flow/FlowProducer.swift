import ShardSimEngine

/// One producer fleet as a fluid: its record recipe, its keys' shares per shard, its pending retries and
/// its running totals (expected values).
struct FlowProducer {
    let configuration: ProducerConfiguration
    /// The settings the per-window loops read, as plain values (reading them through `configuration` would copy it).
    let shape: FlowProducerShape
    /// Mean data-blob size after clamping, and the size draws the per-shard meters are averaged over.
    let meanDataBytes: Double
    /// Variance of the data-blob size over the same draws (0 for a fixed size): a window's offered bytes vary by
    /// the sizes as well as the count (`FlowWritePath.offeredSpread`).
    let dataBytesVariance: Double
    private let sizeSample: [Int32]
    private let billsPartitionKey: Bool
    /// Firehose bills each record's data rounded up to this many bytes (`ModelAssumptions`).
    private let firehoseBillingIncrementBytes: Double
    let aggregationOverheadBytesPerUserRecord: Double
    /// How long a record waits in the collection buffer at most (0 for PutRecord).
    let maxBufferedNanoseconds: Int64
    /// `retryKernels[a - 1][m]`: share of the records throttled at attempt `a` that come back `m` subticks later.
    let retryKernels: [[Double]]
    /// Expected backoff after attempt `a` (index a − 1), for put latency.
    let meanBackoffNanoseconds: [Double]
    let ringLength: Int
    /// Per shard index (closed shards 0): share of the producer's records, and the recipe of its records there.
    var shareByShard: [Double] = []
    var meanKeyBytesByShard: [Double] = []
    var putUnitsPerRecordByShard: [Double] = []
    var billedBytesPerRecordByShard: [Double] = []
    var firehoseBilledBytesPerRecordByShard: [Double] = []
    /// Per shard: retry mass waiting, `[(attempt − 2) × ringLength + slot]` in user records; empty until used.
    var retryRings: [[Double]] = []
    var retryPendingByShard: [Double] = []
    var totals = FlowProducerTotals()
    /// `totals.recordsSucceeded` when the last window's duplicates were counted (`FlowWritePath.countDuplicates`).
    var recordsSucceededCountedForDuplicates = 0.0
    /// Fractions of whole records not yet recorded in the latency histogram, per (attempt, point).
    var latencyCarry: [Double]
    /// This window's accepted user records per attempt, and their buffering waits summed (for the mean wait).
    var windowAcceptedByAttempt: [Double]
    var windowBufferWaitByAttempt: [Double]

    init(
        configuration: ProducerConfiguration, runtime: ProducerRuntime, seed: UInt64, index: Int,
        stream: StreamConfiguration, assumptions: ModelAssumptions, subtickNanoseconds: Int64, ringLength: Int
    ) {
        self.configuration = configuration
        shape = FlowProducerShape(configuration)
        self.ringLength = ringLength
        billsPartitionKey = assumptions.onDemandBillingIncludesPartitionKey
        firehoseBillingIncrementBytes = Double(assumptions.firehoseBillingIncrementBytes)
        aggregationOverheadBytesPerUserRecord = Double(assumptions.aggregationOverheadBytesPerUserRecord)
        // Its own random stream, so flow's size draws never shift event mode's.
        var random = RandomStreams.generator(seed: seed, stream: RandomStreams.flowProducer(index))
        var sample: [Int32] = []
        if case .fixed(let bytes) = configuration.recordSize {
            sample = [Int32(min(bytes, Int(stream.maxRecordSizeBytes)))]
        } else {
            sample.reserveCapacity(FlowModel.sizeSampleCount)
            for _ in 0..<FlowModel.sizeSampleCount { sample.append(runtime.generator.nextSizeBytes(&random)) }
        }
        sizeSample = sample
        let mean = sample.reduce(0.0) { $0 + Double($1) } / Double(sample.count)
        meanDataBytes = mean
        dataBytesVariance = sample.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(sample.count)
        maxBufferedNanoseconds = configuration.api == .putRecord ? 0 : configuration.batching.maxBufferedNanoseconds
        var kernels: [[Double]] = []
        var backoffs: [Double] = []
        let latency = assumptions.putRequestLatencyNanoseconds
        for attempt in 1..<max(2, configuration.retry.maxAttempts) {
            let ceiling = FlowProducer.backoffCeiling(afterAttempt: attempt, retry: configuration.retry)
            kernels.append(
                FlowProducer.retryKernel(
                    ceiling: ceiling, jitter: configuration.retry.jitter,
                    latencyNanoseconds: latency, subtickNanoseconds: subtickNanoseconds,
                    ringLength: ringLength))
            // The mean backoff: each jitter's distribution is uniform, so its mean is its median.
            backoffs.append(configuration.retry.jitter.backoffNanoseconds(ceiling: Double(ceiling), quantile: 0.5))
        }
        retryKernels = kernels
        meanBackoffNanoseconds = backoffs
        latencyCarry = Array(repeating: 0, count: max(1, configuration.retry.maxAttempts) * FlowModel.latencyPointCount)
        windowAcceptedByAttempt = Array(repeating: 0, count: max(1, configuration.retry.maxAttempts))
        windowBufferWaitByAttempt = windowAcceptedByAttempt
    }

    /// The unjittered backoff after `attempt` (`RetryConfiguration.backoffCeilingNanoseconds`, as event mode
    /// draws it), placed at most `FlowModel.longestRetryDelayNanoseconds` ahead.
    static func backoffCeiling(afterAttempt attempt: Int, retry: RetryConfiguration) -> Int64 {
        min(retry.backoffCeilingNanoseconds(afterAttempt: attempt), FlowModel.longestRetryDelayNanoseconds)
    }

    /// Where records throttled in one subtick come back: the throttle's position in the subtick (uniform) plus
    /// the jittered backoff plus the request latency, in whole subticks, by a fixed quadrature (no randomness).
    static func retryKernel(
        ceiling: Int64, jitter: JitterMode, latencyNanoseconds: Int64, subtickNanoseconds: Int64,
        ringLength: Int
    ) -> [Double] {
        var kernel = Array(repeating: 0.0, count: ringLength)
        let positions = 16
        let quantiles = jitter == .none ? 1 : 64
        let weight = 1 / Double(positions * quantiles)
        for position in 0..<positions {
            let throttledAt = (Double(position) + 0.5) / Double(positions) * Double(subtickNanoseconds)
            for quantile in 0..<quantiles {
                let fraction = (Double(quantile) + 0.5) / Double(quantiles)
                let backoff = jitter.backoffNanoseconds(ceiling: Double(ceiling), quantile: fraction)
                let offset = Int((throttledAt + backoff + Double(latencyNanoseconds)) / Double(subtickNanoseconds))
                kernel[min(offset, ringLength - 1)] += weight
            }
        }
        return kernel
    }

    /// Recomputes the shares and per-shard meters for the keys' current routes over `shardCount` shards.
    mutating func route(keys: KeySpace, shardCount: Int) {
        shareByShard = Array(repeating: 0, count: shardCount)
        var keyBytes = Array(repeating: 0.0, count: shardCount)
        for key in 0..<keys.count {
            let share = keys.sampler.probability(ofKey: key)
            let shard = Int(keys.shardIndexByKey[key])
            shareByShard[shard] += share
            keyBytes[shard] += share * Double(keys.keyBytesByKey[key])
        }
        meanKeyBytesByShard = zip(keyBytes, shareByShard).map { $1 > 0 ? $0 / $1 : 0 }
        putUnitsPerRecordByShard = Array(repeating: 0, count: shardCount)
        billedBytesPerRecordByShard = Array(repeating: 0, count: shardCount)
        firehoseBilledBytesPerRecordByShard = Array(repeating: 0, count: shardCount)
        for shard in 0..<shardCount where shareByShard[shard] > 0 {
            let key = meanKeyBytesByShard[shard]
            var units = 0.0
            var billed = 0.0
            var firehoseBilled = 0.0
            for size in sizeSample {
                firehoseBilled += firehoseBilledBytes(dataBytes: Double(size))
                units += CostModel.putPayloadUnits(forMeanRecordBytes: Double(size) + key)
                billed += CostModel.onDemandBilledBytes(
                    forMeanRecordBytes: Double(size) + (billsPartitionKey ? key : 0))
            }
            putUnitsPerRecordByShard[shard] = units / Double(sizeSample.count)
            billedBytesPerRecordByShard[shard] = billed / Double(sizeSample.count)
            firehoseBilledBytesPerRecordByShard[shard] = firehoseBilled / Double(sizeSample.count)
        }
        while retryRings.count < shardCount { retryRings.append([]) }
        while retryPendingByShard.count < shardCount { retryPendingByShard.append(0) }
    }

    /// Kinesis records per user record and the Kinesis records' meters on `shard`, at `userRecordsPerSecond`
    /// routed there: KPL aggregation packs what arrives for one shard within about 1.5 × RecordMaxBufferedTime
    /// (an aggregate is carried into the next batch until its first record has waited that long) up to
    /// AggregationMaxSize.
    func recipe(shard: Int, userRecordsPerSecond: Double) -> FlowRecipe {
        let key = meanKeyBytesByShard[shard]
        guard shape.aggregates else {
            return FlowRecipe(
                kinesisPerUserRecord: 1, bytesPerKinesisRecord: meanDataBytes + key,
                putUnitsPerKinesisRecord: putUnitsPerRecordByShard[shard],
                billedBytesPerKinesisRecord: billedBytesPerRecordByShard[shard],
                firehoseBilledBytesPerKinesisRecord: firehoseBilledBytesPerRecordByShard[shard])
        }
        let perUserRecord = meanDataBytes + key + aggregationOverheadBytesPerUserRecord
        let room = shape.aggregationRoomBytes
        let fullAggregate = max(1, (room / perUserRecord).rounded(.down))
        let gathered = userRecordsPerSecond * 1.5 * shape.maxBufferedSeconds
        let perAggregate = min(fullAggregate, max(1, gathered))
        if perAggregate < 1.5 {
            return FlowRecipe(
                kinesisPerUserRecord: 1, bytesPerKinesisRecord: meanDataBytes + key,
                putUnitsPerKinesisRecord: putUnitsPerRecordByShard[shard],
                billedBytesPerKinesisRecord: billedBytesPerRecordByShard[shard],
                firehoseBilledBytesPerKinesisRecord: firehoseBilledBytesPerRecordByShard[shard])
        }
        let bytes = Double(KinesisProducerLibraryDefaults.aggregationFramingBytes) + perAggregate * perUserRecord + 1
        return FlowRecipe(
            kinesisPerUserRecord: 1 / perAggregate, bytesPerKinesisRecord: bytes,
            putUnitsPerKinesisRecord: CostModel.putPayloadUnits(forMeanRecordBytes: bytes),
            billedBytesPerKinesisRecord: CostModel.onDemandBilledBytes(
                forMeanRecordBytes: billsPartitionKey ? bytes : bytes - 1),
            firehoseBilledBytesPerKinesisRecord: firehoseBilledBytes(dataBytes: bytes - 1))
    }

    /// Firehose's billed size of one record of `dataBytes` (an aggregate's key "a" is not data): rounded up to
    /// the increment, at least one increment, as the event ledger meters it.
    private func firehoseBilledBytes(dataBytes: Double) -> Double {
        guard firehoseBillingIncrementBytes > 0 else { return 0 }
        return (max(dataBytes, 1) / firehoseBillingIncrementBytes).rounded(.up) * firehoseBillingIncrementBytes
    }
}

/// A producer's settings that flow's loops read per shard and window.
struct FlowProducerShape {
    let isPoisson: Bool
    let usesPutRecords: Bool
    /// KPL aggregation on (PutRecords only).
    let aggregates: Bool
    let maxBufferedSeconds: Double
    let maxRecordsPerRequest: Double
    /// A collection batch's byte limit (KPL CollectionMaxSize): it closes before a record would pass it.
    let maxBytesPerBatch: Double
    let maxAttempts: Int
    /// Bytes an aggregate holds for user records (AggregationMaxSize less the framing).
    let aggregationRoomBytes: Double

    init(_ configuration: ProducerConfiguration) {
        isPoisson = configuration.arrival == .poisson
        usesPutRecords = configuration.api == .putRecords
        aggregates = configuration.aggregation.isEnabled && usesPutRecords
        maxBufferedSeconds = nanosecondsToSeconds(configuration.batching.maxBufferedNanoseconds)
        maxRecordsPerRequest = Double(configuration.batching.maxRecords)
        maxBytesPerBatch = Double(configuration.batching.maxBytes)
        maxAttempts = configuration.retry.maxAttempts
        aggregationRoomBytes = Double(
            configuration.aggregation.maxBytes - KinesisProducerLibraryDefaults.aggregationFramingBytes)
    }
}

/// How a producer's user records become Kinesis records on one shard, and what each Kinesis record meters.
struct FlowRecipe {
    var kinesisPerUserRecord: Double
    var bytesPerKinesisRecord: Double
    var putUnitsPerKinesisRecord: Double
    var billedBytesPerKinesisRecord: Double
    /// Firehose's ingestion meter per Kinesis record (data rounded up to 5 KB).
    var firehoseBilledBytesPerKinesisRecord: Double
}

extension FlowProducer {
    /// Flow fidelity's lost responses, as a rate (docs/model.md §20): a request stored but unanswered is resent,
    /// and the resend can lose its response too, up to `retry.maxAttempts` attempts in all, so each record is
    /// stored 1 + s + s² + … + s^(maxAttempts − 1) times on average (s = `lostResponseShare`; the event model's
    /// expectation when nothing is throttled). The producer offers its records at that multiple of its rate, and
    /// `FlowWritePath.finish` splits the copies out of its totals again. Exactly 1 without lost responses.
    var massPerRecord: Double {
        let share = configuration.lostResponseShare
        guard share > 0 else { return 1 }
        var total = 1.0
        var term = 1.0
        for _ in 1..<max(1, configuration.retry.maxAttempts) {
            term *= share
            total += term
        }
        return total
    }
}

/// A fluid producer's running totals, in (fractional) records.
struct FlowProducerTotals {
    var recordsAttempted = 0.0
    var recordsSucceeded = 0.0
    var recordsFailed = 0.0
    var userRecordAttempts = 0.0
    var userRecordAttemptsThrottled = 0.0
    var kinesisRecordAttempts = 0.0
    var kinesisRecordAttemptsThrottled = 0.0
    var requestsSent = 0.0
    var requestsWithFailedRecords = 0.0
}
