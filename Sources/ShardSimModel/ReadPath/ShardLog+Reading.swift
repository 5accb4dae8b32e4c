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
    /// Leaves in `pieces` one `ReadPiece` per run touched (and nothing else).
    ///
    /// A cursor left behind the retained head first jumps to it, counting the skipped user records as expired.
    ///
    /// `mutating` though it changes nothing: called on an array element (`logs[shard].read(…)`), a
    /// non-mutating method got a copy of the log, a retain and release of its runs per read; a mutating
    /// one works on the element in place.
    ///
    /// `pieces` is overwritten from its start and shortened only when this read returns fewer pieces than the
    /// last: a read usually returns as many as the one before (one or two), and emptying the array first cost
    /// a call per read (callgrind). The cursor is moved in locals and written back once.
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
        var position = cursor
        var written = 0
        outcome.stop = readRuns(
            from: &position, visibleThrough: visibleThrough, maxKinesisRecords: maxKinesisRecords,
            maxBytes: maxBytes, outcome: &outcome, pieces: &pieces, written: &written)
        cursor = position
        if pieces.count > written { pieces.removeLast(pieces.count &- written) }
        return outcome
    }

    /// `read`'s loop: each pass reads from one run or moves past a finished one; bounded by the retained runs.
    /// Returns why it stopped. The arithmetic wraps (`&+`): every quantity is a count, byte total or position of
    /// records the shard accepted, far below 2^63, and this runs for every read (callgrind counted its overflow
    /// checks).
    @inline(__always)
    private func readRuns(
        from cursor: inout LogCursor, visibleThrough: Int64, maxKinesisRecords: Int64, maxBytes: Int64,
        outcome: inout ReadOutcome, pieces: inout [ReadPiece], written: inout Int
    ) -> ReadStop {
        let end = endRun
        while cursor.run < end {
            let current = run(cursor.run)
            if cursor.offset >= current.kinesisRecords {
                // The last run may still grow (coalescing), so the cursor waits at its end.
                guard cursor.run &+ 1 < end else { break }
                cursor.run &+= 1
                cursor.offset = 0
                continue
            }
            if outcome.kinesisRecords >= maxKinesisRecords { return .limitReached }
            let visible = current.recordsAccepted(atOrBefore: visibleThrough) &- cursor.offset
            if visible <= 0 { return .notYetVisible(acceptedAt: current.acceptedAt(offset: cursor.offset)) }
            var take = min(visible, maxKinesisRecords &- outcome.kinesisRecords)
            let averageBytes = Double(current.bytes) / Double(current.kinesisRecords)
            // Records that fit the bytes left. Compared before converting: `Int64(room) < take` exactly when
            // `room < Double(take)` (take ≥ 1 is exact in a Double), and most reads fit, so most skip the conversion.
            let room = Double(maxBytes &- outcome.bytes) / averageBytes
            if room < Double(take) { take = max(Int64(room), outcome.kinesisRecords == 0 ? 1 : 0) }
            if take == 0 { return .limitReached }
            let newOffset = cursor.offset &+ take
            let userTarget = max(cursor.userRecordPosition, current.userRecordsBefore(offset: newOffset))
            let byteTarget = max(cursor.bytePosition, current.bytesBefore(offset: newOffset))
            let userRecords = userTarget &- cursor.userRecordPosition
            let bytes = byteTarget &- cursor.bytePosition
            let firstAcceptedAt = current.acceptedAt(offset: cursor.offset)
            let piece = ReadPiece(
                firstAcceptedAt: firstAcceptedAt,
                lastAcceptedAt: current.acceptedAt(offset: newOffset &- 1), kinesisRecords: take,
                userRecords: userRecords, bytes: bytes, firstUserPosition: cursor.userRecordPosition)
            if written < pieces.count { pieces[written] = piece } else { pieces.append(piece) }
            if written == 0 { outcome.firstAcceptedAt = firstAcceptedAt }
            written &+= 1
            outcome.kinesisRecords &+= take
            outcome.userRecords &+= userRecords
            outcome.bytes &+= bytes
            cursor.offset = newOffset
            cursor.userRecordPosition = userTarget
            cursor.bytePosition = byteTarget
            if take < visible { return .limitReached }
            if newOffset < current.kinesisRecords {
                // Every visible record of the run was taken and the rest are not visible yet: return what the next
                // pass would find (its record limit, or nothing visible from `newOffset`) without that pass.
                if outcome.kinesisRecords >= maxKinesisRecords { return .limitReached }
                return .notYetVisible(acceptedAt: current.acceptedAt(offset: newOffset))
            }
        }
        return .caughtUp
    }
}
