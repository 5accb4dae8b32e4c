import ShardSimModel
import ShardSimPlanner

/// The write path's diagnosis: whether throttling is a finding at all, whether it sits on a few shards (a hot key
/// or a skewed range) or all of them (too little capacity), the evidence, and the remedy. One finding, one
/// paragraph: the report prints it once.
public enum WriteDiagnosis {
    /// Throttling below this fraction of Kinesis record attempts is not a finding: it is the default SLO of `plan`
    /// (`maxWriteThrottledFraction` 0.001), and retries absorb such odd bursts (11 throttled in 1.8 million is noise).
    public static let minimumThrottledFraction = 0.001
    /// Throttling is concentrated when the fewest shards that took this share of the throttled attempts …
    public static let concentratedShareOfThrottles = 0.9
    /// … are at most this fraction of the stream's shards (and at least one).
    public static let concentratedShardFraction = 0.25
    /// A key is named as the cause of a shard's throttling when its own rate is at least this fraction of the
    /// shard's records limit (a quarter of a shard from one key is what a suffix or a split would relieve).
    public static let causeKeyShareOfShardLimit = 0.25

    /// The diagnosis paragraph, or nil when throttling is not material.
    public static func finding(_ result: SimulationResult) -> String? {
        let totals = result.totals
        guard totals.writeThrottledFraction >= minimumThrottledFraction, totals.writeProvisionedThroughputExceeded > 0
        else { return nil }
        let ranked = result.shards.sorted {
            $0.write.writeProvisionedThroughputExceeded > $1.write.writeProvisionedThroughputExceeded
                || ($0.write.writeProvisionedThroughputExceeded == $1.write.writeProvisionedThroughputExceeded
                    && $0.description.number < $1.description.number)
        }
        let total = Double(totals.writeProvisionedThroughputExceeded)
        var covered = 0.0
        var hot: [ShardResult] = []
        for shard in ranked where covered < concentratedShareOfThrottles * total {
            covered += Double(shard.write.writeProvisionedThroughputExceeded)
            hot.append(shard)
        }
        let allowed = max(1, Int(Double(result.shards.count) * concentratedShardFraction))
        // Resharding moves load between shards, so per-shard shares only diagnose a layout that never changed.
        if result.shards.count > 1 && result.shards.count == result.shardCountStart && hot.count <= allowed {
            return concentrated(result, hot: hot, covered: covered, total: total)
        }
        return spread(result, throttledShards: ranked.filter { $0.write.writeProvisionedThroughputExceeded > 0 }.count)
    }

    /// Says why a run that throttled a little has no diagnosis: the threshold, stated where a reader looks for one.
    public static func immaterialNote(_ result: SimulationResult) -> String? {
        let totals = result.totals
        guard totals.writeProvisionedThroughputExceeded > 0, totals.writeThrottledFraction < minimumThrottledFraction
        else { return nil }
        return
            "\(TextFormat.count(totals.writeProvisionedThroughputExceeded)) of \(TextFormat.count(totals.kinesisRecordAttempts)) "
            + "attempts throttled (\(TextFormat.percent(totals.writeThrottledFraction, places: 4))): below the "
            + "\(TextFormat.percent(minimumThrottledFraction, places: 1)) at which throttling is diagnosed (plan's default SLO); "
            + "too few to point at a shard or a key."
    }

