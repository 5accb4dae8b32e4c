import ShardSimEngine

/// Write-side counters of one shard.
public struct ShardWriteStatistics: Sendable, Equatable {
    /// Records and bytes the shard accepted (CloudWatch `IncomingRecords` / `IncomingBytes`).
    public var incomingRecords: Int64 = 0
    public var incomingBytes: Int64 = 0
    /// Record attempts the shard throttled (`WriteProvisionedThroughputExceeded`).
    public var writeProvisionedThroughputExceeded: Int64 = 0
    /// The most records and bytes offered to the shard (accepted or throttled) in any one second.
    public var peakOfferedRecordsPerSecond: Int64 = 0
    public var peakOfferedBytesPerSecond: Int64 = 0
    /// Billing meters of accepted records: 25 KB PUT payload units (provisioned) and 1 KB-rounded bytes (on-demand).
    public var putPayloadUnits: Int64 = 0
    public var onDemandBilledBytes: Int64 = 0
    /// Firehose's ingestion meter of accepted records: each Kinesis record's data blob rounded up to
    /// `ModelAssumptions.firehoseBillingIncrementBytes` (5 KB); 0 when no Firehose reads the stream.
    public var firehoseBilledBytes: Int64 = 0
    /// Per-second series for charts (bounded memory; see `CounterSeries`).
    public var acceptedRecordsSeries = CounterSeries()
    public var acceptedBytesSeries = CounterSeries()
    public var throttledRecordsSeries = CounterSeries()

    public init() {}
}

/// Enforces the per-shard write limits and keeps per-shard write statistics.
///
/// Limits are counted in aligned accounting windows (`ModelAssumptions.writeAccountingWindowNanoseconds`).
/// A record fits when the window has room for one more record and for its bytes. A record larger than a
/// whole window's byte allowance (possible with large records, LR) is accepted when the window is
/// untouched and its excess is carried into the following windows as debt, which is how AWS's "refilling
/// burst allowance" for 1–10 MiB records behaves in effect.
struct ShardWriteLedger {
    private struct Window {
        var index: Int64 = 0
        var records: Int64 = 0
        var bytes: Int64 = 0
        var second: Int64 = -1
        // What the current second saw. Offered = accepted + throttled, so offered totals are not counted
        // separately: the fewer counters an offer updates, the faster the write path.
        // Accepted records and bytes are apart on purpose: side by side, the compiler packed their two adds into
        // vector instructions that cost three times the two scalar adds.
        var secondAcceptedRecords: Int64 = 0
        var secondThrottled: Int64 = 0
        var secondAcceptedBytes: Int64 = 0
        var secondThrottledBytes: Int64 = 0
        /// Offered in all seconds before the current one, and in all time up to the last `takeIntervalTotals`
        /// (on-demand scaling observes the difference).
        var offeredRecordsBeforeSecond: Int64 = 0
        var offeredBytesBeforeSecond: Int64 = 0
        var offeredRecordsAtLastTake: Int64 = 0
        var offeredBytesAtLastTake: Int64 = 0
        /// Billing meters of everything accepted so far beyond one unit a record (every accepted record bills at
        /// least one 25 KB PUT payload unit and one 1 KB on-demand increment; `finish` adds those from the accepted
        /// count): most records bill exactly one of each, so the per-record work is a predicted branch and a shift.
        var putPayloadUnitsBeyondFirst: Int64 = 0
        var onDemandIncrementsBeyondFirst: Int64 = 0
        var firehoseBilledBytes: Int64 = 0
    }

    /// A window's allowances and the Firehose billing increment, passed to the per-record offer by value.
    private struct WindowLimits {
        let records: Int64
        let bytes: Int64
        let firehoseIncrement: Int64
    }

