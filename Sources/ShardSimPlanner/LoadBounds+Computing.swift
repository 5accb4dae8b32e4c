import Foundation
import ShardSimEngine
import ShardSimModel

extension LoadBounds {
    /// Bounds for a scenario's producers and consumers at their peak rates.
    public init(configuration: SimulationConfiguration) {
        self.init()
        let limits = configuration.stream.limits
        hasPoissonArrivals = configuration.producers.contains { $0.arrival == .poisson }
        let traffic = ProducerTraffic(configuration)
        let bytes = traffic.bytes
        peakIncomingBytesPerSecond = bytes
        peakUserRecordsPerSecond = traffic.userRecords
        // Shards needed = the stream's peak as a utilisation of one shard.
        requirements.append(
            (.writeRecordsPerSecond, limits.writeRecordsUtilization(recordsPerSecond: traffic.kinesisRecords)))
        requirements.append((.writeBytesPerSecond, limits.writeBytesUtilization(bytesPerSecond: bytes)))
        let getRecordsReaders = configuration.consumers.filter { $0.type.readsWithGetRecords($0) }.count
        let pushReaders = configuration.consumers.count - getRecordsReaders
        getRecordsReaderCount = getRecordsReaders
        if getRecordsReaders > 0 {
            requirements.append(
                (.readBytesPerSecond, bytes * Double(getRecordsReaders) / Double(limits.readBytesPerSecond)))
        }
        if pushReaders > 0 {
            requirements.append(
                (.enhancedFanOutBytesPerSecond, bytes / Double(KinesisLimits.enhancedFanOutBytesPerSecondPerShard)))
        }
        appendLambdaRequirements(configuration, traffic: traffic)
        if let heaviest = traffic.heaviest {
            hotKey = heaviest
            applyHotKey(
                heaviest, configuration: configuration, totalKinesisRecords: traffic.kinesisRecords, totalBytes: bytes)
        }
        formula = SizingFormula(
            recordsPerSecond: traffic.formulaRecords,
            averageRecordBytes: traffic.formulaRecords > 0 ? traffic.formulaBytes / traffic.formulaRecords : 0,
            consumerCount: configuration.consumers.count)
        let meanRequirement = max(
            limits.writeRecordsUtilization(recordsPerSecond: traffic.meanKinesisRecords),
            limits.writeBytesUtilization(bytesPerSecond: traffic.meanBytes),
            getRecordsReaders > 0
                ? traffic.meanBytes * Double(getRecordsReaders) / Double(limits.readBytesPerSecond) : 0)
        meanLoadShardCount = max(1, Int((meanRequirement - 1e-9).rounded(.up)))
    }

    /// The producers' traffic summed, per second: at peak and on average, as the stream receives it (Kinesis records,
    /// bytes with keys) and as AWS's formula counts it (data records and their data size, aggregates if any), and the
    /// heaviest partition key.
    private struct ProducerTraffic {
        var kinesisRecords = 0.0, bytes = 0.0, userRecords = 0.0
        var meanKinesisRecords = 0.0, meanBytes = 0.0
        var formulaRecords = 0.0, formulaBytes = 0.0
        var heaviest: HotKeyLoad?

        init(_ configuration: SimulationConfiguration) {
            let duration = configuration.durationNanoseconds
            let overheadBytes = Double(configuration.assumptions.aggregationOverheadBytesPerUserRecord)
            for producer in configuration.producers {
                let peak = producer.rateProfile.peakRecordsPerSecond(
                    baseRecordsPerSecond: producer.recordsPerSecond,
                    durationNanoseconds: duration)
                let mean = producer.rateProfile.meanRecordsPerSecond(
                    baseRecordsPerSecond: producer.recordsPerSecond,
                    durationNanoseconds: duration)
                let recordBytes = producer.recordSize.meanBytes + LoadBounds.meanKeyBytes(producer.partitionKeys)
                let perKinesisRecord =
                    producer.aggregation.isEnabled
                    ? max(1, Double(producer.aggregation.maxBytes) / (recordBytes + overheadBytes)) : 1
                userRecords += peak
                kinesisRecords += peak / perKinesisRecord
                bytes += peak * recordBytes
                if perKinesisRecord > 1 {
                    formulaRecords += peak / perKinesisRecord
                    formulaBytes += peak * (recordBytes + overheadBytes)
                } else {
                    formulaRecords += peak
                    formulaBytes += peak * producer.recordSize.meanBytes
                }
                meanKinesisRecords += mean / perKinesisRecord
                meanBytes += mean * recordBytes
                if let key = LoadBounds.heaviestKey(producer, peak: peak, recordBytes: recordBytes),
                    key.recordsPerSecond > (heaviest?.recordsPerSecond ?? 0)
                {
                    heaviest = key
                }
            }
        }
    }

    /// Each shard gives a Lambda mapping `parallelizationFactor` batches in flight. A full batch holds batchSize
    /// Kinesis records (an aggregate counts once) or what fits the 6 MB event, and takes base + perRecord × the
    /// user records inside, so a shard carries at most that many user records/s.
    private mutating func appendLambdaRequirements(_ configuration: SimulationConfiguration, traffic: ProducerTraffic) {
        let kinesisRecords = traffic.kinesisRecords
        let userPerKinesisRecord = kinesisRecords > 0 ? traffic.userRecords / kinesisRecords : 1
        let bytesPerKinesisRecord = kinesisRecords > 0 ? Int64(traffic.bytes / kinesisRecords) : 0
        let eventBytesPerRecord = lambdaPayloadBytes(
            kinesisRecords: 1, bytes: bytesPerKinesisRecord,
            envelopeBytes: configuration.assumptions.lambdaEventRecordEnvelopeBytes)
        for consumer in configuration.consumers {
            guard let lambda = consumer.lambda else { continue }
            let fitting = max(1, LambdaLimits.invocationPayloadBytes / max(1, eventBytesPerRecord))
            let batchUserRecords = Double(min(lambda.batchSize, fitting)) * userPerKinesisRecord
            let batchSeconds = max(
                1e-3,
                nanosecondsToSeconds(
                    Double(lambda.durationBaseNanoseconds) + Double(lambda.durationPerRecordNanoseconds)
                        * batchUserRecords))
            let recordsPerShard = Double(lambda.parallelizationFactor) * batchUserRecords / batchSeconds
            requirements.append((.lambdaThroughput, traffic.userRecords / recordsPerShard))
        }
    }

