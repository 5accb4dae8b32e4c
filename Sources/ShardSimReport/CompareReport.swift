import ShardSimJSON
import ShardSimModel
import ShardSimPlanner

/// `compare`: provisioned at the planned count against on-demand, with each side's month for the traffic it was
/// offered, the break-even read off the same cost model, and the quotas that bound the answer.
extension PlanReport {
    public static func json(_ comparison: ModeComparison) -> JSONOutput {
        func side(_ result: SimulationResult, _ offered: OfferedTrafficCost, extra: [(String, JSONOutput)])
            -> JSONOutput
        {
            guard case .object(var members) = RunReportJSON.document(for: result, objective: comparison.objective)
            else {
                preconditionFailure("a run report is a JSON object")
            }
            members += extra
            members.append(("offeredTraffic", offeredJSON(offered)))
            members.append(
                (
                    "costNote",
                    costNote(comparison, offered, mode: result.configuration.stream.streamMode).map(JSONOutput.string)
                        ?? .null
                ))
            return .object(members)
        }
        let replicated = comparison.replications.map { [("replications", CompareReplicationReport.json($0))] } ?? []
        // Only when `auto` ran something in flow, so other comparisons' documents are unchanged.
        let fidelity = comparison.fidelityNote.map { [("fidelityNote", JSONOutput.string($0))] } ?? []
        return .object(
            [
                (
                    "provisioned",
                    side(
                        comparison.provisioned, comparison.provisionedOffered,
                        extra: [("shardCount", .int(Int64(comparison.provisionedShardCount)))])
                ),
                (
                    "onDemand",
                    side(
                        comparison.onDemand, comparison.onDemandOffered,
                        extra: [
                            ("comparedAs", .string(comparison.onDemandStream.rawValue)),
                            ("priorPeakWriteBytesPerSecond", .int(comparison.onDemandPriorPeakWriteBytesPerSecond)),
                            ("priorPeakWriteRecordsPerSecond", .int(comparison.onDemandPriorPeakWriteRecordsPerSecond)),
                            ("priorPeakSource", .string(priorPeakSource(comparison))),
                        ])
                ),
                ("provisionedFeasible", .bool(comparison.plan.feasible)),
                ("provisionedReason", .string(comparison.plan.reason)),
                ("cheaper", .string(comparison.cheaper.rawValue)),
                ("cheaperMeetingSlo", comparison.cheaperMeetingSlo.map { .string($0.rawValue) } ?? .null),
                ("cheaperBasis", .string("monthly cost of the offered traffic (offeredTraffic.monthlyTotal)")),
                ("breakEvenTrafficMultiplier", comparison.breakEvenTrafficMultiplier.map(JSONOutput.double) ?? .null),
                ("breakEvenRecordsPerSecond", comparison.breakEvenRecordsPerSecond.map(JSONOutput.double) ?? .null),
                ("breakEvenCheaperBelow", comparison.breakEvenCheaperBelow.map { .string($0.rawValue) } ?? .null),
                ("breakEvenCheaperAbove", comparison.breakEvenCheaperAbove.map { .string($0.rawValue) } ?? .null),
                (
                    "breakEvenSettledTrafficMultiplier",
                    comparison.breakEvenSettledTrafficMultiplier.map(JSONOutput.double) ?? .null
                ),
                (
                    "breakEvenCheaperBeyondSettled",
                    comparison.breakEvenCheaperBeyondSettled.map { .string($0.rawValue) } ?? .null
                ),
                ("breakEvenStatement", .string(breakEvenStatement(comparison))),
                ("quotaWarnings", .array(comparison.quotaWarnings.map(JSONOutput.string))),
                ("notes", .array(caveats(comparison).map(JSONOutput.string))),
            ] + fidelity + replicated)
    }

    /// What the model leaves out for either side (each side's JSON report also lists its own).
    static func caveats(_ comparison: ModeComparison) -> [String] {
        ModelCaveats.notes(forAnyOf: [comparison.provisioned.configuration, comparison.onDemand.configuration])
    }

