import ShardSimEngine

/// The lease taker, renewer, checkpoints and shard syncs of a KCL application (KCL 2.x `DynamoDBLeaseTaker`,
/// `DynamoDBLeaseRenewer`; docs/model.md section 19).
extension KCLApplications {
    /// One run of a worker's lease taker: scan the table, then take very old leases, or expired and new ones up to
    /// the worker's target, or steal one from the most loaded worker; then the next run a taker interval later.
    mutating func runTaker(
        application appIndex: Int, argument: Int64, at time: Int64, context: inout SimulationContext,
        readPath: inout ReadPath
    ) {
        guard let worker = worker(of: argument, application: appIndex) else { return }
        let configuration = applications[appIndex].configuration
        context.schedule(
            .kclLeaseTaker, at: time + configuration.takerIntervalNanoseconds, target: Int32(appIndex),
            argument: argument)
        noteFinishedLeases(application: appIndex, at: time, readPath: &readPath)
        guard spendReads(applications[appIndex].scanReadHalfUnits, application: appIndex, at: time, readPath: &readPath)
        else { return }
        let chosen = leasesToTake(application: appIndex, worker: worker, at: time)
        applications[appIndex].workers[worker].scanBeforeLastAt = applications[appIndex].workers[worker].lastScanAt
        applications[appIndex].workers[worker].lastScanAt = time
        for shard in chosen where spendWrites(1, application: appIndex, at: time, readPath: &readPath) {
            take(shard: shard, worker: worker, application: appIndex, at: time, context: &context, readPath: &readPath)
        }
    }

    /// `DynamoDBLeaseTaker.computeLeasesToTake`: available leases are unowned or expired; the others are counted
    /// per owner; the target is ceil(leases / workers) (1 when workers ≥ leases), at most maxLeasesForWorker.
    /// The KCL shuffles its candidates; here they go in shard order, and ties between workers to the lowest.
    func leasesToTake(application appIndex: Int, worker: Int, at time: Int64) -> [Int] {
        let application = applications[appIndex]
        let me = application.workers[worker]
        var available: [Int] = []
        var veryOld: [Int] = []
        // Owners and their lease counts: a short list (a handful of workers), kept in first-seen order.
        var counts: [(identity: Int64, count: Int, shards: [Int])] = []
        for (shard, lease) in application.leases.enumerated() where !lease.isFinished {
            if lease.owner < 0 || application.isExpired(lease, for: me, at: time) {
                available.append(shard)
                if application.isVeryOld(lease, for: me, at: time) { veryOld.append(shard) }
                continue
            }
            let identity = application.ownerIdentity(lease)
            if let index = counts.firstIndex(where: { $0.identity == identity }) {
                counts[index].count += 1
                counts[index].shards.append(shard)
            } else {
                counts.append((identity, 1, [shard]))
            }
        }
        let myIdentity = application.identity(ofWorker: worker)
        let myCount = counts.first { $0.identity == myIdentity }?.count ?? 0
        let numWorkers = counts.count + (myCount == 0 ? 1 : 0)
        let numLeases = available.count + counts.reduce(0) { $0 + $1.count }
        guard numLeases > 0 else { return [] }
        let maxLeases = application.configuration.maxLeasesForWorker ?? Int.max
        var target = numWorkers >= numLeases ? 1 : (numLeases + numWorkers - 1) / numWorkers
        target = min(target, maxLeases)
        if !veryOld.isEmpty {
            return Array(veryOld.prefix(max(0, min(maxLeases - myCount, veryOld.count))))
        }
        let needed = target - myCount
        guard needed > 0 else { return [] }
        if !available.isEmpty { return Array(available.prefix(needed)) }
        // chooseLeasesToSteal: from the most loaded worker, if it has more than the target (or as many, when this
        // worker needs more than one), at most maxLeasesToStealAtOneTime.
        guard
            let mostLoaded = counts.max(by: {
                $0.count < $1.count || ($0.count == $1.count && $0.identity > $1.identity)
            }),
            mostLoaded.identity != myIdentity, mostLoaded.count >= target
        else { return [] }
        var steal = min(needed, mostLoaded.count - target)
        if needed > 1 && steal == 0 { steal = 1 }
        steal = min(steal, KCLDefaults.maxLeasesToStealAtOneTime)
        return Array(mostLoaded.shards.suffix(steal))
    }

