import ShardSimEngine
import ShardSimModel
import ShardSimPlanner

/// The human-readable `run` report: what happened, where it went wrong, and why.
public enum RunReportText {
    /// Shards listed in the "busiest shards" table.
    static let busiestShardCount = 5

    public static func render(_ result: SimulationResult, objective: ServiceLevelObjective?) -> String {
        document(result, objective: objective).text()
    }

    /// The report of `result`; with `replications` (N ≥ 2) it opens with their summary and `result` is
    /// replication 1's.
    public static func document(
        _ result: SimulationResult, objective: ServiceLevelObjective?, replications: ReplicatedRun? = nil
    ) -> ReportDocument {
        let replicated = replications.map { [ReplicationReport.section($0)] } ?? []
        return ReportDocument(
            title: "ShardSim run: \(result.configuration.name)", subtitle: subtitle(result),
            sections: replicated + sections(result, objective: objective))
    }

    static func subtitle(_ result: SimulationResult) -> String {
        let configuration = result.configuration
        let seconds = nanosecondsToSeconds(result.simulatedNanoseconds)
        return "seed \(configuration.seed), \(TextFormat.decimal(seconds, places: seconds < 10 ? 3 : 0)) s simulated, "
            + "\(configuration.stream.streamMode.rawValue) stream of \(result.shardCountStart) shard\(result.shardCountStart == 1 ? "" : "s"), \(configuration.fidelity.rawValue) fidelity"
    }

    /// The report's sections in order, shared by the text, Markdown and HTML renderings.
    public static func sections(_ result: SimulationResult, objective: ServiceLevelObjective?) -> [ReportSection] {
        var sections = [writePathSection(result), producerSection(result), shardSection(result)]
        if !result.consumers.isEmpty { sections.append(consumerSection(result)) }
        var cost = costSection(result.monthlyCost)
        if let note = offeredTrafficNote(OfferedTrafficCost(result)) { cost.blocks.append(.notes([note])) }
        sections.append(cost)
        sections.append(sloSection(result, objective: objective))
        let notes = ModelCaveats.reportNotes(result)
        if !notes.isEmpty { sections.append(ReportSection(title: "Notes", blocks: [.notes(notes.map { "- " + $0 })])) }
        return sections
    }

    static func writePathSection(_ result: SimulationResult) -> ReportSection {
        let seconds = nanosecondsToSeconds(result.simulatedNanoseconds)
        let totals = result.totals
        var pairs: [(String, String)] = [
            (
                "records attempted",
                "\(TextFormat.count(totals.recordsAttempted)) (\(TextFormat.decimal(Double(totals.recordsAttempted) / seconds, places: 1))/s)"
            ),
            ("records succeeded", TextFormat.count(totals.recordsSucceeded)),
        ]
        if result.hasLostResponses {
            pairs.append(
                (
                    "records duplicated",
                    "\(TextFormat.count(totals.recordsDuplicated)) (stored again: responses lost, requests resent)"
                ))
        }
        pairs += [
            (
                "records failed",
                TextFormat.count(totals.recordsFailed)
                    + (totals.recordsFailed > 0 ? "  <- DATA LOST after retries" : "")
            ),
            ("still in flight", "\(TextFormat.count(totals.recordsInFlight)) (buffered or awaiting retry at the end)"),
            (
                "throttled attempts",
                "\(TextFormat.count(totals.writeProvisionedThroughputExceeded)) of "
                    + "\(TextFormat.count(totals.kinesisRecordAttempts)) = \(TextFormat.percent(totals.writeThrottledFraction, places: 2))"
            ),
            (
                "incoming",
                "\(TextFormat.count(totals.incomingRecords)) Kinesis records, "
                    + "\(TextFormat.bytesPerSecond(Double(totals.incomingBytes) / seconds)) mean"
            ),
        ]
        let latency = result.putLatency
        if latency.count > 0 {
            pairs.append(
                (
                    "put latency",
                    "p50 \(TextFormat.milliseconds(latency.percentile(50)))  "
                        + "p90 \(TextFormat.milliseconds(latency.percentile(90)))  p99 \(TextFormat.milliseconds(latency.percentile(99)))  "
                        + "max \(TextFormat.milliseconds(latency.maxValue))"
                ))
        }
        return ReportSection(title: "Write path", blocks: [.keyValues(pairs)])
    }

