import ShardSimEngine

extension LambdaMappings {
    /// Hands a batch to `slot`: it runs at once when the function's concurrency pool has room and nobody is
    /// queued before it, else it waits for a running invocation to end (the slot stays busy meanwhile).
    mutating func startInvocation(
        slot: Int, batch: consuming LambdaBatch, at time: Int64,
        consumers: inout [ConsumerRuntime], context: inout SimulationContext
    ) {
        let pool = Int(poolByConsumer[Int(shards[Int(slots[slot].consumerSlot)].consumerIndex)])
        slots[slot].current = consume batch
        slots[slot].invokedAt = time
        if pools[pool].running >= pools[pool].limit || pools[pool].hasWaiting {
            slots[slot].isWaitingForConcurrency = true
            pools[pool].waiting.append(Int32(slot))
            return
        }
        beginInvocation(slot: slot, at: time, consumers: &consumers, context: &context)
    }

    /// Runs the slot's batch: drops records past their maximum age (or retention), decides how the function
    /// ends, and runs it for base + perRecord × user records. Returns false when nothing was left to run.
    @discardableResult
    mutating func beginInvocation(
        slot: Int, at time: Int64, consumers: inout [ConsumerRuntime], context: inout SimulationContext
    ) -> Bool {
        // Taken out of the slot (not copied) while it is worked on, and put back below.
        guard var batch = slots[slot].current.take() else { preconditionFailure("no batch on slot \(slot)") }
        let consumerSlot = Int(slots[slot].consumerSlot)
        let consumerIndex = Int(shards[consumerSlot].consumerIndex)
        let lambda = lambdaConfiguration(consumerSlot: consumerSlot)
        let envelope = context.assumptions.lambdaEventRecordEnvelopeBytes
        if slots[slot].isWaitingForConcurrency {
            slots[slot].isWaitingForConcurrency = false
            consumers[consumerIndex].statistics.noteConcurrencyWait(time - slots[slot].invokedAt)
        }
        let hasAgeLimit = lambda.maximumRecordAgeNanoseconds >= 0
        let maximumAge = hasAgeLimit ? lambda.maximumRecordAgeNanoseconds : context.retentionNanoseconds
        let dropped = batch.dropRecords(acceptedBefore: time - maximumAge, envelopeBytes: envelope)
        if dropped > 0 {
            // Past MaximumRecordAgeInSeconds, Lambda discards the records (to the on-failure destination, if any);
            // past retention they have simply expired.
            consumers[consumerIndex].statistics.noteDiscarded(
                dropped, toDestination: hasAgeLimit && lambda.hasOnFailureDestination)
        }
        // Nothing left: the slot stays empty.
        guard batch.kinesisRecords > 0 else { return false }
        if batch.isResent { consumers[consumerIndex].statistics.recordsRetried += batch.userRecords }
        // Lambda bills at least 1 ms, and an invocation takes time: never zero, so retries always move the clock.
        let duration = max(
            1_000_000, lambda.durationBaseNanoseconds + lambda.durationPerRecordNanoseconds * batch.userRecords)
        if let poison = batch.firstPoisonKinesisRecord() {
            // With partial batch response the function reports its first failed record; a failure at the very
            // first record leaves nothing to checkpoint and is handled as a whole-batch failure.
            batch.outcome = lambda.reportsBatchItemFailures && poison > 0 ? .failedFromRecord(poison) : .functionError
        } else if lambda.functionErrorRate > 0
            && consumers[consumerIndex].random.nextUnitDouble() < lambda.functionErrorRate
        {
            batch.outcome = .functionError
        } else {
            batch.outcome = .success
        }
        // Lambda's IteratorAge: the age of the batch's last record when the function is invoked (LK).
        let age = max(0, time - (batch.pieces.last?.lastAcceptedAt ?? time))
        slots[slot].current = consume batch
        slots[slot].invokedAt = time
        consumers[consumerIndex].statistics.invocations += 1
        consumers[consumerIndex].statistics.billedDurationMilliseconds += (duration + 999_999) / 1_000_000
        consumers[consumerIndex].statistics.maxIteratorAgeNanoseconds =
            max(consumers[consumerIndex].statistics.maxIteratorAgeNanoseconds, age)
        consumers[consumerIndex].statistics.iteratorAgeSeries.observe(nanosecondsToMilliseconds(age), at: time)
        pools[Int(poolByConsumer[consumerIndex])].running += 1
        runningByConsumer[consumerIndex] += 1
        consumers[consumerIndex].statistics.concurrentExecutionsPeak =
            max(consumers[consumerIndex].statistics.concurrentExecutionsPeak, runningByConsumer[consumerIndex])
        context.schedule(.lambdaDone, at: time + duration, target: Int32(slot))
        return true
    }