    /// `worker` takes the lease of `shard` (a conditional write). A lease some worker held before resumes after its
    /// last checkpoint; what was read since is read and delivered again.
    mutating func take(
        shard: Int, worker: Int, application appIndex: Int, at time: Int64, context: inout SimulationContext,
        readPath: inout ReadPath
    ) {
        let consumerIndex = applications[appIndex].consumerIndex
        let slot = readPath.slot(consumer: consumerIndex, shard: shard)
        var lease = applications[appIndex].leases[shard]
        if lease.owner >= 0 { readPath.consumers[consumerIndex].statistics.kcl.addTakeover(at: time) }
        if lease.wasEverHeld {
            let replayed = max(
                0,
                readPath.slots[slot].cursor.userRecordPosition - readPath.slots[slot].checkpoint.userRecordPosition)
            // In place: the statistics hold time series, which a copy would duplicate.
            readPath.consumers[consumerIndex].statistics.kcl.recordsReprocessed += replayed
            readPath.consumers[consumerIndex].statistics.kcl.recordsReprocessedSeries.add(Double(replayed), at: time)
        }
        readPath.grantLease(slot: slot, resumingFromCheckpoint: lease.wasEverHeld, at: time, context: &context)
        lease.owner = Int32(worker)
        lease.ownerGeneration = applications[appIndex].workers[worker].generation
        lease.isOrphaned = false
        lease.lastRenewedAt = time
        lease.wasEverHeld = true
        applications[appIndex].leases[shard] = lease
    }

    /// One run of a worker's lease renewer: one conditional write per lease it holds; then the next a renewer
    /// interval later.
    mutating func runRenewer(
        application appIndex: Int, argument: Int64, at time: Int64, context: inout SimulationContext,
        readPath: inout ReadPath
    ) {
        guard let worker = worker(of: argument, application: appIndex) else { return }
        let configuration = applications[appIndex].configuration
        context.schedule(
            .kclLeaseRenewer, at: time + configuration.renewerIntervalNanoseconds, target: Int32(appIndex),
            argument: argument)
        // One conditional UpdateItem per lease: each succeeds or is throttled on its own.
        var failed: [Int] = []
        for shard in heldShards(application: appIndex, worker: worker) {
            if spendWrites(1, application: appIndex, at: time, readPath: &readPath) {
                applications[appIndex].leases[shard].lastRenewedAt = time
            } else {
                failed.append(shard)
            }
        }
        if !failed.isEmpty {
            renewalsFailed(application: appIndex, worker: worker, shards: failed, at: time, readPath: &readPath)
        }
    }

    /// The unfinished leases `worker` holds.
    func heldShards(application appIndex: Int, worker: Int) -> [Int] {
        let application = applications[appIndex]
        let generation = application.workers[worker].generation
        return application.leases.indices.filter {
            let lease = application.leases[$0]
            return lease.owner == worker && lease.ownerGeneration == generation && !lease.isOrphaned
                && !lease.isFinished
        }
    }

    /// Interval checkpoints: every held lease whose reader moved on since its last checkpoint is checkpointed
    /// (one write each); then the next a checkpoint interval later.
    mutating func checkpointAll(
        application appIndex: Int, at time: Int64, context: inout SimulationContext, readPath: inout ReadPath
    ) {
        guard case .interval(let interval) = applications[appIndex].configuration.checkpoint else { return }
        context.schedule(.kclCheckpoint, at: time + interval, target: Int32(appIndex))
        noteFinishedLeases(application: appIndex, at: time, readPath: &readPath)
        let consumerIndex = applications[appIndex].consumerIndex
        for (shard, lease) in applications[appIndex].leases.enumerated()
        where lease.owner >= 0 && !lease.isOrphaned && !lease.isFinished {
            let slot = readPath.slot(consumer: consumerIndex, shard: shard)
            guard readPath.slots[slot].cursor != readPath.slots[slot].checkpoint else { continue }
            guard spendWrites(1, application: appIndex, at: time, readPath: &readPath) else { continue }
            readPath.slots[slot].checkpoint = readPath.slots[slot].cursor
            readPath.consumers[consumerIndex].statistics.kcl.checkpoints += 1
        }
    }

    /// A shard sync (every shardSyncInterval, by one worker): ListShards and a scan of the lease table.
    mutating func syncShards(
        application appIndex: Int, at time: Int64, context: inout SimulationContext, readPath: inout ReadPath
    ) {
        context.schedule(.kclShardSync, at: time + KCLDefaults.shardSyncIntervalNanoseconds, target: Int32(appIndex))
        _ = spendReads(applications[appIndex].scanReadHalfUnits, application: appIndex, at: time, readPath: &readPath)
    }

    /// Leases whose shard was read to its end: checkpointed SHARD_END (one write) and done.
    mutating func noteFinishedLeases(application appIndex: Int, at time: Int64, readPath: inout ReadPath) {
        let consumerIndex = applications[appIndex].consumerIndex
        for shard in applications[appIndex].leases.indices where !applications[appIndex].leases[shard].isFinished {
            let slot = readPath.slot(consumer: consumerIndex, shard: shard)
            guard readPath.slots[slot].hasFinishedShard else { continue }
            applications[appIndex].leases[shard].isFinished = true
            readPath.slots[slot].checkpoint = readPath.slots[slot].cursor
            readPath.consumers[consumerIndex].statistics.kcl.addWriteUnits(1, at: time)
            readPath.consumers[consumerIndex].statistics.kcl.checkpoints += 1
        }
    }
}