    private var windows: [Window] = []
    /// Written here and by flow fidelity's windows (ShardWriteLedger+Flow.swift).
    var statistics: [ShardWriteStatistics] = []
    /// Flow fidelity's fractional totals per shard; the integer statistics are these, rounded.
    var flowTotals: [FlowShardTotals] = []
    let windowNanoseconds: Int64
    let recordsPerWindow: Int64
    let bytesPerWindow: Int64
    /// Firehose bills each record's data rounded up to this many bytes; 0 skips the meter (no Firehose reader).
    let firehoseBillingIncrementBytes: Int64

    /// The run's duration, for which each shard's series reserve their points up front (0: they grow as written).
    let seriesNanoseconds: Int64

    init(
        limits: ShardLimits, windowNanoseconds: Int64, firehoseBillingIncrementBytes: Int64 = 0,
        seriesNanoseconds: Int64 = 0
    ) {
        self.windowNanoseconds = windowNanoseconds
        self.seriesNanoseconds = seriesNanoseconds
        self.firehoseBillingIncrementBytes = firehoseBillingIncrementBytes
        let fraction = nanosecondsToSeconds(windowNanoseconds)
        recordsPerWindow = max(1, Int64((Double(limits.writeRecordsPerSecond) * fraction).rounded(.down)))
        bytesPerWindow = max(1, Int64((Double(limits.writeBytesPerSecond) * fraction).rounded(.down)))
    }

    /// Adds a shard (a new stream's shards, or the children of a split or merge).
    mutating func addShard() {
        windows.append(Window())
        var shardStatistics = ShardWriteStatistics()
        if seriesNanoseconds > 0 {
            shardStatistics.acceptedRecordsSeries.reserveCapacity(forNanoseconds: seriesNanoseconds)
            shardStatistics.acceptedBytesSeries.reserveCapacity(forNanoseconds: seriesNanoseconds)
            shardStatistics.throttledRecordsSeries.reserveCapacity(forNanoseconds: seriesNanoseconds)
        }
        statistics.append(shardStatistics)
        flowTotals.append(FlowShardTotals())
    }

    /// Offers a request's Kinesis records to their shards at `time`, in request order. On return
    /// `acceptedShards[i]` is the shard record i went to when it was accepted, or -1 when it was throttled.
    /// Returns how many were accepted.
    ///
    /// A record's fate depends only on earlier records offered to its own shard, so this is the same as
    /// offering each record on its own; doing the whole request in one call lets the windows be written
    /// through one buffer pointer rather than copied out of and back into the array per record.
    ///
    /// `recordsFitOneBillingUnit`: the caller knows no record of the request is over 1 KiB (counted bytes), so each
    /// accepted one bills exactly one PUT payload unit and one on-demand increment (see `Window`).
    ///
    /// `records` reads the request's Kinesis records (its entries, or its user records when each is one Kinesis
    /// record); each accepted record also goes to `acceptedRuns` (the runs the read path appends to the shard logs).
    @discardableResult
    mutating func offer<Records: OfferedRecords, Sink: AcceptedRecordSink>(
        _ records: Records, shardByKey: [Int32], keyBytesByKey: [Int32],
        billsPartitionKey: Bool, recordsFitOneBillingUnit: Bool, at time: Int64, acceptedShards: inout [Int32],
        acceptedRuns: inout Sink
    ) -> Int {
        let windowIndex = time / windowNanoseconds
        let second = time / nanosecondsPerSecond
        acceptedShards.removeAll(keepingCapacity: true)
        acceptedShards.append(contentsOf: repeatElement(-1, count: records.count))
        // Moved out (not copied), so writing through the buffer cannot trigger a copy, and the loop may
        // still update `statistics` when a second closes.
        var windows: [Window] = []
        swap(&windows, &self.windows)
        defer { swap(&windows, &self.windows) }
        var acceptedCount = 0
        // The limits in locals: read through `self` they were loaded again for every record (the loop may write
        // `self.statistics` when a second closes, so the compiler could not keep them in registers).
        let limits = WindowLimits(
            records: recordsPerWindow, bytes: bytesPerWindow, firehoseIncrement: firehoseBillingIncrementBytes)
        precondition(keyBytesByKey.count == shardByKey.count, "one key length per routed key")
        // Every table is read through a buffer pointer: no bounds check or uniqueness check per record; the two
        // indices that come from data (the key, the shard it routes to) are checked once each, explicitly.
        windows.withUnsafeMutableBufferPointer { windows in
            acceptedShards.withUnsafeMutableBufferPointer { acceptedShards in
                shardByKey.withUnsafeBufferPointer { shardByKey in
                    keyBytesByKey.withUnsafeBufferPointer { keyBytesByKey in
                        // One loop per billing rule: the rule is then a constant in each, not a select a record.
                        // Records of at most one unit of every meter (and no Firehose meter) need no metering
                        // at all: the loop then reads neither the key's length nor the rule.
                        let request = OfferedRequest(
                            records: records, shardByKey: shardByKey, keyBytesByKey: keyBytesByKey,
                            acceptedShards: acceptedShards, windows: windows, windowIndex: windowIndex,
                            second: second, limits: limits)
                        acceptedCount =
                            recordsFitOneBillingUnit && limits.firehoseIncrement == 0
                            ? offerEach(request, billsPartitionKey: true, meters: false, &acceptedRuns)
                            : billsPartitionKey
                                ? offerEach(request, billsPartitionKey: true, meters: true, &acceptedRuns)
                                : offerEach(request, billsPartitionKey: false, meters: true, &acceptedRuns)
                    }
                }
            }
        }
        return acceptedCount
    }

