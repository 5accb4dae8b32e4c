import ShardSimEngine

/// On-demand capacity (facts sheet section 4): the stream starts at its initial capacity (or twice a stated
/// prior peak); each observation interval it notes the peak write rate; when twice that peak needs more
/// shards than it has, or a shard takes more than 500 KB/s, it splits its busiest shards, but only after the
/// scale-up delay, so traffic beyond twice the previous peak throttles until then. Per-shard limits still
/// apply: a single hot key is never isolated. It does not scale down within a run.
extension Simulation {
    var isOnDemand: Bool { configuration.stream.streamMode == .onDemand }

    mutating func scheduleOnDemandObservation() {
        guard isOnDemand else { return }
        onDemandPeakBytesPerSecond = Double(configuration.stream.onDemandPriorPeakWriteBytesPerSecond)
        onDemandPeakRecordsPerSecond = Double(configuration.stream.onDemandPriorPeakWriteRecordsPerSecond)
        noteOnDemandMaximum()
        let interval = configuration.assumptions.onDemand.observationIntervalNanoseconds
        queue.schedule(at: interval, kind: EventKind.onDemandObserve.rawValue, target: 0)
    }

    /// Remembers that the peak offered write rate itself is beyond the per-stream maximum write throughput, so writes
    /// above it throttle whatever the stream does; the report says so. (Twice the peak beyond it only stops the
    /// scaling at the maximum's shard count, which throttles nothing by itself.)
    mutating func noteOnDemandMaximum() {
        let rules = configuration.assumptions.onDemand
        if onDemandPeakBytesPerSecond > Double(rules.maxStreamWriteBytesPerSecond)
            || onDemandPeakRecordsPerSecond > Double(rules.maxStreamWriteRecordsPerSecond) {
            isOnDemandAtMaximum = true
        }
    }

    /// Looks at the last interval's offered writes and schedules a scale-up when the rules call for one.
    mutating func observeOnDemandTraffic(at time: Int64) {
        let rules = configuration.assumptions.onDemand
        let seconds = Double(rules.observationIntervalNanoseconds) / 1e9
        let totals = ledger.takeIntervalTotals()
        lastIntervalOfferedBytes = totals.map { Double($0.bytes) / seconds }
        let streamBytes = lastIntervalOfferedBytes.reduce(0, +)
        let streamRecords = totals.reduce(0.0) { $0 + Double($1.records) } / seconds
        onDemandPeakBytesPerSecond = max(onDemandPeakBytesPerSecond, streamBytes)
        onDemandPeakRecordsPerSecond = max(onDemandPeakRecordsPerSecond, streamRecords)
        let wanted = rules.shardsFor(bytesPerSecond: onDemandPeakBytesPerSecond, recordsPerSecond: onDemandPeakRecordsPerSecond,
                                     limits: configuration.stream.limits)
        noteOnDemandMaximum()
        let hasHotShard = layout.openShardIndices.contains {
            lastIntervalOfferedBytes[Int($0)] > Double(rules.hotShardBytesPerSecond)
        }
        if !isOnDemandScalingPending && (wanted > layout.openShardCount || hasHotShard) {
            isOnDemandScalingPending = true
            queue.schedule(at: time + rules.scaleUpDelayNanoseconds, kind: EventKind.onDemandScale.rawValue, target: 0)
        }
        queue.schedule(at: time + rules.observationIntervalNanoseconds, kind: EventKind.onDemandObserve.rawValue, target: 0)
    }

    /// Splits hot shards, then the busiest ones, until the stream can take twice its peak.
    mutating func scaleOnDemandStream(at time: Int64) {
        isOnDemandScalingPending = false
        accountOpenShardTime(until: time)
        let rules = configuration.assumptions.onDemand
        let wanted = rules.shardsFor(bytesPerSecond: onDemandPeakBytesPerSecond, recordsPerSecond: onDemandPeakRecordsPerSecond,
                                     limits: configuration.stream.limits)
        // Estimated load per open shard; a split child is assumed to take half its parent's.
        var load: [Int: Double] = [:]
        for shard in layout.openShardIndices { load[Int(shard)] = lastIntervalOfferedBytes[Int(shard)] }
        let before = Set(layout.openShardIndices)
        var children: [Int] = []
        // Bounded by the stream's maximum: every pass adds one shard or stops; hot shards are not split beyond it.
        while layout.openShardCount < rules.maxShardCount(configuration.stream.limits) {
            let busiest = layout.openShardIndices.map(Int.init).max { (load[$0] ?? 0, $1) < (load[$1] ?? 0, $0) }
            guard let shard = busiest else { break }
            // AWS halves a hot shard's range once per scaling step; a child is not split again in the same step.
            let isHot = (load[shard] ?? 0) > Double(rules.hotShardBytesPerSecond) && before.contains(Int32(shard))
            guard layout.openShardCount < wanted || isHot else { break }
            let range = layout.shards[shard].hashKeyRange
            guard range.endingHashKey > range.startingHashKey else { break }
            let pair = layout.split(shard, at: Resharding.defaultSplitKey(of: range))
            for child in pair { load[child] = (load[shard] ?? 0) / 2 }
            load[shard] = nil
            children.append(contentsOf: pair)
        }
        guard !children.isEmpty else { return }
        lastIntervalOfferedBytes.append(contentsOf: Array(repeating: 0, count: layout.shards.count - lastIntervalOfferedBytes.count))
        applyLayoutChange(children: children, closedParents: before.subtracting(layout.openShardIndices), at: time)
    }
}
