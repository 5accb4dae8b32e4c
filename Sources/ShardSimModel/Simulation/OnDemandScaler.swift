import ShardSimEngine

/// On-demand capacity (facts sheet section 4): the stream starts at its initial capacity (or twice a stated
/// prior peak); each observation interval it notes the peak write rate; when twice that peak needs more
/// shards than it has, or a shard takes more than 500 KB/s, it splits its busiest shards, but only after the
/// scale-up delay, so traffic beyond twice the previous peak throttles until then. Per-shard limits still
/// apply: a single hot key is never isolated. It does not scale down within a run.
///
/// Owns the `onDemandObserve` and `onDemandScale` events. Reads the write path's offered totals per interval
/// (`observe`); hands the loop a `LayoutChange` when it scales (`scale`).
struct OnDemandScaler {
    private(set) var peakBytesPerSecond: Double = 0
    private(set) var peakRecordsPerSecond: Double = 0
    private(set) var isScalingPending = false
    /// Set when the peak offered write rate was above the per-stream maximum write throughput.
    private(set) var isAtMaximum = false
    /// Offered bytes per second of each shard in the last observation interval.
    private(set) var lastIntervalOfferedBytes: [Double] = []
    let rules: OnDemandRules
    let limits: ShardLimits

    init(configuration: SimulationConfiguration) {
        rules = configuration.assumptions.onDemand
        limits = configuration.stream.limits
    }

    /// Starts from the stated prior peak and schedules the first observation.
    mutating func start(context: inout SimulationContext) {
        guard context.isOnDemand else { return }
        peakBytesPerSecond = Double(context.configuration.stream.onDemandPriorPeakWriteBytesPerSecond)
        peakRecordsPerSecond = Double(context.configuration.stream.onDemandPriorPeakWriteRecordsPerSecond)
        noteMaximum()
        context.schedule(.onDemandObserve, at: rules.observationIntervalNanoseconds, target: 0)
    }

    /// Remembers that the peak offered write rate itself is beyond the per-stream maximum write throughput, so writes
    /// above it throttle whatever the stream does; the report says so. (Twice the peak beyond it only stops the
    /// scaling at the maximum's shard count, which throttles nothing by itself.)
    private mutating func noteMaximum() {
        if peakBytesPerSecond > Double(rules.maxStreamWriteBytesPerSecond)
            || peakRecordsPerSecond > Double(rules.maxStreamWriteRecordsPerSecond)
        {
            isAtMaximum = true
        }
    }

    /// Looks at the last interval's offered writes per shard (`totals`, as the write ledger took them) and
    /// schedules a scale-up when the rules call for one.
    mutating func observe(
        _ totals: [(records: Double, bytes: Double)], at time: Int64, context: inout SimulationContext
    ) {
        let seconds = nanosecondsToSeconds(rules.observationIntervalNanoseconds)
        lastIntervalOfferedBytes = totals.map { Double($0.bytes) / seconds }
        let streamBytes = lastIntervalOfferedBytes.reduce(0, +)
        let streamRecords = totals.reduce(0.0) { $0 + Double($1.records) } / seconds
        peakBytesPerSecond = max(peakBytesPerSecond, streamBytes)
        peakRecordsPerSecond = max(peakRecordsPerSecond, streamRecords)
        let wanted = rules.shardsFor(
            bytesPerSecond: peakBytesPerSecond, recordsPerSecond: peakRecordsPerSecond, limits: limits)
        noteMaximum()
        let hasHotShard = context.layout.openShardIndices.contains {
            lastIntervalOfferedBytes[Int($0)] > Double(rules.hotShardBytesPerSecond)
        }
        if !isScalingPending && (wanted > context.layout.openShardCount || hasHotShard) {
            isScalingPending = true
            context.schedule(.onDemandScale, at: time + rules.scaleUpDelayNanoseconds, target: 0)
        }
        context.schedule(.onDemandObserve, at: time + rules.observationIntervalNanoseconds, target: 0)
    }

    /// Splits hot shards, then the busiest ones, until the stream can take twice its peak; nil when none split.
    mutating func scale(layout: inout ShardLayout) -> LayoutChange? {
        isScalingPending = false
        let wanted = rules.shardsFor(
            bytesPerSecond: peakBytesPerSecond, recordsPerSecond: peakRecordsPerSecond, limits: limits)
        // Estimated load per open shard; a split child is assumed to take half its parent's.
        var load: [Int: Double] = [:]
        for shard in layout.openShardIndices { load[Int(shard)] = lastIntervalOfferedBytes[Int(shard)] }
        let openBefore = layout.openShardIndices
        let before = Set(openBefore)
        var children: [Int] = []
        // Bounded by the stream's maximum: every pass adds one shard or stops; hot shards are not split beyond it.
        while layout.openShardCount < rules.maxShardCount(limits) {
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
        guard !children.isEmpty else { return nil }
        lastIntervalOfferedBytes.append(
            contentsOf: Array(repeating: 0, count: layout.shards.count - lastIntervalOfferedBytes.count))
        return LayoutChange(children: children, openBefore: openBefore, layout: layout)
    }
}
