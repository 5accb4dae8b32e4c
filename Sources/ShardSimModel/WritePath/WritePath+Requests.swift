import ShardSimEngine

/// A request's throttled records, sent again after a backoff: the loop schedules it once the accepted records
/// are in the shard logs.
struct PutRetry {
    var slot: Int32
    var arrivesAt: Int64
}

extension WritePath {
    /// The stream applies a request: each Kinesis record is accepted or throttled on its own (PutRecords
    /// partial failure); throttled ones are retried after a backoff or, past `maxAttempts`, fail. Accepted
    /// records are left in `acceptedRuns`; the retry, if any, is returned for the loop to schedule.
    mutating func applyRequest(slot: Int32, at time: Int64, assumptions: ModelAssumptions) -> PutRetry? {
        var request = pool.take(slot)
        let producerIndex = Int(request.producerIndex)
        let retry = producers[producerIndex].configuration.retry
        let acceptedCount = offer(
            request, producerIndex: producerIndex,
            billsPartitionKey: assumptions.onDemandBillingIncludesPartitionKey, at: time)
        let willRetry = Int(request.attempt) < retry.maxAttempts
        var retrySlot: Int32 = -1
        var throttledRecords: Int64 = 0
        var throttledUserRecords: Int64 = 0
        var acceptedUserRecords: Int64 = 0
        // Accepted records are recorded in runs: consecutive records cover consecutive user records
        // (see `PutRequest`), so a request with nothing throttled is one bulk histogram update.
        var acceptedRunStart = 0
        // With everything accepted, the pass over the records below would only add up their user records,
        // which together are all of the request's.
        if acceptedCount == request.kinesisRecordCount {
            acceptedUserRecords = Int64(request.userRecords.count)
        } else {
            request.buildDeferredEntries(keyBytesByKey: producers[producerIndex].keys.keyBytesByKey)
            for (position, entry) in request.records.enumerated() {
                let shard = Int(acceptedShardScratch[position])
                if shard >= 0 {
                    acceptedUserRecords += Int64(entry.userRecordCount)
                } else {
                    recordPutLatency(
                        request.userRecords[acceptedRunStart..<Int(entry.firstUserRecord)],
                        producerIndex: producerIndex, at: time)
                    acceptedRunStart = Int(entry.firstUserRecord + entry.userRecordCount)
                    throttledRecords += 1
                    throttledUserRecords += Int64(entry.userRecordCount)
                    if willRetry {
                        if retrySlot < 0 {
                            retrySlot = pool.acquire(
                                producerIndex: request.producerIndex,
                                attempt: request.attempt + 1)
                        }
                        pool.appendRecord(entry, from: request.userRecords, to: retrySlot)
                    }
                }
            }
        }
        recordPutLatency(request.userRecords[acceptedRunStart...], producerIndex: producerIndex, at: time)
        // The accepted records are in `acceptedRuns` already (the ledger adds them as it accepts them).
        if collectsAcceptedRuns { handedOnUserRecords += acceptedUserRecords }
        let attempt = request.attempt
        producers[producerIndex].statistics.recordApplied(
            request, throttledUserRecords: throttledUserRecords, throttledKinesisRecords: throttledRecords,
            acceptedUserRecords: acceptedUserRecords, failedUserRecords: willRetry ? 0 : throttledUserRecords,
            at: time)
        if retrySlot >= 0 { pool.slots[Int(retrySlot)].isDuplicate = request.isDuplicate }
        var resentSlot: Int32 = -1
        if willRetry && acceptedUserRecords > 0 && losesResponse(producerIndex) {
            request.buildDeferredEntries(keyBytesByKey: producers[producerIndex].keys.keyBytesByKey)
            resentSlot = resendStored(request, producerIndex: producerIndex)
        }
        pool.putBack(request, into: slot)
        pool.release(slot)
        guard retrySlot >= 0 || resentSlot >= 0 else { return nil }
        let backoff = retry.backoffNanoseconds(
            afterAttempt: Int(attempt), random: &producers[producerIndex].retryRandom)
        return scheduleResend(
            retrySlot: retrySlot, resentSlot: resentSlot, producerIndex: producerIndex,
            arrivesAt: time + backoff + assumptions.putRequestLatencyNanoseconds)
    }

