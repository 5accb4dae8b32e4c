extension LambdaMappings: InvariantChecking {
    /// Every pool runs at most its limit and as many invocations as its consumers' running counts add up to; no
    /// buffer holds a negative count, and each buffer's counts are what its pieces add up to.
    func invariantViolations() -> [String] {
        var violations: [String] = []
        var runningByPool = Array(repeating: Int64(0), count: pools.count)
        for (consumer, running) in runningByConsumer.enumerated() {
            if running < 0 { violations.append("Lambda consumer \(consumer): \(running) invocations running") }
            runningByPool[Int(poolByConsumer[consumer])] += running
        }
        for (index, pool) in pools.enumerated() where pool.running != runningByPool[index] || pool.running > pool.limit
        {
            violations.append(
                "Lambda concurrency pool \(index): \(pool.running) running, its consumers count "
                    + "\(runningByPool[index]), limit \(pool.limit)")
        }
        for (slot, shard) in shards.enumerated() {
            let records = shard.buffer.reduce(Int64(0)) { $0 + $1.kinesisRecords }
            if records != shard.bufferedKinesisRecords || records < 0 {
                violations.append(
                    "Lambda consumer slot \(slot): buffer holds \(records) Kinesis records, counted "
                        + "\(shard.bufferedKinesisRecords)")
            }
        }
        return violations
    }
}
