import ShardSimJSON
import ShardSimModel
import ShardSimPlanner

/// The words and JSON of `compare --replications N` (N ≥ 2): each side's cost and throttling over the replications,
/// and the verdict, which names a cheaper side only when the two cost intervals do not overlap. The rest of the
/// report (the side-by-side table, the cost lines, the break-even) is replication 1's.
enum CompareReplicationReport {
    /// The `replications` member of the compare JSON.
    static func json(_ replicated: ReplicatedComparison) -> JSONOutput {
        func side(_ side: ReplicatedComparison.Side) -> JSONOutput {
            .object([
                ("monthlyCost", ReplicationReport.summary(side.monthlyCost)),
                ("billedMonthlyCost", ReplicationReport.summary(side.billedMonthlyCost)),
                ("writeThrottledFraction", ReplicationReport.summary(side.writeThrottledFraction)),
                ("replicationsMeetingSlo", .int(Int64(side.replicationsMeetingSlo))),
            ])
        }
        return .object([
            ("count", .int(Int64(replicated.seeds.count))),
            ("seeds", .array(replicated.seeds.map(JSONOutput.unsigned))),
            ("provisioned", side(replicated.provisioned)),
            ("onDemand", side(replicated.onDemand)),
            ("costDifference", ReplicationReport.summary(replicated.costDifference)),
            ("cheaper", replicated.verdict.cheaper.map { .string($0.rawValue) } ?? .null),
            ("verdict", .string(replicated.verdict.rawValue)),
        ])
    }

    /// "$1,234.56 ± $7.89 ($1,226.67 – $1,242.45)": the mean, the 95 % half-width and the interval.
    static func costInterval(_ summary: SampleSummary) -> String {
        let interval = summary.confidenceInterval95 ?? (summary.mean...summary.mean)
        return dollars(summary.mean) + " ± " + dollars(summary.halfWidth95) + " (95% interval "
            + dollars(interval.lowerBound) + " – " + dollars(interval.upperBound) + ")"
    }

    static func dollars(_ value: Double) -> String {
        (value < 0 ? "-$" : "$") + TextFormat.decimal(abs(value), places: 2)
    }

    /// The verdict sentences that replace the single-seed "Cheaper" line.
    static func verdictLines(_ replicated: ReplicatedComparison, singleSeedCheaper: StreamMode) -> [String] {
        let count = replicated.seeds.count
        let provisioned = "PROVISIONED " + costInterval(replicated.provisioned.monthlyCost)
        let onDemand = "ON_DEMAND " + costInterval(replicated.onDemand.monthlyCost)
        var lines: [String]
        if let cheaper = replicated.verdict.cheaper {
            lines = [
                "Cheaper over \(count) replications (monthly cost of the offered traffic): \(cheaper.rawValue). "
                    + "\(provisioned) against \(onDemand): the intervals do not overlap."
            ]
        } else {
            lines = [
                "Too close to call over \(count) replications (monthly cost of the offered traffic): \(provisioned) "
                    + "and \(onDemand) overlap, so the difference is within seed noise. Replication 1 alone has "
                    + "\(singleSeedCheaper.rawValue) cheaper; more replications narrow the intervals."
            ]
        }
        lines.append(
            "Meets the SLO: PROVISIONED in \(replicated.provisioned.replicationsMeetingSlo) of \(count) replications, "
                + "ON_DEMAND in \(replicated.onDemand.replicationsMeetingSlo) of \(count).")
        return lines
    }

    /// The "Replications" section: each side's figures over the replications, and how they were run.
    static func section(_ replicated: ReplicatedComparison) -> ReportSection {
        var table = TextTable([
            ("mean ± 95% half-width (min – max)", .left), ("PROVISIONED", .right), ("ON_DEMAND", .right),
        ])
        func cell(_ summary: SampleSummary, _ metric: ReplicationMetric) -> String {
            ReplicationReport.format(summary.mean, of: metric) + " ± "
                + ReplicationReport.format(summary.halfWidth95, of: metric) + " ("
                + ReplicationReport.format(summary.minimum, of: metric) + " – "
                + ReplicationReport.format(summary.maximum, of: metric) + ")"
        }
        let sides = [replicated.provisioned, replicated.onDemand]
        table.add(["monthly cost, offered traffic"] + sides.map { cell($0.monthlyCost, .monthlyCostUSD) })
        table.add(["monthly cost, billed"] + sides.map { cell($0.billedMonthlyCost, .monthlyCostUSD) })
        table.add(["throttled attempts"] + sides.map { cell($0.writeThrottledFraction, .writeThrottledFraction) })
        let count = replicated.seeds.count
        table.add(["meets SLO"] + sides.map { "\($0.replicationsMeetingSlo) of \(count)" })
        let difference = replicated.costDifference
        let note =
            "\(count) replications (seed \(replicated.seeds[0]) and \(count - 1) derived from it; docs/model.md "
            + "section 18); replication i runs both sides with the same seed (common random numbers). The interval is "
            + "Student-t on the mean. \"Cheaper\" needs the two cost intervals not to overlap; the paired difference "
            + "PROVISIONED − ON_DEMAND is \(dollars(difference.mean)) ± \(dollars(difference.halfWidth95)) a month. "
            + "The shard count is the plan's on the scenario's seed; the side-by-side table, the cost lines and the "
            + "break-even are replication 1's."
        return ReportSection(title: "Replications", blocks: [.table(table), .notes([note])])
    }
}
