import Foundation
import ShardSimEngine

/// The cost of each term of `RunSizeEstimate`, measured on the 2-core machine with a release build
/// (`/usr/bin/time` peak RSS and wall time of `shardsim run` on scenarios that vary one term, minus a baseline
/// run; docs/model.md section 14 gives the figures).
extension RunSizeEstimate {
    /// A reader event (a read, its latency accounting, a reschedule) costs about this many records' work.
    static let readerEventWork = 4.0
    /// A PutRecord attempt is a request of its own (an event, a latency sample): measured about 8 times a
    /// record's share of a PutRecords request.
    static let putRecordAttemptWork = 8.0
    /// Hashing one partition key (MD5 of its bytes) and routing it: measured 260–350 ns a key.
    static let keyWork = 4.0
    /// A hot key listed in the scenario: parsed, decoded, checked for duplicates and put in the alias table;
    /// measured 4 µs each (100,000 hot keys in 0.42 s).
    static let listedKeyWork = 50.0
    /// Re-routing one key at a layout change (a binary search over the open shards): measured 6 ns a key.
    static let rerouteWork = 0.25
    /// Setting up one consumer (its histograms and series): measured 110 µs each.
    static let consumerWork = 1_000.0
    /// One consumer's state for one shard.
    static let consumerShardStateWork = 16.0
    /// Setting up one shard (its ledger, series and log): measured 32 µs each, plus filling its per-second series
    /// (`shardSeriesSecondWork` a simulated second, up to `seriesSeconds`): 165 µs a shard over 3,000 s.
    static let shardWork = 350.0
    static let shardSeriesSecondWork = 0.7
    /// Series keep one point a second up to this many seconds, then double their buckets.
    static let seriesSeconds = 2_048.0
    /// Extra flow work for a shard-window with throttling (computed over 10 subticks, with the retry kernel):
    /// measured 15 times an unthrottled one (1.3 µs against 87 ns).
    static let flowThrottledWindowWork = 14.0

    /// Bytes per partition key, measured: 24 B a key for uniform and hot-key sets (hash, length, route), 56 B for
    /// Zipf (plus its weights and alias table); rounded up for the transient key text while hashing.
    static let bytesPerKey = 32.0
    static let bytesPerZipfKey = 64.0
    /// Bytes per listed hot key, measured 540 B (the parsed file, the key text, its alias-table entry).
    static let bytesPerListedKey = 640.0
    /// The process itself (runtime, code, buffers): measured 22 MiB resident for a run that holds nothing.
    static let baselineBytes = 24.0 * 1_048_576
    /// Bytes per shard-log run.
    static let bytesPerLogRun = 64.0
    /// Bytes per shard, measured 3.2 KiB for a 1 s run (write ledger, description, router entry, its part of the
    /// report), plus `bytesPerShardSeriesSecond` for each simulated second up to `seriesSeconds`: three write series
    /// (accepted records, accepted bytes, throttled records) of 16 B points, each reserving the run's points when
    /// the shard is created (a busy shard, written every second, holds them all: 99 KiB resident over an hour).
    static let bytesPerShard = 16_384.0
    static let bytesPerShardSeriesSecond = 48.0
    /// Bytes per consumer, measured 64.4 KiB (latency histograms, series).
    static let bytesPerConsumer = 67_584.0
    /// Bytes per consumer-shard state, measured 87 B (shared) to 176 B (Lambda).
    static let bytesPerConsumerShardState = 256.0
    /// Bytes per user record waiting for a retry, measured: 32 B in a PutRecords retry request, 183 B as a
    /// PutRecord request of its own.
    static let bytesPerWaitingRecord = 48.0
    static let bytesPerWaitingPutRecord = 192.0
}

extension PartitionKeyDistribution {
    /// Keys the producer hashes and keeps.
    var keyCount: Int {
        switch self {
        case .uniform(let count, _), .zipf(let count, _, _): return count
        case .hotKeys(let hot, let others, _): return hot.count + others
        }
    }

    /// Keys listed one by one (hot keys).
    var listedKeyCount: Int {
        if case .hotKeys(let hot, _, _) = self { return hot.count }
        return 0
    }

    var isZipf: Bool {
        if case .zipf = self { return true }
        return false
    }

    /// The share of the producer's records that the most frequent key carries.
    var largestShare: Double {
        switch self {
        case .uniform(let count, _): return 1 / Double(max(count, 1))
        case .zipf(let count, let exponent, _): return 1 / Self.harmonic(count, exponent)
        case .hotKeys(let hot, let others, _):
            let hotShare = hot.reduce(0) { $0 + $1.shareOfTraffic }
            let largestHot = hot.map(\.shareOfTraffic).max() ?? 0
            return others > 0
                ? max(largestHot, max(0, 1 - hotShare) / Double(others)) : largestHot / max(hotShare, 1e-300)
        }
    }

