import ShardSimEngine

extension ShardWriteLedger {
    /// Adds one flow-fidelity window of `shard` starting at `start`. Per-second figures split a window longer
    /// than a second evenly over its seconds; shorter windows add up within their second.
    mutating func addFlowWindow(shard: Int, startNanoseconds start: Int64, outcome: FlowWindowOutcome) {
        flowTotals[shard].intervalOfferedRecords += outcome.offeredRecords
        flowTotals[shard].intervalOfferedBytes += outcome.offeredBytes
        let seconds = max(1, windowNanoseconds / nanosecondsPerSecond)
        let perSecond = seconds == 1 ? outcome : outcome.scaled(by: 1 / Double(seconds))
        for offset in 0..<seconds {
            let second = start / nanosecondsPerSecond + offset
            if flowTotals[shard].second != second { closeFlowSecond(shard: shard, newSecond: second) }
            flowTotals[shard].secondOffered += perSecond
        }
    }

    /// Folds a shard's open flow second into its statistics and series, rounding the running totals.
    private mutating func closeFlowSecond(shard: Int, newSecond: Int64) {
        var totals = flowTotals[shard]
        if totals.second >= 0 {
            let second = totals.secondOffered
            let time = totals.second * nanosecondsPerSecond
            totals.incomingRecords += second.acceptedRecords
            totals.incomingBytes += second.acceptedBytes
            totals.throttledRecords += second.throttledRecords
            totals.putPayloadUnits += second.putPayloadUnits
            totals.onDemandBilledBytes += second.onDemandBilledBytes
            totals.firehoseBilledBytes += second.firehoseBilledBytes
            totals.peakOfferedRecords = max(totals.peakOfferedRecords, second.offeredRecords)
            totals.peakOfferedBytes = max(totals.peakOfferedBytes, second.offeredBytes)
            // Zero adds change nothing in a series: skip them (most seconds throttle nothing).
            if second.acceptedRecords > 0 {
                statistics[shard].acceptedRecordsSeries.add(second.acceptedRecords, at: time)
                statistics[shard].acceptedBytesSeries.add(second.acceptedBytes, at: time)
            }
            if second.throttledRecords > 0 {
                statistics[shard].throttledRecordsSeries.add(second.throttledRecords, at: time)
            }
        }
        totals.second = newSecond
        totals.secondOffered = FlowWindowOutcome()
        flowTotals[shard] = totals
    }

    /// Folds every shard's open flow second into its statistics (once, at the end of a flow run).
    mutating func finishFlow() {
        for shard in flowTotals.indices {
            closeFlowSecond(shard: shard, newSecond: -1)
            let totals = flowTotals[shard]
            statistics[shard].incomingRecords = Int64(totals.incomingRecords.rounded())
            statistics[shard].incomingBytes = Int64(totals.incomingBytes.rounded())
            statistics[shard].writeProvisionedThroughputExceeded = Int64(totals.throttledRecords.rounded())
            statistics[shard].putPayloadUnits = Int64(totals.putPayloadUnits.rounded())
            statistics[shard].onDemandBilledBytes = Int64(totals.onDemandBilledBytes.rounded())
            statistics[shard].firehoseBilledBytes = Int64(totals.firehoseBilledBytes.rounded())
            statistics[shard].peakOfferedRecordsPerSecond = Int64(totals.peakOfferedRecords.rounded())
            statistics[shard].peakOfferedBytesPerSecond = Int64(totals.peakOfferedBytes.rounded())
        }
    }
}