    static func producerSection(_ result: SimulationResult) -> ReportSection {
        let showsDuplicates = result.hasLostResponses
        var table = TextTable(
            [("producer", .left), ("attempted", .right), ("succeeded", .right), ("failed", .right)]
                + (showsDuplicates ? [("duplicated", .right)] : [])
                + [("throttled", .right), ("p50", .right), ("p99", .right), ("heaviest key", .left)])
        for producer in result.producers {
            let statistics = producer.statistics
            var heaviest =
                producer.heaviestKeys.first.map {
                    "\($0.partitionKey) \(TextFormat.percent($0.shareOfTraffic)) -> \($0.shardId)"
                } ?? "-"
            if case .uniform(let count, _) = producer.configuration.partitionKeys {
                heaviest = "none: uniform over \(TextFormat.count(Int64(count))) keys"
            }
            table.add(
                [
                    producer.name, TextFormat.count(statistics.recordsAttempted),
                    TextFormat.count(statistics.recordsSucceeded),
                    TextFormat.count(statistics.recordsFailed),
                ] + (showsDuplicates ? [TextFormat.count(statistics.recordsDuplicated)] : []) + [
                    TextFormat.percent(producer.writeThrottledFraction, places: 2),
                    TextFormat.milliseconds(statistics.putLatency.percentile(50)),
                    TextFormat.milliseconds(statistics.putLatency.percentile(99)), heaviest,
                ])
        }
        return ReportSection(title: "Producers", blocks: [.table(table)])
    }

    static func shardSection(_ result: SimulationResult) -> ReportSection {
        let limits = result.configuration.stream.limits
        func peak(_ shard: ShardResult) -> Double { shard.write.peakUtilization(limits) }
        let ranked = result.shards.enumerated().sorted { left, right in
            let (a, b) = (peak(left.element), peak(right.element))
            return a > b || (a == b && left.offset < right.offset)
        }
        var table = TextTable([
            ("shard", .left), ("records/s", .right), ("bytes/s", .right), ("peak rec", .right),
            ("peak bytes", .right), ("throttled", .right),
        ])
        for (_, shard) in ranked.prefix(busiestShardCount) {
            table.add([
                shard.description.shardId,
                TextFormat.decimal(
                    Double(shard.write.incomingRecords)
                        / shard.description.openSeconds(durationNanoseconds: result.simulatedNanoseconds), places: 1),
                TextFormat.bytesPerSecond(
                    Double(shard.write.incomingBytes)
                        / shard.description.openSeconds(durationNanoseconds: result.simulatedNanoseconds)),
                TextFormat.percent(shard.write.peakRecordsUtilization(limits), places: 0),
                TextFormat.percent(shard.write.peakBytesUtilization(limits), places: 0),
                TextFormat.count(shard.write.writeProvisionedThroughputExceeded),
            ])
        }
        let title =
            result.shards.count > busiestShardCount
            ? "Busiest shards (\(busiestShardCount) of \(result.shards.count); peak = most offered in one second / limit)"
            : "Shards (peak = most offered in one second / limit)"
        let notes = [WriteDiagnosis.finding(result) ?? WriteDiagnosis.immaterialNote(result)].compactMap { $0 }
        return ReportSection(title: title, blocks: [.table(table), .notes(notes)])
    }

