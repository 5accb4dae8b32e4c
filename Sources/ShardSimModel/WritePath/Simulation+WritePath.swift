import ShardSimEngine

extension Simulation {
    /// Sends a producer's closed batch as one or more requests, then assembles its next batch.
    mutating func sendPendingBatch(producerIndex: Int, at time: Int64) {
        emitRequests(producerIndex: producerIndex, at: time)
        if producers[producerIndex].assembleNextBatch() {
            queue.schedule(at: producers[producerIndex].pendingSendNanoseconds,
                           kind: EventKind.producerSend.rawValue, target: Int32(producerIndex))
        }
    }

    /// Packs the pending batch into requests within the PutRecords limits and schedules their arrival.
    private mutating func emitRequests(producerIndex: Int, at time: Int64) {
        let producer = producers[producerIndex].configuration
        guard producer.aggregation.isEnabled else {
            emitUnaggregatedRequests(producerIndex: producerIndex, at: time)
            return
        }
        var carried: [UserRecord] = []
        swap(&carried, &producers[producerIndex].carried)
        let packed = packer.pack(producers[producerIndex].pending, keys: producers[producerIndex].keys,
                                 aggregation: producer.aggregation,
                                 overheadBytesPerUserRecord: configuration.assumptions.aggregationOverheadBytesPerUserRecord,
                                 shardCount: layout.shards.count, sendNanoseconds: time,
                                 maxBufferedNanoseconds: producer.batching.maxBufferedNanoseconds, carried: &carried)
        swap(&carried, &producers[producerIndex].carried)
        guard !packed.entries.isEmpty else { return }
        let maxRecords = producer.api == .putRecord ? 1 : producer.batching.maxRecords
        let maxBytes = producer.api == .putRecord ? Int64.max : producer.batching.maxBytes
        let arrival = time + configuration.assumptions.putRequestLatencyNanoseconds
        var slot = pool.acquire(producerIndex: Int32(producerIndex), attempt: 1)
        var requestBytes: Int64 = 0
        for entry in packed.entries {
            let recordCount = pool.slots[Int(slot)].records.count
            if recordCount > 0 && (recordCount >= maxRecords || requestBytes + Int64(entry.countedBytes) > maxBytes) {
                queue.schedule(at: arrival, kind: EventKind.requestArrival.rawValue, target: slot)
                producers[producerIndex].statistics.requestsSent += 1
                slot = pool.acquire(producerIndex: Int32(producerIndex), attempt: 1)
                requestBytes = 0
            }
            pool.appendRecord(entry, from: packed.records, to: slot)
            requestBytes += Int64(entry.countedBytes)
        }
        queue.schedule(at: arrival, kind: EventKind.requestArrival.rawValue, target: slot)
        producers[producerIndex].statistics.requestsSent += 1
    }

    /// `emitRequests` without aggregation, where each user record is one Kinesis record. Then the batch is
    /// exactly one request: `ProducerRuntime` closes a batch at the same record and byte limits a request
    /// has (checked below), and nothing is carried over. The batch's records move into the request whole.
    private mutating func emitUnaggregatedRequests(producerIndex: Int, at time: Int64) {
        let producer = producers[producerIndex].configuration
        let maxRecords = producer.api == .putRecord ? 1 : producer.batching.maxRecords
        let maxBytes = producer.api == .putRecord ? Int64.max : producer.batching.maxBytes
        let batchCount = producers[producerIndex].pending.count
        guard batchCount > 0 else { return }
        precondition(producers[producerIndex].carried.isEmpty
                     && (batchCount == 1 || (batchCount <= maxRecords && producers[producerIndex].pendingBytes <= maxBytes)),
                     "an unaggregated batch is exactly one request")
        let slot = pool.acquire(producerIndex: Int32(producerIndex), attempt: 1)
        var request = pool.take(slot)
        producers[producerIndex].movePendingBatch(into: &request.userRecords)
        request.addUnaggregatedRecords(keyBytesByKey: producers[producerIndex].keys.keyBytesByKey)
        pool.putBack(request, into: slot)
        queue.schedule(at: time + configuration.assumptions.putRequestLatencyNanoseconds,
                       kind: EventKind.requestArrival.rawValue, target: slot)
        producers[producerIndex].statistics.requestsSent += 1
    }

