import Foundation
import ShardSimModel

extension Planner {
    /// AWS's formula with its arithmetic, and, when it differs from the simulated answer, what it does not see.
    static func formulaText(plan: CapacityPlan, count: Int, limits: ShardLimits) -> String {
        let formula = plan.bounds.formula
        let arithmetic = formulaArithmetic(formula)
        if formula.shardCount == count { return arithmetic + "; it agrees with the simulation" }
        var reasons =
            formula.shardCount < count
            ? reasonsFormulaIsLow(plan: plan, count: count, limits: limits)
            : reasonsFormulaIsHigh(plan: plan, count: count)
        if limits != ShardLimits() {
            reasons.append(
                "this stream's limits are overridden (\(LimitText.recordsPerSecond(Double(limits.writeRecordsPerSecond))), "
                    + "\(LimitText.bytesPerSecond(Double(limits.writeBytesPerSecond))) write per shard), the formula assumes AWS's"
            )
        }
        if reasons.isEmpty { reasons.append("the simulation found \(count) meet the SLO") }
        return arithmetic + "; the simulation needs \(count): " + reasons.joined(separator: "; ")
    }

    /// "5 shards: 100 B records round up to 1 KiB × 5,000 records/s = 5,000 KiB/s in ÷ 1,024 = 4.88; … ceiling 5".
    static func formulaArithmetic(_ formula: SizingFormula) -> String {
        var text =
            "\(LimitText.shards(formula.shardCount)): records of \(LimitText.count(formula.averageRecordBytes)) B on average "
            + "round up to \(LimitText.count(formula.roundedRecordKiB)) KiB × \(LimitText.count(formula.recordsPerSecond)) records/s "
            + "= \(LimitText.count(formula.incomingKiBPerSecond)) KiB/s in, ÷ 1,024 = \(String(format: "%.2f", formula.writeShards))"
        if formula.consumerCount > 0 {
            text +=
                "; × \(formula.consumerCount) consumer\(formula.consumerCount == 1 ? "" : "s") = "
                + "\(LimitText.count(formula.outgoingKiBPerSecond)) KiB/s out, ÷ 2,048 = \(String(format: "%.2f", formula.readShards))"
        }
        return text + "; rounded up: \(formula.shardCount)"
    }

    /// The formula sizes for the average second of evenly spread keys and bandwidth alone: name what it misses.
    static func reasonsFormulaIsLow(plan: CapacityPlan, count: Int, limits: ShardLimits) -> [String] {
        let bounds = plan.bounds, formula = bounds.formula
        func need(_ limit: BindingLimit) -> Double { bounds.requirements.first { $0.limit == limit }?.shards ?? 0 }
        func exceeds(_ shards: Double) -> Bool { KeySkew.ceiling(shards) > formula.shardCount }
        var reasons: [String] = []
        if let key = bounds.hotKey, bounds.keySkew?.forcesCount == true {
            reasons.append(
                "it assumes keys spread evenly; \"\(key.partitionKey)\" carries \(String(format: "%.1f", key.shareOfTraffic * 100))% "
                    + "of \(key.producer) and its shard also carries a share of the rest")
        }
        if exceeds(need(.writeRecordsPerSecond)) {
            let perShard = SizingFormula.writeKiBPerSecondPerShard / formula.roundedRecordKiB
            reasons.append(
                "its rounding lets a shard take \(LimitText.recordsPerSecond(perShard)) of these records; the write limit "
                    + "is \(LimitText.recordsPerSecond(Double(limits.writeRecordsPerSecond))) per shard "
                    + "(\(String(format: "%.2f", need(.writeRecordsPerSecond))) shards' worth)")
        }
        if exceeds(need(.writeBytesPerSecond)) || exceeds(need(.readBytesPerSecond)) {
            reasons.append("it counts data only; the shard limits count the partition key's bytes too")
        }
        if exceeds(need(.lambdaThroughput)) {
            reasons.append(
                "it does not see how fast consumers process: the Lambda function needs "
                    + "\(String(format: "%.2f", need(.lambdaThroughput))) shards' worth")
        }
        if count > bounds.shardCount {
            reasons.append("it sizes for the average second, not for \(plan.bounds.beyondTheBound) (see why)")
        }
        return reasons
    }

    /// The formula can ask for more than needed: its 1 KiB rounding, and counting enhanced fan-out consumers
    /// against the shared read limit.
    static func reasonsFormulaIsHigh(plan: CapacityPlan, count: Int) -> [String] {
        let bounds = plan.bounds, formula = bounds.formula
        var reasons: [String] = []
        let exactWrite =
            formula.recordsPerSecond * formula.averageRecordBytes / 1_024 / SizingFormula.writeKiBPerSecondPerShard
        let exactRead = exactWrite * Double(formula.consumerCount) / 2
        if KeySkew.ceiling(max(exactWrite, exactRead)) < formula.shardCount {
            reasons.append(
                "it rounds the average record of \(LimitText.count(formula.averageRecordBytes)) B up to "
                    + "\(LimitText.count(formula.roundedRecordKiB)) KiB")
        }
        let enhanced = formula.consumerCount - bounds.getRecordsReaderCount
        if enhanced > 0 {
            reasons.append(
                "it counts \(enhanced) enhanced fan-out consumer\(enhanced == 1 ? "" : "s") against the shared read "
                    + "throughput, while each has its own \(LimitText.bytesPerSecond(Double(KinesisLimits.enhancedFanOutBytesPerSecondPerShard))) per shard"
            )
        }
        return reasons
    }
}
