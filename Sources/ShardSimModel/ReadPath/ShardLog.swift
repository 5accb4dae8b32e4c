/// Records a shard accepted during a short stretch of time, stored as one entry: counts and bytes, with
/// acceptance times assumed evenly spread between `firstAcceptedAt` and `lastAcceptedAt`.
///
/// Its helpers' integer arithmetic wraps (`&+`): nanosecond times of a run and counts of accepted records are far
/// below 2^63, and readers call them for every run they touch.
struct LogRun {
    var firstAcceptedAt: Int64
    var lastAcceptedAt: Int64
    var kinesisRecords: Int64
    var userRecords: Int64
    var bytes: Int64
    /// User records accepted by the shard before this run (a prefix sum, for exact counts when reading).
    var userRecordsBefore: Int64
    var bytesBefore: Int64

    /// Interpolated acceptance time of the Kinesis record at `offset` (0-based) in the run.
    @inline(__always)
    func acceptedAt(offset: Int64) -> Int64 {
        guard kinesisRecords > 1 else { return firstAcceptedAt }
        let span = Double(lastAcceptedAt &- firstAcceptedAt)
        return firstAcceptedAt &+ Int64(span * Double(offset) / Double(kinesisRecords &- 1))
    }

    /// How many of the run's Kinesis records were accepted at or before `time`.
    @inline(__always)
    func recordsAccepted(atOrBefore time: Int64) -> Int64 {
        if time >= lastAcceptedAt { return kinesisRecords }
        if time < firstAcceptedAt { return 0 }
        let span = Double(lastAcceptedAt &- firstAcceptedAt)
        let fraction = Double(time &- firstAcceptedAt) / span
        return min(kinesisRecords, Int64(fraction * Double(kinesisRecords &- 1)) &+ 1)
    }

    /// User records (or bytes) before Kinesis-record `offset`, proportionally, exact at both ends.
    @inline(__always)
    func userRecordsBefore(offset: Int64) -> Int64 {
        userRecordsBefore &+ flooredToInteger(Double(userRecords) * Double(offset) / Double(kinesisRecords))
    }

    @inline(__always)
    func bytesBefore(offset: Int64) -> Int64 {
        bytesBefore &+ flooredToInteger(Double(bytes) * Double(offset) / Double(kinesisRecords))
    }
}

/// `Int64(value.rounded(.down))` without the libm `floor` call (x86-64's baseline has no rounding instruction):
/// truncation is the floor except for negative non-integers. Traps where the original would.
@inline(__always)
func flooredToInteger(_ value: Double) -> Int64 {
    let truncated = Int64(value)
    return value < Double(truncated) ? truncated - 1 : truncated
}

/// A consumer's position in one shard's log.
struct LogCursor: Equatable {
    /// Absolute index of the run (runs ever appended to this shard), and Kinesis records read within it.
    var run: Int64 = 0
    var offset: Int64 = 0
    /// User records and bytes of the shard before the position: exact running totals.
    var userRecordPosition: Int64 = 0
    var bytePosition: Int64 = 0
}

/// What a shard accepted, in arrival order, compactly: one `LogRun` per coalescing window instead of one
/// entry per record, so an hour of a busy stream fits in memory and nothing grows beyond retention.
///
/// Runs are appended at the tail and trimmed at the head when they age past retention; cursors hold
/// absolute run indices, so trimming never invalidates them (a cursor behind the head has lost records
/// to expiry, which the reader counts).
struct ShardLog {
    private var runs: [LogRun] = []
    private var head = 0
    /// Absolute index of `runs[head]`.
    private(set) var firstRetainedRun: Int64 = 0
    /// Running totals of everything ever accepted, and of what has been trimmed.
    private(set) var totalUserRecords: Int64 = 0
    private(set) var totalBytes: Int64 = 0
    private(set) var trimmedUserRecords: Int64 = 0
    private(set) var trimmedBytes: Int64 = 0
    let coalescingNanoseconds: Int64

    init(coalescingNanoseconds: Int64) {
        self.coalescingNanoseconds = coalescingNanoseconds
    }

    /// Absolute index one past the last run.
    var endRun: Int64 { firstRetainedRun &+ Int64(runs.count &- head) }

