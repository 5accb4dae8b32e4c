import ShardSimJSON
import ShardSimModel
import ShardSimScenario
import ShardSimTestSupport
import Testing

@testable import ShardSimPlanner
@testable import ShardSimReport

/// `compare` on equal terms: an established on-demand stream by default, the new-stream case on request, costs
/// for the offered traffic, and a break-even that agrees with the table it follows. Expected figures are derived
/// by hand from AWS's rules (facts sheet sections 4 and 5) in each test's comment.
@Suite struct CompareTests {
    private func scenario(_ json: String, overrides: [String] = []) throws -> Scenario {
        try ScenarioDecoder.decode(Array(json.utf8), overrides: overrides)
    }

    /// A steady 6 MB/s: 6,000 records/s of 1,000 B, evenly spaced, keys "key-0" … "key-9999" (8 bytes on average
    /// as the planner counts them: "key-" + 4 digits), a PROVISIONED scenario as a user writes it.
    private let steadySixMegabytes = """
        { "name": "steady-6mb", "duration": "3m", "seed": 7, "stream": { "shardCount": 1 },
          "producers": [{ "name": "app", "recordsPerSecond": 6000, "recordSizeBytes": 1000, "arrival": "uniform",
                          "partitionKeys": { "distribution": "uniform", "count": 10000, "prefix": "key-" } }] }
        """

    @Test func steadySixMegabytesPerSecondOnDemandNeverThrottlesAndCostsWhatTheRulesSay() throws {
        // Established on-demand stream (the default): prior 30-day peak = the workload's peak = 6,000 records/s and
        // 6,000 × (1,000 + 8) = 6,048,000 B/s. AWS sizes it for twice that (MODE): ⌈12,000 / 1,000⌉ = 12 shards and
        // ⌈12,096,000 / 1,048,576⌉ = ⌈11.54⌉ = 12 shards → 12 shards, each offered 500 records/s: nothing throttles.
        // Cost (facts sheet section 5, 730-hour month): stream-hours 730 × $0.04 = $29.20. Data in: each 1,000 B
        // record bills as 1 KB = 1,024 B (the data blob rounded up; the key is not), 6,000 × 3,600 × 730 =
        // 15,768,000,000 records → 15,768,000,000 × 1,024 / 2^30 = 15,037.54 GB × $0.08 = $1,203.00.
        // Total $1,232.20. The simulated window bills accepted records only; the last ~100 ms of records are still
        // in the producer's buffer at the end (≤ 0.1 % of 1,080,000), hence the tolerance.
        let comparison = ModeComparer.compare(try scenario(steadySixMegabytes).configuration, objective: nil)
        let onDemand = comparison.onDemand
        #expect(comparison.onDemandStream == .established)
        #expect(comparison.onDemandPriorPeakWriteRecordsPerSecond == 6_000)
        #expect(comparison.onDemandPriorPeakWriteBytesPerSecond == 6_048_000)
        #expect(onDemand.shardCountStart == 12)
        #expect(onDemand.totals.writeProvisionedThroughputExceeded == 0)
        #expect(onDemand.totals.recordsFailed == 0)
        #expect(!comparison.onDemandOffered.isThrottled)
        let lines = onDemand.monthlyCost.lineItems
        expectNear(
            lines.first { $0.item == .onDemandStreamHours }?.monthlyUSD ?? 0, 29.20, within: 0.001, "stream-hours")
        let dataIn = try #require(lines.first { $0.item == .onDemandDataIngested })
        expectNear(dataIn.quantity, 15_037.54, within: 15, "GB ingested")
        expectNear(dataIn.monthlyUSD, 1_203.00, within: 1.2, "data in")
        expectNear(onDemand.monthlyCost.monthlyTotalUSD, 1_232.20, within: 1.2, "on-demand month")
        #expect(comparison.onDemandOffered.monthlyTotalUSD == onDemand.monthlyCost.monthlyTotalUSD)
        // Provisioned: PUT payload units, one per record (1,008 B ≤ 25,600 B): 15,768 M × $0.014 = $220.75; shards
        // ≥ 6 (6,000 records/s against 1,000 per shard) at 730 × $0.015 = $10.95 each. Cheaper at this load.
        let putUnits = try #require(comparison.provisioned.monthlyCost.lineItems.first { $0.item == .putPayloadUnits })
        expectNear(putUnits.monthlyUSD, 220.75, within: 0.25, "PUT payload units")
        #expect(comparison.provisionedShardCount >= 6)
        #expect(comparison.cheaper == .provisioned)
    }

