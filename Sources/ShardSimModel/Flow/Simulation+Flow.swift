import Foundation
import ShardSimEngine

extension Simulation {
    /// Flow fidelity: computes the accounting window that starts at `start` on every open shard, then
    /// schedules the next one.
    mutating func runFlowWindow(at start: Int64) {
        guard var flow = self.flow else { preconditionFailure("flow windows run only in flow fidelity") }
        self.flow = nil
        if flow.sharesComputedForShardCount != layout.shards.count { rerouteFlow(&flow) }
        let horizon = configuration.durationNanoseconds
        let end = min(start + flow.windowNanoseconds, horizon)
        let subticks = Int((end - start + flow.subtickNanoseconds - 1) / flow.subtickNanoseconds)
        let windowSeconds = Double(end - start) / 1e9
        // First-attempt user records of each producer in each subtick of the window.
        var producerMass = Array(repeating: 0.0, count: flow.producers.count)
        for producer in flow.producers.indices {
            let configuration = flow.producers[producer].configuration
            var sum = 0.0
            for subtick in 0..<subticks {
                let from = start + Int64(subtick) * flow.subtickNanoseconds
                let mass = configuration.rateProfile.records(from: from, to: min(from + flow.subtickNanoseconds, end),
                                                             baseRecordsPerSecond: configuration.recordsPerSecond)
                flow.firstMassBySubtick[producer * flow.subticksPerWindow + subtick] = mass
                sum += mass
            }
            producerMass[producer] = sum
            flow.producers[producer].totals.recordsAttempted += sum
        }
        let firstSubtick = start / flow.subtickNanoseconds
        var kinesisAttemptsByProducer = Array(repeating: 0.0, count: flow.producers.count)
        var kinesisThrottledByProducer = Array(repeating: 0.0, count: flow.producers.count)
        for shardIndex in layout.openShardIndices {
            let shard = Int(shardIndex)
            // The scratch array is moved out while it is filled, so appending never copies it.
            var recipes = flow.recipeScratch
            flow.recipeScratch = []
            recipes.removeAll(keepingCapacity: true)
            var offeredRecords = 0.0
            var offeredBytes = 0.0
            var retriesDue = false
            for producer in flow.producers.indices {
                let share = flow.producers[producer].shareByShard[shard]
                let recipe = flow.producers[producer].recipe(shard: shard,
                                                             userRecordsPerSecond: producerMass[producer] * share / windowSeconds)
                recipes.append(recipe)
                let kinesis = producerMass[producer] * share * recipe.kinesisPerUserRecord
                offeredRecords += kinesis
                offeredBytes += kinesis * recipe.bytesPerKinesisRecord
                if flow.producers[producer].retryPendingByShard[shard] > FlowModel.negligibleMass { retriesDue = true }
            }
            // Arrivals are random: a window's count on a shard varies around its mean, and near the limits that
            // variation is what throttles. Draw the window's offered records as a normal variate with the variance
            // `offeredDeviation` gives; far from the limits no draw can matter, so none is made.
            let deviation = flow.offeredDeviation(producerMass: producerMass, shard: shard, recipes: recipes,
                                                  windowSeconds: windowSeconds)
            var massFactor = 1.0
            if deviation > 0 && offeredRecords > 0
                && (offeredRecords + 6 * deviation >= flow.recordsPerWindow
                    || (offeredRecords + 6 * deviation) * (offeredBytes / offeredRecords) >= flow.bytesPerWindow) {
                massFactor = max(0, 1 + deviation * flow.lumpRandom.standardNormal() / offeredRecords)
                offeredRecords *= massFactor
                offeredBytes *= massFactor
                for producer in flow.producers.indices {
                    flow.producers[producer].totals.recordsAttempted +=
                        (massFactor - 1) * producerMass[producer] * flow.producers[producer].shareByShard[shard]
                }
            }
            var outcome = FlowWindowOutcome()
            if !retriesDue && offeredRecords <= flow.recordsPerWindow && offeredBytes <= flow.bytesPerWindow {
                acceptWholeWindow(&flow, shard: shard, start: start, end: end, subticks: subticks,
                                  producerMass: producerMass, massFactor: massFactor, windowSeconds: windowSeconds,
                                  recipes: recipes, offeredRecords: offeredRecords, offeredBytes: offeredBytes,
                                  outcome: &outcome, kinesisAttempts: &kinesisAttemptsByProducer)
            } else {
                runFlowSubticks(&flow, shard: shard, start: start, end: end, subticks: subticks, firstSubtick: firstSubtick,
                                producerMass: producerMass, massFactor: massFactor, windowSeconds: windowSeconds,
                                recipes: recipes,
                                outcome: &outcome, kinesisAttempts: &kinesisAttemptsByProducer,
                                kinesisThrottled: &kinesisThrottledByProducer)
            }
            ledger.addFlowWindow(shard: shard, startNanoseconds: start, outcome: outcome)
            flow.recipeScratch = recipes
        }
        for producer in flow.producers.indices {
            recordFlowLatency(&flow.producers[producer], producerIndex: producer)
            countFlowRequests(&flow.producers[producer], kinesisAttempts: kinesisAttemptsByProducer[producer],
                              kinesisThrottled: kinesisThrottledByProducer[producer], windowSeconds: windowSeconds)
        }
        self.flow = flow
        if end < horizon { queue.schedule(at: end, kind: EventKind.flowWindow.rawValue, target: 0) }
    }

