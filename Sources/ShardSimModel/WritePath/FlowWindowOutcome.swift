/// What flow fidelity has added to one shard, before rounding to whole records and bytes, and its open second.
struct FlowShardTotals {
    var incomingRecords = 0.0
    var incomingBytes = 0.0
    var throttledRecords = 0.0
    var putPayloadUnits = 0.0
    var onDemandBilledBytes = 0.0
    var firehoseBilledBytes = 0.0
    var peakOfferedRecords = 0.0
    var peakOfferedBytes = 0.0
    /// Offered since the last `takeIntervalTotals` (on-demand scaling observes these).
    var intervalOfferedRecords = 0.0
    var intervalOfferedBytes = 0.0
    var second: Int64 = -1
    var secondOffered = FlowWindowOutcome()
}

/// One accounting window of one shard, as flow fidelity computes it (expected values, not whole records).
struct FlowWindowOutcome {
    var offeredRecords = 0.0
    var offeredBytes = 0.0
    var acceptedRecords = 0.0
    var acceptedBytes = 0.0
    var throttledRecords = 0.0
    var putPayloadUnits = 0.0
    var onDemandBilledBytes = 0.0
    var firehoseBilledBytes = 0.0

    static func += (left: inout FlowWindowOutcome, right: FlowWindowOutcome) {
        left.offeredRecords += right.offeredRecords
        left.offeredBytes += right.offeredBytes
        left.acceptedRecords += right.acceptedRecords
        left.acceptedBytes += right.acceptedBytes
        left.throttledRecords += right.throttledRecords
        left.putPayloadUnits += right.putPayloadUnits
        left.onDemandBilledBytes += right.onDemandBilledBytes
        left.firehoseBilledBytes += right.firehoseBilledBytes
    }

    func scaled(by factor: Double) -> FlowWindowOutcome {
        FlowWindowOutcome(
            offeredRecords: offeredRecords * factor, offeredBytes: offeredBytes * factor,
            acceptedRecords: acceptedRecords * factor, acceptedBytes: acceptedBytes * factor,
            throttledRecords: throttledRecords * factor, putPayloadUnits: putPayloadUnits * factor,
            onDemandBilledBytes: onDemandBilledBytes * factor, firehoseBilledBytes: firehoseBilledBytes * factor)
    }
}