    static func offeredJSON(_ offered: OfferedTrafficCost) -> JSONOutput {
        .object([
            ("recordsOffered", .int(offered.recordsOffered)),
            ("recordsAccepted", .int(offered.recordsAccepted)),
            ("recordsNotAccepted", .int(offered.recordsNotAccepted)),
            ("throttled", .bool(offered.isThrottled)),
            ("trafficScale", .double(offered.trafficScale)),
            ("monthlyTotal", .double(offered.monthlyTotalUSD)),
        ])
    }

    public static func text(_ comparison: ModeComparison) -> String { document(comparison).text() }

    public static func document(_ comparison: ModeComparison) -> ReportDocument {
        let provisioned = comparison.provisioned, onDemand = comparison.onDemand
        let count = comparison.provisionedShardCount
        let onDemandHeader =
            comparison.onDemandStream == .newStream ? "ON_DEMAND (new stream)" : "ON_DEMAND (established)"
        var table = TextTable([
            ("", .left), ("PROVISIONED (\(count) shard\(count == 1 ? "" : "s"))", .right), (onDemandHeader, .right),
        ])
        func row(_ name: String, _ value: (SimulationResult, OfferedTrafficCost) -> String) {
            table.add([
                name, value(provisioned, comparison.provisionedOffered), value(onDemand, comparison.onDemandOffered),
            ])
        }
        row("monthly cost, billed") { _, offered in
            "$" + TextFormat.decimal(offered.billed.monthlyTotalUSD, places: 2)
                + (offered.lostTraffic ? " (throttled away)" : offered.isThrottled ? " (throttled)" : "")
        }
        row("monthly cost, offered traffic") { _, offered in
            "$" + TextFormat.decimal(offered.monthlyTotalUSD, places: 2)
        }
        row("throttled attempts") { result, _ in TextFormat.percent(result.totals.writeThrottledFraction, places: 3) }
        row("records failed") { result, _ in TextFormat.count(result.totals.recordsFailed) }
        row("put latency p99") { result, _ in TextFormat.milliseconds(result.putLatency.percentile(99)) }
        row("shards at the end") { result, _ in String(result.shardCountEnd) }
        row("meets SLO") { result, _ in result.violations(of: comparison.objective).isEmpty ? "yes" : "no" }
        var verdict = [onDemandDescription(comparison)]
        for (offered, mode) in [
            (comparison.provisionedOffered, StreamMode.provisioned), (comparison.onDemandOffered, .onDemand),
        ] {
            if let note = costNote(comparison, offered, mode: mode) { verdict.append(note) }
        }
        if !comparison.plan.feasible { verdict.append("PROVISIONED is infeasible: \(comparison.plan.reason)") }
        // Over replications, a cheaper side only when the cost intervals do not overlap.
        verdict +=
            comparison.replications.map {
                CompareReplicationReport.verdictLines($0, singleSeedCheaper: comparison.cheaper)
            } ?? ["Cheaper (monthly cost of the offered traffic): \(comparison.cheaper.rawValue)"]
        verdict += [
            "Cheaper meeting the SLO: \(comparison.cheaperMeetingSlo?.rawValue ?? "neither meets it")",
            breakEvenStatement(comparison),
        ]
        verdict += comparison.quotaWarnings.map { "Quota: " + $0 }
        if let note = comparison.fidelityNote { verdict.append(note) }
        let subtitle =
            comparison.onDemandStream == .newStream
            ? "provisioned at the planned shard count against the first minutes of a NEW on-demand stream, same load and seed"
            : "provisioned at the planned shard count against an established on-demand stream, same load and seed"
        var sections = comparison.replications.map { [CompareReplicationReport.section($0)] } ?? []
        sections += [
            ReportSection(title: "Side by side", blocks: [.table(table), .notes(verdict)]),
            RunReportText.costSection(provisioned.monthlyCost, title: "PROVISIONED monthly cost"),
            RunReportText.costSection(onDemand.monthlyCost, title: "ON_DEMAND monthly cost"),
        ]
        let leftOut = caveats(comparison)
        if !leftOut.isEmpty {
            sections.append(ReportSection(title: "Notes", blocks: [.notes(leftOut.map { "- " + $0 })]))
        }
        return ReportDocument(
            title: "ShardSim compare: \(provisioned.configuration.name)", subtitle: subtitle, sections: sections)
    }
}
