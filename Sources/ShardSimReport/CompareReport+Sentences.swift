import ShardSimModel
import ShardSimPlanner

/// The sentences of the `compare` report, shared by text, Markdown, HTML and JSON.
extension PlanReport {
    /// Where the on-demand side's prior peak came from: "workload", "scenario" or "none" (a new stream).
    static func priorPeakSource(_ comparison: ModeComparison) -> String {
        switch comparison.onDemandStream {
        case .newStream: "none"
        case .established: comparison.onDemandPriorPeakIsStated ? "scenario" : "workload"
        }
    }

    /// Which on-demand stream ran, and the capacity it started with.
    static func onDemandDescription(_ comparison: ModeComparison) -> String {
        let start = comparison.onDemand.shardCountStart
        switch comparison.onDemandStream {
        case .newStream:
            return
                "ON_DEMAND is the first minutes of a NEW stream (stream.onDemand.compareAs NEW_STREAM, or --on-demand-stream "
                + "new): it starts at \(start) shards' worth (\(newStreamCapacity(comparison)) of writes) and scales only up to "
                + "\(scaleUpDelay(comparison)) after its traffic rises, so a load above that throttles meanwhile. A stream that has run this "
                + "workload is the default (--on-demand-stream established)."
        case .established:
            let from =
                comparison.onDemandPriorPeakIsStated
                ? "the scenario's stream.onDemand prior peak" : "this workload's own peak"
            return "ON_DEMAND is an established stream: its previous 30-day peak is \(from) ("
                + (comparison.onDemandPriorPeakWriteBytesPerSecond == 0
                    ? "no bytes peak stated, "
                    : "\(TextFormat.decimal(Double(comparison.onDemandPriorPeakWriteBytesPerSecond) / 1_048_576, places: 2)) MiB/s, ")
                + priorPeakRecordsText(comparison.onDemandPriorPeakWriteRecordsPerSecond) + "), so it starts with "
                + "\(start) shards: room for \(peakMultiple(comparison)) that peak, and never less than a new stream's "
                + "\(newStreamCapacity(comparison)). "
                + "For a brand-new stream use --on-demand-stream new."
        }
    }

    /// Said beside a side's cost when it throttled: what the billed month leaves out, what the offered traffic costs,
    /// and why it throttled. Nil when the side never throttled.
    static func costNote(_ comparison: ModeComparison, _ offered: OfferedTrafficCost, mode: StreamMode) -> String? {
        guard offered.isThrottled else { return nil }
        let name = mode.rawValue
        let throttled = TextFormat.percent(offered.writeThrottledFraction, places: 3)
        guard offered.lostTraffic else {
            return "\(name) throttled \(throttled) of write attempts, but gave up no record after retries: its cost "
                + "covers the offered traffic. \(throttleReason(comparison, mode: mode))"
        }
        return
            "\(name) throttled \(throttled) of write attempts and did not accept \(TextFormat.count(offered.recordsNotAccepted)) "
            + "of \(TextFormat.count(offered.recordsOffered)) offered records (given up after retries): "
            + "its billed $\(TextFormat.decimal(offered.billed.monthlyTotalUSD, places: 2)) covers only the accepted traffic. "
            + "For the offered traffic the month costs $\(TextFormat.decimal(offered.monthlyTotalUSD, places: 2)) (per-GB, "
            + "per-unit and per-request lines × \(TextFormat.decimal(offered.trafficScale, places: 4)))"
            + (mode == .provisioned ? ", and would need more shards. " : ". ") + throttleReason(comparison, mode: mode)
    }

    static func throttleReason(_ comparison: ModeComparison, mode: StreamMode) -> String {
        if mode == .provisioned {
            return comparison.plan.feasible
                ? "Why: bursts above the per-second limits of its \(LimitText.shards(comparison.provisionedShardCount)) (within the SLO)."
                : "Why: \(comparison.plan.reason)."
        }
        if comparison.onDemand.onDemandReachedMaximumThroughput {
            return "Why: the load is beyond an on-demand stream's maximum write throughput (see Quota)."
        }
        if comparison.onDemandStream == .newStream {
            return "Why: the first minutes of a new stream (\(newStreamCapacity(comparison)) until it scales, up to "
                + "\(scaleUpDelay(comparison)) later)."
        }
        let limits = comparison.onDemand.configuration.stream.limits
        return
            "Why: traffic above \(peakMultiple(comparison)) the previous peak throttles until the stream scales (up to "
            + "\(scaleUpDelay(comparison))), and one partition key or shard above a shard's "
            + "\(LimitText.bytesPerSecond(Double(limits.writeBytesPerSecond))) or "
            + "\(LimitText.recordsPerSecond(Double(limits.writeRecordsPerSecond))) throttles at any size (on-demand does not isolate hot keys)."
    }

