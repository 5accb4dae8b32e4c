import ShardSimJSON
import ShardSimModel
import ShardSimPlanner

/// `plan` and `compare` reports: the contract's JSON keys and a text answer that says why.
public enum PlanReport {
    public static func json(_ plan: CapacityPlan) -> JSONOutput {
        var members: [(String, JSONOutput)] = [
            ("recommendedShardCount", plan.recommendedShardCount.map { .int(Int64($0)) } ?? .null),
            ("feasible", .bool(plan.feasible)),
            ("reason", .string(plan.reason)),
            ("bindingLimit", .string(plan.bindingLimit.rawValue)),
            ("formulaShardCount", .int(Int64(plan.bounds.formulaShardCount))),
            ("formulaComparison", .string(plan.formulaComparison)),
            ("analyticShardCount", plan.bounds.infeasibleReason == nil ? .int(Int64(plan.bounds.shardCount)) : .null),
            ("requirements", .array(plan.bounds.requirements.map {
                .object([("limit", .string($0.limit.rawValue)), ("shards", .double($0.shards))])
            })),
            ("hotShardId", plan.hotShardId.map(JSONOutput.string) ?? .null),
            ("hotKey", plan.bounds.hotKey.map { key in
                .object([("producer", .string(key.producer)), ("partitionKey", .string(key.partitionKey)),
                         ("recordsPerSecond", .double(key.recordsPerSecond)), ("bytesPerSecond", .double(key.bytesPerSecond)),
                         ("shareOfTraffic", .double(key.shareOfTraffic))])
            } ?? .null),
            ("headroom", plan.headroom.map(JSONOutput.double) ?? .null),
            ("monthlyTotal", plan.monthlyTotalUSD.map(JSONOutput.double) ?? .null),
            ("meanLoadShardCount", .int(Int64(plan.bounds.meanLoadShardCount))),
            ("meanLoadNote", plan.meanLoadNote.map(JSONOutput.string) ?? .null),
            ("layoutNote", plan.layoutNote.map(JSONOutput.string) ?? .null),
            ("quotaWarnings", .array(plan.quotaWarnings.map(JSONOutput.string))),
            ("candidates", .array(plan.candidates.map { candidate in
                .object([("shardCount", .int(Int64(candidate.shardCount))), ("meetsSlo", .bool(candidate.meetsSlo)),
                         ("writeThrottledFraction", .double(candidate.writeThrottledFraction)),
                         ("monthlyTotal", .double(candidate.monthlyTotalUSD))])
            })),
        ]
        if let result = plan.result { members.append(("report", RunReportJSON.document(for: result, objective: plan.objective))) }
        return .object(members)
    }

    public static func text(_ plan: CapacityPlan) -> String { document(plan).text() }

    public static func document(_ plan: CapacityPlan) -> ReportDocument {
        var answer: [(String, String)] = []
        if let count = plan.recommendedShardCount {
            answer.append(("recommended", "\(count) shard\(count == 1 ? "" : "s") (PROVISIONED)"))
        } else {
            answer.append(("recommended", "INFEASIBLE"))
        }
        answer.append(("why", plan.reason))
        answer.append(("binding limit", plan.bindingLimit.rawValue))
        if !plan.formulaComparison.isEmpty { answer.append(("AWS's formula", plan.formulaComparison)) }
        if let key = plan.bounds.hotKey, key.shareOfTraffic >= 0.01 {
            answer.append(("heaviest key", "\"\(key.partitionKey)\" (\(TextFormat.percent(key.shareOfTraffic)) of \(key.producer), "
                + "\(TextFormat.decimal(key.recordsPerSecond, places: 0)) records/s at peak)"))
        }
        if let shard = plan.hotShardId, let headroom = plan.headroom {
            answer.append(("busiest shard", "\(shard), headroom \(TextFormat.percent(headroom)) of its tighter write limit in its busiest second"))
        }
        if let total = plan.monthlyTotalUSD { answer.append(("monthly cost", "$" + TextFormat.decimal(total, places: 2))) }
        if let note = plan.meanLoadNote { answer.append(("note", note)) }
        if let note = plan.layoutNote { answer.append(("layout", note)) }
        for warning in plan.quotaWarnings { answer.append(("quota", warning)) }
        var requirements = TextTable([("limit", .left), ("shards' worth at the peak", .right)])
        for requirement in plan.bounds.requirements {
            requirements.add([requirement.limit.rawValue, TextFormat.decimal(min(requirement.shards, 1e6), places: 2)])
        }
        var table = TextTable([("shards", .right), ("meets SLO", .left), ("throttled", .right), ("monthly", .right)])
        for candidate in plan.candidates {
            table.add([String(candidate.shardCount), candidate.meetsSlo ? "yes" : "no",
                       TextFormat.percent(candidate.writeThrottledFraction, places: 3),
                       "$" + TextFormat.decimal(candidate.monthlyTotalUSD, places: 2)])
        }
        let candidates: [ReportBlock] = plan.candidates.isEmpty ? [.notes(["(none: no shard count can help)"])] : [.table(table)]
        return ReportDocument(title: "ShardSim plan: \(plan.scenarioName)", subtitle: "the smallest provisioned shard count that meets the SLO",
                              sections: [ReportSection(title: "Answer", blocks: [.keyValues(answer)]),
                                         ReportSection(title: "Analytic requirements", blocks: [.table(requirements)]),
                                         ReportSection(title: "Simulated candidates", blocks: candidates)])
    }
}