    static func consumerSection(_ result: SimulationResult) -> ReportSection {
        var table = TextTable([
            ("consumer", .left), ("type", .left), ("delivered", .right), ("e2e p50", .right),
            ("e2e p99", .right), ("max iterator age", .right), ("throttled calls", .right),
            ("expired", .right),
        ])
        var verdicts: [String] = []
        let sharedFindings = ConsumerFindings.shared(result)
        for consumer in result.consumers {
            let statistics = consumer.statistics
            let throttled =
                consumer.configuration.type.readsWithGetRecords(consumer.configuration)
                ? "\(TextFormat.count(statistics.readProvisionedThroughputExceeded)) of \(TextFormat.count(statistics.getRecordsCalls))"
                : "-"
            table.add([
                consumer.name, consumer.configuration.type.rawValue, TextFormat.count(statistics.recordsDelivered),
                TextFormat.milliseconds(statistics.endToEndLatency.percentile(50)),
                TextFormat.milliseconds(statistics.endToEndLatency.percentile(99)),
                TextFormat.decimal(nanosecondsToSeconds(statistics.maxIteratorAgeNanoseconds), places: 1) + " s",
                throttled, TextFormat.count(statistics.recordsExpired),
            ])
            if consumer.configuration.type == .lambda {
                verdicts.append(contentsOf: lambdaVerdicts(consumer, result: result))
            }
            if consumer.configuration.type == .firehose { verdicts.append(firehoseVerdict(consumer, result: result)) }
            if let kcl = consumer.configuration.kcl { verdicts.append(kclVerdict(consumer, kcl)) }
            if statistics.recordsExpired > 0 {
                verdicts.append(
                    "DATA LOST: \(consumer.name) never read \(TextFormat.count(statistics.recordsExpired)) records: "
                        + "they aged past the \(result.configuration.stream.retentionPeriodHours) h retention first. "
                        + "Remedy: a retention period longer than the longest time the reader can be behind.")
            }
            verdicts += verdict(
                consumer, reasons: ConsumerFindings.own(result, consumer),
                sharesLimits: !sharedFindings.isEmpty
                    && consumer.configuration.type.readsWithGetRecords(consumer.configuration))
        }
        verdicts += sharedFindings
        if verdicts.isEmpty { verdicts.append("Every consumer keeps up.") }
        return ReportSection(title: "Consumers", blocks: [.table(table), .notes(verdicts)])
    }

    /// Workers, leases, duplicates and the lease table of a KCL application (docs/model.md section 19).
    static func kclVerdict(_ consumer: ConsumerResult, _ kcl: KCLConfiguration) -> String {
        let statistics = consumer.statistics.kcl
        var text =
            "\(consumer.name): \(kcl.workers) workers, \(TextFormat.count(statistics.workersIdle)) idle at the end"
        if statistics.workersDown > 0 { text += ", \(TextFormat.count(statistics.workersDown)) down" }
        text +=
            " (one lease per shard; a worker with none is idle); \(TextFormat.count(statistics.leaseTakeovers)) lease"
            + " takeovers, \(TextFormat.count(statistics.recordsReprocessed)) records processed again after a takeover"
            + " (from the last checkpoint; at-least-once); lease table: \(TextFormat.count(statistics.leaseTableWriteUnits))"
            + " write units (renewals, \(TextFormat.count(statistics.checkpoints)) checkpoints, takes), "
            + TextFormat.decimal(statistics.leaseTableReadUnits, places: 1) + " read units"
        if statistics.leaseTableThrottledRequests > 0 {
            text +=
                "; THROTTLED: \(TextFormat.count(statistics.leaseTableThrottledRequests)) lease-table requests refused"
                + " by its provisioned capacity, \(TextFormat.count(statistics.leasesLostToThrottling)) leases lost when"
                + " renewals failed for longer than failoverTime"
        }
        return text
    }

    /// Objects, their size and the data's age for a Firehose consumer, whose hints apply per shard (one buffer each).
    static func firehoseVerdict(_ consumer: ConsumerResult, result: SimulationResult) -> String {
        let statistics = consumer.statistics
        guard statistics.deliveries > 0 else { return "\(consumer.name): no objects delivered (one buffer per shard)" }
        let deliveries = Double(statistics.deliveries)
        // Each open shard fills its own buffer, so an object leaves each shard this often.
        let perShard = nanosecondsToSeconds(result.simulatedNanoseconds) * result.averageOpenShards / deliveries
        let bySize = statistics.deliveriesBySize
        return "\(consumer.name): \(TextFormat.count(statistics.deliveries)) objects delivered, one buffer per shard"
            + " (\(TextFormat.count(bySize)) by size, \(TextFormat.count(statistics.deliveries - bySize)) by interval):"
            + " one every \(TextFormat.decimal(perShard, places: 1)) s per shard,"
            + " \(TextFormat.decimal(Double(statistics.bytesDelivered) / deliveries / 1_048_576, places: 2)) MiB each on average;"
            + " data up to \(TextFormat.decimal(nanosecondsToSeconds(statistics.maxDataFreshnessNanoseconds), places: 1)) s old at delivery"
            + " (mean \(TextFormat.decimal(nanosecondsToSeconds(Double(statistics.totalDataFreshnessNanoseconds) / deliveries), places: 1)) s)"
    }

