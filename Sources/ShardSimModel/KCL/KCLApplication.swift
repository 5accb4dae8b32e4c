import ShardSimEngine

/// One shard's lease in a KCL application's lease table.
struct KCLLease {
    /// The worker holding it (index from 0), or -1 when nobody has taken it yet.
    var owner: Int32 = -1
    /// The owner's generation when it took the lease: a restarted worker is a new identity to the other takers.
    var ownerGeneration: Int64 = 0
    /// The owner stopped (failed or restarted): nobody renews the lease, which expires for the other workers.
    var isOrphaned = false
    /// When the owner last renewed it (or took it).
    var lastRenewedAt: Int64 = 0
    /// The shard was read to its end and checkpointed SHARD_END: the lease is done.
    var isFinished = false
    /// Some worker has held it (its checkpoint is the slot's `checkpoint`).
    var wasEverHeld = false
}

/// One KCL worker (an instance of the application).
struct KCLWorker {
    var isRunning = true
    /// Bumped on every stop and start: events of an earlier incarnation are dropped.
    var generation: Int64 = 0
    /// Its lease taker's last two scans of the table (`Int64.min` before it has scanned).
    var lastScanAt: Int64 = .min
    var scanBeforeLastAt: Int64 = .min
    /// Consecutive failed renewals started here (a PROVISIONED table short of write capacity), or nil.
    var renewalsFailingSince: Int64?
}

/// One KCL application during a run: its workers and its leases (one per shard, by shard index).
struct KCLApplication {
    let consumerIndex: Int
    let configuration: KCLConfiguration
    var workers: [KCLWorker]
    var leases: [KCLLease] = []
    /// A PROVISIONED table's unused capacity (DynamoDB burst capacity), in write units and read half units, as of
    /// `capacityAt`; nil for PAY_PER_REQUEST.
    var writeTokens: Double = 0
    var readHalfTokens: Double = 0
    var capacityAt: Int64 = 0

    init(consumerIndex: Int, configuration: KCLConfiguration) {
        self.consumerIndex = consumerIndex
        self.configuration = configuration
        workers = Array(repeating: KCLWorker(), count: configuration.workers)
        if case .provisioned(let read, let write) = configuration.leaseTable {
            // The table existed, idle, before the run: its burst allowance (300 s of unused capacity) is full.
            writeTokens = Double(write) * KCLDefaults.dynamoDBBurstSeconds
            readHalfTokens = Double(2 * read) * KCLDefaults.dynamoDBBurstSeconds
        }
    }

    /// The identity of a lease's owner as the takers see it (worker and incarnation), for counting leases per
    /// worker.
    func ownerIdentity(_ lease: KCLLease) -> Int64 {
        Int64(lease.owner) + Int64(workers.count) * lease.ownerGeneration
    }

    func identity(ofWorker worker: Int) -> Int64 { Int64(worker) + Int64(workers.count) * workers[worker].generation }

    /// Whether `worker`'s lease taker, scanning at `time`, sees `lease` as expired: its counter has not changed for
    /// longer than the failover time as this worker observes it. A taker notes a changed counter at the first scan
    /// after the change (`DynamoDBLeaseTaker.updateAllLeases`), so an unrenewed lease is expired once the worker
    /// has scanned after its last renewal and `failoverTime` has passed since that scan.
    func isExpired(_ lease: KCLLease, for worker: KCLWorker, at time: Int64) -> Bool {
        guard lease.owner >= 0, worker.lastScanAt != .min, worker.lastScanAt >= lease.lastRenewedAt else {
            return false
        }
        return time - firstScanSeeing(lease, worker) > configuration.failoverTimeNanoseconds
    }

    /// Whether the lease is "very old" for `worker`: unowned (never renewed), or unrenewed for more than
    /// 3 × failoverTime as the worker observes it; such leases are taken first (enablePriorityLeaseAssignment).
    func isVeryOld(_ lease: KCLLease, for worker: KCLWorker, at time: Int64) -> Bool {
        if lease.owner < 0 { return true }
        guard isExpired(lease, for: worker, at: time) else { return false }
        return time - firstScanSeeing(lease, worker) > KCLDefaults.veryOldLeaseMultiplier
            * configuration.failoverTimeNanoseconds
    }

    /// The earliest of the worker's remembered scans at or after the lease's last renewal.
    private func firstScanSeeing(_ lease: KCLLease, _ worker: KCLWorker) -> Int64 {
        worker.scanBeforeLastAt != .min && worker.scanBeforeLastAt >= lease.lastRenewedAt
            ? worker.scanBeforeLastAt : worker.lastScanAt
    }

    /// Eventually consistent Scan of the whole table: half a read unit per 4 KB read (DynamoDB read request units).
    var scanReadHalfUnits: Int64 {
        let bytes = Int64(leases.count) * KCLDefaults.leaseItemBytes
        return max(1, (bytes + 4_095) / 4_096)
    }
}