    /// What `offer` reads a request through (and writes `acceptedShards` and `windows` through), and its window.
    private struct OfferedRequest<Records: OfferedRecords> {
        let records: Records
        let shardByKey, keyBytesByKey: UnsafeBufferPointer<Int32>
        let acceptedShards: UnsafeMutableBufferPointer<Int32>
        let windows: UnsafeMutableBufferPointer<Window>
        let windowIndex, second: Int64
        let limits: WindowLimits
    }

    /// `offer`'s loop over the request's records; returns how many were accepted. Without `meters` the billing
    /// meters beyond each record's first unit are left alone (the caller knows there is nothing to add).
    @inline(__always)
    private mutating func offerEach<Records: OfferedRecords, Sink: AcceptedRecordSink>(
        _ request: OfferedRequest<Records>, billsPartitionKey: Bool, meters: Bool, _ acceptedRuns: inout Sink
    ) -> Int {
        let windows = request.windows, keyCount = request.shardByKey.count
        var acceptedCount = 0
        for position in 0..<request.records.count {
            let key = request.records.routingKey(at: position)
            precondition(UInt(bitPattern: key) < UInt(keyCount), "a record's key is in its key space")
            let shard = Int(request.shardByKey[key])
            precondition(UInt(bitPattern: shard) < UInt(windows.count), "a key routes to a shard without a window")
            let (bytes, keyBytes) = request.records.bytes(
                at: position, key: key, keyBytesByKey: request.keyBytesByKey, meters: meters)
            let billed = billsPartitionKey ? bytes : bytes &- keyBytes
            if offer(
                &windows[shard], shard: shard, bytes: bytes, onDemandBilledBytes: billed,
                dataBytes: bytes &- keyBytes, windowIndex: request.windowIndex, second: request.second,
                limits: request.limits, meters: meters)
            {
                request.acceptedShards[position] = Int32(truncatingIfNeeded: shard)
                acceptedCount &+= 1
                acceptedRuns.accept(
                    shard: shard, userRecords: request.records.userRecordCount(at: position), bytes: bytes)
            }
        }
        return acceptedCount
    }