    /// A shard within its limits with no retries due takes the whole window in one step.
    private mutating func acceptWholeWindow(_ flow: inout FlowWritePath, shard: Int, start: Int64, end: Int64, subticks: Int,
                                            producerMass: [Double], massFactor: Double, windowSeconds: Double,
                                            recipes: [FlowRecipe], offeredRecords: Double, offeredBytes: Double,
                                            outcome: inout FlowWindowOutcome,
                                            kinesisAttempts kinesisAttemptsByProducer: inout [Double]) {
        for producer in flow.producers.indices {
            let users = massFactor * producerMass[producer] * flow.producers[producer].shareByShard[shard]
            guard users > 0 else { continue }
            let recipe = recipes[producer]
            let kinesis = users * recipe.kinesisPerUserRecord
            flow.producers[producer].totals.recordsSucceeded += users
            flow.producers[producer].totals.userRecordAttempts += users
            kinesisAttemptsByProducer[producer] += kinesis
            outcome.putPayloadUnits += kinesis * recipe.putUnitsPerKinesisRecord
            outcome.onDemandBilledBytes += kinesis * recipe.billedBytesPerKinesisRecord
            outcome.firehoseBilledBytes += kinesis * recipe.firehoseBilledBytesPerKinesisRecord
            noteFlowLatency(&flow.producers[producer], attempt: 1, acceptedUserRecords: users,
                            userRecordsPerSecond: producerMass[producer] / windowSeconds, recipe: recipe,
                            userRecordsPerSecondOnShard: users / windowSeconds)
        }
        outcome.offeredRecords = offeredRecords
        outcome.offeredBytes = offeredBytes
        outcome.acceptedRecords = offeredRecords
        outcome.acceptedBytes = offeredBytes
        if hasConsumers {
            for subtick in 0..<subticks {
                var users = 0.0
                var kinesis = 0.0
                var bytes = 0.0
                for producer in flow.producers.indices {
                    let mass = massFactor * flow.firstMassBySubtick[producer * flow.subticksPerWindow + subtick]
                        * flow.producers[producer].shareByShard[shard]
                    users += mass
                    kinesis += mass * recipes[producer].kinesisPerUserRecord
                    bytes += mass * recipes[producer].kinesisPerUserRecord * recipes[producer].bytesPerKinesisRecord
                }
                let from = start + Int64(subtick) * flow.subtickNanoseconds
                appendFlowRun(&flow, shard: shard, from: from, to: min(from + flow.subtickNanoseconds, end),
                              kinesisRecords: kinesis, userRecords: users, bytes: bytes)
            }
        }
    }

