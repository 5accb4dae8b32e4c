import ShardSimEngine
import ShardSimModel

/// `stream`, `assumptions` and `slo`.
enum StreamReading {
    /// Upper bound accepted for a per-shard limit override: generous what-ifs, no overflow.
    static let maxLimitOverride: Int64 = 1_000_000_000_000

    static func read(_ reader: ObjectReader) -> StreamConfiguration {
        var stream = StreamConfiguration()
        _ = reader.string("description")  // a note for whoever reads the file (init's templates use it); ignored
        if let mode = reader.choice("streamMode", StreamMode.allCases.map(\.rawValue)) {
            stream.streamMode = StreamMode(rawValue: mode) ?? .provisioned
        }
        let shardCount = reader.integer("shardCount", in: 1...Int64(KinesisLimits.maxShardsPerStream))
        if let shardCount { stream.shardCount = Int(shardCount) }
        let imported = readShardsFile(reader, stream: &stream, shardCount: shardCount)
        if stream.streamMode == .provisioned && shardCount == nil && !reader.has("shardCount")
            && !reader.has("shardsFile")
        {
            reader.report("shardCount", "is required when streamMode is PROVISIONED (or give shardsFile)")
        }
        // Read in either mode: with PROVISIONED it describes the on-demand side `compare` sets against the plan.
        if let onDemand = reader.object("onDemand") { readOnDemand(onDemand, stream: &stream) }
        if let quota = reader.integer("accountShardQuota", in: 1...1_000_000) { stream.accountShardQuota = Int(quota) }
        if let hours = reader.integer(
            "retentionPeriodHours",
            in: Int64(KinesisLimits.defaultRetentionPeriodHours)...Int64(KinesisLimits.maxRetentionPeriodHours))
        {
            stream.retentionPeriodHours = Int(hours)
        } else if !reader.has("retentionPeriodHours"), let hours = imported?.retentionPeriodHours,
            (Int64(KinesisLimits.defaultRetentionPeriodHours)...Int64(KinesisLimits.maxRetentionPeriodHours)).contains(
                hours)
        {
            // The real stream's retention, unless the scenario states its own (a what-if).
            stream.retentionPeriodHours = Int(hours)
        }
        if let size = reader.integer(
            "maxRecordSizeInKiB",
            in: Int64(KinesisLimits.defaultMaxRecordSizeKiB)...Int64(KinesisLimits.largestMaxRecordSizeKiB))
        {
            stream.maxRecordSizeKiB = Int(size)
        }
        if let limits = reader.object("limits") {
            let range: ClosedRange<Int64> = 1...maxLimitOverride
            stream.limits.writeBytesPerSecond =
                limits.integer("writeBytesPerSecond", in: range) ?? stream.limits.writeBytesPerSecond
            stream.limits.writeRecordsPerSecond =
                limits.integer("writeRecordsPerSecond", in: range) ?? stream.limits.writeRecordsPerSecond
            stream.limits.readBytesPerSecond =
                limits.integer("readBytesPerSecond", in: range) ?? stream.limits.readBytesPerSecond
            stream.limits.getRecordsCallsPerSecond =
                limits.integer("getRecordsCallsPerSecond", in: 1...1_000_000) ?? stream.limits.getRecordsCallsPerSecond
            limits.finish()
        }
        readBillingOptions(reader, stream: &stream)
        reader.finish()
        return stream
    }

    /// `encryption` and `enhancedMonitoring`: settings that change only the bill (KMS, CloudWatch).
    static func readBillingOptions(_ reader: ObjectReader, stream: inout StreamConfiguration) {
        if let encryption = reader.object("encryption") {
            var settings = StreamEncryption()
            _ = encryption.choice("type", ["KMS"], required: true)
            if let manager = encryption.choice("keyManager", KMSKeyManager.allCases.map(\.rawValue)) {
                settings.keyManager = KMSKeyManager(rawValue: manager) ?? .aws
            }
            settings.credentials = encryption.integer("credentials", in: 1...1_000_000).map(Int.init)
            if let interval = encryption.duration(
                "dataKeyInterval", in: nanosecondsPerSecond...86_400 * nanosecondsPerSecond)
            {
                settings.dataKeyIntervalNanoseconds = interval
            }
            encryption.finish()
            stream.encryption = settings
        }
        if let monitoring = reader.object("enhancedMonitoring") {
            let names = ShardLevelMetric.allCases.map(\.rawValue)
            var metrics: [ShardLevelMetric] = []
            for (index, item) in (monitoring.array("shardLevelMetrics", required: true) ?? []).enumerated() {
                let path = "shardLevelMetrics.\(index)"
                let name: String
                switch item {
                case .string(let text), .literal(let text): name = text
                default:
                    monitoring.report(
                        path, "expected a metric name (\(names.joined(separator: ", ")) or ALL), got \(describe(item))")
                    continue
                }
                if name == "ALL" {
                    metrics = ShardLevelMetric.allCases
                } else if let metric = ShardLevelMetric(rawValue: name) {
                    if !metrics.contains(metric) { metrics.append(metric) }
                } else {
                    monitoring.report(
                        path,
                        "expected one of \(names.map { "\"\($0)\"" }.joined(separator: ", ")) or \"ALL\", got \"\(name)\""
                    )
                }
            }
            monitoring.finish()
            // Keep AWS's order, whatever the file's: the count is what is billed, the list what is reported.
            stream.enhancedMonitoringMetrics = ShardLevelMetric.allCases.filter(metrics.contains)
        }
    }
}