    /// Offers one Kinesis record of `bytes` to `shard`'s `window`; true when accepted.
    /// `onDemandBilledBytes` is the size the on-demand data-in meter rounds up to 1 KiB; `dataBytes` the data blob
    /// Firehose's meter rounds up to its increment.
    @inline(__always)
    private mutating func offer(
        _ window: inout Window, shard: Int, bytes: Int64, onDemandBilledBytes billed: Int64,
        dataBytes: Int64, windowIndex: Int64, second: Int64, limits: WindowLimits, meters: Bool
    ) -> Bool {
        let recordsPerWindow = limits.records, bytesPerWindow = limits.bytes
        if window.index != windowIndex {
            #if SHARDSIM_INVARIANTS
                // Every window is checked as it closes (the end-of-stage checks see only each shard's last one).
                precondition(
                    isWithinAllowance(window), "shard \(shard): window \(window.index) closed over its allowance")
            #endif
            // Debt from an oversized record carries over; ordinary windows simply start empty.
            let elapsed = windowIndex - window.index
            window.records = 0
            window.bytes = elapsed > window.bytes / bytesPerWindow ? 0 : window.bytes - elapsed * bytesPerWindow
            window.index = windowIndex
        }
        if window.second != second { closeSecond(shard: shard, window: &window, newSecond: second) }
        // The common case, room for the bytes, is one predicted branch; an untouched window takes any one record.
        let fits =
            window.bytes &+ bytes <= bytesPerWindow
            ? window.records < recordsPerWindow : window.bytes == 0 && window.records == 0
        // Wrapping adds: these are counts of simulated records and their bytes (a record is at most a few MiB and
        // the run-size budget bounds the records), far from 2^63, and the overflow checks cost a tenth of the loop.
        if fits {
            window.records &+= 1
            window.bytes &+= bytes
            window.secondAcceptedRecords &+= 1
            window.secondAcceptedBytes &+= bytes
            guard meters else { return true }
            if bytes > CostModel.putPayloadUnitBytes {
                window.putPayloadUnitsBeyondFirst &+= CostModel.putPayloadUnits(forRecordBytes: bytes) &- 1
            }
            // ceil(max(billed, 1) / 1,024) - 1 increments, as `CostModel.onDemandBilledBytes` rounds: a shift.
            // Up to one increment adds nothing: a branch, not a division by shift, for the common small record.
            if billed > CostModel.onDemandBillingIncrementBytes {
                window.onDemandIncrementsBeyondFirst &+= Int64(
                    UInt64(billed &- 1) / UInt64(CostModel.onDemandBillingIncrementBytes))
            }
            let increment = limits.firehoseIncrement
            if increment > 0 {
                window.firehoseBilledBytes &+= (max(dataBytes, 1) + increment - 1) / increment * increment
            }
        } else {
            window.secondThrottled &+= 1
            window.secondThrottledBytes &+= bytes
        }
        return fits
    }

    private mutating func closeSecond(shard: Int, window: inout Window, newSecond: Int64) {
        let offeredRecords = window.secondAcceptedRecords + window.secondThrottled
        let offeredBytes = window.secondAcceptedBytes + window.secondThrottledBytes
        if window.second >= 0 {
            // Fields are updated in place: copying the statistics out would copy the series' buffers.
            let time = window.second * nanosecondsPerSecond
            statistics[shard].incomingRecords += window.secondAcceptedRecords
            statistics[shard].incomingBytes += window.secondAcceptedBytes
            statistics[shard].writeProvisionedThroughputExceeded += window.secondThrottled
            statistics[shard].peakOfferedRecordsPerSecond =
                max(statistics[shard].peakOfferedRecordsPerSecond, offeredRecords)
            statistics[shard].peakOfferedBytesPerSecond =
                max(statistics[shard].peakOfferedBytesPerSecond, offeredBytes)
            statistics[shard].acceptedRecordsSeries.add(Double(window.secondAcceptedRecords), at: time)
            statistics[shard].acceptedBytesSeries.add(Double(window.secondAcceptedBytes), at: time)
            statistics[shard].throttledRecordsSeries.add(Double(window.secondThrottled), at: time)
        }
        window.offeredRecordsBeforeSecond += offeredRecords
        window.offeredBytesBeforeSecond += offeredBytes
        window.second = newSecond
        window.secondAcceptedRecords = 0
        window.secondAcceptedBytes = 0
        window.secondThrottled = 0
        window.secondThrottledBytes = 0
    }

