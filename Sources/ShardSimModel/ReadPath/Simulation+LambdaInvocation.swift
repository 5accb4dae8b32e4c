import ShardSimEngine

extension Simulation {
    /// Starts one invocation on `slot`: drops records past their maximum age (or retention), then runs the
    /// function for base + perRecord × records.
    mutating func startInvocation(slot: Int, batch: LambdaBatch, at time: Int64) {
        var batch = batch
        let consumerSlot = Int(lambdaSlots[slot].consumerSlot)
        let consumerIndex = Int(consumerSlots[consumerSlot].consumerIndex)
        let lambda = lambdaConfiguration(consumerSlot: consumerSlot)
        let maximumAge = lambda.maximumRecordAgeNanoseconds >= 0 ? lambda.maximumRecordAgeNanoseconds : retentionNanoseconds
        consumers[consumerIndex].statistics.recordsFailed += batch.dropRecords(acceptedBefore: time - maximumAge)
        guard batch.userRecords > 0 else { return }
        // Lambda bills at least 1 ms, and an invocation takes time: never zero, so retries always move the clock.
        let duration = max(1_000_000, lambda.durationBaseNanoseconds + lambda.durationPerRecordNanoseconds * batch.userRecords)
        batch.willFail = !batch.poisonPositions.isEmpty
            || (lambda.functionErrorRate > 0 && consumers[consumerIndex].random.nextUnitDouble() < lambda.functionErrorRate)
        lambdaSlots[slot].current = batch
        lambdaSlots[slot].invokedAt = time
        consumers[consumerIndex].statistics.invocations += 1
        consumers[consumerIndex].statistics.billedDurationMilliseconds += (duration + 999_999) / 1_000_000
        // Lambda's IteratorAge: the age of the batch's last record when the function is invoked (LK).
        let age = max(0, time - (batch.pieces.last?.lastAcceptedAt ?? time))
        consumers[consumerIndex].statistics.maxIteratorAgeNanoseconds =
            max(consumers[consumerIndex].statistics.maxIteratorAgeNanoseconds, age)
        consumers[consumerIndex].statistics.iteratorAgeSeries.observe(Double(age) / 1e6, at: time)
        lambdaRunningByConsumer[consumerIndex] += 1
        consumers[consumerIndex].statistics.concurrentExecutionsPeak =
            max(consumers[consumerIndex].statistics.concurrentExecutionsPeak, lambdaRunningByConsumer[consumerIndex])
        queue.schedule(at: time + duration, kind: EventKind.lambdaDone.rawValue, target: Int32(slot))
    }

    /// An invocation ends: success delivers the batch; failure retries it (or its halves, when bisecting)
    /// on the same slot, which stays blocked meanwhile, as on AWS.
    mutating func finishInvocation(slot: Int, at time: Int64) {
        guard let batch = lambdaSlots[slot].current else { preconditionFailure("no invocation on slot \(slot)") }
        lambdaSlots[slot].current = nil
        let consumerSlot = Int(lambdaSlots[slot].consumerSlot)
        let consumerIndex = Int(consumerSlots[consumerSlot].consumerIndex)
        let lambda = lambdaConfiguration(consumerSlot: consumerSlot)
        lambdaRunningByConsumer[consumerIndex] -= 1
        if !batch.willFail {
            consumers[consumerIndex].recordLatency(batch.pieces, processingStartsAt: time, perRecordNanoseconds: 0)
            consumers[consumerIndex].statistics.recordsDelivered += batch.userRecords
            consumers[consumerIndex].statistics.bytesDelivered += batch.bytes
        } else {
            consumers[consumerIndex].statistics.functionErrors += 1
            if lambda.bisectBatchOnFunctionError && batch.userRecords > 1 {
                let (first, second) = batch.bisected()
                lambdaSlots[slot].pending.insert(contentsOf: [first, second], at: 0)
            } else {
                var retried = batch
                retried.retries += 1
                if lambda.maximumRetryAttempts >= 0 && retried.retries > lambda.maximumRetryAttempts {
                    consumers[consumerIndex].statistics.recordsFailed += batch.userRecords
                } else {
                    lambdaSlots[slot].pending.insert(retried, at: 0)
                }
            }
        }
        invokeReadyBatches(consumerSlot: consumerSlot, at: time)
    }

    /// The batching window of a shard's buffer has run out: invoke what is there.
    mutating func lambdaWindowExpired(consumerSlot: Int, at time: Int64) {
        lambdaShards[consumerSlot].isWindowCheckScheduled = false
        invokeReadyBatches(consumerSlot: consumerSlot, at: time)
    }
}
