import Foundation
import ShardSimModel

extension Planner {
    /// Fills in the answer and the "why": binding limit, hot shard, headroom, the formula's view, cost.
    /// `result` is replication 1's run at `found`, or at the largest count tried when `found` is nil.
    static func explain(
        _ plan: inout CapacityPlan, found: Int?, results: [Int: CandidateOutcome], result: SimulationResult?,
        ceiling: Int
    ) {
        let bounds = plan.bounds
        // AWS's arithmetic is worth showing even when no count is found; why it differs needs an answer.
        plan.formulaComparison = formulaArithmetic(bounds.formula)
        guard let count = found, let outcome = results[count], let result else {
            let last = results.keys.max()
            plan.result = result
            let failing = plan.candidates.last?.violations.map(\.objective.scenarioKey) ?? []
            plan.reason =
                "the SLO is not met at any shard count up to \(last ?? ceiling)"
                + (failing.isEmpty ? "" : " (still failing: \(failing.joined(separator: ", ")))")
                + "; shards cannot fix it: look at the objectives, the keys or the consumers"
            return
        }
        plan.feasible = true
        plan.recommendedShardCount = count
        plan.result = result
        plan.monthlyTotalUSD = result.monthlyCost.monthlyTotalUSD
        let limits = result.configuration.stream.limits
        // The busiest second over every replication: with one, replication 1's busiest shard as always.
        let busiest = outcome.worstBusiestSecond
        plan.busiestSecond = busiest
        plan.hotShardId = busiest?.shardId
        plan.headroom = busiest?.headroom
        if count > bounds.shardCount, let busiest {
            // The bound was not enough: Poisson bursts, key skew or hash ranges made the busiest shard bind.
            let records = busiest.recordsUtilization
            let bytes = busiest.bytesUtilization
            if [.writeRecordsPerSecond, .writeBytesPerSecond].contains(bounds.bindingLimit) {
                plan.bindingLimit = records >= bytes ? .writeRecordsPerSecond : .writeBytesPerSecond
            }
        }
        let needed = bounds.requirements.first { $0.limit == plan.bindingLimit }?.shards ?? 0
        plan.reason = reasonText(plan: plan, count: count, requirement: needed, limits: limits)
        plan.formulaComparison = formulaText(plan: plan, count: count, limits: limits)
        if bounds.meanLoadShardCount < bounds.shardCount {
            // A time-varying load: the peak sets the count; following the load by resharding would pay for less.
            let shardHour = result.configuration.prices.provisionedShardHourUSD
            let saving = Double(bounds.shardCount - bounds.meanLoadShardCount) * 730 * shardHour
            plan.meanLoadNote =
                "the peak needs \(count) shards all month ($\(String(format: "%.2f", result.monthlyCost.monthlyTotalUSD))); "
                + "the mean load needs about \(bounds.meanLoadShardCount): resharding to follow the load could save up to "
                + "$\(String(format: "%.2f", saving)) of shard-hours a month"
        }
    }

    /// One sentence: the count, the limit that binds (with the stream's own figure), the analytic need, and what
    /// made the simulation need more (with the failing candidate as evidence) or that it confirms the bound.
    static func reasonText(plan: CapacityPlan, count: Int, requirement: Double, limits: ShardLimits) -> String {
        let bounds = plan.bounds
        let need = String(format: "%.2f", requirement)
        let rest = beyondText(plan: plan, count: count, requirement: requirement)
        switch plan.bindingLimit {
        case .writeRecordsPerSecond:
            return
                "\(LimitText.shards(count)): the \(LimitText.recordsPerSecond(Double(limits.writeRecordsPerSecond))) per shard "
                + "write limit binds (the peak needs \(need) shards' worth spread evenly; \(rest))"
        case .writeBytesPerSecond:
            return
                "\(LimitText.shards(count)): the \(LimitText.bytesPerSecond(Double(limits.writeBytesPerSecond))) per shard "
                + "write limit binds (the peak needs \(need) shards' worth spread evenly; \(rest))"
        case .readBytesPerSecond:
            return
                "\(LimitText.shards(count)): shared (GetRecords) readers bind: each of the \(bounds.getRecordsReaderCount) reads "
                + "everything, so they need \(need) shards' worth of the \(LimitText.bytesPerSecond(Double(limits.readBytesPerSecond))) "
                + "per shard they share (\(rest)); enhanced fan-out gives each consumer its own "
                + "\(LimitText.bytesPerSecond(Double(KinesisLimits.enhancedFanOutBytesPerSecondPerShard))) per shard"
        case .partitionKey:
            let key =
                bounds.hotKey.map {
                    "\"\($0.partitionKey)\" (\(String(format: "%.1f", $0.shareOfTraffic * 100))% of \($0.producer), "
                        + "\(LimitText.recordsPerSecond($0.recordsPerSecond)) at the peak)"
                } ?? "one key"
            let even = bounds.keySkew.map { String(format: "%.2f", $0.evenSpreadShards) } ?? "?"
            return
                "\(LimitText.shards(count)): the hot key \(key) binds: its shard must also carry its share of the other keys, "
                + "which needs \(need) shards' worth against \(even) spread evenly (\(rest)); a key suffix would spread it and need fewer shards"
        case .enhancedFanOutBytesPerSecond:
            return "\(LimitText.shards(count)): enhanced fan-out's "
                + "\(LimitText.bytesPerSecond(Double(KinesisLimits.enhancedFanOutBytesPerSecondPerShard))) per consumer per shard binds "
                + "(\(need) shards' worth; \(rest))"
        case .getRecordsCallsPerSecond:
            return
                "\(LimitText.shards(count)): the \(limits.getRecordsCallsPerSecond) GetRecords calls/s per shard bind (\(rest))"
        case .lambdaThroughput:
            return
                "\(LimitText.shards(count)): the Lambda function binds: each shard runs parallelizationFactor batches at a time, "
                + "so the peak needs \(need) shards' worth of function throughput (\(rest)); a higher parallelizationFactor "
                + "(up to 10) needs fewer shards"
        }
    }

    /// Why the simulation needed more than the analytic bound, with the largest failing count as evidence.
    static func beyondText(plan: CapacityPlan, count: Int, requirement: Double) -> String {
        guard count > max(1, Int((requirement - 1e-9).rounded(.up))) else { return "the simulation confirms it" }
        if plan.isReplicated, let miss = plan.candidates.last(where: { $0.shardCount < count && !$0.meetsSlo }) {
            let seeds = plan.seeds.count
            return "\(plan.bounds.beyondTheBound) need the rest: at \(miss.shardCount) the SLO is met in "
                + "\(miss.replicationsMeetingSlo) of \(seeds) seeds, \(plan.replications.required) needed"
        }
        let evidence =
            plan.candidates.last { $0.shardCount < count && !$0.meetsSlo }.map { candidate in
                ": at \(candidate.shardCount) the SLO is missed, \(String(format: "%.3f", candidate.writeThrottledFraction * 100))% "
                    + "of attempts throttled"
            } ?? ""
        return "\(plan.bounds.beyondTheBound) need the rest\(evidence)"
    }
}