    /// The request a producer sends again: its throttled records' retry, its stored records' copies (response
    /// lost), or both.
    private mutating func scheduleResend(
        retrySlot: Int32, resentSlot: Int32, producerIndex: Int, arrivesAt: Int64
    ) -> PutRetry {
        if retrySlot >= 0 && resentSlot >= 0 {
            // The producer resends the whole request as one: the stored records (copies) and the throttled
            // ones together, one request on the wire. They travel in two slots so the copies stay marked.
            pendingResends.append(PutRetry(slot: resentSlot, arrivesAt: arrivesAt))
            producers[producerIndex].statistics.requestsSent += 1
            return PutRetry(slot: retrySlot, arrivesAt: arrivesAt)
        }
        producers[producerIndex].statistics.requestsSent += 1
        return PutRetry(slot: max(retrySlot, resentSlot), arrivesAt: arrivesAt)
    }

    /// Whether this request's response is lost (a draw from the producer's own lost-response stream, made only
    /// when its share is above 0, so runs without lost responses draw nothing more).
    private mutating func losesResponse(_ producerIndex: Int) -> Bool {
        let share = producers[producerIndex].configuration.lostResponseShare
        guard share > 0 else { return false }
        let lost = producers[producerIndex].lostResponseRandom.nextUnitDouble() < share
        if lost { producers[producerIndex].statistics.requestsWithLostResponse += 1 }
        return lost
    }

    /// A request of the accepted records of `request` (the scratch says which), marked as copies.
    private mutating func resendStored(_ request: PutRequest, producerIndex: Int) -> Int32 {
        let slot = pool.acquire(producerIndex: request.producerIndex, attempt: request.attempt + 1)
        pool.slots[Int(slot)].isDuplicate = true
        for (position, entry) in request.records.enumerated() where acceptedShardScratch[position] >= 0 {
            pool.appendRecord(entry, from: request.userRecords, to: slot)
        }
        return slot
    }

    /// Offers a request's records to the ledger (`acceptedShardScratch` says where each went; with readers, the
    /// accepted ones are added to `acceptedRuns` as they are accepted). Out of line on purpose: the ledger's
    /// per-record loop, inlined here, is compiled on its own, with registers to spare (inlined into `applyRequest`
    /// it spilled, at about four instructions a record).
    @inline(never)
    private mutating func offer(
        _ request: PutRequest, producerIndex: Int, billsPartitionKey: Bool,
        at time: Int64
    ) -> Int {
        guard collectsAcceptedRuns else {
            var discarded = DiscardedAcceptedRecords()
            return offer(
                request, producerIndex: producerIndex, billsPartitionKey: billsPartitionKey, at: time, &discarded)
        }
        // Moved out for the call, so the ledger (another part of `self`) can be written while the runs are.
        var runs = AcceptedRuns()
        swap(&runs, &acceptedRuns)
        defer { swap(&runs, &acceptedRuns) }
        return runs.withWriter { writer in
            offer(request, producerIndex: producerIndex, billsPartitionKey: billsPartitionKey, at: time, &writer)
        }
    }

    @inline(__always)
    private mutating func offer<Sink: AcceptedRecordSink>(
        _ request: PutRequest, producerIndex: Int, billsPartitionKey: Bool, at time: Int64, _ sink: inout Sink
    ) -> Int {
        guard request.entriesDeferred else {
            return request.records.withUnsafeBufferPointer { records in
                offer(EntryRecords(entries: records), producerIndex, billsPartitionKey, time, &sink)
            }
        }
        return request.userRecords.withUnsafeBufferPointer { userRecords in
            offer(UnaggregatedRecords(userRecords: userRecords), producerIndex, billsPartitionKey, time, &sink)
        }
    }

