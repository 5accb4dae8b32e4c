extension WritePath: InvariantChecking {
    /// The ledger's windows are within their limits (but for the debt rule); per producer, every user record
    /// attempted was accepted, failed or retried (attempts = accepted + throttled, throttled = failed + resent);
    /// and nothing accepted is still waiting to be handed to the shard logs.
    func invariantViolations() -> [String] {
        var violations = ledger.invariantViolations()
        for (index, producer) in producers.enumerated() {
            let statistics = producer.statistics
            if statistics.userRecordAttemptsThrottled > statistics.userRecordAttempts
                || statistics.recordsSucceeded + statistics.userRecordAttemptsThrottled != statistics.userRecordAttempts
            {
                violations.append(
                    "producer \(index): \(statistics.userRecordAttempts) user record attempts but "
                        + "\(statistics.recordsSucceeded) accepted and \(statistics.userRecordAttemptsThrottled) throttled"
                )
            }
            if statistics.recordsFailed > statistics.userRecordAttemptsThrottled {
                violations.append(
                    "producer \(index): \(statistics.recordsFailed) user records failed but only "
                        + "\(statistics.userRecordAttemptsThrottled) were throttled")
            }
        }
        if !acceptedRuns.isEmpty { violations.append("accepted records were not handed to the shard logs") }
        return violations
    }
}
