import Foundation
import ShardSimModel

extension Planner {
    /// Fills in the answer and the "why": binding limit, hot shard, headroom, the formula's view, cost.
    static func explain(_ plan: inout CapacityPlan, found: Int?, results: [Int: SimulationResult], ceiling: Int) {
        let bounds = plan.bounds
        guard let count = found, let result = results[count] else {
            let last = results.keys.max()
            plan.result = last.flatMap { results[$0] }
            let failing = plan.candidates.last?.violations.map(\.objective) ?? []
            plan.reason = "the SLO is not met at any shard count up to \(last ?? ceiling)"
                + (failing.isEmpty ? "" : " (still failing: \(failing.joined(separator: ", ")))")
                + "; shards cannot fix it: look at the objectives, the keys or the consumers"
            return
        }
        plan.feasible = true
        plan.recommendedShardCount = count
        plan.result = result
        plan.monthlyTotalUSD = result.monthlyCost.monthlyTotalUSD
        let limits = result.configuration.stream.limits
        let busiest = result.shards.max { utilization($0, limits) < utilization($1, limits) }
        plan.hotShardId = busiest?.description.shardId
        plan.headroom = busiest.map { 1 - utilization($0, limits) }
        if count > bounds.shardCount, let busiest {
            // The bound was not enough: Poisson bursts, key skew or hash ranges made the busiest shard bind.
            let records = Double(busiest.write.peakOfferedRecordsPerSecond) / Double(limits.writeRecordsPerSecond)
            let bytes = Double(busiest.write.peakOfferedBytesPerSecond) / Double(limits.writeBytesPerSecond)
            if [.writeRecordsPerSecond, .writeBytesPerSecond].contains(bounds.bindingLimit) {
                plan.bindingLimit = records >= bytes ? .writeRecordsPerSecond : .writeBytesPerSecond
            }
        }
        let needed = bounds.requirements.first { $0.limit == plan.bindingLimit }?.shards ?? 0
        plan.reason = reasonText(plan: plan, count: count, requirement: needed)
        plan.formulaComparison = formulaText(bounds: bounds, count: count, binding: plan.bindingLimit)
        if bounds.meanLoadShardCount < bounds.shardCount {
            // A time-varying load: the peak sets the count; following the load by resharding would pay for less.
            let shardHour = result.configuration.prices.provisionedShardHourUSD
            let saving = Double(bounds.shardCount - bounds.meanLoadShardCount) * 730 * shardHour
            plan.meanLoadNote = "the peak needs \(count) shards all month ($\(String(format: "%.2f", result.monthlyCost.monthlyTotalUSD))); "
                + "the mean load needs about \(bounds.meanLoadShardCount): resharding to follow the load could save up to "
                + "$\(String(format: "%.2f", saving)) of shard-hours a month"
        }
    }

    /// Peak-second utilisation of a shard's tighter write limit.
    static func utilization(_ shard: ShardResult, _ limits: ShardLimits) -> Double {
        max(Double(shard.write.peakOfferedRecordsPerSecond) / Double(limits.writeRecordsPerSecond),
            Double(shard.write.peakOfferedBytesPerSecond) / Double(limits.writeBytesPerSecond))
    }

    static func reasonText(plan: CapacityPlan, count: Int, requirement: Double) -> String {
        let bounds = plan.bounds
        let need = String(format: "%.2f", requirement)
        // Only when the simulation needed more than the analytic bound is there a "rest" to explain.
        let beyond = count > max(1, Int((requirement - 1e-9).rounded(.up)))
        switch plan.bindingLimit {
        case .writeRecordsPerSecond:
            return "\(shards(count)): the 1,000 records/s per shard limit binds (the peak needs \(need) shards' worth; "
                + (beyond ? "bursts and key skew need the rest)" : "the simulation confirms it)")
        case .writeBytesPerSecond:
            return "\(shards(count)): the 1 MiB/s per shard write limit binds (the peak needs \(need) shards' worth; "
                + (beyond ? "bursts above the mean need the rest)" : "the simulation confirms it)")
        case .readBytesPerSecond:
            return "\(shards(count)): shared (GetRecords) readers bind: each reads everything, so they need \(need) shards' "
                + "worth of 2 MiB/s; enhanced fan-out would lift this"
        case .partitionKey:
            let key = bounds.hotKey.map { "\"\($0.partitionKey)\" at \(LoadBounds.format($0.recordsPerSecond)) records/s" } ?? "one key"
            return "\(shards(count)): the hot key \(key) binds: its shard must also carry its share of the other keys"
        case .enhancedFanOutBytesPerSecond:
            return "\(shards(count)): enhanced fan-out's 2 MiB/s per consumer per shard binds"
        case .getRecordsCallsPerSecond:
            return "\(shards(count)): GetRecords calls bind"
        case .lambdaThroughput:
            return "\(shards(count)): the Lambda function binds: each shard runs parallelizationFactor batches at a time, "
                + "so the peak needs \(need) shards' worth of function throughput (or raise parallelizationFactor)"
        }
    }

    static func shards(_ count: Int) -> String { count == 1 ? "1 shard" : "\(count) shards" }

    static func formulaText(bounds: LoadBounds, count: Int, binding: BindingLimit) -> String {
        let formula = bounds.formulaShardCount
        if formula == count { return "AWS's bandwidth formula agrees: \(formula) shards" }
        let why: String
        switch binding {
        case .writeRecordsPerSecond: why = "it counts bandwidth only, not the 1,000 records/s per shard limit"
        case .partitionKey: why = "it assumes keys spread evenly; a hot key does not"
        case .getRecordsCallsPerSecond: why = "it ignores the 5 GetRecords calls/s per shard"
        case .lambdaThroughput: why = "it ignores how fast the consumers process records"
        default: why = formula < count ? "it sizes for the mean, with no room for bursts above it"
            : "it counts data bandwidth only, while the simulation found fewer shards meet the SLO"
        }
        return "AWS's bandwidth formula says \(formula) shard\(formula == 1 ? "" : "s"): \(why)"
    }
}
