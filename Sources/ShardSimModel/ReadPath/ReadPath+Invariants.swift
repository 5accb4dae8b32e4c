extension ReadPath: InvariantChecking {
    /// No reader is past the end of its shard's log, and no consumer has read or been delivered more user records
    /// than the logs it reads ever held (a consumer reads each shard once; Lambda retries are counted apart).
    func invariantViolations() -> [String] {
        var violations: [String] = []
        for (slot, state) in slots.enumerated() where Int(state.shardIndex) < logs.count {
            let log = logs[Int(state.shardIndex)]
            if state.cursor.userRecordPosition > log.totalUserRecords || state.cursor.userRecordPosition < 0 {
                violations.append(
                    "consumer slot \(slot): at user record \(state.cursor.userRecordPosition) of a log "
                        + "holding \(log.totalUserRecords)")
            }
        }
        let logged = logs.reduce(Int64(0)) { $0 + $1.totalUserRecords }
        for (index, consumer) in consumers.enumerated() {
            let statistics = consumer.statistics
            // A KCL application delivers again what it read since a lost lease's checkpoint.
            if statistics.recordsDelivered - statistics.kcl.recordsReprocessed + statistics.recordsExpired > logged {
                violations.append(
                    "consumer \(index): delivered \(statistics.recordsDelivered) and lost "
                        + "\(statistics.recordsExpired) user records of the \(logged) the shard logs ever held")
            }
        }
        return violations
    }
}