extension StreamReading {
    /// `stream.onDemand`: the prior 30-day peak, and which on-demand stream `compare` runs.
    static func readOnDemand(_ onDemand: ObjectReader, stream: inout StreamConfiguration) {
        let bytes = onDemand.integer("priorPeakWriteBytesPerSecond", in: 0...maxLimitOverride)
        let records = onDemand.integer("priorPeakWriteRecordsPerSecond", in: 0...maxLimitOverride)
        stream.onDemandPriorPeakWriteBytesPerSecond = bytes ?? 0
        stream.onDemandPriorPeakWriteRecordsPerSecond = records ?? 0
        stream.onDemandPriorPeakIsStated =
            onDemand.has("priorPeakWriteBytesPerSecond") || onDemand.has("priorPeakWriteRecordsPerSecond")
        if let choice = onDemand.choice("compareAs", OnDemandComparedStream.allCases.map(\.rawValue)) {
            stream.onDemandComparedStream = OnDemandComparedStream(rawValue: choice) ?? .established
        }
        if stream.onDemandComparedStream == .newStream
            && (stream.onDemandPriorPeakWriteBytesPerSecond > 0 || stream.onDemandPriorPeakWriteRecordsPerSecond > 0)
        {
            onDemand.report(
                "compareAs",
                "is NEW_STREAM, which has no prior peak; leave priorPeakWriteBytesPerSecond and "
                    + "priorPeakWriteRecordsPerSecond out, or compare as ESTABLISHED")
        }
        onDemand.finish()
    }

    /// `shardsFile`: an existing stream's layout (describe-stream or list-shards JSON). It fixes `shardCount`;
    /// a stated shardCount must agree.
    static func readShardsFile(_ reader: ObjectReader, stream: inout StreamConfiguration, shardCount: Int64?)
        -> ImportedStream?
    {
        guard let file = reader.string("shardsFile") else { return nil }
        if stream.streamMode != .provisioned {
            reader.report("shardsFile", "applies when streamMode is PROVISIONED (an ON_DEMAND stream sizes itself)")
            return nil
        }
        guard let bytes = loadReferencedFile(reader, field: "shardsFile", file: file) else { return nil }
        let imported: ImportedStream
        do {
            imported = try ShardListReading.read(bytes)
        } catch {
            reportFileProblem(reader, field: "shardsFile", file: file, error.message)
            return nil
        }
        let count = imported.layout.shards.count
        if let shardCount, shardCount != Int64(count) {
            guard reader.diagnostics.files.mayQuoteContents(file) else {
                reader.report(
                    "shardCount", "is \(shardCount) but shardsFile \"\(file)\" disagrees; leave shardCount out")
                return nil
            }
            reader.report(
                "shardCount",
                "is \(shardCount) but shardsFile \"\(file)\" has \(count) open shard\(count == 1 ? "" : "s"); "
                    + "leave shardCount out or make them agree")
        }
        stream.shardCount = count
        stream.initialLayout = imported.layout
        return imported
    }
}