    /// H(n, s) = Σ k^−s for k = 1 … n: the first 10,000 terms exactly, the rest by the integral (error < 10^-4).
    static func harmonic(_ count: Int, _ exponent: Double) -> Double {
        let exact = min(count, 10_000)
        var sum = 0.0
        for rank in 1...max(1, exact) { sum += pow(Double(rank), -exponent) }
        guard count > exact else { return sum }
        let from = Double(exact) + 0.5, to = Double(count) + 0.5
        sum +=
            abs(exponent - 1) < 1e-12
            ? log(to / from) : (pow(to, 1 - exponent) - pow(from, 1 - exponent)) / (1 - exponent)
        return sum
    }
}

/// Each producer's mean and peak rate, and which share of its records the stream cannot accept at peak.
struct PeakLoad {
    struct Producer {
        var meanRecordsPerSecond: Double
        var peakRecordsPerSecond: Double
        /// Kinesis records per user record (1, or less with KPL aggregation).
        var kinesisRecordsPerUserRecord: Double
        var bytesPerRecord: Double
        var largestKeyShare: Double
    }

    var producers: [Producer] = []
    var peakRecords = 0.0
    var peakBytes = 0.0
    var shards = 1.0
    /// Shards that take the writes when the run starts (throttling happens before any scaling helps).
    var startingShards = 1.0
    var limits = ShardLimits()

    init(_ configuration: SimulationConfiguration) {
        let duration = configuration.durationNanoseconds
        limits = configuration.stream.limits
        var peakKinesisRecords = 0.0
        for producer in configuration.producers {
            let mean = producer.rateProfile.meanRecordsPerSecond(
                baseRecordsPerSecond: producer.recordsPerSecond, durationNanoseconds: duration)
            let peak = producer.rateProfile.peakRecordsPerSecond(
                baseRecordsPerSecond: producer.recordsPerSecond, durationNanoseconds: duration)
            // Key bytes count against the bytes limit; generated keys are short (a prefix and digits).
            let bytes = producer.recordSize.meanBytes + 16
            let perAggregate =
                producer.aggregation.isEnabled
                ? max(
                    1,
                    Double(producer.aggregation.maxBytes)
                        / (bytes + Double(KinesisProducerLibraryDefaults.aggregationFramingBytes))) : 1
            producers.append(
                Producer(
                    meanRecordsPerSecond: mean, peakRecordsPerSecond: peak,
                    kinesisRecordsPerUserRecord: 1 / perAggregate,
                    bytesPerRecord: bytes, largestKeyShare: producer.partitionKeys.largestShare))
            peakRecords += peak
            peakKinesisRecords += peak / perAggregate
            peakBytes += peak * producer.recordSize.meanBytes
        }
        startingShards = Double(configuration.stream.initialLayout?.shards.count ?? configuration.stream.shardCount)
        shards = startingShards
        if configuration.stream.streamMode == .onDemand {
            let rules = configuration.assumptions.onDemand
            shards = Double(
                max(
                    rules.initialShardCount(configuration.stream),
                    rules.shardsFor(bytesPerSecond: peakBytes, recordsPerSecond: peakRecords, limits: limits)))
            startingShards = shards
        }
        let allBytes = producers.reduce(0) { $0 + $1.peakRecordsPerSecond * $1.bytesPerRecord }
        streamOverload = max(
            0, 1 - startingShards * Double(limits.writeRecordsPerSecond) / max(peakKinesisRecords, 1e-300),
            1 - startingShards * Double(limits.writeBytesPerSecond) / max(allBytes, 1e-300))
    }

    /// The share of all offered records beyond the stream's write limits at peak.
    private(set) var streamOverload = 0.0

    /// The share of producer `index`'s peak records that cannot be accepted: the stream's overload, or its hottest
    /// key's excess over the one shard it lands on, whichever is larger.
    func overloadedShare(of index: Int) -> Double {
        let producer = producers[index]
        guard producer.peakRecordsPerSecond > 0 else { return 0 }
        let keyRecords = producer.largestKeyShare * producer.peakRecordsPerSecond
        let recordsExcess =
            max(0, keyRecords * producer.kinesisRecordsPerUserRecord - Double(limits.writeRecordsPerSecond))
            / producer.kinesisRecordsPerUserRecord
        let bytesExcess =
            max(0, keyRecords * producer.bytesPerRecord - Double(limits.writeBytesPerSecond)) / producer.bytesPerRecord
        return min(1, max(streamOverload, max(recordsExcess, bytesExcess) / producer.peakRecordsPerSecond))
    }
}
