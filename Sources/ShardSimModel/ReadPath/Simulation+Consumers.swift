import ShardSimEngine

extension Simulation {
    /// Creates each consumer's per-shard state and schedules its start.
    mutating func prepareConsumers() {
        for (index, consumer) in configuration.consumers.enumerated() {
            var runtime = ConsumerRuntime(configuration: consumer, index: index, seed: configuration.seed)
            for event in configuration.events {
                if case .consumerOutage(let consumerIndex, let at, let duration) = event, consumerIndex == index {
                    runtime.outages.append((at, at + duration))
                }
            }
            runtime.outages.sort { $0.start < $1.start }
            consumers.append(runtime)
            lambdaRunningByConsumer.append(0)
            slotByConsumerAndShard.append([])
            for shard in layout.shards.indices { addConsumerSlot(consumer: index, shard: shard, at: 0) }
            queue.schedule(at: consumer.startAtNanoseconds, kind: EventKind.consumerStart.rawValue, target: Int32(index))
        }
        prepareLambdaPools()
        if configuration.durationNanoseconds > retentionNanoseconds {
            queue.schedule(at: retentionNanoseconds, kind: EventKind.retentionTrim.rawValue, target: 0)
        }
    }

    var retentionNanoseconds: Int64 { Int64(configuration.stream.retentionPeriodHours) * 3_600 * nanosecondsPerSecond }

    /// A consumer starts: position each shard's cursor and begin polling or subscribing.
    mutating func startConsumer(_ consumerIndex: Int, at time: Int64) {
        let consumer = consumers[consumerIndex].configuration
        consumers[consumerIndex].hasStarted = true
        let usesGetRecords = consumer.type.readsWithGetRecords(consumer)
        for slot in consumerSlots.indices where consumerSlots[slot].consumerIndex == Int32(consumerIndex) {
            let log = logs[Int(consumerSlots[slot].shardIndex)]
            switch consumer.startingPosition {
            case .trimHorizon: consumerSlots[slot].cursor = LogCursor()
            case .latest: consumerSlots[slot].cursor = log.tipCursor
            case .atTimestamp(let timestamp): consumerSlots[slot].cursor = log.cursor(atTimestamp: timestamp)
            }
            consumerSlots[slot].hasStarted = true
            consumerSlots[slot].startedAt = time
            if consumer.type == .lambda { prepareLambda(consumerSlot: slot) }
            if usesGetRecords {
                // Readers on different hosts do not poll in lockstep: a random phase within one interval.
                let interval = pollIntervalNanoseconds(of: consumer)
                let phase = Int64(consumers[consumerIndex].random.nextInt(below: UInt64(interval)))
                queue.schedule(at: time + phase, kind: EventKind.sharedPoll.rawValue, target: Int32(slot))
            } else {
                consumerSlots[slot].pushTokens = enhancedFanOutBurstBytes
                consumerSlots[slot].pushTokensAt = time
                queue.schedule(at: time, kind: EventKind.enhancedPush.rawValue, target: Int32(slot))
            }
        }
    }

    /// How often a GetRecords reader polls an idle shard: its own setting, or AWS's documented once a
    /// second for Lambda (LK) and Firehose (FH-KDS).
    @inline(__always) // see `Simulation`: a call from an event handler would copy the whole simulation
    func pollIntervalNanoseconds(of consumer: ConsumerConfiguration) -> Int64 {
        consumer.type == .shared ? consumer.pollIntervalNanoseconds : nanosecondsPerSecond
    }

    /// The gap to an application's next poll: the interval give or take `pollJitterFraction`, drawn from the consumer's own
    /// random stream. Real pollers drift; without it, readers started in lockstep throttle each other in the same
    /// order every second and one starves.
    mutating func jitteredPollInterval(of consumerIndex: Int) -> Int64 {
        let interval = Double(pollIntervalNanoseconds(of: consumers[consumerIndex].configuration))
        let spread = configuration.assumptions.pollJitterFraction
        // Lambda and Firehose pollers are AWS's own and poll on the documented once-a-second cadence.
        guard spread > 0, consumers[consumerIndex].configuration.type == .shared else { return Int64(interval) }
        let factor = 1 + spread * (2 * consumers[consumerIndex].random.nextUnitDouble() - 1)
        return max(1, Int64(interval * factor))
    }