    /// The stream applies a request: each Kinesis record is accepted or throttled on its own (PutRecords
    /// partial failure); throttled ones are retried after a backoff or, past `maxAttempts`, fail.
    mutating func applyRequest(slot: Int32, at time: Int64) {
        let request = pool.take(slot)
        let producerIndex = Int(request.producerIndex)
        let retry = producers[producerIndex].configuration.retry
        let acceptedCount = ledger.offer(request.records, shardByKey: producers[producerIndex].keys.shardIndexByKey,
                                         keyBytesByKey: producers[producerIndex].keys.keyBytesByKey,
                                         billsPartitionKey: configuration.assumptions.onDemandBillingIncludesPartitionKey,
                                         at: time, acceptedShards: &acceptedShardScratch)
        let willRetry = Int(request.attempt) < retry.maxAttempts
        var retrySlot: Int32 = -1
        var throttledRecords: Int64 = 0
        var throttledUserRecords: Int64 = 0
        var acceptedUserRecords: Int64 = 0
        // Accepted records are recorded in runs: consecutive records cover consecutive user records
        // (see `PutRequest`), so a request with nothing throttled is one bulk histogram update.
        var acceptedRunStart = 0
        // With everything accepted and no readers, the pass over the records below would only add up
        // their user records, which together are all of the request's.
        let isEachRecordNeeded = acceptedCount < request.records.count || hasConsumers
        if !isEachRecordNeeded {
            acceptedUserRecords = Int64(request.userRecords.count)
        } else {
            for (position, entry) in request.records.enumerated() {
                let shard = Int(acceptedShardScratch[position])
                if shard >= 0 {
                    acceptedUserRecords += Int64(entry.userRecordCount)
                    if hasConsumers { noteAccepted(shard: shard, entry: entry) }
                } else {
                    recordPutLatency(request.userRecords[acceptedRunStart..<Int(entry.firstUserRecord)],
                                     producerIndex: producerIndex, at: time)
                    acceptedRunStart = Int(entry.firstUserRecord + entry.userRecordCount)
                    throttledRecords += 1
                    throttledUserRecords += Int64(entry.userRecordCount)
                    if willRetry {
                        if retrySlot < 0 { retrySlot = pool.acquire(producerIndex: request.producerIndex,
                                                                    attempt: request.attempt + 1) }
                        pool.appendRecord(entry, from: request.userRecords, to: retrySlot)
                    }
                }
            }
        }
        recordPutLatency(request.userRecords[acceptedRunStart...], producerIndex: producerIndex, at: time)
        if hasConsumers { appendAcceptedToLogs(at: time) }
        let attempt = request.attempt
        producers[producerIndex].statistics.recordApplied(
            userRecords: Int64(request.userRecords.count), kinesisRecords: Int64(request.records.count),
            throttledUserRecords: throttledUserRecords, throttledKinesisRecords: throttledRecords,
            acceptedUserRecords: acceptedUserRecords, failedUserRecords: willRetry ? 0 : throttledUserRecords)
        pool.putBack(request, into: slot)
        pool.release(slot)
        if retrySlot >= 0 {
            let backoff = retry.backoffNanoseconds(afterAttempt: Int(attempt), random: &producers[producerIndex].retryRandom)
            queue.schedule(at: time + backoff + configuration.assumptions.putRequestLatencyNanoseconds,
                           kind: EventKind.requestArrival.rawValue, target: retrySlot)
            producers[producerIndex].statistics.requestsSent += 1
        }
    }

    /// Adds the put latency (buffering, request and retry waits) of accepted user records.
    @inline(__always)
    private mutating func recordPutLatency(_ accepted: ArraySlice<UserRecord>, producerIndex: Int, at time: Int64) {
        guard !accepted.isEmpty else { return }
        producers[producerIndex].statistics.putLatency.record(
            contentsOf: accepted.lazy.map { time - $0.createdAtNanoseconds })
    }

    /// Adds one accepted Kinesis record to the request's per-shard totals.
    @inline(__always)
    private mutating func noteAccepted(shard: Int, entry: KinesisRecordEntry) {
        if acceptedByShard[shard].kinesisRecords == 0 { touchedShards.append(Int32(shard)) }
        acceptedByShard[shard].kinesisRecords += 1
        acceptedByShard[shard].userRecords += Int64(entry.userRecordCount)
        acceptedByShard[shard].bytes += Int64(entry.countedBytes)
    }

    /// Appends what a request put on each shard to that shard's log and wakes enhanced fan-out readers.
    private mutating func appendAcceptedToLogs(at time: Int64) {
        for shard in touchedShards {
            let totals = acceptedByShard[Int(shard)]
            logs[Int(shard)].append(at: time, kinesisRecords: totals.kinesisRecords, userRecords: totals.userRecords,
                                    bytes: totals.bytes)
            acceptedByShard[Int(shard)] = (0, 0, 0)
            wakeEnhancedConsumers(shard: Int(shard), acceptedAt: time)
        }
        touchedShards.removeAll(keepingCapacity: true)
    }
}

extension ProducerStatistics {
    /// Adds what one applied request did.
    mutating func recordApplied(userRecords: Int64, kinesisRecords: Int64, throttledUserRecords: Int64,
                                throttledKinesisRecords: Int64, acceptedUserRecords: Int64,
                                failedUserRecords: Int64) {
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
