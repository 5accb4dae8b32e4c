import ShardSimEngine

/// Counters a consumer keeps while the simulation runs.
public struct ConsumerStatistics: Sendable, Equatable {
    /// User records delivered to the application (after KCL-style de-aggregation).
    public var recordsDelivered: Int64 = 0
    public var bytesDelivered: Int64 = 0
    /// Bytes read from the stream (what data-retrieval prices meter), delivered or not.
    public var bytesRead: Int64 = 0
    /// GetRecords calls made, throttled ones included, and how many were throttled.
    public var getRecordsCalls: Int64 = 0
    public var readProvisionedThroughputExceeded: Int64 = 0
    /// Throttled GetRecords calls (`ReadProvisionedThroughputExceeded`) per second, for charts and CSV
    /// (bounded memory; see `CounterSeries`). Empty for enhanced fan-out, which makes no GetRecords calls.
    public var readThrottledCallsSeries = CounterSeries()
    /// SubscribeToShard subscriptions (enhanced fan-out): one per shard per 5 minutes of reading.
    public var subscriptions: Int64 = 0
    /// Pushes (SubscribeToShardEvent) that carried records (enhanced fan-out).
    public var subscribeToShardEvents: Int64 = 0
    /// Acceptance to end of processing, per user record, in nanoseconds.
    public var endToEndLatency = LatencyHistogram()
    /// How far behind the reader was at each read: the age of the record its iterator pointed at, i.e. the
    /// first record the read returned (0 when caught up). This is the "iterator age" users watch
    /// (GetRecords.IteratorAgeMilliseconds, MillisBehindLatest); see docs/model.md for the exact choice.
    public var maxIteratorAgeNanoseconds: Int64 = 0
    public var iteratorAgeSeries = GaugeSeries()
    /// User records that aged out of retention before this consumer read them: data loss.
    public var recordsExpired: Int64 = 0
    /// What only Lambda and Firehose consumers count (ConsumerStatistics+Services.swift forwards each field).
    public var lambda = LambdaStatistics()
    public var firehose = FirehoseStatistics()
    /// What only KCL applications count (KCL/KCLStatistics.swift).
    public var kcl = KCLStatistics()

    public init() {}

    /// Lambda discarded `userRecords` (after retries, or past maximum record age).
    mutating func noteDiscarded(_ userRecords: Int64, toDestination: Bool) {
        recordsFailed += userRecords
        guard toDestination else { return }
        recordsSentToOnFailureDestination += userRecords
        onFailureDestinationMessages += 1
    }

    /// A Lambda batch waited `nanoseconds` for concurrency.
    mutating func noteConcurrencyWait(_ nanoseconds: Int64) {
        invocationsDelayedByConcurrency += 1
        concurrencyWaitNanoseconds += nanoseconds
        maxConcurrencyWaitNanoseconds = max(maxConcurrencyWaitNanoseconds, nanoseconds)
    }
}

/// One consumer's progress on one shard.
struct ConsumerShardState {
    var consumerIndex: Int32
    var shardIndex: Int32
    var cursor = LogCursor()
    var hasStarted = false
    /// A closed shard read to its end: children may now be read, and this slot stops polling.
    var hasFinishedShard = false
    /// Processing of the last batch ends here; the next read waits for it.
    var busyUntil: Int64 = 0
    /// Enhanced fan-out: bytes the subscription may still push, refilled at 2 MiB/s.
    var pushTokens: Double = 0
    var pushTokensAt: Int64 = 0
    var lastPushAt: Int64 = Int64.min / 2
    /// Enhanced fan-out: caught up, waiting for the shard to accept more.
    var isWaitingForData = false
    /// When this consumer started reading the shard (for subscription counts).
    var startedAt: Int64 = 0
    /// KCL: whether a running worker holds the shard's lease (always true for other consumers); the slot reads
    /// only then.
    var isLeaseHeld = true
    /// KCL: the lease's last checkpoint, where a worker taking the lease over resumes.
    var checkpoint = LogCursor()

    init(consumerIndex: Int32, shardIndex: Int32) {
        self.consumerIndex = consumerIndex
        self.shardIndex = shardIndex
    }

    /// What an enhanced fan-out push leaves behind: the new position and the bytes the subscription may
    /// still push, both as of `time`. (One call, so the slot array is written once per push.)
    mutating func notePush(at time: Int64, cursor: LogCursor, pushTokens: Double) {
        self.cursor = cursor
        self.pushTokens = pushTokens
        pushTokensAt = time
        lastPushAt = time
    }
}

/// One consumer during a run.
struct ConsumerRuntime {
    let configuration: ConsumerConfiguration
    var statistics = ConsumerStatistics()
    var random: Xoshiro256StarStar
    var hasStarted = false
    /// KCL with checkpointEveryRecords: checkpoint a lease after this many user records (0: not by count).
    var checkpointEveryRecords: Int64 = 0
    /// Outage intervals [start, end), sorted by start.
    var outages: [(start: Int64, end: Int64)] = []

    init(configuration: ConsumerConfiguration, index: Int, seed: UInt64) {
        self.configuration = configuration
        random = RandomStreams.generator(seed: seed, stream: RandomStreams.consumer(index))
        if case .everyRecords(let records)? = configuration.kcl?.checkpoint { checkpointEveryRecords = records }
    }