enum AssumptionsReading {
    static func read(_ reader: ObjectReader) -> ModelAssumptions {
        var assumptions = ModelAssumptions()
        if let window = reader.duration("writeAccountingWindow", in: 1_000_000...60 * nanosecondsPerSecond) {
            assumptions.writeAccountingWindowNanoseconds = window
        }
        if let latency = reader.duration("putRequestLatency", in: 0...60 * nanosecondsPerSecond) {
            assumptions.putRequestLatencyNanoseconds = latency
        }
        if let overhead = reader.integer("aggregationOverheadBytesPerUserRecord", in: 0...1_024) {
            assumptions.aggregationOverheadBytesPerUserRecord = Int(overhead)
        }
        let second = nanosecondsPerSecond
        if let delay = reader.duration("sharedReadPropagationDelay", in: 0...60 * second) {
            assumptions.sharedReadPropagationNanoseconds = delay
        }
        if let delay = reader.duration("enhancedFanOutPropagationDelay", in: 0...60 * second) {
            assumptions.enhancedFanOutPropagationNanoseconds = delay
        }
        if let interval = reader.duration("enhancedFanOutPushInterval", in: 1_000_000...10 * second) {
            assumptions.enhancedFanOutPushIntervalNanoseconds = interval
        }
        if let burst = reader.number("enhancedFanOutBurstSeconds", in: 0.01...60) {
            assumptions.enhancedFanOutBurstSeconds = burst
        }
        if let window = reader.duration("logCoalescingWindow", in: 0...10 * second) {
            assumptions.logCoalescingNanoseconds = window
        }
        if let duration = reader.duration("splitMergeDuration", in: 0...3_600 * second) {
            assumptions.splitMergeDurationNanoseconds = duration
        }
        if let duration = reader.duration("updateShardCountDuration", in: 0...3_600 * second) {
            assumptions.updateShardCountDurationNanoseconds = duration
        }
        if let jitter = reader.number("pollJitterFraction", in: 0...0.5) { assumptions.pollJitterFraction = jitter }
        if let includes = reader.boolean("onDemandBillingIncludesPartitionKey") {
            assumptions.onDemandBillingIncludesPartitionKey = includes
        }
        if let gap = reader.duration("lambdaBacklogPollGap", in: 0...60 * second) {
            assumptions.lambdaBacklogPollGapNanoseconds = gap
        }
        if let envelope = reader.integer("lambdaEventRecordEnvelopeBytes", in: 0...1_048_576) {
            assumptions.lambdaEventRecordEnvelopeBytes = envelope
        }
        if let concurrency = reader.integer("lambdaUnreservedConcurrency", in: 1...1_000_000) {
            assumptions.lambdaUnreservedConcurrency = concurrency
        }
        if let increment = reader.integer("firehoseBillingIncrementBytes", in: 1...1_048_576) {
            assumptions.firehoseBillingIncrementBytes = increment
        }
        if let rules = reader.object("onDemand") {
            assumptions.onDemand = readOnDemand(rules, defaults: assumptions.onDemand)
        }
        reader.finish()
        return assumptions
    }
    /// `assumptions.onDemand`: the on-demand scaling rules, each defaulting to `defaults`'.
    private static func readOnDemand(_ rules: ObjectReader, defaults: OnDemandRules) -> OnDemandRules {
        var onDemand = defaults
        let second = nanosecondsPerSecond
        let huge = StreamReading.maxLimitOverride
        onDemand.initialWriteBytesPerSecond =
            rules.integer("initialWriteBytesPerSecond", in: 1...huge) ?? onDemand.initialWriteBytesPerSecond
        onDemand.initialWriteRecordsPerSecond =
            rules.integer("initialWriteRecordsPerSecond", in: 1...huge) ?? onDemand.initialWriteRecordsPerSecond
        onDemand.peakMultiplier = rules.number("peakMultiplier", in: 1...100) ?? onDemand.peakMultiplier
        onDemand.scaleUpDelayNanoseconds =
            rules.duration("scaleUpDelay", in: 0...86_400 * second) ?? onDemand.scaleUpDelayNanoseconds
        onDemand.hotShardBytesPerSecond =
            rules.integer("hotShardBytesPerSecond", in: 1...huge) ?? onDemand.hotShardBytesPerSecond
        onDemand.observationIntervalNanoseconds =
            rules.duration("observationInterval", in: second...3_600 * second)
            ?? onDemand.observationIntervalNanoseconds
        onDemand.maxStreamWriteBytesPerSecond =
            rules.integer("maxStreamWriteBytesPerSecond", in: 1...huge)
            ?? onDemand.maxStreamWriteBytesPerSecond
        onDemand.maxStreamWriteRecordsPerSecond =
            rules.integer("maxStreamWriteRecordsPerSecond", in: 1...huge)
            ?? onDemand.maxStreamWriteRecordsPerSecond
        rules.finish()
        return onDemand
    }
}

enum SloReading {
    static func read(_ reader: ObjectReader) -> ServiceLevelObjective {
        var objective = ServiceLevelObjective()
        objective.maxWriteThrottledFraction = reader.number("maxWriteThrottledFraction", in: 0...1)
        objective.maxFailedRecords = reader.integer("maxFailedRecords", in: 0...Int64.max)
        objective.putLatencyP99Milliseconds = reader.number("putLatencyP99Ms", in: 0...1e9)
        objective.endToEndLatencyP99Milliseconds = reader.number("endToEndLatencyP99Ms", in: 0...1e9)
        objective.maxIteratorAgeMilliseconds = reader.number("maxIteratorAgeMs", in: 0...1e12)
        reader.finish()
        return objective
    }
}
