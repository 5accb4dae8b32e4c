import ShardSimEngine

extension FlowWritePath {
    /// Computes the accounting window that starts at `start` on every open shard of `layout`: adds each shard's
    /// outcome to `ledger`, each producer's put latencies to its runtime's histogram, and leaves the accepted
    /// runs in `acceptedRuns`. Returns when the next window starts, or nil when this one reaches the horizon.
    ///
    /// `producers` are the runtimes `init` was given (their keys' routes after a layout change; their statistics).
    mutating func runWindow(
        startingAt start: Int64, layout: ShardLayout, producers runtimes: inout [ProducerRuntime],
        ledger: inout ShardWriteLedger
    ) -> Int64? {
        if sharesComputedForShardCount != layout.shards.count { reroute(layout: layout, producers: runtimes) }
        beginWindowOutputs()
        let end = min(start + windowNanoseconds, horizonNanoseconds)
        let span = FlowWindowSpan(
            start: start, end: end,
            subticks: Int((end - start + subtickNanoseconds - 1) / subtickNanoseconds),
            firstSubtick: start / subtickNanoseconds, seconds: nanosecondsToSeconds(end - start))
        offerFirstAttempts(span)
        for producer in producers.indices {
            scratch.kinesisAttempts[producer] = 0
            scratch.kinesisThrottled[producer] = 0
        }
        for shardIndex in layout.openShardIndices {
            let shard = Int(shardIndex)
            let outcome = solveShard(shard, span: span)
            ledger.addFlowWindow(shard: shard, startNanoseconds: start, outcome: outcome)
            notePeak(outcome)
        }
        for producer in producers.indices {
            producers[producer].recordWindowLatency(
                putRequestLatencyNanoseconds: putRequestLatencyNanoseconds,
                into: &runtimes[producer].statistics.putLatency)
            producers[producer].countRequests(
                kinesisAttempts: scratch.kinesisAttempts[producer],
                kinesisThrottled: scratch.kinesisThrottled[producer],
                windowSeconds: span.seconds)
        }
        countDuplicates(windowStart: start, producers: &runtimes)
        checkInvariants()
        return end < horizonNanoseconds ? end : nil
    }

    /// First-attempt user records of each producer in each subtick of the window, counted as attempted.
    private mutating func offerFirstAttempts(_ span: FlowWindowSpan) {
        for producer in producers.indices {
            let configuration = producers[producer].configuration
            var sum = 0.0
            for subtick in 0..<span.subticks {
                let from = span.start + Int64(subtick) * subtickNanoseconds
                let mass =
                    configuration.rateProfile.records(
                        from: from, to: min(from + subtickNanoseconds, span.end),
                        baseRecordsPerSecond: configuration.recordsPerSecond) * producers[producer].massPerRecord
                scratch.firstMassBySubtick[producer * subticksPerWindow + subtick] = mass
                sum += mass
            }
            scratch.producerMass[producer] = sum
            producers[producer].totals.recordsAttempted += sum
            let shape = producers[producer].shape
            scratch.batchCycles[producer] = FlowBatchCycle.of(
                shape: shape, userRecordsPerSecond: sum / span.seconds,
                bytesPerUserRecord: producers[producer].meanDataBytes
                    + (shape.aggregates ? producers[producer].aggregationOverheadBytesPerUserRecord : 0),
                windowSeconds: span.seconds)
            advanceBatchPhase(producer: producer)
        }
    }