    /// The end of the outage covering `time`, if any.
    func outageEnd(covering time: Int64) -> Int64? {
        for outage in outages where outage.start <= time && time < outage.end { return outage.end }
        return nil
    }

    /// Counts what a read returned: bytes read (metered whether delivered or not), records found expired, and
    /// the push when it is one (`isPushEvent`).
    ///
    /// The counts add wrapping (`&+=`): each totals records, bytes or events of one run, far below 2^63, and they
    /// are added at every read.
    @inline(__always)
    mutating func noteRead(_ outcome: ReadOutcome, isPushEvent: Bool) {
        statistics.recordsExpired &+= outcome.expiredUserRecords
        statistics.bytesRead &+= outcome.bytes
        if isPushEvent { statistics.subscribeToShardEvents &+= 1 }
    }

    /// Records what a read delivered (`noteRead`, then latency per user record processed in order from `start`,
    /// iterator age and counts). Returns when processing ends.
    mutating func deliver(_ pieces: [ReadPiece], outcome: ReadOutcome, at start: Int64, isPushEvent: Bool) -> Int64 {
        noteRead(outcome, isPushEvent: isPushEvent)
        let processed = recordLatency(
            pieces, processingStartsAt: start,
            perRecordNanoseconds: configuration.processingTimePerRecordNanoseconds)
        // Wrapping, as in `noteRead`.
        statistics.recordsDelivered &+= outcome.userRecords
        statistics.bytesDelivered &+= outcome.bytes
        observeIteratorAge(outcome, at: start)
        return start + processed * configuration.processingTimePerRecordNanoseconds
    }

    /// Notes how far behind a read found the reader: the age of the first record it returned, 0 when caught up.
    mutating func observeIteratorAge(_ outcome: ReadOutcome, at time: Int64) {
        let age = outcome.firstAcceptedAt.map { max(0, time - $0) } ?? 0
        statistics.maxIteratorAgeNanoseconds = max(statistics.maxIteratorAgeNanoseconds, age)
        statistics.iteratorAgeSeries.observe(nanosecondsToMilliseconds(age), at: time)
    }

    /// Records end-to-end latency for records processed in order from `processingStartsAt`, each taking
    /// `perRecordNanoseconds` (0 when a whole batch or object finishes at once). Acceptance and finish times are
    /// both linear across a piece, so its latency is sampled at up to four points
    /// (`LatencyHistogram.Recorder.recordLinear`). Returns the user records seen.
    @discardableResult
    mutating func recordLatency(
        _ pieces: [ReadPiece], processingStartsAt start: Int64, perRecordNanoseconds perRecord: Int64
    ) -> Int64 {
        if pieces.count == 1 {
            // Most reads return one piece: record it without the recorder's closure around it.
            let piece = pieces[0]
            guard piece.userRecords > 0 else { return 0 }
            recordPieceLatency(piece, processingStartsAt: start, perRecordNanoseconds: perRecord)
            return piece.userRecords
        }
        return recordLatency(ofPieces: pieces, processingStartsAt: start, perRecordNanoseconds: perRecord)
    }

    /// `recordLatency` of any number of pieces, out of line so the one-piece path above stays small.
    @inline(never)
    mutating func recordLatency(
        ofPieces pieces: [ReadPiece], processingStartsAt start: Int64, perRecordNanoseconds perRecord: Int64
    ) -> Int64 {
        // One recorder for the whole read, copied into a local so its totals stay in registers across pieces (and
        // the count processed is the closure's result, not a captured variable kept in memory). Wrapping arithmetic,
        // as in `recordPieceLatency`: `deliver` computes the same end of processing, checked, right after.
        statistics.endToEndLatency.withRecorder { latency in
            var recorder = latency
            var processed: Int64 = 0
            for piece in pieces where piece.userRecords > 0 {
                let firstLatency = start &+ (processed &+ 1) &* perRecord &- piece.firstAcceptedAt
                let lastLatency = start &+ (processed &+ piece.userRecords) &* perRecord &- piece.lastAcceptedAt
                recorder.recordLinear(from: firstLatency, to: lastLatency, count: piece.userRecords)
                processed &+= piece.userRecords
            }
            latency = recorder
            return processed
        }
    }

    /// `recordLatency` of a read that returned just `piece` (with user records).
    ///
    /// Wrapping arithmetic: times are non-negative nanoseconds, so only `userRecords × perRecord` and the sums
    /// with it could overflow, and then `deliver` (the only caller with a non-zero `perRecord`) traps computing the
    /// same end of processing, checked, right after.
    @inline(__always)
    mutating func recordPieceLatency(
        _ piece: ReadPiece, processingStartsAt start: Int64, perRecordNanoseconds perRecord: Int64
    ) {
        let firstLatency = start &+ perRecord &- piece.firstAcceptedAt
        let lastLatency = start &+ piece.userRecords &* perRecord &- piece.lastAcceptedAt
        statistics.endToEndLatency.recordLinear(from: firstLatency, to: lastLatency, count: piece.userRecords)
    }
}
