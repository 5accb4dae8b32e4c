import Foundation
import ShardSimEngine

/// The write path: producers batching records, PutRecords requests in flight, and the per-shard write limits.
///
/// Owns the `producerSend` and `requestArrival` events. What it hands on: the records each applied request put
/// on each shard (`acceptedRuns`, which the loop passes to the read path's shard logs) and the retry a request
/// leaves behind (`PutRetry`, which the loop schedules after the logs have the accepted records).
struct WritePath {
    var ledger: ShardWriteLedger
    var producers: [ProducerRuntime] = []
    var pool = PutRequestPool()
    var packer = KinesisRecordPacker()
    /// What the last applied request put on each shard; filled only when `collectsAcceptedRuns`.
    var acceptedRuns = AcceptedRuns()
    /// Whether anything reads the shard logs (consumers exist): otherwise accepted records are only counted.
    let collectsAcceptedRuns: Bool
    /// Per Kinesis record of the request being applied: the shard that accepted it, or -1 (reused buffer).
    var acceptedShardScratch: [Int32] = []
    /// User records accepted and handed on in `acceptedRuns` over the run (records in = records out).
    var handedOnUserRecords: Int64 = 0
    /// A second request the last applied request left behind (the resent copies of a request whose response was
    /// lost, beside its throttled records' retry): the loop schedules it and empties this.
    var pendingResends: [PutRetry] = []

    init(configuration: SimulationConfiguration, layout: ShardLayout) {
        // Firehose's 5 KB ingestion meter is kept only when a Firehose delivery stream reads the stream.
        let hasFirehose = configuration.consumers.contains { $0.type == .firehose }
        let assumptions = configuration.assumptions
        ledger = ShardWriteLedger(
            limits: configuration.stream.limits,
            windowNanoseconds: assumptions.writeAccountingWindowNanoseconds,
            firehoseBillingIncrementBytes: hasFirehose ? assumptions.firehoseBillingIncrementBytes : 0,
            seriesNanoseconds: configuration.durationNanoseconds)
        collectsAcceptedRuns = !configuration.consumers.isEmpty
        for (index, producer) in configuration.producers.enumerated() {
            var runtime = ProducerRuntime(
                configuration: producer, index: index, seed: configuration.seed,
                stream: configuration.stream,
                horizonNanoseconds: configuration.durationNanoseconds)
            runtime.keys.route(with: layout.router, openShardIndices: layout.openShardIndices)
            producers.append(runtime)
        }
    }

    /// A shard was added to the layout (the stream's first shards, or the children of a reshard).
    mutating func addShard() {
        ledger.addShard()
        if collectsAcceptedRuns { acceptedRuns.addShard() }
    }

    /// Routes every producer's keys to the layout's open shards (after a layout change).
    mutating func route(with layout: ShardLayout) {
        for index in producers.indices {
            producers[index].keys.route(with: layout.router, openShardIndices: layout.openShardIndices)
        }
    }

    /// Schedules every producer's first batch.
    mutating func start(context: inout SimulationContext) {
        for index in producers.indices where producers[index].assembleNextBatch() {
            context.schedule(.producerSend, at: producers[index].pendingSendNanoseconds, target: Int32(index))
        }
    }

    /// The records a producer is expected to draw over the run (to decide whether it gets a pipeline).
    func expectedRecords(ofProducer index: Int, durationNanoseconds: Int64) -> Double {
        let producer = producers[index].configuration
        let mean = producer.rateProfile.meanRecordsPerSecond(
            baseRecordsPerSecond: producer.recordsPerSecond,
            durationNanoseconds: durationNanoseconds)
        return accrued(perSecond: mean, overNanoseconds: durationNanoseconds)
    }

    /// Gives the producers expected to draw the most records (at least `minimumRecords`) a pipeline each, one per
    /// spare core at most (each holds a thread and a few MiB of batches).
    mutating func startPipelines(minimumRecords: Double, durationNanoseconds: Int64) {
        let spareCores = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
        var candidates: [(index: Int, records: Double)] = []
        for index in producers.indices {
            let records = expectedRecords(ofProducer: index, durationNanoseconds: durationNanoseconds)
            if records >= minimumRecords { candidates.append((index, records)) }
        }
        candidates.sort { left, right in
            left.records > right.records || (left.records == right.records && left.index < right.index)
        }
        for candidate in candidates.prefix(spareCores) { producers[candidate.index].startPipeline() }
    }