    /// One GetRecords call by a polling consumer on one shard, then the next poll.
    mutating func sharedPoll(slot: Int32, at time: Int64) {
        let state = consumerSlots[Int(slot)]
        let consumerIndex = Int(state.consumerIndex)
        let consumer = consumers[consumerIndex].configuration
        if let resume = consumers[consumerIndex].outageEnd(covering: time) {
            queue.schedule(at: resume, kind: EventKind.sharedPoll.rawValue, target: slot)
            return
        }
        if !parentsAreFinished(slot: Int(slot)) {
            queue.schedule(at: time + pollIntervalNanoseconds(of: consumer), kind: EventKind.sharedPoll.rawValue, target: slot)
            return
        }
        if consumer.type == .lambda && !lambdaHasRoom(consumerSlot: Int(slot)) {
            // The function is behind: Lambda reads no further until a batch finishes (it then resumes polling).
            lambdaShards[Int(slot)].isReadDeferred = true
            return
        }
        consumers[consumerIndex].statistics.getRecordsCalls += 1
        let shard = Int(state.shardIndex)
        let interval = jitteredPollInterval(of: consumerIndex)
        guard readLedgers[shard].admitCall(at: time, limits: configuration.stream.limits) else {
            // A throttled reader tries again at its next poll (KCL backs off by its poll interval).
            consumers[consumerIndex].statistics.readProvisionedThroughputExceeded += 1
            consumers[consumerIndex].statistics.readThrottledCallsSeries.add(1, at: time)
            queue.schedule(at: time + interval, kind: EventKind.sharedPoll.rawValue, target: slot)
            return
        }
        let outcome = readLog(shard: shard, consumerSlot: Int(slot),
                              visibleThrough: time - configuration.assumptions.sharedReadPropagationNanoseconds,
                              maxKinesisRecords: consumer.type == .shared ? consumer.maxRecordsPerCall
                                  : KinesisLimits.maxRecordsPerGetRecordsCall,
                              maxBytes: KinesisLimits.maxBytesPerGetRecordsCall)
        readLedgers[shard].charge(bytes: outcome.bytes, at: time)
        let busyUntil = handleRead(slot: Int(slot), outcome: outcome, at: time)
        if finishesClosedShard(slot: Int(slot), outcome: outcome) {
            consumerSlots[Int(slot)].hasFinishedShard = true
            return
        }
        var next = max(time + interval, busyUntil)
        if consumer.type == .lambda && outcome.stop == .limitReached {
            // "If the batch is full, Lambda polls again immediately" (LK); the shard's 5 calls/s still apply.
            next = time + configuration.assumptions.lambdaBacklogPollGapNanoseconds
        }
        queue.schedule(at: next, kind: EventKind.sharedPoll.rawValue, target: slot)
    }

    /// Reads `shard`'s log from the cursor of `consumerSlot`, moving it on, with the pieces read in `readPieces`.
    ///
    /// Cursor and pieces go through locals: passing `&consumerSlots[…].cursor` or `&readPieces` to the read
    /// made Swift copy more of the simulation's state around the call.
    @inline(__always)
    mutating func readLog(shard: Int, consumerSlot: Int, visibleThrough: Int64, maxKinesisRecords: Int64,
                          maxBytes: Int64) -> ReadOutcome {
        var cursor = consumerSlots[consumerSlot].cursor
        let outcome = readLog(shard: shard, cursor: &cursor, visibleThrough: visibleThrough,
                              maxKinesisRecords: maxKinesisRecords, maxBytes: maxBytes)
        consumerSlots[consumerSlot].cursor = cursor
        return outcome
    }