    /// An invocation ends: success delivers the batch; a reported failure delivers the records before it and
    /// retries the rest; a function error retries the batch (or its halves, when bisecting) on the same slot,
    /// which stays blocked meanwhile, as on AWS. Then queued batches get the freed concurrency first.
    mutating func finishInvocation(
        slot: Int, at time: Int64, consumers: inout [ConsumerRuntime], context: inout SimulationContext
    ) {
        // Taken out of the slot, which is left empty: no copy of the batch's arrays to retain and release.
        guard let batch = slots[slot].current.take() else { preconditionFailure("no invocation on slot \(slot)") }
        let consumerSlot = Int(slots[slot].consumerSlot)
        let consumerIndex = Int(shards[consumerSlot].consumerIndex)
        let lambda = lambdaConfiguration(consumerSlot: consumerSlot)
        let envelope = context.assumptions.lambdaEventRecordEnvelopeBytes
        let pool = Int(poolByConsumer[consumerIndex])
        pools[pool].running -= 1
        runningByConsumer[consumerIndex] -= 1
        switch batch.outcome {
        case .success:
            deliverLambdaBatch(batch, to: &consumers[consumerIndex], at: time)
        case .failedFromRecord(let index):
            consumers[consumerIndex].statistics.partialBatchFailures += 1
            var (succeeded, rest) = batch.split(atKinesisRecord: index, envelopeBytes: envelope)
            deliverLambdaBatch(succeeded, to: &consumers[consumerIndex], at: time)
            rest.retries += 1
            retryOrDiscard(rest, slot: slot, consumer: &consumers[consumerIndex], lambda: lambda)
        case .functionError:
            consumers[consumerIndex].statistics.functionErrors += 1
            let willResend =
                (lambda.bisectBatchOnFunctionError && batch.kinesisRecords > 1)
                || lambda.maximumRetryAttempts < 0 || batch.retries + 1 <= lambda.maximumRetryAttempts
            if willResend, let poison = batch.firstPoisonKinesisRecord(), poison > 0 {
                // The function processed the records before the poison one, and gets them again.
                let (processed, _) = batch.split(atKinesisRecord: poison, envelopeBytes: envelope)
                consumers[consumerIndex].statistics.lambda.recordsReprocessed += processed.userRecords
            }
            if lambda.bisectBatchOnFunctionError && batch.kinesisRecords > 1 {
                let (first, second) = batch.bisected(envelopeBytes: envelope)
                slots[slot].pending.insert(contentsOf: [first, second], at: 0)
            } else {
                var retried = batch
                retried.retries += 1
                retryOrDiscard(retried, slot: slot, consumer: &consumers[consumerIndex], lambda: lambda)
            }
        }
        admitWaitingInvocations(pool: pool, at: time, consumers: &consumers, context: &context)
        invokeReadyBatches(consumerSlot: consumerSlot, at: time, consumers: &consumers, context: &context)
    }

    private func deliverLambdaBatch(_ batch: LambdaBatch, to consumer: inout ConsumerRuntime, at time: Int64) {
        consumer.recordLatency(batch.pieces, processingStartsAt: time, perRecordNanoseconds: 0)
        consumer.statistics.recordsDelivered += batch.userRecords
        consumer.statistics.bytesDelivered += batch.bytes
    }

    /// Retries the batch first on its slot, or discards it once MaximumRetryAttempts is spent.
    private mutating func retryOrDiscard(
        _ batch: LambdaBatch, slot: Int, consumer: inout ConsumerRuntime,
        lambda: LambdaMappingSettings
    ) {
        if lambda.maximumRetryAttempts >= 0 && batch.retries > lambda.maximumRetryAttempts {
            consumer.statistics.noteDiscarded(batch.userRecords, toDestination: lambda.hasOnFailureDestination)
        } else {
            var retried = batch
            retried.isResent = true
            slots[slot].pending.insert(retried, at: 0)
        }
    }

    /// Starts queued batches, oldest first, while the pool has room. A batch whose records all aged out
    /// frees its slot, whose shard may then have a new batch (which queues behind any still waiting).
    mutating func admitWaitingInvocations(
        pool: Int, at time: Int64, consumers: inout [ConsumerRuntime], context: inout SimulationContext
    ) {
        // Bounded: each pass removes one waiting slot.
        while pools[pool].running < pools[pool].limit && pools[pool].hasWaiting {
            let slot = Int(pools[pool].popWaiting())
            if !beginInvocation(slot: slot, at: time, consumers: &consumers, context: &context) {
                invokeReadyBatches(
                    consumerSlot: Int(slots[slot].consumerSlot), at: time, consumers: &consumers,
                    context: &context)
            }
        }
    }

    /// The batching window of a shard's buffer has run out: invoke what is there.
    mutating func windowExpired(
        consumerSlot: Int, at time: Int64, consumers: inout [ConsumerRuntime], context: inout SimulationContext
    ) {
        shards[consumerSlot].isWindowCheckScheduled = false
        invokeReadyBatches(consumerSlot: consumerSlot, at: time, consumers: &consumers, context: &context)
    }
}
