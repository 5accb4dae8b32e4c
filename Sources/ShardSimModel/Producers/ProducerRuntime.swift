import ShardSimEngine

/// Counters a producer keeps while the simulation runs.
public struct ProducerStatistics: Sendable, Equatable {
    /// User records created (first tries).
    public var recordsAttempted: Int64 = 0
    public var recordsSucceeded: Int64 = 0
    /// Given up after the last retry: data loss.
    public var recordsFailed: Int64 = 0
    /// User-record attempts, retries included, and how many of them were throttled.
    public var userRecordAttempts: Int64 = 0
    public var userRecordAttemptsThrottled: Int64 = 0
    /// Kinesis-record attempts (aggregates count once), and how many were throttled.
    public var kinesisRecordAttempts: Int64 = 0
    public var kinesisRecordAttemptsThrottled: Int64 = 0
    /// PutRecords / PutRecord requests sent, retries included.
    public var requestsSent: Int64 = 0
    /// Requests in which at least one record was throttled (`FailedRecordCount` > 0).
    public var requestsWithFailedRecords: Int64 = 0
    /// Buffering + request latency + retry waits, for every accepted user record, in nanoseconds.
    public var putLatency = LatencyHistogram()
    /// User records stored a second (or further) time because the producer resent a request whose response it
    /// never saw (`lostResponseShare`). Not in `recordsSucceeded`, which counts each user record once; the shards
    /// meter, bill and deliver these copies as well.
    public var recordsDuplicated: Int64 = 0
    /// `recordsDuplicated` per second, counted when the copy is stored (flow: per accounting window). Empty
    /// without lost responses: the CSV's `records_duplicated_per_s` rows then do not appear.
    public var recordsDuplicatedSeries = CounterSeries()
    /// Requests whose response was lost (each one resent, if an attempt remained).
    public var requestsWithLostResponse: Int64 = 0

    public init() {}
}

/// One producer fleet during a run: its arrivals, its collection buffer and its statistics.
///
/// Batches are assembled one ahead: arrivals do not depend on the stream, so the next batch's records and
/// send time are known as soon as the previous batch leaves. One event per batch, not per record. For the same
/// reason a long run may assemble them on another core (`ProducerPipeline`): the batches are the same either way.
struct ProducerRuntime {
    let configuration: ProducerConfiguration
    var keys: KeySpace
    var retryRandom: Xoshiro256StarStar
    /// Draws which requests lose their response; used only when `lostResponseShare` > 0.
    var lostResponseRandom: Xoshiro256StarStar
    var statistics = ProducerStatistics()
    /// Draws arrivals and closes batches, here or (with `pipeline`) on its own thread.
    private(set) var assembler: BatchAssembler
    private var pipeline: ProducerPipeline?
    /// KPL aggregates carried over from the last request, not yet full (see `KinesisRecordPacker`).
    var carried: [UserRecord] = []
    /// The batch waiting to be sent at `pendingSendNanoseconds`.
    private(set) var pending: [UserRecord] = []
    private(set) var pendingSendNanoseconds: Int64 = 0
    /// Data plus partition-key bytes of the pending batch, or an upper bound of them where the byte limit cannot
    /// close a batch (`BatchAssembler`): what checks that a batch fits one request.
    private(set) var pendingBytes: Int64 = 0

    init(
        configuration: ProducerConfiguration, index: Int, seed: UInt64, stream: StreamConfiguration,
        horizonNanoseconds: Int64
    ) {
        self.configuration = configuration
        keys = KeySpace(distribution: configuration.partitionKeys)
        retryRandom = RandomStreams.generator(seed: seed, stream: RandomStreams.producerRetries(index))
        lostResponseRandom = RandomStreams.generator(seed: seed, stream: RandomStreams.producerLostResponses(index))
        assembler = BatchAssembler(
            configuration: configuration, keys: keys,
            random: RandomStreams.generator(seed: seed, stream: RandomStreams.producerArrivals(index)),
            maxRecordBytes: stream.maxRecordSizeBytes, horizonNanoseconds: horizonNanoseconds)
    }

    /// The largest Kinesis record (data plus partition key) this producer can send: what lets the write path skip
    /// metering records that can only bill one unit each. Aggregates and lognormal sizes are bounded by the record
    /// limit only, so they count as `Int64.max`.
    var maxKinesisRecordBytes: Int64 { assembler.maxKinesisRecordBytes }

    /// The arrival generator (flow fidelity reads its size distribution).
    var generator: ArrivalGenerator { assembler.generator }

    /// Moves batch assembly to its own thread. Only without KPL aggregation: aggregates carried between
    /// requests feed back into the next batch, so those batches are assembled here.
    mutating func startPipeline() {
        guard pipeline == nil, !configuration.aggregation.isEnabled else { return }
        pipeline = ProducerPipeline(assembler: assembler)
    }

    /// Stops the pipeline's thread (the run is over; batches it assembled beyond the horizon are dropped).
    func stopPipeline() { pipeline?.stop() }

    /// Fills `pending` with the next batch and sets its send time; false when no records remain.
    mutating func assembleNextBatch() -> Bool {
        pending.removeAll(keepingCapacity: true)
        if let pipeline {
            guard let batch = pipeline.nextBatch(into: &pending) else { return false }
            statistics.recordsAttempted += Int64(pending.count)
            pendingSendNanoseconds = batch.sendNanoseconds
            pendingBytes = batch.bytes
            return true
        }
        if !carried.isEmpty {
            pending.append(contentsOf: carried)
            carried.removeAll(keepingCapacity: true)
        }
        let batch = assembler.assemble(into: &pending, batchStart: 0, previousSendNanoseconds: pendingSendNanoseconds)
        statistics.recordsAttempted = assembler.recordsDrawn
        guard let batch else { return false }
        pendingSendNanoseconds = batch.sendNanoseconds
        pendingBytes = batch.bytes
        return true
    }

    /// Hands the pending batch over to `records` (a request's emptied buffer), leaving that buffer here
    /// to collect the next batch: a swap, so no user record is copied.
    mutating func movePendingBatch(into records: inout [UserRecord]) {
        swap(&pending, &records)
    }

    /// User records created but not yet sent.
    var userRecordsBuffered: Int { pending.count + carried.count }
}

extension ProducerConfiguration {
    /// The largest Kinesis record (data plus partition key) this producer can send with `keys`; `Int64.max` for
    /// aggregates and lognormal sizes, which only the record limit bounds.
    func maxKinesisRecordBytes(keys: KeySpace) -> Int64 {
        let maxKeyBytes = Int64(keys.keyBytesByKey.max() ?? 0)
        switch recordSize {
        case _ where aggregation.isEnabled: return .max
        case .fixed(let bytes): return Int64(bytes) + maxKeyBytes
        case .uniform(_, let maxBytes): return Int64(maxBytes) + maxKeyBytes
        case .lognormal: return .max
        }
    }
}