    /// One shard's window: in one step when it is within its limits with no retries due, else subtick by subtick.
    private mutating func solveShard(_ shard: Int, span: FlowWindowSpan) -> FlowWindowOutcome {
        // The scratch array is moved out while it is filled, so appending never copies it.
        var recipes = scratch.recipes
        scratch.recipes = []
        recipes.removeAll(keepingCapacity: true)
        var offeredRecords = 0.0
        var offeredBytes = 0.0
        var retriesDue = false
        for producer in producers.indices {
            let share = producers[producer].shareByShard[shard]
            let recipe = producers[producer].recipe(
                shard: shard,
                userRecordsPerSecond: scratch.producerMass[producer] * share / span.seconds)
            recipes.append(recipe)
            let kinesis = scratch.producerMass[producer] * share * recipe.kinesisPerUserRecord
            offeredRecords += kinesis
            offeredBytes += kinesis * recipe.bytesPerKinesisRecord
            if producers[producer].retryPendingByShard[shard] > FlowModel.negligibleMass { retriesDue = true }
        }
        let allowance = bytesAllowance(shard: shard, recipes: recipes, meanKinesisBytes: offeredBytes / offeredRecords)
        let massFactor = drawMassFactor(
            shard: shard, span: span, recipes: recipes, bytesAllowance: allowance,
            offeredRecords: &offeredRecords, offeredBytes: &offeredBytes)
        var outcome = FlowWindowOutcome()
        if !retriesDue && offeredRecords <= recordsPerWindow && offeredBytes <= allowance {
            acceptWholeWindow(shard: shard, span: span, massFactor: massFactor, recipes: recipes, outcome: &outcome)
            outcome.offeredRecords = offeredRecords
            outcome.offeredBytes = offeredBytes
            outcome.acceptedRecords = offeredRecords
            outcome.acceptedBytes = offeredBytes
            if writesLogs { logWholeWindow(shard: shard, span: span, massFactor: massFactor, recipes: recipes) }
        } else {
            runSubticks(
                shard: shard, span: span, massFactor: massFactor, recipes: recipes, bytesAllowance: allowance,
                outcome: &outcome)
        }
        scratch.recipes = recipes
        return outcome
    }

    /// Arrivals are random: a window's count on a shard varies around its mean, and near the limits that
    /// variation is what throttles. Draws the window's offered records and bytes as one normal factor and returns
    /// it; its relative spread is that of the limit nearer in standard deviations (`offeredSpread` gives both:
    /// records and bytes vary together, and only the binding one throttles). Far from both limits (mean + 6 σ
    /// below) no draw can matter, so none is made (factor 1).
    private mutating func drawMassFactor(
        shard: Int, span: FlowWindowSpan, recipes: [FlowRecipe], bytesAllowance: Double,
        offeredRecords: inout Double, offeredBytes: inout Double
    ) -> Double {
        let spread = offeredSpread(
            producerMass: scratch.producerMass, shard: shard, recipes: recipes,
            windowSeconds: span.seconds)
        let recordsDeviation = spread.recordsVariance.squareRoot()
        let bytesDeviation = spread.bytesVariance.squareRoot()
        guard
            offeredRecords > 0 && offeredBytes > 0 && recordsDeviation > 0
                && (offeredRecords + 6 * recordsDeviation + spread.largestBoundaryRecords >= recordsPerWindow
                    || (offeredBytes + 6 * bytesDeviation) * (1 + spread.largestBoundaryRecords / offeredRecords)
                        >= bytesAllowance)
        else { return 1 }
        let recordsMargin = (recordsPerWindow - offeredRecords) / recordsDeviation
        let bytesMargin = bytesDeviation > 0 ? (bytesAllowance - offeredBytes) / bytesDeviation : .infinity
        let deviation =
            recordsMargin <= bytesMargin ? recordsDeviation : bytesDeviation * offeredRecords / offeredBytes
        let massFactor = max(
            0, 1 + (spread.boundaryRecords + deviation * lumpRandom.standardNormal()) / offeredRecords)
        offeredRecords *= massFactor
        offeredBytes *= massFactor
        for producer in producers.indices {
            producers[producer].totals.recordsAttempted +=
                (massFactor - 1) * scratch.producerMass[producer] * producers[producer].shareByShard[shard]
        }
        return massFactor
    }

