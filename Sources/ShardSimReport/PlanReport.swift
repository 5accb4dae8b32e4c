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
            (
                "requirements",
                .array(
                    plan.bounds.requirements.map {
                        .object([("limit", .string($0.limit.rawValue)), ("shards", .double($0.shards))])
                    })
            ),
            ("formula", formulaJSON(plan.bounds.formula)),
            (
                "keySkew",
                plan.bounds.keySkew.map { skew in
                    .object([
                        ("evenSpreadShards", .double(skew.evenSpreadShards)),
                        ("withKeyShards", .double(skew.withKeyShards)),
                        ("addedShards", .double(skew.addedShards)), ("forcesCount", .bool(skew.forcesCount)),
                    ])
                } ?? .null
            ),
            ("hotShardId", plan.hotShardId.map(JSONOutput.string) ?? .null),
            (
                "hotKey",
                plan.bounds.hotKey.map { key in
                    .object([
                        ("producer", .string(key.producer)), ("partitionKey", .string(key.partitionKey)),
                        ("recordsPerSecond", .double(key.recordsPerSecond)),
                        ("bytesPerSecond", .double(key.bytesPerSecond)),
                        ("shareOfTraffic", .double(key.shareOfTraffic)),
                    ])
                } ?? .null
            ),
            ("headroom", plan.headroom.map(JSONOutput.double) ?? .null),
            ("monthlyTotal", plan.monthlyTotalUSD.map(JSONOutput.double) ?? .null),
            ("meanLoadShardCount", .int(Int64(plan.bounds.meanLoadShardCount))),
            ("meanLoadNote", plan.meanLoadNote.map(JSONOutput.string) ?? .null),
            ("layoutNote", plan.layoutNote.map(JSONOutput.string) ?? .null),
            ("quotaWarnings", .array(plan.quotaWarnings.map(JSONOutput.string))),
            // The caveats the text's Notes list, so a reader of the JSON alone sees what the model leaves out.
            (
                "notes",
                .array((plan.result.map { ModelCaveats.notes(for: $0.configuration) } ?? []).map(JSONOutput.string))
            ),
            ("candidates", candidatesJSON(plan)),
        ]
        if let note = plan.fidelityNote { members.append(("fidelityNote", .string(note))) }
        // kclWarnings only with KCL applications, so other plans' documents are unchanged.
        if !plan.kclWarnings.isEmpty { members.append(("kclWarnings", .array(plan.kclWarnings.map { .string($0) }))) }
        if let result = plan.result {
            members.append(("report", RunReportJSON.document(for: result, objective: plan.objective)))
        }
        // Replicated plans add one last member (docs/model.md section 18); one replication writes today's document.
        if plan.isReplicated { members.append(("replications", replicationsJSON(plan))) }
        return .object(members)
    }

    /// The simulated candidates, in shard-count order: the contract's four members, and the replications' with two
    /// or more.
    static func candidatesJSON(_ plan: CapacityPlan) -> JSONOutput {
        .array(
            plan.candidates.map { candidate in
                .object(
                    [
                        ("shardCount", .int(Int64(candidate.shardCount))),
                        ("meetsSlo", .bool(candidate.meetsSlo)),
                        ("writeThrottledFraction", .double(candidate.writeThrottledFraction)),
                        ("monthlyTotal", .double(candidate.monthlyTotalUSD)),
                    ] + replicationMembers(candidate, plan: plan)
                        // Only when `auto` ran some candidate in flow, so other plans' documents are unchanged.
                        + (plan.fidelityNote == nil ? [] : [("fidelity", .string(candidate.fidelity.rawValue))]))
            })
    }

    /// AWS's formula with its terms, so a reader can redo the arithmetic.
    static func formulaJSON(_ formula: SizingFormula) -> JSONOutput {
        .object([
            ("recordsPerSecond", .double(formula.recordsPerSecond)),
            ("averageRecordBytes", .double(formula.averageRecordBytes)),
            ("roundedRecordKiB", .double(formula.roundedRecordKiB)),
            ("incomingKiBPerSecond", .double(formula.incomingKiBPerSecond)),
            ("consumers", .int(Int64(formula.consumerCount))),
            ("outgoingKiBPerSecond", .double(formula.outgoingKiBPerSecond)),
            ("writeShards", .double(formula.writeShards)), ("readShards", .double(formula.readShards)),
            ("shardCount", .int(Int64(formula.shardCount))),
        ])
    }

    public static func text(_ plan: CapacityPlan) -> String { document(plan).text() }

    public static func document(_ plan: CapacityPlan) -> ReportDocument {
        var answer: [(String, String)] = []
        if let count = plan.recommendedShardCount {
            answer.append(("recommended", "\(count) shard\(count == 1 ? "" : "s") (PROVISIONED)"))
        } else {
            answer.append(("recommended", "INFEASIBLE"))
        }
        if plan.isReplicated { answer.append(("seeds", seedsText(plan))) }
        answer.append(("why", plan.reason))
        answer.append(("binding limit", plan.bindingLimit.rawValue))
        if !plan.formulaComparison.isEmpty { answer.append(("AWS's formula", plan.formulaComparison)) }
        // The binding reason already names a key that forces the count; otherwise the skew gets its own line.
        if let key = plan.bounds.hotKey, let skew = plan.bounds.keySkew, plan.bindingLimit != .partitionKey {
            answer.append(("key skew", keySkewText(key, skew)))
        }
        if let shard = plan.hotShardId, let headroom = plan.headroom,
            let text = headroomText(plan, shardId: shard, headroom: headroom)
        {
            answer.append(("busiest shard", text))
        }
        if let total = plan.monthlyTotalUSD {
            answer.append(("monthly cost", "$" + TextFormat.decimal(total, places: 2)))
        }
        if let hint = plan.flipHint { answer.append(("close call", hint)) }
        if let note = plan.meanLoadNote { answer.append(("note", note)) }
        if let note = plan.layoutNote { answer.append(("layout", note)) }
        for warning in plan.quotaWarnings { answer.append(("quota", warning)) }
        for warning in plan.kclWarnings { answer.append(("KCL", warning)) }
        if let note = plan.fidelityNote { answer.append(("fidelity", note)) }
        var requirements = TextTable([("limit", .left), ("shards' worth at the peak", .right)])
        for requirement in plan.bounds.requirements {
            requirements.add([requirement.limit.rawValue, TextFormat.decimal(min(requirement.shards, 1e6), places: 2)])
        }
        var columns: [(String, TextTable.Alignment)] = [
            ("shards", .right), ("meets SLO", .left), ("throttled", .right), ("monthly", .right),
        ]
        if plan.fidelityNote != nil { columns.append(("fidelity", .left)) }
        var table = TextTable(columns)
        for candidate in plan.candidates {
            table.add(
                [
                    String(candidate.shardCount), candidate.meetsSlo ? "yes" : "no",
                    TextFormat.percent(candidate.writeThrottledFraction, places: 3),
                    "$" + TextFormat.decimal(candidate.monthlyTotalUSD, places: 2),
                ] + (plan.fidelityNote == nil ? [] : [candidate.fidelity.rawValue]))
        }
        if plan.isReplicated { table = replicatedCandidates(plan) }
        let candidates: [ReportBlock] =
            plan.candidates.isEmpty ? [.notes(["(none: no shard count can help)"])] : [.table(table)]
        var sections = [
            ReportSection(title: "Answer", blocks: [.keyValues(answer)]),
            ReportSection(title: "Analytic requirements", blocks: [.table(requirements)]),
            ReportSection(title: "Simulated candidates", blocks: candidates),
        ]
        let caveats = plan.result.map { ModelCaveats.notes(for: $0.configuration) } ?? []
        if !caveats.isEmpty {
            sections.append(ReportSection(title: "Notes", blocks: [.notes(caveats.map { "- " + $0 })]))
        }
        return ReportDocument(
            title: "ShardSim plan: \(plan.scenarioName)",
            subtitle: "the smallest provisioned shard count that meets the SLO",
            sections: sections)
    }

    /// The heaviest key's share of the answer, beside the limit that binds.
    static func keySkewText(_ key: HotKeyLoad, _ skew: KeySkew) -> String {
        let evenCount = max(1, Int((skew.evenSpreadShards - 1e-9).rounded(.up)))
        return "\"\(key.partitionKey)\" carries \(TextFormat.percent(key.shareOfTraffic)) of \(key.producer) "
            + "(\(TextFormat.decimal(key.recordsPerSecond, places: 0)) records/s at the peak); its shard needs "
            + "\(TextFormat.decimal(skew.withKeyShards, places: 2)) shards' worth against \(TextFormat.decimal(skew.evenSpreadShards, places: 2)) "
            + "spread evenly: skew adds \(TextFormat.decimal(skew.addedShards, places: 2)) of a shard and "
            + (skew.forcesCount
                ? "raises the analytic count" : "leaves the analytic count (before the simulation) at \(evenCount)")
    }

    /// "headroom 0.5%" with what it means: how much of the shard's tighter write limit its busiest second used.
    static func headroomText(_ plan: CapacityPlan, shardId: String, headroom: Double) -> String? {
        guard let second = plan.busiestSecond, second.shardId == shardId else { return nil }
        let limits = second.limits
        let offered =
            second.recordsUtilization >= second.bytesUtilization
            ? "\(TextFormat.count(second.peakOfferedRecordsPerSecond)) records against its "
                + "\(TextFormat.count(limits.writeRecordsPerSecond)) records/s limit"
            : "\(TextFormat.bytesPerSecond(Double(second.peakOfferedBytesPerSecond))) against its "
                + "\(LimitText.bytesPerSecond(Double(limits.writeBytesPerSecond))) write limit"
        let meaning =
            headroom >= 0
            ? "that much of the limit was still unused in its busiest second"
            : "its busiest second was offered more than the limit; the excess was throttled and retried, within the SLO"
        return
            "\(shardId), headroom \(TextFormat.percent(headroom))\(worstSeedText(plan))\(meaning): offered \(offered))"
    }
}
