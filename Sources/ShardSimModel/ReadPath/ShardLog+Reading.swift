/// A stretch of records one read returned from one run, for latency accounting.
struct ReadPiece {
    var firstAcceptedAt: Int64
    var lastAcceptedAt: Int64
    /// Kinesis records as the shard holds them (a KPL aggregate is one), and the user records inside them.
    var kinesisRecords: Int64
    var userRecords: Int64
    var bytes: Int64
    /// The shard's user-record position of the piece's first record.
    var firstUserPosition: Int64

    /// Splits off the first `count` Kinesis records (0 < count < kinesisRecords): user records, bytes and
    /// acceptance times follow proportionally, as the log spreads them over a run. An aggregate is never cut.
    func split(atKinesisRecord count: Int64) -> (head: ReadPiece, tail: ReadPiece) {
        precondition(count > 0 && count < kinesisRecords, "split inside the piece")
        let fraction = Double(count) / Double(kinesisRecords)
        // Each Kinesis record holds at least one user record, so both sides keep some (flooring, as the log does).
        let headUserRecords = min(userRecords, flooredToInteger(Double(userRecords) * fraction))
        let headBytes = Int64(Double(bytes) * fraction)
        let span = Double(lastAcceptedAt - firstAcceptedAt)
        let headLast = firstAcceptedAt + Int64(span * Double(count - 1) / Double(kinesisRecords - 1))
        let tailFirst = firstAcceptedAt + Int64(span * Double(count) / Double(kinesisRecords - 1))
        return (
            ReadPiece(
                firstAcceptedAt: firstAcceptedAt, lastAcceptedAt: headLast, kinesisRecords: count,
                userRecords: headUserRecords, bytes: headBytes, firstUserPosition: firstUserPosition),
            ReadPiece(
                firstAcceptedAt: tailFirst, lastAcceptedAt: lastAcceptedAt, kinesisRecords: kinesisRecords - count,
                userRecords: userRecords - headUserRecords, bytes: bytes - headBytes,
                firstUserPosition: firstUserPosition + headUserRecords)
        )
    }

    /// The Kinesis record (0-based, in this piece) holding the user record at shard position `position`,
    /// by the same proportion `split(atKinesisRecord:)` uses, so splitting there puts that user record in the tail.
    func kinesisRecordIndex(ofUserPosition position: Int64) -> Int64 {
        let offset = position - firstUserPosition
        precondition(offset >= 0 && offset < userRecords, "the position lies in the piece")
        return min(kinesisRecords - 1, flooredToInteger(Double(offset) * Double(kinesisRecords) / Double(userRecords)))
    }

    /// Kinesis records accepted before `cutoff`, by interpolation.
    func kinesisRecords(acceptedBefore cutoff: Int64) -> Int64 {
        if cutoff <= firstAcceptedAt { return 0 }
        if cutoff > lastAcceptedAt { return kinesisRecords }
        let fraction = Double(cutoff - firstAcceptedAt) / Double(max(1, lastAcceptedAt - firstAcceptedAt))
        return min(kinesisRecords, max(0, Int64(fraction * Double(kinesisRecords - 1)) + 1))
    }
}

/// The last log read and what it returned (see `ReadPath.readLog(shard:cursor:…)`).
struct LogReadMemo {
    var shard = -1
    var logVersion: UInt64 = 0
    var cursor = LogCursor()
    var visibleThrough: Int64 = 0
    var maxKinesisRecords: Int64 = 0
    var maxBytes: Int64 = 0
    var outcome = ReadOutcome()
    var cursorAfter = LogCursor()
}

/// Why a read stopped.
enum ReadStop: Equatable {
    /// Everything the shard has accepted so far has been read.
    case caughtUp
    /// More records exist but are not visible yet; the next one was accepted at this time.
    case notYetVisible(acceptedAt: Int64)
    /// The call's record or byte limit was reached with more visible records left.
    case limitReached
}

/// What one read returned.
struct ReadOutcome {
    var kinesisRecords: Int64 = 0
    var userRecords: Int64 = 0
    var bytes: Int64 = 0
    /// Acceptance time of the first record returned (where the iterator stood), when any was.
    var firstAcceptedAt: Int64?
    /// User records that aged out of retention before this reader reached them.
    var expiredUserRecords: Int64 = 0
    var stop: ReadStop = .caughtUp
}