    /// "X falls behind (iterator age up to N s): reasons" or "X keeps up, but: reasons"; shared-limit findings are
    /// referred to, and said once after all consumers.
    static func verdict(_ consumer: ConsumerResult, reasons: [String], sharesLimits: Bool) -> [String] {
        let behindSeconds = nanosecondsToSeconds(consumer.statistics.maxIteratorAgeNanoseconds)
        let all = reasons + (sharesLimits ? ["the limits the GetRecords readers share are exceeded (below)"] : [])
        if behindSeconds > 60 || (!all.isEmpty && behindSeconds > 5) {
            let why = all.isEmpty ? "" : ": " + all.joined(separator: "; ")
            return [
                "\(consumer.name) falls behind (iterator age up to \(TextFormat.decimal(behindSeconds, places: 0)) s)\(why)."
            ]
        }
        return all.isEmpty ? [] : ["\(consumer.name) keeps up, but: " + all.joined(separator: "; ") + "."]
    }

    /// Beside a month billed from a run that gave records up: AWS bills no throttled attempt, so that month is the
    /// accepted traffic's, not the workload's; the offered traffic's month is priced as `compare` prices it.
    static func offeredTrafficNote(_ offered: OfferedTrafficCost) -> String? {
        guard offered.lostTraffic else { return nil }
        return "This month prices only the accepted traffic: \(TextFormat.count(offered.recordsNotAccepted)) of "
            + "\(TextFormat.count(offered.recordsOffered)) offered records were given up after retries and AWS bills no throttled "
            + "attempt. For the offered traffic the month costs $\(TextFormat.decimal(offered.monthlyTotalUSD, places: 2)) "
            + "(per-GB, per-unit and per-request lines × \(TextFormat.decimal(offered.trafficScale, places: 4))), and the "
            + "stream needs more capacity to accept it."
    }

    public static func costSection(_ cost: CostBreakdown, title: String = "Monthly cost") -> ReportSection {
        var table = TextTable([
            ("line item", .left), ("quantity", .right), ("unit", .left), ("unit price", .right),
            ("monthly", .right),
        ])
        for item in cost.lineItems {
            table.add([
                item.item.billName, TextFormat.decimal(item.quantity, places: item.quantity < 100 ? 2 : 0),
                item.unit.billName,
                "$" + TextFormat.decimal(item.unitPriceUSD, places: item.unitPriceUSD < 0.01 ? 7 : 3),
                "$" + TextFormat.decimal(item.monthlyUSD, places: 2),
            ])
        }
        return ReportSection(
            title: title + " (730 h at this traffic, us-east-1 list prices)",
            blocks: [
                .table(table), .notes(["total $" + TextFormat.decimal(cost.monthlyTotalUSD, places: 2) + " per month"]),
            ])
    }

    static func sloSection(_ result: SimulationResult, objective: ServiceLevelObjective?) -> ReportSection {
        guard let objective else { return ReportSection(title: "SLO: none stated", blocks: []) }
        let violations = result.violations(of: objective)
        if violations.isEmpty { return ReportSection(title: "SLO: met", blocks: []) }
        return ReportSection(
            title: "SLO: NOT met",
            blocks: [
                .notes(
                    violations.map { violation in
                        let format: (Double) -> String =
                            switch violation.objective {
                            case .writeThrottledFraction: { TextFormat.percent($0, places: 2) }
                            case .failedRecords: { TextFormat.count(Int64($0)) }
                            case .putLatencyP99, .endToEndLatencyP99, .iteratorAge:
                                { TextFormat.decimal($0, places: 1) + " ms" }
                            }
                        return
                            "- \(violation.objective.scenarioKey): \(violation.subject.reportName) measured \(format(violation.actual)), "
                            + "limit \(format(violation.limit))"
                    })
            ])
    }
}
