import ShardSimEngine

extension FlowWritePath {
    /// After a layout change: new shares per shard from each producer's keys (`runtimes[i].keys`, already routed
    /// over the new layout), and retries waiting for a closed shard moved to the shards its keys now route to.
    mutating func reroute(layout: ShardLayout, producers runtimes: [ProducerRuntime]) {
        let shardCount = layout.shards.count
        for producer in producers.indices {
            producers[producer].route(keys: runtimes[producer].keys, shardCount: shardCount)
            for closed in 0..<shardCount
            where layout.shards[closed].status == .closed
                && producers[producer].retryPendingByShard[closed] > 0
            {
                producers[producer].moveRetries(from: closed, layout: layout)
            }
        }
        sharesComputedForShardCount = shardCount
    }

    /// Ends a flow run: the ledger's open seconds, and each producer's totals as whole records in its runtime's
    /// statistics. Call once, after the last window (and after `ShardWriteLedger.finish`).
    mutating func finish(producers runtimes: inout [ProducerRuntime], ledger: inout ShardWriteLedger) {
        ledger.finishFlow()
        checkInvariants()
        for (index, producer) in producers.enumerated() {
            let totals = producer.totals
            var statistics = runtimes[index].statistics
            // With lost responses the totals hold each record `massPerRecord` times: the first copy is the
            // record, the rest are duplicates (stored ones) or resends of copies (failed ones, not data loss).
            let perRecord = producer.massPerRecord
            statistics.recordsAttempted = Int64((totals.recordsAttempted / perRecord).rounded())
            statistics.recordsFailed = Int64((totals.recordsFailed / perRecord).rounded())
            statistics.recordsSucceeded = min(
                statistics.recordsAttempted - statistics.recordsFailed,
                Int64((totals.recordsSucceeded / perRecord).rounded()))
            if perRecord > 1 {
                statistics.recordsDuplicated = Int64(
                    (totals.recordsSucceeded - totals.recordsSucceeded / perRecord).rounded())
            }
            statistics.userRecordAttempts = Int64(totals.userRecordAttempts.rounded())
            statistics.userRecordAttemptsThrottled = Int64(totals.userRecordAttemptsThrottled.rounded())
            statistics.kinesisRecordAttempts = Int64(totals.kinesisRecordAttempts.rounded())
            statistics.kinesisRecordAttemptsThrottled = Int64(totals.kinesisRecordAttemptsThrottled.rounded())
            statistics.requestsSent = Int64(totals.requestsSent.rounded())
            statistics.requestsWithFailedRecords = Int64(totals.requestsWithFailedRecords.rounded())
            runtimes[index].statistics = statistics
        }
    }

    /// Adds each lost-response producer's duplicates of the window that starts at `windowStart` to its
    /// `recordsDuplicatedSeries`: the window's accepted mass × (1 − 1 / massPerRecord), the share `finish` splits
    /// out of the totals, so the series sums to the unrounded `recordsDuplicated`.
    mutating func countDuplicates(windowStart: Int64, producers runtimes: inout [ProducerRuntime]) {
        for index in producers.indices {
            let perRecord = producers[index].massPerRecord
            guard perRecord > 1 else { continue }
            let succeeded = producers[index].totals.recordsSucceeded
            let accepted = succeeded - producers[index].recordsSucceededCountedForDuplicates
            producers[index].recordsSucceededCountedForDuplicates = succeeded
            guard accepted > 0 else { continue }
            runtimes[index].statistics.recordsDuplicatedSeries.add(accepted - accepted / perRecord, at: windowStart)
        }
    }

    /// User records created but neither accepted nor given up by the end, as the books report them after `finish`
    /// rounded the totals: what remains of the attempted ones. The retry rings meter the same mass directly
    /// (`pendingRetryUserRecords`); the invariants check the two agree, so this remainder is not taken on trust.
    static func recordsInFlight(_ statistics: ProducerStatistics) -> Int64 {
        statistics.recordsAttempted - statistics.recordsSucceeded - statistics.recordsFailed
    }
}

extension FlowWritePath: InvariantChecking {
    /// Checked once per window (at its end) and at `finish`, never per subtick:
    /// - mass conservation per producer: attempted = accepted + failed + waiting for a retry (the rings' meter),
    ///   within a floating-point tolerance (one part in a million of the attempts, plus 0.001 record);
    /// - no attempt counts are negative, and throttled attempts never exceed attempts;
    /// - no shard accepted more records or bytes in the latest window than its per-window limits (flow has no
    ///   oversized-record debt: it accepts a fraction of a record, never a whole one over the limit).
    func invariantViolations() -> [String] {
        var violations: [String] = []
        for (index, producer) in producers.enumerated() {
            let totals = producer.totals
            let pending = pendingRetryUserRecords(producer: index)
            let tolerance = 1e-6 * max(1, totals.recordsAttempted) + 1e-3
            let settled = totals.recordsSucceeded + totals.recordsFailed + pending
            if abs(totals.recordsAttempted - settled) > tolerance {
                violations.append(
                    "producer \(index): attempted \(totals.recordsAttempted) ≠ succeeded "
                        + "\(totals.recordsSucceeded) + failed \(totals.recordsFailed) + pending retry \(pending)")
            }
            if producer.retryPendingByShard.contains(where: { $0 < -tolerance }) || totals.recordsFailed < 0
                || totals.recordsSucceeded < 0
            {
                violations.append("producer \(index): a negative record count")
            }
            if totals.userRecordAttemptsThrottled > totals.userRecordAttempts + tolerance {
                violations.append(
                    "producer \(index): throttled attempts \(totals.userRecordAttemptsThrottled) above "
                        + "attempts \(totals.userRecordAttempts)")
            }
        }
        let slack = 1e-9
        if latestWindowPeak.acceptedRecords > recordsPerWindow * (1 + slack) {
            violations.append(
                "a shard accepted \(latestWindowPeak.acceptedRecords) records in one window, above its "
                    + "limit of \(recordsPerWindow)")
        }
        if latestWindowPeak.acceptedBytes > bytesPerWindow * (1 + slack) {
            violations.append(
                "a shard accepted \(latestWindowPeak.acceptedBytes) bytes in one window, above its "
                    + "limit of \(bytesPerWindow)")
        }
        return violations
    }
}