    static func concentrated(_ result: SimulationResult, hot: [ShardResult], covered: Double, total: Double) -> String {
        let ids = hot.map(\.description.shardId)
        let limits = result.configuration.stream.limits
        var text =
            "Throttling is concentrated on \(ids.joined(separator: ", ")): \(hot.count == 1 ? "it" : "they") took "
            + "\(TextFormat.count(Int64(covered))) of \(TextFormat.count(Int64(total))) throttled attempts "
            + "(\(TextFormat.percent(covered / total))), while \(TextFormat.percent(result.totals.writeThrottledFraction, places: 2)) "
            + "of all attempts were throttled."
        let keys = result.producers.flatMap { producer in
            producer.heaviestKeys.filter { ids.contains($0.shardId) }.map { (producer: producer.name, key: $0) }
        }.filter { $0.key.recordsPerSecond >= causeKeyShareOfShardLimit * Double(limits.writeRecordsPerSecond) }
        if let cause = keys.max(by: { $0.key.recordsPerSecond < $1.key.recordsPerSecond }) {
            let ofLimit = limits.writeRecordsUtilization(recordsPerSecond: cause.key.recordsPerSecond)
            text +=
                " Evidence: partition key \"\(cause.key.partitionKey)\" carries \(TextFormat.percent(cause.key.shareOfTraffic)) of "
                + "the records of producer \"\(cause.producer)\" (~\(TextFormat.decimal(cause.key.recordsPerSecond, places: 0)) records/s, "
                + "\(TextFormat.percent(ofLimit, places: 0)) of the shard's \(LimitText.recordsPerSecond(Double(limits.writeRecordsPerSecond))) "
                + "limit) and maps to \(cause.key.shardId)."
            text +=
                ofLimit >= 1
                ? " Remedy: add a suffix to that key so its records spread over several shards; more shards cannot split one key."
                : " Remedy: add a suffix to that key, or split its shard (SplitShard) so fewer other keys share it."
            return text
        }
        let offered = result.shards.reduce(0.0) { $0 + offeredAttempts($1) }
        let share = hot.reduce(0.0) { $0 + offeredAttempts($1) } / max(1, offered)
        let even = Double(hot.count) / Double(result.shards.count)
        return text + " Evidence: no single key dominates; \(hot.count == 1 ? "it was" : "they were") offered "
            + "\(TextFormat.percent(share)) of the stream's record attempts against an even \(TextFormat.percent(even)): "
            + "a skewed hash key range or an unlucky set of keys. Remedy: split \(hot.count == 1 ? "that shard" : "those shards") "
            + "(SplitShard), or reshard to even ranges (UpdateShardCount)."
    }

    static func spread(_ result: SimulationResult, throttledShards: Int) -> String {
        let limits = result.configuration.stream.limits
        let records = result.shards.map { $0.write.peakRecordsUtilization(limits) }.max() ?? 0
        let bytes = result.shards.map { $0.write.peakBytesUtilization(limits) }.max() ?? 0
        let limit =
            records >= bytes
            ? "\(LimitText.recordsPerSecond(Double(limits.writeRecordsPerSecond))) per shard write limit"
            : "\(LimitText.bytesPerSecond(Double(limits.writeBytesPerSecond))) per shard write limit"
        let fraction = TextFormat.percent(result.totals.writeThrottledFraction, places: 2)
        let resharded = result.shards.count != result.shardCountStart
        let opening: String
        if resharded {
            opening =
                "Throttling: \(fraction) of attempts, on \(throttledShards) of the \(result.shards.count) shards that existed during the run"
        } else if result.shards.count == 1 {
            opening = "Throttling on the stream's only shard (\(fraction) of attempts)"
        } else {
            opening =
                "Throttling is spread over \(throttledShards) of \(result.shards.count) shards (\(fraction) of attempts)"
        }
        var text =
            opening
            + ": the stream is short of capacity at the "
            + "\(limit) (the busiest second of the busiest shard offered \(TextFormat.percent(max(records, bytes), places: 0)) of it)."
        if result.configuration.stream.streamMode == .onDemand {
            let rules = result.configuration.assumptions.onDemand
            let multiple = rules.peakMultiplier == 2 ? "twice" : LimitText.count(rules.peakMultiplier) + " times"
            return text
                + " Remedy: an on-demand stream takes up to \(multiple) its previous peak and scales within about "
                + "\(ConsumerFindings.humanDuration(rules.scaleUpDelayNanoseconds)); "
                + "state the expected peak (stream.onDemand) or provision shards for it."
        }
        text += " Remedy: add shards (shardsim plan gives the count)"
        let aggregated = result.configuration.producers.allSatisfy(\.aggregation.isEnabled)
        return text
            + (records >= bytes && !aggregated
                ? ", or aggregate small records with the KPL (many per Kinesis record)." : ".")
    }

    /// Attempts offered to a shard: accepted Kinesis records plus throttled attempts (retries included).
    static func offeredAttempts(_ shard: ShardResult) -> Double {
        Double(shard.write.incomingRecords + shard.write.writeProvisionedThroughputExceeded)
    }
}