    /// `readLog(shard:consumerSlot:…)` from a cursor the caller holds.
    ///
    /// A read that asks exactly what the previous one asked of an unchanged log gets the previous answer
    /// (`lastRead`): both enhanced fan-out consumers of a shard push at the same instants from the same
    /// position, so every other push would repeat the read just done. Exact, since a read is a pure
    /// function of the log's `version` and its arguments. Only this function writes `readPieces`, so after
    /// a repeated read it still holds the pieces the read returned.
    @inline(__always)
    mutating func readLog(shard: Int, cursor: inout LogCursor, visibleThrough: Int64, maxKinesisRecords: Int64,
                          maxBytes: Int64) -> ReadOutcome {
        let logVersion = logs[shard].version
        if lastRead.shard == shard && lastRead.logVersion == logVersion && lastRead.cursor == cursor
            && lastRead.visibleThrough == visibleThrough && lastRead.maxKinesisRecords == maxKinesisRecords
            && lastRead.maxBytes == maxBytes {
            cursor = lastRead.cursorAfter
            return lastRead.outcome
        }
        let cursorBefore = cursor
        var pieces: [ReadPiece] = []
        swap(&pieces, &readPieces)
        // Usually one piece: removing it is far cheaper than the general `removeAll(keepingCapacity:)`.
        if pieces.count == 1 { pieces.removeLast() } else { pieces.removeAll(keepingCapacity: true) }
        let outcome = logs[shard].read(from: &cursor, visibleThrough: visibleThrough, maxKinesisRecords: maxKinesisRecords,
                                       maxBytes: maxBytes, pieces: &pieces)
        swap(&pieces, &readPieces)
        lastRead.shard = shard
        lastRead.logVersion = logVersion
        lastRead.cursor = cursorBefore
        lastRead.visibleThrough = visibleThrough
        lastRead.maxKinesisRecords = maxKinesisRecords
        lastRead.maxBytes = maxBytes
        lastRead.outcome = outcome
        lastRead.cursorAfter = cursor
        return outcome
    }

    /// Hands what a read returned to the consumer: an application processes it, Lambda batches it,
    /// Firehose buffers it. Returns when the reader may read again (after processing, for applications).
    mutating func handleRead(slot: Int, outcome: ReadOutcome, at time: Int64) -> Int64 {
        let consumerIndex = Int(consumerSlots[slot].consumerIndex)
        consumers[consumerIndex].statistics.recordsExpired += outcome.expiredUserRecords
        consumers[consumerIndex].statistics.bytesRead += outcome.bytes
        switch consumers[consumerIndex].configuration.type {
        case .shared, .enhanced:
            let busyUntil = consumers[consumerIndex].deliver(readPieces, outcome: outcome, at: time)
            consumerSlots[slot].busyUntil = busyUntil
            return busyUntil
        case .lambda:
            bufferForLambda(consumerSlot: slot, at: time)
            return time
        case .firehose:
            consumers[consumerIndex].observeIteratorAge(outcome, at: time)
            bufferForFirehose(consumerSlot: slot, at: time)
            return time
        }
    }

    var enhancedFanOutBurstBytes: Double {
        Double(KinesisLimits.enhancedFanOutBytesPerSecondPerShard) * configuration.assumptions.enhancedFanOutBurstSeconds
    }

