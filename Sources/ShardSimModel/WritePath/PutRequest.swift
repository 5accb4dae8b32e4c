/// A user record as the producer created it: compact, no strings (the key is an index into the
/// producer's `KeySpace`).
struct UserRecord {
    var createdAtNanoseconds: Int64
    var keyIndex: Int32
    var dataBytes: Int32
}

/// One Kinesis record in a request: a single user record, or a KPL aggregate of several consecutive
/// user records of the same request.
struct KinesisRecordEntry {
    var firstUserRecord: Int32
    var userRecordCount: Int32
    /// Bytes the shard counts: data blob plus partition key.
    var countedBytes: Int32
    /// The key whose hash routes the record (an aggregate's ExplicitHashKey is its first record's hash).
    var routingKeyIndex: Int32
}

/// A PutRecords (or PutRecord) request in flight, or a retry of the records a request had throttled.
///
/// Invariant: `records` tile `userRecords` in order (record i covers the user records from its
/// `firstUserRecord`, and the next record starts where it ends), so consecutive records cover one
/// contiguous stretch of `userRecords`.
struct PutRequest {
    var producerIndex: Int32 = 0
    /// 1 for a first try; the retry of a throttled record is attempt 2, and so on.
    var attempt: Int32 = 1
    /// The request resends records already stored (their first request's response was lost): whatever of it
    /// the stream accepts is a duplicate, and whatever fails was stored before, so it is not data loss.
    var isDuplicate = false
    var userRecords: [UserRecord] = []
    var records: [KinesisRecordEntry] = []
    /// Each user record is one Kinesis record of its own (no aggregation), and `records` is not built yet: the
    /// stream reads such a request from its user records, and `buildDeferredEntries` makes the list only when
    /// something needs it (a throttled record to retry, a response lost), so a request accepted whole never does.
    var entriesDeferred = false

    /// Kinesis records in the request.
    var kinesisRecordCount: Int { entriesDeferred ? userRecords.count : records.count }

    mutating func reset(producerIndex: Int32, attempt: Int32) {
        self.producerIndex = producerIndex
        self.attempt = attempt
        isDuplicate = false
        entriesDeferred = false
        userRecords.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
    }

    /// Appends one Kinesis record made of `userRecords[range]` of `source`.
    mutating func append(_ entry: KinesisRecordEntry, from source: [UserRecord]) {
        let first = Int32(userRecords.count)
        let start = Int(entry.firstUserRecord)
        if entry.userRecordCount == 1 {
            // The common case; appending a one-element slice costs several times more.
            userRecords.append(source[start])
        } else {
            userRecords.append(contentsOf: source[start..<start + Int(entry.userRecordCount)])
        }
        records.append(
            KinesisRecordEntry(
                firstUserRecord: first, userRecordCount: entry.userRecordCount,
                countedBytes: entry.countedBytes,
                routingKeyIndex: entry.routingKeyIndex))
    }
}

extension PutRequest {
    /// Builds `records` for a request whose entries were deferred (see `entriesDeferred`); nothing otherwise.
    mutating func buildDeferredEntries(keyBytesByKey: [Int32]) {
        guard entriesDeferred else { return }
        entriesDeferred = false
        addUnaggregatedRecords(keyBytesByKey: keyBytesByKey)
    }

    /// Makes each user record, none of them yet in a Kinesis record, one Kinesis record of its own (no
    /// aggregation): counted bytes are data plus partition key.
    private mutating func addUnaggregatedRecords(keyBytesByKey: [Int32]) {
        precondition(records.isEmpty, "user records are already in Kinesis records")
        // Built in place in a new buffer: no uniqueness check per record, and no placeholder fill first.
        // (One allocation per request, against hundreds of records.)
        records = [KinesisRecordEntry](unsafeUninitializedCapacity: userRecords.count) { records, initializedCount in
            userRecords.withUnsafeBufferPointer { userRecords in
                keyBytesByKey.withUnsafeBufferPointer { keyBytesByKey in
                    for index in 0..<userRecords.count {
                        let record = userRecords[index]
                        let key = Int(record.keyIndex)
                        precondition(key >= 0 && key < keyBytesByKey.count, "a user record's key is in its key space")
                        records.initializeElement(
                            at: index,
                            to: KinesisRecordEntry(
                                firstUserRecord: Int32(truncatingIfNeeded: index), userRecordCount: 1,
                                // Wrapping: data is at most the record-size limit (MiB), a key 256 characters: far below 2^31.
                                countedBytes: record.dataBytes &+ keyBytesByKey[key],
                                routingKeyIndex: record.keyIndex))
                    }
                }
                initializedCount = userRecords.count
            }
        }
    }
}

/// Requests in flight, in reusable slots, so the steady state allocates nothing.
struct PutRequestPool {
    var slots: [PutRequest] = []
    private var freeSlots: [Int32] = []
    private(set) var inUseCount = 0

    /// A cleared slot for a new request.
    mutating func acquire(producerIndex: Int32, attempt: Int32) -> Int32 {
        inUseCount += 1
        if let slot = freeSlots.popLast() {
            slots[Int(slot)].reset(producerIndex: producerIndex, attempt: attempt)
            return slot
        }
        var request = PutRequest()
        request.reset(producerIndex: producerIndex, attempt: attempt)
        slots.append(request)
        return Int32(slots.count - 1)
    }

    mutating func release(_ slot: Int32) {
        precondition(inUseCount > 0, "released more request slots than acquired")
        inUseCount -= 1
        freeSlots.append(slot)
    }

    /// Moves a request out of its slot so it can be read while other slots change (no copy-on-write).
    mutating func take(_ slot: Int32) -> PutRequest {
        var request = PutRequest()
        swap(&request, &slots[Int(slot)])
        return request
    }

    /// Puts a request taken with `take` back, keeping its buffers' capacity for reuse.
    mutating func putBack(_ request: PutRequest, into slot: Int32) {
        slots[Int(slot)] = request
    }

    /// Whether a slot holds a request in flight. Linear in the free list: for end-of-run accounting only.
    func isInUse(_ slot: Int32) -> Bool { !freeSlots.contains(slot) }
}