    /// A window with throttling or retries due on `shard`: subtick by subtick, first come first served.
    private mutating func runFlowSubticks(_ flow: inout FlowWritePath, shard: Int, start: Int64, end: Int64, subticks: Int,
                                          firstSubtick: Int64, producerMass: [Double], massFactor: Double,
                                          windowSeconds: Double,
                                          recipes: [FlowRecipe], outcome: inout FlowWindowOutcome,
                                          kinesisAttempts: inout [Double], kinesisThrottled: inout [Double]) {
        var recordsLeft = flow.recordsPerWindow
        var bytesLeft = flow.bytesPerWindow
        let ringLength = flow.ringLength
        for subtick in 0..<subticks {
            let absoluteSubtick = firstSubtick + Int64(subtick)
            let slot = Int(absoluteSubtick % Int64(ringLength))
            var offeredKinesis = 0.0
            var offeredBytes = 0.0
            for producer in flow.producers.indices {
                let first = massFactor * flow.firstMassBySubtick[producer * flow.subticksPerWindow + subtick]
                    * flow.producers[producer].shareByShard[shard]
                var users = first
                if flow.producers[producer].retryPendingByShard[shard] > 0 {
                    let ring = flow.producers[producer].retryRings[shard]
                    var attemptBase = 0
                    while attemptBase < ring.count {
                        users += ring[attemptBase + slot]
                        attemptBase += ringLength
                    }
                }
                let kinesis = users * recipes[producer].kinesisPerUserRecord
                offeredKinesis += kinesis
                offeredBytes += kinesis * recipes[producer].bytesPerKinesisRecord
            }
            guard offeredKinesis > 0 else { continue }
            let acceptedFraction = min(1, recordsLeft / offeredKinesis, bytesLeft / offeredBytes)
            recordsLeft = max(0, recordsLeft - acceptedFraction * offeredKinesis)
            bytesLeft = max(0, bytesLeft - acceptedFraction * offeredBytes)
            var acceptedUsers = 0.0
            var throttledKinesisHere = 0.0
            for producer in flow.producers.indices {
                let recipe = recipes[producer]
                let first = massFactor * flow.firstMassBySubtick[producer * flow.subticksPerWindow + subtick]
                    * flow.producers[producer].shareByShard[shard]
                let maxAttempts = flow.producers[producer].shape.maxAttempts
                var accepted = 0.0
                var attempted = 0.0
                var throttled = 0.0
                // Attempt 1 is this subtick's new records; attempts 2... come from the ring.
                for attempt in 1...max(1, maxAttempts) {
                    var mass: Double
                    if attempt == 1 {
                        mass = first
                    } else {
                        guard !flow.producers[producer].retryRings[shard].isEmpty else { break }
                        let index = (attempt - 2) * ringLength + slot
                        mass = flow.producers[producer].retryRings[shard][index]
                        guard mass > 0 else { continue }
                        flow.producers[producer].retryRings[shard][index] = 0
                        flow.producers[producer].retryPendingByShard[shard] -= mass
                    }
                    guard mass > 0 else { continue }
                    let acceptedHere = mass * acceptedFraction
                    accepted += acceptedHere
                    attempted += mass
                    noteFlowLatency(&flow.producers[producer], attempt: attempt, acceptedUserRecords: acceptedHere,
                                    userRecordsPerSecond: producerMass[producer] / windowSeconds, recipe: recipe,
                                    userRecordsPerSecondOnShard: producerMass[producer]
                                        * flow.producers[producer].shareByShard[shard] / windowSeconds)
                    let (extraAttempts, extraThrottled) = throttleFlowMass(
                        &flow.producers[producer], shard: shard, mass: mass - acceptedHere, attempt: attempt,
                        absoluteSubtick: absoluteSubtick, ringLength: ringLength)
                    attempted += extraAttempts
                    throttled += mass - acceptedHere + extraThrottled
                }
                if flow.producers[producer].retryPendingByShard[shard] < FlowModel.negligibleMass {
                    flow.producers[producer].retryPendingByShard[shard] = 0
                }
                flow.producers[producer].totals.recordsSucceeded += accepted
                flow.producers[producer].totals.userRecordAttempts += attempted
                flow.producers[producer].totals.userRecordAttemptsThrottled += throttled
                kinesisAttempts[producer] += attempted * recipe.kinesisPerUserRecord
                kinesisThrottled[producer] += throttled * recipe.kinesisPerUserRecord
                throttledKinesisHere += throttled * recipe.kinesisPerUserRecord
                outcome.offeredRecords += attempted * recipe.kinesisPerUserRecord
                outcome.offeredBytes += attempted * recipe.kinesisPerUserRecord * recipe.bytesPerKinesisRecord
                outcome.putPayloadUnits += accepted * recipe.kinesisPerUserRecord * recipe.putUnitsPerKinesisRecord
                outcome.onDemandBilledBytes += accepted * recipe.kinesisPerUserRecord * recipe.billedBytesPerKinesisRecord
                outcome.firehoseBilledBytes += accepted * recipe.kinesisPerUserRecord * recipe.firehoseBilledBytesPerKinesisRecord
                acceptedUsers += accepted
            }
            outcome.throttledRecords += throttledKinesisHere
            let acceptedKinesis = acceptedFraction * offeredKinesis
            let acceptedBytes = acceptedFraction * offeredBytes
            outcome.acceptedRecords += acceptedKinesis
            outcome.acceptedBytes += acceptedBytes
            if acceptedKinesis > 0 {
                let from = start + Int64(subtick) * flow.subtickNanoseconds
                appendFlowRun(&flow, shard: shard, from: from, to: min(from + flow.subtickNanoseconds, end),
                              kinesisRecords: acceptedKinesis, userRecords: acceptedUsers, bytes: acceptedBytes)
            }
        }
    }