    /// The run with absolute index `index` (which must be retained).
    @inline(__always)
    func run(_ index: Int64) -> LogRun { runs[head &+ Int(index &- firstRetainedRun)] }

    /// A cursor at the end of the log: the position `LATEST` starts from.
    var tipCursor: LogCursor {
        guard endRun > firstRetainedRun else {
            return LogCursor(run: endRun, offset: 0, userRecordPosition: totalUserRecords, bytePosition: totalBytes)
        }
        let last = run(endRun - 1)
        return LogCursor(
            run: endRun - 1, offset: last.kinesisRecords, userRecordPosition: totalUserRecords,
            bytePosition: totalBytes)
    }

    /// The position of the first record accepted at or after `time` (`AT_TIMESTAMP`), among retained runs.
    func cursor(atTimestamp time: Int64) -> LogCursor {
        // Records at or after the timestamp may already have been trimmed: start before them, so the reader
        // counts them as expired as a TRIM_HORIZON reader would.
        if firstRetainedRun > 0, endRun > firstRetainedRun, time < run(firstRetainedRun).firstAcceptedAt {
            return LogCursor()
        }
        var index = firstRetainedRun
        while index < endRun {
            let candidate = run(index)
            if candidate.lastAcceptedAt >= time {
                let offset = candidate.recordsAccepted(atOrBefore: time - 1)
                return LogCursor(
                    run: index, offset: offset, userRecordPosition: candidate.userRecordsBefore(offset: offset),
                    bytePosition: candidate.bytesBefore(offset: offset))
            }
            index += 1
        }
        return tipCursor
    }

    /// Adds what one request put on this shard at `time`, into the last run when it is recent enough.
    ///
    /// Runs for every shard a request touches. Its sums wrap (`&+`): counts and bytes of accepted records and
    /// nanosecond times stay far below 2^63, and the overflow checks were a tenth of the append (callgrind).
    mutating func append(at time: Int64, kinesisRecords: Int64, userRecords: Int64, bytes: Int64) {
        precondition(kinesisRecords > 0, "appending an empty run")
        let last = runs.count &- 1
        if last >= head, time &- runs[last].firstAcceptedAt < coalescingNanoseconds {
            runs[last].lastAcceptedAt = time
            runs[last].kinesisRecords &+= kinesisRecords
            runs[last].userRecords &+= userRecords
            runs[last].bytes &+= bytes
        } else {
            runs.append(
                LogRun(
                    firstAcceptedAt: time, lastAcceptedAt: time, kinesisRecords: kinesisRecords,
                    userRecords: userRecords, bytes: bytes, userRecordsBefore: totalUserRecords,
                    bytesBefore: totalBytes))
        }
        totalUserRecords &+= userRecords
        totalBytes &+= bytes
    }

    /// Adds records accepted evenly over [first, last] as a run of their own (flow fidelity's windows, whose
    /// acceptance times may still lie ahead: readers see each record only once its time has come).
    mutating func appendSpread(
        from first: Int64, through last: Int64, kinesisRecords: Int64, userRecords: Int64,
        bytes: Int64
    ) {
        precondition(kinesisRecords > 0 && last >= first, "appending an empty run")
        runs.append(
            LogRun(
                firstAcceptedAt: first, lastAcceptedAt: last, kinesisRecords: kinesisRecords,
                userRecords: userRecords, bytes: bytes, userRecordsBefore: totalUserRecords,
                bytesBefore: totalBytes))
        totalUserRecords += userRecords
        totalBytes += bytes
    }

    /// Drops runs whose last record was accepted before `cutoff` (retention), compacting storage now and then.
    mutating func trim(acceptedBefore cutoff: Int64) {
        while head < runs.count, runs[head].lastAcceptedAt < cutoff {
            trimmedUserRecords += runs[head].userRecords
            trimmedBytes += runs[head].bytes
            head += 1
            firstRetainedRun += 1
        }
        if head > 4_096 && head * 2 > runs.count {
            runs.removeFirst(head)
            head = 0
        }
    }

    /// Runs held in memory (for the memory-bound tests and benchmarks).
    var retainedRunCount: Int { runs.count - head }
}
