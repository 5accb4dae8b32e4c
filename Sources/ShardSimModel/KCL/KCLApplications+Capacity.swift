import ShardSimEngine

/// The lease table's capacity: PAY_PER_REQUEST serves every request (and bills it); PROVISIONED serves its read
/// and write capacity units per second plus up to `KCLDefaults.dynamoDBBurstSeconds` of unused capacity, and throttles the rest.
extension KCLApplications {
    /// Spends `units` write units; false (a throttled request, counted) when a PROVISIONED table lacks them.
    mutating func spendWrites(_ units: Int64, application appIndex: Int, at time: Int64, readPath: inout ReadPath)
        -> Bool
    {
        spend(
            units, from: \.writeTokens, application: appIndex, at: time, readPath: &readPath,
            count: { $0.addWriteUnits(units, at: time) })
    }

    /// Spends `halfUnits` read half units (eventually consistent reads); false when throttled.
    mutating func spendReads(_ halfUnits: Int64, application appIndex: Int, at time: Int64, readPath: inout ReadPath)
        -> Bool
    {
        spend(
            halfUnits, from: \.readHalfTokens, application: appIndex, at: time, readPath: &readPath,
            count: { $0.addReadHalfUnits(halfUnits, at: time) })
    }

    /// Takes `amount` from a PROVISIONED table's `tokens` (refilled first) or counts a throttled request; a served
    /// request is counted by `count` in the application's statistics (PAY_PER_REQUEST serves every request).
    private mutating func spend(
        _ amount: Int64, from tokens: WritableKeyPath<KCLApplication, Double>, application appIndex: Int,
        at time: Int64, readPath: inout ReadPath, count: (inout KCLStatistics) -> Void
    ) -> Bool {
        let consumerIndex = applications[appIndex].consumerIndex
        if case .provisioned = applications[appIndex].configuration.leaseTable {
            refill(application: appIndex, at: time)
            guard applications[appIndex][keyPath: tokens] >= Double(amount) else {
                readPath.consumers[consumerIndex].statistics.kcl.leaseTableThrottledRequests += 1
                readPath.consumers[consumerIndex].statistics.kcl.leaseTableThrottledSeries.add(1, at: time)
                return false
            }
            applications[appIndex][keyPath: tokens] -= Double(amount)
        }
        count(&readPath.consumers[consumerIndex].statistics.kcl)
        return true
    }

    private mutating func refill(application appIndex: Int, at time: Int64) {
        guard case .provisioned(let read, let write) = applications[appIndex].configuration.leaseTable else { return }
        let elapsed = time - applications[appIndex].capacityAt
        guard elapsed > 0 else { return }
        applications[appIndex].capacityAt = time
        let writesPerSecond = Double(write)
        let readHalvesPerSecond = Double(2 * read)
        applications[appIndex].writeTokens = min(
            writesPerSecond * KCLDefaults.dynamoDBBurstSeconds,
            applications[appIndex].writeTokens + accrued(perSecond: writesPerSecond, overNanoseconds: elapsed))
        applications[appIndex].readHalfTokens = min(
            readHalfUnitsPerSecondCap(readHalvesPerSecond),
            applications[appIndex].readHalfTokens + accrued(perSecond: readHalvesPerSecond, overNanoseconds: elapsed))
    }

    private func readHalfUnitsPerSecondCap(_ perSecond: Double) -> Double {
        perSecond * KCLDefaults.dynamoDBBurstSeconds
    }

    /// A worker's renewals failed (throttled). The KCL drops a lease whose last successful renewal is older than
    /// the failover time: the worker stops processing it, and another worker takes it once it sees it expired.
    mutating func renewalsFailed(
        application appIndex: Int, worker: Int, shards: [Int], at time: Int64, readPath: inout ReadPath
    ) {
        if applications[appIndex].workers[worker].renewalsFailingSince == nil {
            applications[appIndex].workers[worker].renewalsFailingSince = time
        }
        let consumerIndex = applications[appIndex].consumerIndex
        let failover = applications[appIndex].configuration.failoverTimeNanoseconds
        for shard in shards where time - applications[appIndex].leases[shard].lastRenewedAt > failover {
            applications[appIndex].leases[shard].isOrphaned = true
            readPath.revokeLease(slot: readPath.slot(consumer: consumerIndex, shard: shard))
            readPath.consumers[consumerIndex].statistics.kcl.leasesLostToThrottling += 1
        }
    }
}