    /// Sends throttled mass back through the retry kernel, or fails it after the last attempt. A share landing in
    /// the same subtick meets a full shard and is throttled again at once; returns those extra attempts.
    private func throttleFlowMass(_ producer: inout FlowProducer, shard: Int, mass: Double, attempt: Int,
                                  absoluteSubtick: Int64, ringLength: Int) -> (attempts: Double, throttled: Double) {
        var mass = mass
        var attempt = attempt
        var extraAttempts = 0.0
        let maxAttempts = producer.shape.maxAttempts
        // Each pass moves to the next attempt; bounded by maxAttempts.
        while mass > 0 {
            guard attempt < maxAttempts else {
                producer.totals.recordsFailed += mass
                break
            }
            let kernel = producer.retryKernels[attempt - 1]
            if producer.retryRings[shard].isEmpty {
                producer.retryRings[shard] = Array(repeating: 0, count: (maxAttempts - 1) * ringLength)
            }
            let base = (attempt - 1) * ringLength
            var placed = 0.0
            for offset in 1..<ringLength where kernel[offset] > 0 {
                let share = mass * kernel[offset]
                producer.retryRings[shard][base + Int((absoluteSubtick + Int64(offset)) % Int64(ringLength))] += share
                placed += share
            }
            producer.retryPendingByShard[shard] += placed
            let immediate = mass * kernel[0]
            extraAttempts += immediate
            mass = immediate
            attempt += 1
        }
        return (extraAttempts, extraAttempts)
    }

    /// Notes accepted user records for the put-latency histogram: their wait in the collection buffer (less when
    /// the buffer fills first) is gathered per attempt over the window and recorded once per window by
    /// `recordFlowLatency`, so the histogram costs per producer, not per shard.
    private func noteFlowLatency(_ producer: inout FlowProducer, attempt: Int, acceptedUserRecords: Double,
                                 userRecordsPerSecond: Double, recipe: FlowRecipe, userRecordsPerSecondOnShard: Double) {
        guard acceptedUserRecords > 0, attempt <= producer.windowAcceptedByAttempt.count else { return }
        let shape = producer.shape
        var bufferWait = Double(producer.maxBufferedNanoseconds)
        if shape.aggregates {
            // An aggregate collects for up to about 1.5 × the buffered time (see `recipe`), less when it fills first.
            let perAggregate = 1 / recipe.kinesisPerUserRecord
            bufferWait = min(1.5 * bufferWait, userRecordsPerSecondOnShard > 0 ? perAggregate / userRecordsPerSecondOnShard * 1e9 : bufferWait)
        } else if shape.usesPutRecords, userRecordsPerSecond > 0 {
            bufferWait = min(bufferWait, shape.maxRecordsPerRequest / userRecordsPerSecond * 1e9)
        }
        producer.windowAcceptedByAttempt[attempt - 1] += acceptedUserRecords
        producer.windowBufferWaitByAttempt[attempt - 1] += acceptedUserRecords * bufferWait
    }

