import ShardSimEngine
import ShardSimModel

/// What a plan's shard count means for the scenario's KCL applications (docs/model.md section 19): the KCL gives
/// each shard's lease one record processor, so a shard is processed at one record at a time whatever the worker
/// count; a worker runs the processors of all its leases at once; workers beyond the leases are idle, and
/// maxLeasesForWorker can leave shards to nobody; and a shard a hot key loads can need more than its one processor
/// (`BusiestShard`, from the plan's run). Each warning carries its arithmetic.
enum KCLPlanWarnings {
    static func forPlan(_ plan: CapacityPlan, configuration: SimulationConfiguration) -> [String] {
        let shards = plan.recommendedShardCount ?? plan.bounds.shardCount
        guard shards > 0 else { return [] }
        let recordsPerSecond = plan.bounds.peakUserRecordsPerSecond
        let busiest = configuration.consumers.contains { $0.kcl != nil } ? plan.result.flatMap(BusiestShard.init) : nil
        var warnings: [String] = []
        for consumer in configuration.consumers {
            guard let kcl = consumer.kcl else { continue }
            let secondsPerRecord = nanosecondsToSeconds(consumer.processingTimePerRecordNanoseconds)
            warnings += Self.warnings(
                name: consumer.name, kcl: kcl, shards: shards, recordsPerSecond: recordsPerSecond,
                secondsPerRecord: secondsPerRecord)
            if let busiest,
                let warning = busiest.warning(
                    name: consumer.name, secondsPerRecord: secondsPerRecord,
                    evenShardLoad: recordsPerSecond * secondsPerRecord / Double(shards))
            {
                warnings.append(warning)
            }
        }
        return warnings
    }

    static func warnings(
        name: String, kcl: KCLConfiguration, shards: Int, recordsPerSecond: Double, secondsPerRecord: Double
    ) -> [String] {
        var warnings: [String] = []
        let workers = kcl.workers
        // Processing seconds each second of the whole stream's records needs (record processors busy at once).
        let busy = recordsPerSecond * secondsPerRecord
        let perShard = busy / Double(shards)
        let format = QuotaWarnings.format
        if perShard >= 1 {
            warnings.append(
                "\(name): each of the \(shards) shards brings \(format(recordsPerSecond / Double(shards))) records/s × "
                    + "\(format(secondsPerRecord * 1_000)) ms = \(format(perShard)) s of processing per second, and a "
                    + "shard's lease has one record processor: it falls behind whatever the worker count. It needs more "
                    + "shards than peak records/s × processing time = \(format(busy)), at least "
                    + "\(Int(busy.rounded(.down)) + 1), or faster processing"
            )
        }
        if let maxLeases = kcl.maxLeasesForWorker, workers * maxLeases < shards {
            warnings.append(
                "\(name): \(workers) workers × maxLeasesForWorker \(maxLeases) = \(workers * maxLeases) leases at most, "
                    + "so \(shards - workers * maxLeases) of the \(shards) shards are read by nobody; it needs at least "
                    + "\((shards + maxLeases - 1) / maxLeases) workers")
        }
        let leasesPerWorker = (shards + workers - 1) / workers
        let perWorker = Double(leasesPerWorker) * perShard
        if perWorker >= 1 && perShard < 1 {
            // Leases are whole: one core keeps up with k leases while k × perShard < 1.
            let leasesPerCore = max(1, Int((1 / perShard).rounded(.up)) - 1)
            warnings.append(
                "\(name): too few workers for the processing time: each worker holds up to \(leasesPerWorker) leases "
                    + "and runs their record processors at once, \(format(perWorker)) processor-seconds per second, "
                    + "a core's worth or more; with one core per instance (\(leasesPerCore) lease"
                    + "\(leasesPerCore == 1 ? "" : "s") of \(format(perShard)) s/s each) it needs at least "
                    + "\((shards + leasesPerCore - 1) / leasesPerCore) workers, or more cores per instance"
            )
        }
        if workers > shards {
            warnings.append(
                "\(name): \(workers) workers for \(shards) shards: \(workers - shards) hold no lease and are idle "
                    + "(one lease per shard)")
        }
        return warnings
    }
}