    /// One SubscribeToShardEvent push to an enhanced fan-out consumer: everything visible, within its
    /// dedicated 2 MiB/s; then the next push, or a wait for new data.
    ///
    /// The slot's fields are read and written in place: this runs for every push (tens of thousands per
    /// simulated second), and copying the whole slot state in and out cost more than the rest of the push.
    /// (`handleRead` writes only the slot's `busyUntil`, which is read back after it.)
    mutating func enhancedPush(slot: Int32, at time: Int64) {
        let index = Int(slot)
        let consumerIndex = Int(consumerSlots[index].consumerIndex)
        if let resume = consumers[consumerIndex].outageEnd(covering: time) {
            queue.schedule(at: resume, kind: EventKind.enhancedPush.rawValue, target: slot)
            return
        }
        var busyUntil = consumerSlots[index].busyUntil
        if time < busyUntil {
            queue.schedule(at: busyUntil, kind: EventKind.enhancedPush.rawValue, target: slot)
            return
        }
        if !parentsAreFinished(slot: index) {
            queue.schedule(at: time + 200_000_000, kind: EventKind.enhancedPush.rawValue, target: slot)
            return
        }
        if consumers[consumerIndex].configuration.type == .lambda && !lambdaHasRoom(consumerSlot: index) {
            lambdaShards[index].isReadDeferred = true
            return
        }
        let rate = Double(KinesisLimits.enhancedFanOutBytesPerSecondPerShard)
        let tokens = min(enhancedFanOutBurstBytes,
                         consumerSlots[index].pushTokens + rate * Double(time - consumerSlots[index].pushTokensAt) / 1e9)
        if tokens <= 0 {
            consumerSlots[index].pushTokens = tokens
            consumerSlots[index].pushTokensAt = time
            // A large record left the subscription in debt: wait until the 2 MiB/s has paid it back.
            let refill = Int64(-tokens / rate * 1e9) + 1
            queue.schedule(at: time + refill, kind: EventKind.enhancedPush.rawValue, target: slot)
            return
        }
        let shard = Int(consumerSlots[index].shardIndex)
        let propagation = configuration.assumptions.enhancedFanOutPropagationNanoseconds
        var cursor = consumerSlots[index].cursor
        let outcome = readLog(shard: shard, cursor: &cursor, visibleThrough: time - propagation,
                              maxKinesisRecords: Int64.max / 4, maxBytes: Int64(max(0, tokens)))
        let tokensLeft = tokens - Double(outcome.bytes)
        // One write of the slot for everything the push changed (`handleRead` below reads none of it).
        consumerSlots[index].notePush(at: time, cursor: cursor, pushTokens: tokensLeft)
        if outcome.kinesisRecords > 0 || outcome.expiredUserRecords > 0 {
            consumers[consumerIndex].statistics.subscribeToShardEvents += 1
            _ = handleRead(slot: index, outcome: outcome, at: time)
            busyUntil = consumerSlots[index].busyUntil
        }
        let earliest = max(busyUntil, time + configuration.assumptions.enhancedFanOutPushIntervalNanoseconds)
        if finishesClosedShard(slot: index, outcome: outcome) {
            consumerSlots[index].hasFinishedShard = true
            return
        }
        switch outcome.stop {
        case .caughtUp:
            consumerSlots[index].isWaitingForData = true
            enhancedWaiting[shard].append(slot)
        case .notYetVisible(let acceptedAt):
            queue.schedule(at: max(earliest, acceptedAt + propagation), kind: EventKind.enhancedPush.rawValue, target: slot)
        case .limitReached:
            // Wait until the subscription has earned about one push interval's worth of bytes.
            let refill = Int64(max(0, -tokensLeft) / rate * 1e9)
            queue.schedule(at: max(earliest, time + refill), kind: EventKind.enhancedPush.rawValue, target: slot)
        }
    }

    /// New records on a shard wake the enhanced fan-out consumers waiting on it.
    mutating func wakeEnhancedConsumers(shard: Int, acceptedAt time: Int64) {
        guard !enhancedWaiting[shard].isEmpty else { return }
        let delay = configuration.assumptions.enhancedFanOutPropagationNanoseconds
        let interval = configuration.assumptions.enhancedFanOutPushIntervalNanoseconds
        for slot in enhancedWaiting[shard] {
            consumerSlots[Int(slot)].isWaitingForData = false
            queue.schedule(at: max(time + delay, consumerSlots[Int(slot)].busyUntil, consumerSlots[Int(slot)].lastPushAt + interval),
                           kind: EventKind.enhancedPush.rawValue, target: slot)
        }
        enhancedWaiting[shard].removeAll(keepingCapacity: true)
    }

    /// Drops records older than the retention period from every shard, then checks again in a minute.
    mutating func trimRetention(at time: Int64) {
        for shard in logs.indices { logs[shard].trim(acceptedBefore: time - retentionNanoseconds) }
        queue.schedule(at: time + 60 * nanosecondsPerSecond, kind: EventKind.retentionTrim.rawValue, target: 0)
    }
}