    /// Records the window's accepted user records: the buffering wait spread evenly over its length, the request
    /// latency of every attempt, and the expected backoffs before the attempt; fractions carry to later windows.
    private mutating func recordFlowLatency(_ producer: inout FlowProducer, producerIndex: Int) {
        let points = FlowModel.latencyPointCount
        for attemptIndex in producer.windowAcceptedByAttempt.indices where producer.windowAcceptedByAttempt[attemptIndex] > 0 {
            let accepted = producer.windowAcceptedByAttempt[attemptIndex]
            let bufferWait = producer.windowBufferWaitByAttempt[attemptIndex] / accepted
            producer.windowAcceptedByAttempt[attemptIndex] = 0
            producer.windowBufferWaitByAttempt[attemptIndex] = 0
            var retryDelay = Double(attemptIndex + 1) * Double(configuration.assumptions.putRequestLatencyNanoseconds)
            for earlier in 0..<attemptIndex where earlier < producer.meanBackoffNanoseconds.count {
                retryDelay += producer.meanBackoffNanoseconds[earlier]
            }
            for point in 0..<points {
                let carryIndex = attemptIndex * points + point
                producer.latencyCarry[carryIndex] += accepted / Double(points)
                let whole = producer.latencyCarry[carryIndex].rounded(.down)
                guard whole >= 1 else { continue }
                producer.latencyCarry[carryIndex] -= whole
                let wait = bufferWait * (Double(point) + 0.5) / Double(points)
                producers[producerIndex].statistics.putLatency.record(Int64(wait + retryDelay), count: Int64(whole))
            }
        }
    }

    /// Requests the window's Kinesis records went in (one per record for PutRecord; up to the collection limits
    /// per buffered time otherwise), and those with a throttled record.
    private func countFlowRequests(_ producer: inout FlowProducer, kinesisAttempts: Double, kinesisThrottled: Double,
                                   windowSeconds: Double) {
        guard kinesisAttempts > 0 else { return }
        producer.totals.kinesisRecordAttempts += kinesisAttempts
        producer.totals.kinesisRecordAttemptsThrottled += kinesisThrottled
        let shape = producer.shape
        var perRequest = 1.0
        if shape.usesPutRecords {
            let perBuffer = kinesisAttempts / windowSeconds * shape.maxBufferedSeconds
            perRequest = min(shape.maxRecordsPerRequest, max(1, perBuffer))
        }
        let requests = kinesisAttempts / perRequest
        producer.totals.requestsSent += requests
        let throttledFraction = min(1, kinesisThrottled / kinesisAttempts)
        if throttledFraction > 0 {
            let withFailure = 1 - pow(1 - throttledFraction, perRequest)
            producer.totals.requestsWithFailedRecords += requests * withFailure
        }
    }

    /// Adds accepted mass to a shard's log as a run spread over [from, to), in whole records.
    private mutating func appendFlowRun(_ flow: inout FlowWritePath, shard: Int, from: Int64, to: Int64,
                                        kinesisRecords: Double, userRecords: Double, bytes: Double) {
        guard hasConsumers, kinesisRecords > 0 else { return }
        while flow.logCarries.count <= shard { flow.logCarries.append(FlowLogCarry()) }
        let jitter = flow.arrivesInLumps && flow.isPoisson ? flow.lumpRandom.nextUnitDouble() * 2 - 1 : 0
        let due = flow.logCarries[shard].add(kinesisRecords: kinesisRecords, userRecords: userRecords, bytes: bytes,
                                             jitter: jitter)
        guard due.kinesisRecords > 0 else { return }
        // Producers that collect records send them in requests once per buffered time, so a shard takes them
        // in lumps, which readers and Lambda batches see; one-record PutRecord calls arrive spread out.
        // A lump lands at a random point of its subtick (the producers' buffers do not line up with subticks).
        let lumpAt = from + Int64(flow.lumpRandom.nextInt(below: UInt64(max(1, to - from))))
        let first = flow.arrivesInLumps ? lumpAt : from
        logs[shard].appendSpread(from: first, through: flow.arrivesInLumps ? lumpAt : max(from, to - 1), kinesisRecords: due.kinesisRecords,
                                 userRecords: due.userRecords, bytes: due.bytes)
        wakeEnhancedConsumers(shard: shard, acceptedAt: first)
    }