    /// A shard within its limits with no retries due takes the whole window in one step.
    private mutating func acceptWholeWindow(
        shard: Int, span: FlowWindowSpan, massFactor: Double, recipes: [FlowRecipe],
        outcome: inout FlowWindowOutcome
    ) {
        for producer in producers.indices {
            let users = massFactor * scratch.producerMass[producer] * producers[producer].shareByShard[shard]
            guard users > 0 else { continue }
            let recipe = recipes[producer]
            let kinesis = users * recipe.kinesisPerUserRecord
            producers[producer].totals.recordsSucceeded += users
            producers[producer].totals.userRecordAttempts += users
            scratch.kinesisAttempts[producer] += kinesis
            outcome.putPayloadUnits += kinesis * recipe.putUnitsPerKinesisRecord
            outcome.onDemandBilledBytes += kinesis * recipe.billedBytesPerKinesisRecord
            outcome.firehoseBilledBytes += kinesis * recipe.firehoseBilledBytesPerKinesisRecord
            producers[producer].noteAccepted(
                attempt: 1, userRecords: users,
                userRecordsPerSecond: scratch.producerMass[producer] / span.seconds,
                recipe: recipe, userRecordsPerSecondOnShard: users / span.seconds)
        }
    }

    /// The one-step window's accepted mass as log runs, one per subtick, as the producers offered it.
    private mutating func logWholeWindow(shard: Int, span: FlowWindowSpan, massFactor: Double, recipes: [FlowRecipe]) {
        for subtick in 0..<span.subticks {
            var users = 0.0
            var kinesis = 0.0
            var bytes = 0.0
            for producer in producers.indices {
                let mass =
                    massFactor * scratch.firstMassBySubtick[producer * subticksPerWindow + subtick]
                    * producers[producer].shareByShard[shard]
                users += mass
                kinesis += mass * recipes[producer].kinesisPerUserRecord
                bytes += mass * recipes[producer].kinesisPerUserRecord * recipes[producer].bytesPerKinesisRecord
            }
            let from = span.start + Int64(subtick) * subtickNanoseconds
            logRun(
                shard: shard, from: from, to: min(from + subtickNanoseconds, span.end),
                kinesisRecords: kinesis, userRecords: users, bytes: bytes)
        }
    }

    /// A window with throttling or retries due on `shard`: subtick by subtick, first come first served.
    private mutating func runSubticks(
        shard: Int, span: FlowWindowSpan, massFactor: Double, recipes: [FlowRecipe], bytesAllowance: Double,
        outcome: inout FlowWindowOutcome
    ) {
        var recordsLeft = recordsPerWindow
        var bytesLeft = bytesAllowance
        for subtick in 0..<span.subticks {
            let absoluteSubtick = span.firstSubtick + Int64(subtick)
            let slot = Int(absoluteSubtick % Int64(ringLength))
            var offeredKinesis = 0.0
            var offeredBytes = 0.0
            for producer in producers.indices {
                let first =
                    massFactor * scratch.firstMassBySubtick[producer * subticksPerWindow + subtick]
                    * producers[producer].shareByShard[shard]
                let kinesis =
                    producers[producer].userRecordsDue(shard: shard, slot: slot, firstAttempts: first)
                    * recipes[producer].kinesisPerUserRecord
                offeredKinesis += kinesis
                offeredBytes += kinesis * recipes[producer].bytesPerKinesisRecord
            }
            guard offeredKinesis > 0 else { continue }
            let acceptedFraction = min(1, recordsLeft / offeredKinesis, bytesLeft / offeredBytes)
            recordsLeft = max(0, recordsLeft - acceptedFraction * offeredKinesis)
            bytesLeft = max(0, bytesLeft - acceptedFraction * offeredBytes)
            let acceptedUsers = settleSubtick(
                shard: shard, span: span, subtick: subtick, slot: slot, massFactor: massFactor,
                acceptedFraction: acceptedFraction, recipes: recipes, outcome: &outcome)
            let acceptedKinesis = acceptedFraction * offeredKinesis
            let acceptedBytes = acceptedFraction * offeredBytes
            outcome.acceptedRecords += acceptedKinesis
            outcome.acceptedBytes += acceptedBytes
            if acceptedKinesis > 0 && writesLogs {
                let from = span.start + Int64(subtick) * subtickNanoseconds
                logRun(
                    shard: shard, from: from, to: min(from + subtickNanoseconds, span.end),
                    kinesisRecords: acceptedKinesis, userRecords: acceptedUsers, bytes: acceptedBytes)
            }
        }
    }