    @inline(__always)
    private mutating func offer<Records: OfferedRecords, Sink: AcceptedRecordSink>(
        _ records: Records, _ producerIndex: Int, _ billsPartitionKey: Bool, _ time: Int64, _ sink: inout Sink
    ) -> Int {
        let keys = producers[producerIndex].keys
        return ledger.offer(
            records, shardByKey: keys.shardIndexByKey, keyBytesByKey: keys.keyBytesByKey,
            billsPartitionKey: billsPartitionKey,
            recordsFitOneBillingUnit: producers[producerIndex].maxKinesisRecordBytes
                <= CostModel.onDemandBillingIncrementBytes,
            at: time, acceptedShards: &acceptedShardScratch, acceptedRuns: &sink)
    }

    /// Adds the put latency (buffering, request and retry waits) of accepted user records.
    @inline(__always)
    private mutating func recordPutLatency(_ accepted: ArraySlice<UserRecord>, producerIndex: Int, at time: Int64) {
        guard !accepted.isEmpty else { return }
        accepted.withUnsafeBufferPointer { accepted in
            producers[producerIndex].statistics.putLatency.record(elapsedUntil: time, since: accepted) {
                $0.createdAtNanoseconds
            }
        }
    }

    /// User records still on their way per producer: in requests in flight (the pool's slots in use).
    func userRecordsInRequests() -> [Int64] {
        var inFlight = Array(repeating: Int64(0), count: producers.count)
        for slot in pool.slots.indices where pool.isInUse(Int32(slot)) {
            let request = pool.slots[slot]
            // A resent copy's user records were counted when first stored.
            if request.isDuplicate { continue }
            inFlight[Int(request.producerIndex)] += Int64(request.userRecords.count)
        }
        return inFlight
    }
}

extension ProducerStatistics {
    /// Adds what one applied request did. A request of copies (`isDuplicate`): what is accepted is a duplicate;
    /// what fails was stored before (no loss), and its attempts stay out of the user-record attempt counts (they
    /// count each record's own tries). Copies are counted per second at `time`, when they are stored.
    mutating func recordApplied(
        _ request: PutRequest, throttledUserRecords: Int64, throttledKinesisRecords: Int64,
        acceptedUserRecords: Int64, failedUserRecords: Int64, at time: Int64
    ) {
        guard request.isDuplicate else {
            recordApplied(
                userRecords: Int64(request.userRecords.count), kinesisRecords: Int64(request.kinesisRecordCount),
                throttledUserRecords: throttledUserRecords, throttledKinesisRecords: throttledKinesisRecords,
                acceptedUserRecords: acceptedUserRecords, failedUserRecords: failedUserRecords)
            return
        }
        recordsDuplicated += acceptedUserRecords
        if acceptedUserRecords > 0 { recordsDuplicatedSeries.add(Double(acceptedUserRecords), at: time) }
        kinesisRecordAttempts += Int64(request.kinesisRecordCount)
        kinesisRecordAttemptsThrottled += throttledKinesisRecords
        if throttledKinesisRecords > 0 { requestsWithFailedRecords += 1 }
    }

    /// Adds what one applied request did.
    mutating func recordApplied(
        userRecords: Int64, kinesisRecords: Int64, throttledUserRecords: Int64,
        throttledKinesisRecords: Int64, acceptedUserRecords: Int64,
        failedUserRecords: Int64
    ) {
        userRecordAttempts += userRecords
        userRecordAttemptsThrottled += throttledUserRecords
        kinesisRecordAttempts += kinesisRecords
        kinesisRecordAttemptsThrottled += throttledKinesisRecords
        recordsSucceeded += acceptedUserRecords
        recordsFailed += failedUserRecords
        if throttledKinesisRecords > 0 { requestsWithFailedRecords += 1 }
    }
}

extension PutRequestPool {
    /// Appends a Kinesis record (and its user records) to the request in `slot`.
    mutating func appendRecord(_ entry: KinesisRecordEntry, from source: [UserRecord], to slot: Int32) {
        slots[Int(slot)].append(entry, from: source)
    }
}