    /// After a layout change: new shares per shard, and retries waiting for a closed shard moved to the shards
    /// its keys now route to.
    private mutating func rerouteFlow(_ flow: inout FlowWritePath) {
        let shardCount = layout.shards.count
        for producer in flow.producers.indices {
            flow.producers[producer].route(keys: producers[producer].keys, shardCount: shardCount)
            for closed in 0..<shardCount where layout.shards[closed].status == .closed
                && flow.producers[producer].retryPendingByShard[closed] > 0 {
                moveFlowRetries(&flow.producers[producer], from: closed)
            }
        }
        flow.sharesComputedForShardCount = shardCount
    }

    /// Moves a closed shard's waiting retries to its open descendants, by the producer's share on each.
    private func moveFlowRetries(_ producer: inout FlowProducer, from closed: Int) {
        var targets: [Int] = []
        var frontier = [closed]
        // Walks down the family tree; bounded by the shard count, since children always have higher numbers.
        while let parent = frontier.popLast() {
            for child in layout.shards.indices where layout.shards[child].parentIndices.contains(parent) {
                if layout.shards[child].status == .open { targets.append(child) } else { frontier.append(child) }
            }
        }
        if targets.isEmpty { targets = layout.openShardIndices.map(Int.init) }
        var weights = targets.map { producer.shareByShard[$0] }
        var total = weights.reduce(0, +)
        if total <= 0 {
            weights = targets.map { _ in 1 }
            total = Double(targets.count)
        }
        let ring = producer.retryRings[closed]
        for (target, weight) in zip(targets, weights) where weight > 0 {
            if producer.retryRings[target].isEmpty { producer.retryRings[target] = Array(repeating: 0, count: ring.count) }
            for index in ring.indices where ring[index] > 0 {
                producer.retryRings[target][index] += ring[index] * weight / total
            }
            producer.retryPendingByShard[target] += producer.retryPendingByShard[closed] * weight / total
        }
        producer.retryRings[closed] = []
        producer.retryPendingByShard[closed] = 0
    }

    /// Ends a flow run: the ledger's open seconds, and each producer's totals as whole records.
    mutating func finishFlow() {
        ledger.finishFlow()
        guard let flow else { return }
        for (index, producer) in flow.producers.enumerated() {
            let totals = producer.totals
            var statistics = producers[index].statistics
            statistics.recordsAttempted = Int64(totals.recordsAttempted.rounded())
            statistics.recordsFailed = Int64(totals.recordsFailed.rounded())
            statistics.recordsSucceeded = min(statistics.recordsAttempted - statistics.recordsFailed,
                                              Int64(totals.recordsSucceeded.rounded()))
            statistics.userRecordAttempts = Int64(totals.userRecordAttempts.rounded())
            statistics.userRecordAttemptsThrottled = Int64(totals.userRecordAttemptsThrottled.rounded())
            statistics.kinesisRecordAttempts = Int64(totals.kinesisRecordAttempts.rounded())
            statistics.kinesisRecordAttemptsThrottled = Int64(totals.kinesisRecordAttemptsThrottled.rounded())
            statistics.requestsSent = Int64(totals.requestsSent.rounded())
            statistics.requestsWithFailedRecords = Int64(totals.requestsWithFailedRecords.rounded())
            producers[index].statistics = statistics
        }
    }

    /// Flow fidelity: user records created but neither accepted nor given up by the end (retries waiting).
    func flowRecordsInFlight(producer index: Int) -> Int64 {
        let statistics = producers[index].statistics
        return statistics.recordsAttempted - statistics.recordsSucceeded - statistics.recordsFailed
    }
}

extension RateProfile {
    /// Expected records over [from, to): the rate integrated over the profile's constant segments.
    func records(from: Int64, to: Int64, baseRecordsPerSecond: Double) -> Double {
        var time = from
        var records = 0.0
        // Each pass ends a segment; bounded by the segments within [from, to).
        while time < to {
            let segment = self.segment(containing: time, baseRecordsPerSecond: baseRecordsPerSecond)
            let end = min(segment.endNanoseconds, to)
            records += segment.recordsPerSecond * Double(end - time) / 1e9
            time = end
        }
        return records
    }
}
