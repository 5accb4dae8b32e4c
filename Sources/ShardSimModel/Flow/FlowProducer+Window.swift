import Foundation
import ShardSimEngine

/// What one producer does with its attempts due on a shard in one subtick (`FlowProducer.settle`).
struct FlowSettledAttempts {
    /// User records accepted, attempted (first attempts, retries and same-subtick re-attempts), and throttled.
    var accepted = 0.0
    var attempted = 0.0
    var throttled = 0.0
}

extension FlowProducer {
    /// User records due on `shard` in the subtick at ring `slot`: `firstAttempts` plus the retries landing there.
    @inline(__always)
    func userRecordsDue(shard: Int, slot: Int, firstAttempts: Double) -> Double {
        var users = firstAttempts
        if retryPendingByShard[shard] > 0 {
            let ring = retryRings[shard]
            var attemptBase = 0
            while attemptBase < ring.count {
                users += ring[attemptBase + slot]
                attemptBase += ringLength
            }
        }
        return users
    }

    /// Offers this subtick's attempts on `shard` (attempt 1: `firstAttempts`; attempts 2…: the retry ring's `slot`),
    /// accepts `acceptedFraction` of each and sends the rest back through the retry kernel or fails it.
    mutating func settle(
        shard: Int, firstAttempts: Double, slot: Int, absoluteSubtick: Int64, acceptedFraction: Double,
        recipe: FlowRecipe, userRecordsPerSecond: Double,
        userRecordsPerSecondOnShard: Double
    ) -> FlowSettledAttempts {
        var settled = FlowSettledAttempts()
        // Attempt 1 is this subtick's new records; attempts 2... come from the ring.
        for attempt in 1...max(1, shape.maxAttempts) {
            var mass: Double
            if attempt == 1 {
                mass = firstAttempts
            } else {
                guard !retryRings[shard].isEmpty else { break }
                let index = (attempt - 2) * ringLength + slot
                mass = retryRings[shard][index]
                guard mass > 0 else { continue }
                retryRings[shard][index] = 0
                retryPendingByShard[shard] -= mass
            }
            guard mass > 0 else { continue }
            let acceptedHere = mass * acceptedFraction
            settled.accepted += acceptedHere
            settled.attempted += mass
            noteAccepted(
                attempt: attempt, userRecords: acceptedHere, userRecordsPerSecond: userRecordsPerSecond,
                recipe: recipe, userRecordsPerSecondOnShard: userRecordsPerSecondOnShard)
            let extraAttempts = throttle(
                shard: shard, mass: mass - acceptedHere, attempt: attempt,
                absoluteSubtick: absoluteSubtick)
            settled.attempted += extraAttempts
            settled.throttled += mass - acceptedHere + extraAttempts
        }
        if retryPendingByShard[shard] < FlowModel.negligibleMass { retryPendingByShard[shard] = 0 }
        return settled
    }

    /// Sends throttled mass back through the retry kernel, or fails it after the last attempt. A share landing in
    /// the same subtick meets a full shard and is throttled again at once; returns those extra attempts (each
    /// throttled as well).
    private mutating func throttle(shard: Int, mass: Double, attempt: Int, absoluteSubtick: Int64) -> Double {
        var mass = mass
        var attempt = attempt
        var extraAttempts = 0.0
        let maxAttempts = shape.maxAttempts
        // Each pass moves to the next attempt; bounded by maxAttempts.
        while mass > 0 {
            guard attempt < maxAttempts else {
                totals.recordsFailed += mass
                break
            }
            let kernel = retryKernels[attempt - 1]
            if retryRings[shard].isEmpty {
                retryRings[shard] = Array(repeating: 0, count: (maxAttempts - 1) * ringLength)
            }
            let base = (attempt - 1) * ringLength
            var placed = 0.0
            for offset in 1..<ringLength where kernel[offset] > 0 {
                let share = mass * kernel[offset]
                retryRings[shard][base + Int((absoluteSubtick + Int64(offset)) % Int64(ringLength))] += share
                placed += share
            }
            retryPendingByShard[shard] += placed
            let immediate = mass * kernel[0]
            extraAttempts += immediate
            mass = immediate
            attempt += 1
        }
        return extraAttempts
    }