    /// Sends a producer's closed batch as one or more requests, then assembles its next batch.
    mutating func sendPendingBatch(producerIndex: Int, at time: Int64, context: inout SimulationContext) {
        emitRequests(producerIndex: producerIndex, at: time, context: &context)
        if producers[producerIndex].assembleNextBatch() {
            context.schedule(
                .producerSend, at: producers[producerIndex].pendingSendNanoseconds, target: Int32(producerIndex))
        }
    }

    /// Packs the pending batch into requests within the PutRecords limits and schedules their arrival.
    private mutating func emitRequests(producerIndex: Int, at time: Int64, context: inout SimulationContext) {
        let producer = producers[producerIndex].configuration
        guard producer.aggregation.isEnabled else {
            emitUnaggregatedRequests(producerIndex: producerIndex, at: time, context: &context)
            return
        }
        var carried: [UserRecord] = []
        swap(&carried, &producers[producerIndex].carried)
        let packed = packer.pack(
            producers[producerIndex].pending, keys: producers[producerIndex].keys,
            aggregation: producer.aggregation,
            overheadBytesPerUserRecord: context.assumptions.aggregationOverheadBytesPerUserRecord,
            shardCount: context.layout.shards.count, sendNanoseconds: time,
            maxBufferedNanoseconds: producer.batching.maxBufferedNanoseconds, carried: &carried)
        swap(&carried, &producers[producerIndex].carried)
        guard !packed.entries.isEmpty else { return }
        let maxRecords = producer.api == .putRecord ? 1 : producer.batching.maxRecords
        let maxBytes = producer.api == .putRecord ? Int64.max : producer.batching.maxBytes
        let arrival = time + context.assumptions.putRequestLatencyNanoseconds
        var slot = pool.acquire(producerIndex: Int32(producerIndex), attempt: 1)
        var requestBytes: Int64 = 0
        for entry in packed.entries {
            let recordCount = pool.slots[Int(slot)].records.count
            if recordCount > 0 && (recordCount >= maxRecords || requestBytes + Int64(entry.countedBytes) > maxBytes) {
                context.schedule(.requestArrival, at: arrival, target: slot)
                producers[producerIndex].statistics.requestsSent += 1
                slot = pool.acquire(producerIndex: Int32(producerIndex), attempt: 1)
                requestBytes = 0
            }
            pool.appendRecord(entry, from: packed.records, to: slot)
            requestBytes += Int64(entry.countedBytes)
        }
        context.schedule(.requestArrival, at: arrival, target: slot)
        producers[producerIndex].statistics.requestsSent += 1
    }

    /// `emitRequests` without aggregation, where each user record is one Kinesis record. Then the batch is
    /// exactly one request: `ProducerRuntime` closes a batch at the same record and byte limits a request
    /// has (checked below), and nothing is carried over. The batch's records move into the request whole.
    private mutating func emitUnaggregatedRequests(producerIndex: Int, at time: Int64, context: inout SimulationContext)
    {
        let producer = producers[producerIndex].configuration
        let maxRecords = producer.api == .putRecord ? 1 : producer.batching.maxRecords
        let maxBytes = producer.api == .putRecord ? Int64.max : producer.batching.maxBytes
        let batchCount = producers[producerIndex].pending.count
        guard batchCount > 0 else { return }
        precondition(
            producers[producerIndex].carried.isEmpty
                && (batchCount == 1 || (batchCount <= maxRecords && producers[producerIndex].pendingBytes <= maxBytes)),
            "an unaggregated batch is exactly one request")
        let slot = pool.acquire(producerIndex: Int32(producerIndex), attempt: 1)
        var request = pool.take(slot)
        producers[producerIndex].movePendingBatch(into: &request.userRecords)
        request.entriesDeferred = true
        pool.putBack(request, into: slot)
        context.schedule(.requestArrival, at: time + context.assumptions.putRequestLatencyNanoseconds, target: slot)
        producers[producerIndex].statistics.requestsSent += 1
    }
}