    /// "3,000 records/s", or that no records peak was stated (a stated bytes peak alone sizes the stream).
    static func priorPeakRecordsText(_ recordsPerSecond: Int64) -> String {
        recordsPerSecond == 0 ? "no records/s peak stated" : TextFormat.count(recordsPerSecond) + " records/s"
    }

    /// A new on-demand stream's write capacity as the on-demand side ran it ("4 MiB/s and 4,000 records/s" by default).
    static func newStreamCapacity(_ comparison: ModeComparison) -> String {
        let rules = comparison.onDemand.configuration.assumptions.onDemand
        return LimitText.bytesPerSecond(Double(rules.initialWriteBytesPerSecond)) + " and "
            + LimitText.recordsPerSecond(Double(rules.initialWriteRecordsPerSecond))
    }

    /// The on-demand scale-up delay as run ("15 min" by default).
    static func scaleUpDelay(_ comparison: ModeComparison) -> String {
        ConsumerFindings.humanDuration(comparison.onDemand.configuration.assumptions.onDemand.scaleUpDelayNanoseconds)
    }

    /// "twice", or "2.5 times" when stream.onDemand.peakMultiplier is overridden.
    static func peakMultiple(_ comparison: ModeComparison) -> String {
        let multiplier = comparison.onDemand.configuration.assumptions.onDemand.peakMultiplier
        return multiplier == 2 ? "twice" : LimitText.count(multiplier) + " times"
    }

    /// The break-even sentence: the factor from the cost model the table uses, and which mode is cheaper on each side.
    public static func breakEvenStatement(_ comparison: ModeComparison) -> String {
        guard let multiplier = comparison.breakEvenTrafficMultiplier, let rate = comparison.breakEvenRecordsPerSecond,
            let below = comparison.breakEvenCheaperBelow, let above = comparison.breakEvenCheaperAbove
        else {
            return
                "Break-even: none: \(comparison.cheaper.rawValue) is cheaper at every traffic level from 1/1000× to 1000× "
                + "of this load (the table's cost lines re-priced at each load, provisioned shards as the plan's requirement scaled with it)"
        }
        let basis =
            "(the table's cost lines re-priced at that load: per-GB, per-unit and per-request lines scaled with it, "
            + "provisioned shards as the plan's requirement × the factor plus today's margin, stream-hours fixed)"
        let opening =
            "Break-even: at \(multiplierText(multiplier))× today's traffic (~\(TextFormat.decimal(rate, places: 0)) "
            + "records/s at peak) the two cost the same: "
        guard let settled = comparison.breakEvenSettledTrafficMultiplier,
            let beyond = comparison.breakEvenCheaperBeyondSettled
        else {
            return opening + "below it \(below.rawValue) is the cheaper, above it \(above.rawValue) " + basis
        }
        // Whole provisioned shards make the provisioned cost a staircase: past the first crossing the cheaper side
        // can flip back at each step before it settles, and a single "above it" would contradict a table run there.
        let rising = multiplier > 1
        let today = rising ? below : above, (near, far) = rising ? ("below", "above") : ("above", "below")
        let range =
            rising
            ? "\(multiplierText(multiplier))× and \(multiplierText(settled))×"
            : "\(multiplierText(settled))× and \(multiplierText(multiplier))×"
        return opening + "\(near) it \(today.rawValue) is the cheaper; between \(range) the cheaper side alternates as "
            + "provisioned adds whole shards; \(far) \(multiplierText(settled))× \(beyond.rawValue) is the cheaper "
            + basis
    }

    /// Two decimals, or more when two would print 1.00 for a factor that is not exactly 1.
    static func multiplierText(_ multiplier: Double) -> String {
        var places = 2
        var text = TextFormat.decimal(multiplier, places: places)
        while multiplier != 1 && places < 6 && (text == "1." + String(repeating: "0", count: places)) {
            places += 1
            text = TextFormat.decimal(multiplier, places: places)
        }
        return text
    }
}