extension ShardLog {
    /// Reads forward from `cursor`: records accepted at or before `visibleThrough`, at most `maxKinesisRecords`
    /// and `maxBytes` (at least one record when the first alone exceeds `maxBytes`, as GetRecords does).
    /// Appends one `ReadPiece` per run touched to `pieces`.
    ///
    /// A cursor left behind the retained head first jumps to it, counting the skipped user records as expired.
    ///
    /// `mutating` though it changes nothing: called on an array element (`logs[shard].read(…)`), a
    /// non-mutating method got a copy of the log, a retain and release of its runs per read; a mutating
    /// one works on the element in place.
    mutating func read(
        from cursor: inout LogCursor, visibleThrough: Int64, maxKinesisRecords: Int64, maxBytes: Int64,
        pieces: inout [ReadPiece]
    ) -> ReadOutcome {
        var outcome = ReadOutcome()
        if cursor.run < firstRetainedRun {
            outcome.expiredUserRecords = max(0, trimmedUserRecords - cursor.userRecordPosition)
            cursor = LogCursor(
                run: firstRetainedRun, offset: 0,
                userRecordPosition: max(trimmedUserRecords, cursor.userRecordPosition),
                bytePosition: max(trimmedBytes, cursor.bytePosition))
        }
        // Each pass reads from one run or moves past a finished one; bounded by the retained runs. The arithmetic
        // wraps (`&+`): every quantity is a count, byte total or position of records the shard accepted, far below
        // 2^63, and this runs for every read (callgrind counted its overflow checks).
        while cursor.run < endRun {
            let current = run(cursor.run)
            if cursor.offset >= current.kinesisRecords {
                // The last run may still grow (coalescing), so the cursor waits at its end.
                guard cursor.run &+ 1 < endRun else { break }
                cursor.run &+= 1
                cursor.offset = 0
                continue
            }
            if outcome.kinesisRecords >= maxKinesisRecords {
                outcome.stop = .limitReached
                return outcome
            }
            let visible = current.recordsAccepted(atOrBefore: visibleThrough) &- cursor.offset
            if visible <= 0 {
                outcome.stop = .notYetVisible(acceptedAt: current.acceptedAt(offset: cursor.offset))
                return outcome
            }
            var take = min(visible, maxKinesisRecords &- outcome.kinesisRecords)
            let averageBytes = Double(current.bytes) / Double(current.kinesisRecords)
            let fitting = Int64(Double(maxBytes &- outcome.bytes) / averageBytes)
            if fitting < take { take = max(fitting, outcome.kinesisRecords == 0 ? 1 : 0) }
            if take == 0 {
                outcome.stop = .limitReached
                return outcome
            }
            let newOffset = cursor.offset &+ take
            let userTarget = max(cursor.userRecordPosition, current.userRecordsBefore(offset: newOffset))
            let byteTarget = max(cursor.bytePosition, current.bytesBefore(offset: newOffset))
            let userRecords = userTarget &- cursor.userRecordPosition
            let bytes = byteTarget &- cursor.bytePosition
            let firstAcceptedAt = current.acceptedAt(offset: cursor.offset)
            pieces.append(
                ReadPiece(
                    firstAcceptedAt: firstAcceptedAt,
                    lastAcceptedAt: current.acceptedAt(offset: newOffset &- 1), kinesisRecords: take,
                    userRecords: userRecords, bytes: bytes, firstUserPosition: cursor.userRecordPosition))
            outcome.kinesisRecords &+= take
            outcome.userRecords &+= userRecords
            outcome.bytes &+= bytes
            if outcome.firstAcceptedAt == nil { outcome.firstAcceptedAt = firstAcceptedAt }
            cursor.offset = newOffset
            cursor.userRecordPosition = userTarget
            cursor.bytePosition = byteTarget
            if take < visible {
                outcome.stop = .limitReached
                return outcome
            }
        }
        outcome.stop = .caughtUp
        return outcome
    }
}