    /// A key below this share of the traffic (records or bytes) is not weighed as skew: it would add less than a
    /// hundredth of a shard's worth beyond an even spread at any count the planner reaches.
    public static let hotKeyMinimumShareOfTraffic = 0.01

    /// A hot key needs its own shard's room: N ≥ (total − key) / (limit − key); beyond the limit, nothing helps.
    private mutating func applyHotKey(
        _ key: HotKeyLoad, configuration: SimulationConfiguration, totalKinesisRecords: Double,
        totalBytes: Double
    ) {
        let limits = configuration.stream.limits
        let aggregated = configuration.producers.first { $0.name == key.producer }?.aggregation.isEnabled ?? false
        let recordLimit = Double(limits.writeRecordsPerSecond), byteLimit = Double(limits.writeBytesPerSecond)
        if !aggregated && key.recordsPerSecond >= recordLimit {
            infeasibleReason =
                "partition key \"\(key.partitionKey)\" (\(Self.percent(key.shareOfTraffic)) of \(key.producer)) alone sends \(LimitText.count(key.recordsPerSecond)) records/s, "
                + "more than one shard's \(LimitText.recordsPerSecond(recordLimit)) write limit: no shard count helps; "
                + "spread the key (e.g. add a suffix) or aggregate its records with the KPL"
            return
        }
        if key.bytesPerSecond >= byteLimit {
            infeasibleReason =
                "partition key \"\(key.partitionKey)\" (\(Self.percent(key.shareOfTraffic)) of \(key.producer)) alone sends \(LimitText.bytesPerSecond(key.bytesPerSecond)), "
                + "more than one shard's \(LimitText.bytesPerSecond(byteLimit)) write limit: no shard count helps; spread the key (e.g. add a suffix)"
            return
        }
        var needed = 0.0
        if !aggregated && key.shareOfTraffic > Self.hotKeyMinimumShareOfTraffic {
            needed = max(needed, (totalKinesisRecords - key.recordsPerSecond) / (recordLimit - key.recordsPerSecond))
        }
        if key.bytesPerSecond / totalBytes > Self.hotKeyMinimumShareOfTraffic {
            needed = max(needed, (totalBytes - key.bytesPerSecond) / (byteLimit - key.bytesPerSecond))
        }
        guard needed > 0 else { return }
        let even = requirements.map(\.shards).max() ?? 0
        keySkew = KeySkew(evenSpreadShards: even, withKeyShards: needed)
        // The table lists the key's requirement when it asks for more than an even spread; `bindingLimit` names it
        // only when that raises the count.
        if needed > even + 1e-9 { requirements.append((.partitionKey, needed)) }
    }

    static func heaviestKey(_ producer: ProducerConfiguration, peak: Double, recordBytes: Double) -> HotKeyLoad? {
        let share: Double
        let key: String
        switch producer.partitionKeys {
        case .uniform(let count, let prefix):
            share = 1 / Double(count)
            key = prefix + "0"
        case .zipf(let count, let exponent, let prefix):
            var total = 0.0
            for rank in 1...count { total += 1 / pow(Double(rank), exponent) }
            share = 1 / total
            key = prefix + "0"
        case .hotKeys(let hot, let othersCount, let prefix):
            let hotShare = hot.reduce(0) { $0 + $1.shareOfTraffic }
            let top = hot.max { $0.shareOfTraffic < $1.shareOfTraffic }
            let otherShare = othersCount > 0 ? (1 - hotShare) / Double(othersCount) : 0
            if let top, top.shareOfTraffic * (othersCount == 0 ? 1 / hotShare : 1) >= otherShare {
                share = othersCount == 0 ? top.shareOfTraffic / hotShare : top.shareOfTraffic
                key = top.key
            } else {
                share = otherShare
                key = prefix + "0"
            }
        }
        return HotKeyLoad(
            producer: producer.name, partitionKey: key, recordsPerSecond: peak * share,
            bytesPerSecond: peak * share * recordBytes, shareOfTraffic: share)
    }

    /// Mean UTF-8 length of a generated key set, weighted as drawn (hot keys by share).
    static func meanKeyBytes(_ keys: PartitionKeyDistribution) -> Double {
        func generated(_ prefix: String, _ count: Int) -> Double {
            Double(prefix.utf8.count) + Double(String(max(0, count - 1)).count)
        }
        switch keys {
        case .uniform(let count, let prefix), .zipf(let count, _, let prefix): return generated(prefix, count)
        case .hotKeys(let hot, let othersCount, let prefix):
            let hotShare = hot.reduce(0) { $0 + $1.shareOfTraffic }
            let hotBytes = hot.reduce(0.0) { $0 + $1.shareOfTraffic * Double($1.key.utf8.count) }
            return othersCount > 0
                ? hotBytes + (1 - hotShare) * generated(prefix, othersCount) : hotBytes / max(hotShare, 1e-9)
        }
    }

    /// "60.0%": a share of a producer's traffic, one decimal.
    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
}