    /// Records and bytes offered to each shard since the last call, resetting the totals.
    mutating func takeIntervalTotals() -> [(records: Double, bytes: Double)] {
        var totals: [(records: Double, bytes: Double)] = []
        totals.reserveCapacity(windows.count)
        for shard in windows.indices {
            let window = windows[shard]
            let offeredRecords =
                window.offeredRecordsBeforeSecond + window.secondAcceptedRecords + window.secondThrottled
            let offeredBytes =
                window.offeredBytesBeforeSecond + window.secondAcceptedBytes + window.secondThrottledBytes
            // Flow fidelity offers fractional records through `addFlowWindow`; event fidelity leaves those at zero.
            let flow = flowTotals[shard]
            totals.append(
                (
                    Double(offeredRecords - window.offeredRecordsAtLastTake) + flow.intervalOfferedRecords,
                    Double(offeredBytes - window.offeredBytesAtLastTake) + flow.intervalOfferedBytes
                ))
            windows[shard].offeredRecordsAtLastTake = offeredRecords
            windows[shard].offeredBytesAtLastTake = offeredBytes
            flowTotals[shard].intervalOfferedRecords = 0
            flowTotals[shard].intervalOfferedBytes = 0
        }
        return totals
    }

    /// Folds every shard's open second into its statistics (call once, at the end of the run).
    mutating func finish() {
        for shard in windows.indices {
            var window = windows[shard]
            closeSecond(shard: shard, window: &window, newSecond: -1)
            // Each accepted record's first unit of each meter (see `Window`); the same sums as metering every
            // record with `CostModel.putPayloadUnits` and `CostModel.onDemandBilledBytes`.
            let accepted = statistics[shard].incomingRecords
            statistics[shard].putPayloadUnits = accepted + window.putPayloadUnitsBeyondFirst
            let (billedBytes, overflow) = (accepted + window.onDemandIncrementsBeyondFirst)
                .multipliedReportingOverflow(by: CostModel.onDemandBillingIncrementBytes)
            statistics[shard].onDemandBilledBytes = overflow ? .max : billedBytes
            statistics[shard].firehoseBilledBytes = window.firehoseBilledBytes
            windows[shard] = window
        }
    }
}

extension ShardWriteLedger: InvariantChecking {
    /// A window never holds more records than its allowance, and holds more bytes than its allowance only under
    /// the debt rule: an oversized record accepted into an untouched window (then it is the window's one record),
    /// or the debt such a record carries into the following windows (which then accept nothing until it is paid
    /// down to the allowance, so hold no record while above it).
    private func isWithinAllowance(_ window: Window) -> Bool {
        window.records >= 0 && window.records <= recordsPerWindow
            && window.bytes >= 0 && (window.bytes <= bytesPerWindow || window.records <= 1)
    }

    func invariantViolations() -> [String] {
        var violations: [String] = []
        for (shard, window) in windows.enumerated() {
            if window.records < 0 || window.records > recordsPerWindow {
                violations.append(
                    "shard \(shard): window \(window.index) holds \(window.records) records (allowance \(recordsPerWindow))"
                )
            }
            if window.bytes < 0 || (window.bytes > bytesPerWindow && window.records > 1) {
                violations.append(
                    "shard \(shard): window \(window.index) holds \(window.bytes) bytes in \(window.records) records "
                        + "(allowance \(bytesPerWindow); only one oversized record or its debt may exceed it)")
            }
        }
        return violations
    }
}