    /// Notes accepted user records for the put-latency histogram: their wait in the collection buffer (less when
    /// the buffer fills first) is gathered per attempt over the window and recorded once per window by
    /// `recordWindowLatency`, so the histogram costs per producer, not per shard.
    mutating func noteAccepted(
        attempt: Int, userRecords acceptedUserRecords: Double, userRecordsPerSecond: Double,
        recipe: FlowRecipe, userRecordsPerSecondOnShard: Double
    ) {
        guard acceptedUserRecords > 0, attempt <= windowAcceptedByAttempt.count else { return }
        var bufferWait = Double(maxBufferedNanoseconds)
        if shape.aggregates {
            // An aggregate collects for up to about 1.5 × the buffered time (see `recipe`), less when it fills first.
            let perAggregate = 1 / recipe.kinesisPerUserRecord
            bufferWait = min(
                1.5 * bufferWait,
                userRecordsPerSecondOnShard > 0
                    ? secondsToNanoseconds(perAggregate / userRecordsPerSecondOnShard) : bufferWait)
        } else if shape.usesPutRecords, userRecordsPerSecond > 0 {
            bufferWait = min(bufferWait, secondsToNanoseconds(shape.maxRecordsPerRequest / userRecordsPerSecond))
        }
        windowAcceptedByAttempt[attempt - 1] += acceptedUserRecords
        windowBufferWaitByAttempt[attempt - 1] += acceptedUserRecords * bufferWait
    }

    /// Records the window's accepted user records in `histogram`: the buffering wait spread evenly over its
    /// length, the request latency of every attempt, and the expected backoffs before the attempt; fractions
    /// carry to later windows.
    mutating func recordWindowLatency(putRequestLatencyNanoseconds: Int64, into histogram: inout LatencyHistogram) {
        let points = FlowModel.latencyPointCount
        for attemptIndex in windowAcceptedByAttempt.indices where windowAcceptedByAttempt[attemptIndex] > 0 {
            let accepted = windowAcceptedByAttempt[attemptIndex]
            let bufferWait = windowBufferWaitByAttempt[attemptIndex] / accepted
            windowAcceptedByAttempt[attemptIndex] = 0
            windowBufferWaitByAttempt[attemptIndex] = 0
            var retryDelay = Double(attemptIndex + 1) * Double(putRequestLatencyNanoseconds)
            for earlier in 0..<attemptIndex where earlier < meanBackoffNanoseconds.count {
                retryDelay += meanBackoffNanoseconds[earlier]
            }
            for point in 0..<points {
                let carryIndex = attemptIndex * points + point
                latencyCarry[carryIndex] += accepted / Double(points)
                let whole = latencyCarry[carryIndex].rounded(.down)
                guard whole >= 1 else { continue }
                latencyCarry[carryIndex] -= whole
                let wait = bufferWait * (Double(point) + 0.5) / Double(points)
                histogram.record(Int64(wait + retryDelay), count: Int64(whole))
            }
        }
    }

    /// Requests the window's Kinesis records went in (one per record for PutRecord; up to the collection limits
    /// per buffered time otherwise), and those with a throttled record.
    mutating func countRequests(kinesisAttempts: Double, kinesisThrottled: Double, windowSeconds: Double) {
        guard kinesisAttempts > 0 else { return }
        totals.kinesisRecordAttempts += kinesisAttempts
        totals.kinesisRecordAttemptsThrottled += kinesisThrottled
        var perRequest = 1.0
        if shape.usesPutRecords {
            let perBuffer = kinesisAttempts / windowSeconds * shape.maxBufferedSeconds
            perRequest = min(shape.maxRecordsPerRequest, max(1, perBuffer))
        }
        let requests = kinesisAttempts / perRequest
        totals.requestsSent += requests
        let throttledFraction = min(1, kinesisThrottled / kinesisAttempts)
        if throttledFraction > 0 {
            let withFailure = 1 - pow(1 - throttledFraction, perRequest)
            totals.requestsWithFailedRecords += requests * withFailure
        }
    }

    /// Moves a closed shard's waiting retries to its open descendants in `layout`, by the producer's share on each.
    mutating func moveRetries(from closed: Int, layout: ShardLayout) {
        var targets: [Int] = []
        var frontier = [closed]
        // Walks down the family tree; bounded by the shard count, since children always have higher numbers.
        while let parent = frontier.popLast() {
            for child in layout.shards.indices where layout.shards[child].parentIndices.contains(parent) {
                if layout.shards[child].status == .open { targets.append(child) } else { frontier.append(child) }
            }
        }
        if targets.isEmpty { targets = layout.openShardIndices.map(Int.init) }
        var weights = targets.map { shareByShard[$0] }
        var total = weights.reduce(0, +)
        if total <= 0 {
            weights = targets.map { _ in 1 }
            total = Double(targets.count)
        }
        let ring = retryRings[closed]
        for (target, weight) in zip(targets, weights) where weight > 0 {
            if retryRings[target].isEmpty { retryRings[target] = Array(repeating: 0, count: ring.count) }
            for index in ring.indices where ring[index] > 0 {
                retryRings[target][index] += ring[index] * weight / total
            }
            retryPendingByShard[target] += retryPendingByShard[closed] * weight / total
        }
        retryRings[closed] = []
        retryPendingByShard[closed] = 0
    }
}