    /// Every producer's attempts due on `shard` in one subtick, `acceptedFraction` of each accepted and the rest
    /// throttled; books them in the producers' totals and `outcome`. Returns the user records accepted.
    private mutating func settleSubtick(
        shard: Int, span: FlowWindowSpan, subtick: Int, slot: Int, massFactor: Double,
        acceptedFraction: Double, recipes: [FlowRecipe],
        outcome: inout FlowWindowOutcome
    ) -> Double {
        var acceptedUsers = 0.0
        var throttledKinesisHere = 0.0
        for producer in producers.indices {
            let recipe = recipes[producer]
            let share = producers[producer].shareByShard[shard]
            let first = massFactor * scratch.firstMassBySubtick[producer * subticksPerWindow + subtick] * share
            let settled = producers[producer].settle(
                shard: shard, firstAttempts: first, slot: slot, absoluteSubtick: span.firstSubtick + Int64(subtick),
                acceptedFraction: acceptedFraction, recipe: recipe,
                userRecordsPerSecond: scratch.producerMass[producer] / span.seconds,
                userRecordsPerSecondOnShard: scratch.producerMass[producer] * share / span.seconds)
            let (accepted, attempted, throttled) = (settled.accepted, settled.attempted, settled.throttled)
            producers[producer].totals.recordsSucceeded += accepted
            producers[producer].totals.userRecordAttempts += attempted
            producers[producer].totals.userRecordAttemptsThrottled += throttled
            scratch.kinesisAttempts[producer] += attempted * recipe.kinesisPerUserRecord
            scratch.kinesisThrottled[producer] += throttled * recipe.kinesisPerUserRecord
            throttledKinesisHere += throttled * recipe.kinesisPerUserRecord
            outcome.offeredRecords += attempted * recipe.kinesisPerUserRecord
            outcome.offeredBytes += attempted * recipe.kinesisPerUserRecord * recipe.bytesPerKinesisRecord
            outcome.putPayloadUnits += accepted * recipe.kinesisPerUserRecord * recipe.putUnitsPerKinesisRecord
            outcome.onDemandBilledBytes += accepted * recipe.kinesisPerUserRecord * recipe.billedBytesPerKinesisRecord
            outcome.firehoseBilledBytes +=
                accepted * recipe.kinesisPerUserRecord * recipe.firehoseBilledBytesPerKinesisRecord
            acceptedUsers += accepted
        }
        outcome.throttledRecords += throttledKinesisHere
        return acceptedUsers
    }

    /// Adds accepted mass to a shard's log carry; the whole records now due become a run in `acceptedRuns`,
    /// spread over [from, to).
    private mutating func logRun(
        shard: Int, from: Int64, to: Int64, kinesisRecords: Double, userRecords: Double,
        bytes: Double
    ) {
        guard kinesisRecords > 0 else { return }
        while logCarries.count <= shard { logCarries.append(FlowLogCarry()) }
        let jitter = arrivesInLumps && isPoisson ? lumpRandom.nextUnitDouble() * 2 - 1 : 0
        let due = logCarries[shard].add(
            kinesisRecords: kinesisRecords, userRecords: userRecords, bytes: bytes, jitter: jitter)
        guard due.kinesisRecords > 0 else { return }
        // Producers that collect records send them in requests once per buffered time, so a shard takes them
        // in lumps, which readers and Lambda batches see; one-record PutRecord calls arrive spread out.
        // A lump lands at a random point of its subtick (the producers' buffers do not line up with subticks).
        let lumpAt = from + Int64(lumpRandom.nextInt(below: UInt64(max(1, to - from))))
        let first = arrivesInLumps ? lumpAt : from
        appendRun(
            FlowAcceptedRun(
                shard: shard, firstAcceptedAt: first, lastAcceptedAt: arrivesInLumps ? lumpAt : max(from, to - 1),
                kinesisRecords: due.kinesisRecords, userRecords: due.userRecords, bytes: due.bytes))
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
            records += accrued(perSecond: segment.recordsPerSecond, overNanoseconds: end - time)
            time = end
        }
        return records
    }
}