    @Test func aNewOnDemandStreamIsAnExplicitChoiceAndItsThrottledTrafficIsPricedAsOffered() throws {
        // compareAs NEW_STREAM: a new stream takes 4,000 records/s (4 shards, FAQ) and scales only 15 minutes after
        // the rise (MODE), beyond this 3-minute run: of 6,000 records/s offered, at least 2,000/s are throttled at
        // first try, and with the default 3 attempts many are given up. The billed month covers only accepted
        // records; the offered month scales the per-GB line by offered ÷ accepted, which gives back the hand bill
        // of the full traffic above: $29.20 + $1,203.00 = $1,232.20.
        let comparison = ModeComparer.compare(
            try scenario(steadySixMegabytes, overrides: ["stream.onDemand.compareAs=NEW_STREAM"]).configuration,
            objective: nil)
        #expect(comparison.onDemandStream == .newStream)
        #expect(comparison.onDemand.shardCountStart == 4)
        #expect(comparison.onDemand.totals.writeThrottledFraction > 2_000.0 / 6_000.0)
        let offered = comparison.onDemandOffered
        #expect(offered.lostTraffic)
        #expect(offered.billed.monthlyTotalUSD < offered.monthlyTotalUSD)
        expectNear(offered.monthlyTotalUSD, 1_232.20, within: 1.5, "offered-traffic month")
        let text = PlanReport.text(comparison)
        #expect(text.contains("first minutes of a NEW stream"))
        #expect(text.contains("$" + TextFormat.decimal(offered.monthlyTotalUSD, places: 2)))
        #expect(text.contains("(throttled away)"))
        let note = try #require(PlanReport.costNote(comparison, offered, mode: .onDemand))
        #expect(note.contains("covers only the accepted traffic"))
        // `run` of the same throttled stream says the same beside its month: $1,232.20 by hand for the offered traffic.
        let runText = RunReportText.render(comparison.onDemand, objective: nil)
        #expect(runText.contains("This month prices only the accepted traffic"))
        #expect(runText.contains("the month costs $" + TextFormat.decimal(offered.monthlyTotalUSD, places: 2)))
        #expect(
            !RunReportText.render(comparison.provisioned, objective: nil).contains("prices only the accepted traffic"))
    }

    @Test func compareSentencesUseTheLimitsTheScenarioRan() throws {
        // A what-if with a new on-demand stream of 2 MiB/s and 2,000 records/s, scaling after 5 minutes, and shards
        // of 500 records/s: the sentences must quote those figures, never AWS's defaults (4 MiB/s, 4,000 records/s,
        // 15 minutes, 1,000 records/s).
        let overrides = [
            "stream.onDemand.compareAs=NEW_STREAM", "assumptions.onDemand.initialWriteBytesPerSecond=2097152",
            "assumptions.onDemand.initialWriteRecordsPerSecond=2000", "assumptions.onDemand.scaleUpDelay=5m",
            "stream.limits.writeRecordsPerSecond=500",
        ]
        let comparison = ModeComparer.compare(
            try scenario(steadySixMegabytes, overrides: overrides).configuration, objective: nil)
        let text =
            PlanReport.onDemandDescription(comparison) + " "
            + PlanReport.throttleReason(comparison, mode: .onDemand)
        #expect(text.contains("2 MiB/s and 2,000 records/s"))
        #expect(text.contains("5 min"))
        #expect(!text.contains("4,000 records/s") && !text.contains("4 MiB/s") && !text.contains("15 min"))
        var established = comparison
        established.onDemandStream = .established
        let reason = PlanReport.throttleReason(established, mode: .onDemand)
        #expect(reason.contains("500 records/s") && !reason.contains("1,000 records/s"))
    }

    @Test func compareAndPlanListTheCaveatsOfTheFeaturesTheyUse() throws {
        // A Lambda reader: its caveats (docs/model.md section 15) must reach a reader of the shared compare report in
        // text, Markdown, HTML and JSON `notes`, and the on-demand side adds the on-demand caveat; plan's JSON has
        // the `notes` its text lists. A plain provisioned plan says nothing about on-demand.
        let json = """
            { "name": "with-lambda", "duration": "1m", "seed": 1, "stream": { "shardCount": 1 },
              "producers": [{ "name": "p", "recordsPerSecond": 100, "recordSizeBytes": 100 }],
              "consumers": [{ "name": "fn", "type": "lambda", "batchSize": 100, "duration": { "base": "10ms", "perRecord": "1ms" } }] }
            """
        let configuration = try scenario(json).configuration
        let lambdaCaveats = ModelCaveats.all.filter { $0.id.lowercased().contains("lambda") }.map(\.text)
        let onDemandCaveat = try #require(ModelCaveats.all.first { $0.id == "onDemand" }?.text)
        #expect(!lambdaCaveats.isEmpty)
        let comparison = ModeComparer.compare(configuration, objective: nil)
        let document = PlanReport.document(comparison)
        let html = PlanReportHTML.page(comparison, description: nil)
        guard case .object(let members) = PlanReport.json(comparison),
            case .array(let notes)? = members.first(where: { $0.0 == "notes" })?.1
        else {
            Issue.record("compare JSON has no top-level notes array")
            return
        }
        for text in lambdaCaveats + [onDemandCaveat] {
            #expect(document.text().contains("- " + text))
            #expect(document.markdown().contains(text))
            #expect(html.contains(HTMLReport.escape(text)))
            #expect(notes.contains(.string(text)))
        }
        let plan = Planner.plan(configuration, objective: nil)
        let planJSON = PlanReport.json(plan).rendered()
        for text in lambdaCaveats { #expect(planJSON.contains(text)) }
        guard case .object(let planMembers) = PlanReport.json(plan),
            case .array(let planNotes)? = planMembers.first(where: { $0.0 == "notes" })?.1
        else {
            Issue.record("plan JSON has no top-level notes array")
            return
        }
        #expect(!planNotes.contains(.string(onDemandCaveat)))
    }

    @Test func onDemandSettingsWorkFromAProvisionedScenario() throws {
        // `--set stream.onDemand.…` on a PROVISIONED scenario: a stated prior peak of 20,000 records/s gives the
        // on-demand side ⌈2 × 20,000 / 1,000⌉ = 40 shards at the start (MODE: twice the previous peak).
        let json = """
            { "name": "small", "duration": "1m", "seed": 1, "stream": { "shardCount": 1 },
              "producers": [{ "name": "p", "recordsPerSecond": 100, "recordSizeBytes": 100 }] }
            """
        let stated = try scenario(json, overrides: ["stream.onDemand.priorPeakWriteRecordsPerSecond=20000"])
        #expect(stated.configuration.stream.streamMode == .provisioned)
        let comparison = ModeComparer.compare(stated.configuration, objective: nil)
        #expect(comparison.onDemandPriorPeakIsStated)
        #expect(comparison.onDemand.shardCountStart == 40)
        #expect(PlanReport.priorPeakSource(comparison) == "scenario")
        // Only a records peak was stated: the sentence says so instead of printing a 0.00 MiB/s peak.
        let description = PlanReport.onDemandDescription(comparison)
        #expect(description.contains("(no bytes peak stated, 20,000 records/s)"))
        // A new stream has no prior peak: stating both is refused at the field.
        #expect(throws: ScenarioError.self) {
            try scenario(
                json,
                overrides: [
                    "stream.onDemand.priorPeakWriteRecordsPerSecond=20000", "stream.onDemand.compareAs=NEW_STREAM",
                ])
        }
        do {
            _ = try ScenarioDecoder.decode(
                Array(json.utf8),
                overrides: [
                    "stream.onDemand.priorPeakWriteRecordsPerSecond=1",
                    "stream.onDemand.compareAs=NEW_STREAM",
                ])
            Issue.record("a NEW_STREAM with a prior peak was accepted")
        } catch {
            #expect(error.diagnostics.contains { $0.path == "stream.onDemand.compareAs" })
        }
    }

    /// The library's spiky ticketing load, shortened with the same shape (the spike is 1/60 of the run): base rate
    /// `recordsPerSecond`, ×70 for 20 s, records of 1,000 B, read by a Lambda in batches of 500.
    private func spiky(_ recordsPerSecond: Int) -> String {
        """
        { "name": "spiky-\(recordsPerSecond)", "duration": "20m", "seed": 13, "stream": { "shardCount": 1 },
          "producers": [{ "name": "ticketing", "recordsPerSecond": \(recordsPerSecond), "recordSizeBytes": 1000,
                          "rateProfile": { "type": "spike", "at": "5m", "duration": "20s", "multiplier": 70 },
                          "partitionKeys": { "distribution": "uniform", "count": 200000, "prefix": "session-" },
                          "retry": { "maxAttempts": 5, "initialBackoff": "100ms", "maxBackoff": "5s", "jitter": "full" } }],
          "consumers": [{ "name": "fulfilment", "type": "lambda", "batchSize": 500, "duration": { "base": "50ms", "perRecord": "1ms" } }] }
        """
    }

    @Test(arguments: [20, 50, 130, 400])
    func theBreakEvenStatementAgreesWithTheTableItFollows(recordsPerSecond: Int) throws {
        // Whatever the load, the statement must (1) name as cheaper on today's side of the crossing the mode the
        // table shows cheaper at 1×, (2) come from a model that gives the table's own offered-traffic totals at 1×,
        // (3) flip exactly at the stated factor in that model, and (4) read cleanly (no "; ;", no "1.00×" for a
        // factor that is not 1).
        let comparison = ModeComparer.compare(try scenario(spiky(recordsPerSecond)).configuration, objective: nil)
        let provisionedTable = comparison.provisionedOffered.monthlyTotalUSD,
            onDemandTable = comparison.onDemandOffered.monthlyTotalUSD
        #expect(comparison.cheaper == (provisionedTable <= onDemandTable ? .provisioned : .onDemand))
        let evenSpread =
            comparison.plan.bounds.requirements.filter { $0.limit != .partitionKey }.map(\.shards).max() ?? 1
        let model = BreakEvenModel(
            provisioned: comparison.provisionedOffered, onDemand: comparison.onDemandOffered,
            shardCount: comparison.provisionedShardCount, requirementShards: evenSpread)
        #expect(model.provisionedUSD(1) == provisionedTable)
        #expect(model.onDemandUSD(1) == onDemandTable)
        let statement = PlanReport.breakEvenStatement(comparison)
        #expect(!statement.contains("; ;"))
        guard let multiplier = comparison.breakEvenTrafficMultiplier else {
            #expect(statement.contains("none: \(comparison.cheaper.rawValue) is cheaper"))
            return
        }
        let below = try #require(comparison.breakEvenCheaperBelow),
            above = try #require(comparison.breakEvenCheaperAbove)
        #expect(below != above)
        #expect((multiplier > 1 ? below : above) == comparison.cheaper)
        #expect(model.isOnDemandCheaper(multiplier * 0.999) == (below == .onDemand))
        #expect(model.isOnDemandCheaper(multiplier * 1.001) == (above == .onDemand))
        #expect(!statement.contains("at 1.00×") || multiplier == 1)
        // (5) Every claim holds over a 1 % grid from 1/1000× to 1000×: today's side up to the crossing, and beyond
        // it either the other side everywhere or, when whole shards make the sides alternate, the stated side
        // everywhere past the stated settling factor.
        let rising = multiplier > 1
        let settled = comparison.breakEvenSettledTrafficMultiplier
        let farSide = comparison.breakEvenCheaperBeyondSettled ?? (rising ? above : below)
        if let settled {
            #expect(statement.contains("alternates as provisioned adds whole shards"))
            #expect(
                statement.contains(
                    "\(rising ? "above" : "below") \(PlanReport.multiplierText(settled))× \(farSide.rawValue) is the cheaper"
                ))
        } else {
            #expect(statement.contains("below it \(below.rawValue) is the cheaper, above it \(above.rawValue)"))
        }
        let edge = settled ?? multiplier
        var factor = 0.001
        while factor < 1_000 {
            let onDemandCheaper = model.isOnDemandCheaper(factor)
            let nearToday = rising ? factor < multiplier * 0.9999 : factor > multiplier * 1.0001
            let beyondEdge = rising ? factor > edge * 1.0001 : factor < edge * 0.9999
            if nearToday { #expect(onDemandCheaper == (comparison.cheaper == .onDemand), "at \(factor)×") }
            if beyondEdge { #expect(onDemandCheaper == (farSide == .onDemand), "at \(factor)×") }
            factor *= 1.01
        }
    }

    @Test func wholeShardsMakeTheCheaperSideAlternateAndTheStatementSaysWhereItSettles() throws {
        // Hand-built months (730 h, us-east-1): provisioned 4 shards × $10.95 = $43.80 of shard-hours plus $7.81 of
        // traffic lines; on-demand $29.20 of stream-hours plus $38.86 of traffic lines; requirement 3.85 shards.
        // At f: provisioned = $10.95 × ⌈3.85 f⌉ + $7.81 f, on-demand = $29.20 + $38.86 f.
        // f = 7 / 3.85 = 1.8182: 7 → 8 shards, $101.8 > $99.9: on-demand cheaper from there; with 8 shards equal at
        // 87.60 + 7.81 f = 29.20 + 38.86 f → f = 58.40 / 31.05 = 1.8808, provisioned cheaper again. Just before the
        // step to n + 1 shards (f = n / 3.85) provisioned is cheaper iff 12.98 n < 29.20 + 10.09 n, i.e. n ≤ 10;
        // so the last flip is the 10 → 11 step at f = 10 / 3.85 = 2.5974, on-demand cheaper for good above it.
        func side(_ lines: [(item: CostItem, quantity: Double, price: Double)]) -> OfferedTrafficCost {
            let items = lines.map {
                CostLineItem(
                    item: $0.item, quantity: $0.quantity, unitPriceUSD: $0.price,
                    monthlyUSD: $0.quantity * $0.price)
            }
            return OfferedTrafficCost(
                month: CostBreakdown(lineItems: items, monthlyTotalUSD: items.reduce(0) { $0 + $1.monthlyUSD }))
        }
        let model = BreakEvenModel(
            provisioned: side([(.provisionedShardHours, 2_920, 0.015), (.enhancedFanOutDataRetrievals, 781, 0.01)]),
            onDemand: side([(.onDemandStreamHours, 730, 0.04), (.onDemandDataIngested, 3_886, 0.01)]),
            shardCount: 4, requirementShards: 3.85)
        let first = try #require(model.crossing())
        #expect(abs(first - 7 / 3.85) < 1e-6)
        #expect(!model.isOnDemandCheaper(1.8))
        #expect(model.isOnDemandCheaper(1.85))
        #expect(!model.isOnDemandCheaper(2.0))
        let settled = try #require(model.settledCrossing(after: first))
        #expect(abs(settled - 10 / 3.85) < 1e-6)
        for factor in [2.61, 3.0, 10.0, 900.0] { #expect(model.isOnDemandCheaper(factor), "at \(factor)×") }
    }

    @Test func theBreakEvenPredictsTheTablesAtOtherLoads() throws {
        // The factor is read off the table's cost model, so compares run at loads well on either side of it must
        // show the sides the statement names: 0.6× and 1.6× the crossing (away from the shard-count steps).
        let base = 50
        let comparison = ModeComparer.compare(try scenario(spiky(base)).configuration, objective: nil)
        let multiplier = try #require(comparison.breakEvenTrafficMultiplier)
        for (factor, expected) in [(0.6, comparison.breakEvenCheaperBelow), (1.6, comparison.breakEvenCheaperAbove)] {
            let rate = Int((Double(base) * multiplier * factor).rounded())
            let other = ModeComparer.compare(try scenario(spiky(rate)).configuration, objective: nil)
            #expect(other.cheaper == expected, "at \(rate) records/s (\(factor) × the crossing \(multiplier))")
        }
    }

    @Test func multiplierNeverPrintsAsOneWhenItIsNot() {
        // 0.998 with two places would read "1.00×": a reader could not tell which side today is on.
        #expect(PlanReport.multiplierText(0.998) == "0.998")
        #expect(PlanReport.multiplierText(1.0004) == "1.0004")
        #expect(PlanReport.multiplierText(1.82) == "1.82")
        #expect(PlanReport.multiplierText(1) == "1.00")
    }
}

/// Quotas that bound an answer: the account's provisioned shard quota (Q: 20,000 in us-east-1, us-west-2 and
/// eu-west-1, 1,000 or 6,000 elsewhere; the model assumes 1,000) and the on-demand per-stream maximum.
@Suite struct QuotaWarningTests {
    private func scenario(_ json: String) throws -> Scenario { try ScenarioDecoder.decode(Array(json.utf8)) }

    /// 2,500 records/s of 100 B: 2.5 shards' worth of the 1,000 records/s limit, so the plan is at least 3 shards.
    private func load(quota: String) -> String {
        """
        { "name": "quota", "duration": "1m", "seed": 2, "stream": { "shardCount": 1 \(quota) },
          "producers": [{ "name": "p", "recordsPerSecond": 2500, "recordSizeBytes": 100, "arrival": "uniform" }] }
        """
    }

    @Test func anAnswerAboveTheShardQuotaIsFlaggedWithTheIncreaseStep() throws {
        // A stated quota of 2 shards: any answer (≥ 3) is above it.
        let plan = Planner.plan(try scenario(load(quota: #", "accountShardQuota": 2"#)).configuration, objective: nil)
        let count = try #require(plan.recommendedShardCount)
        #expect(count >= 3)
        let warning = try #require(plan.quotaWarnings.first)
        #expect(
            warning.contains("\(count) shards is above 2 shards, the account's shard quota (stream.accountShardQuota)"))
        #expect(warning.contains("Service Quotas"))
        #expect(warning.contains("request-service-quota-increase"))
        #expect(PlanReport.text(plan).contains("quota"))
        let comparison = ModeComparer.compare(
            try scenario(load(quota: #", "accountShardQuota": 2"#)).configuration, objective: nil)
        #expect(
            comparison.quotaWarnings.contains {
                $0.hasPrefix("PROVISIONED: \(comparison.provisionedShardCount) shards is above 2")
            })
    }

    @Test func withinTheDefaultQuotaNothingIsSaid() throws {
        // The default quota is 1,000 shards; 3 or 4 shards are far within it.
        #expect(StreamConfiguration().accountShardQuota == 1_000)
        let plan = Planner.plan(try scenario(load(quota: "")).configuration, objective: nil)
        #expect(plan.quotaWarnings.isEmpty)
        // 1,500 shards against the default: flagged, naming AWS's regional defaults.
        let warning = try #require(QuotaWarnings.shardQuota(1_500, stream: StreamConfiguration()))
        #expect(warning.contains("1,500 shards is above 1,000 shards, the default shard quota"))
        #expect(warning.contains("20,000 shards per account in us-east-1, us-west-2 and eu-west-1"))
    }

    @Test func compareWarnsWhenOnDemandStopsAtItsMaximum() throws {
        // 5,000 records/s against an overridden maximum of 3,000 records/s: the established on-demand stream wants
        // 2 × 5,000 / 1,000 = 10 shards, stops at 3, throttles; compare says why and what lifts it.
        let json = """
            { "name": "od-max", "duration": "1m", "seed": 2, "stream": { "shardCount": 1 },
              "assumptions": { "onDemand": { "maxStreamWriteBytesPerSecond": 3145728, "maxStreamWriteRecordsPerSecond": 3000 } },
              "producers": [{ "name": "p", "recordsPerSecond": 5000, "recordSizeBytes": 100, "arrival": "uniform" }] }
            """
        let comparison = ModeComparer.compare(try scenario(json).configuration, objective: nil)
        #expect(comparison.onDemand.shardCountEnd == 3)
        #expect(
            comparison.quotaWarnings.contains {
                $0.hasPrefix("ON_DEMAND: the workload's offered writes are above") && $0.contains("AWS Support")
            })
        // The figures are the overridden maximum, grouped as the rest of the report prints them.
        #expect(comparison.quotaWarnings.contains { $0.contains("3 MiB/s and 3,000 records/s") })
        let note = try #require(PlanReport.costNote(comparison, comparison.onDemandOffered, mode: .onDemand))
        #expect(note.contains("maximum write throughput"))
    }
}
