import ShardSimModel

/// Finds the smallest provisioned shard count that meets an SLO: from the analytic bound upwards, simulating
/// candidates in parallel. Assumes more shards never make things worse (checked by property tests).
public enum Planner {
    /// Candidates simulated per round: fixed (not the core count), so the candidate list is the same on any machine.
    public static let roundWidth = 4
    /// Rounds of consecutive counts before the search starts doubling.
    public static let linearRounds = 2
    /// Shard counts beyond this many times the bound (or the stream cap) are not tried.
    public static let searchCeilingFactor = 16

    /// With `replications` (docs/model.md section 18) every candidate runs with the same N seeds and meets the SLO
    /// when it meets it in at least ⌈F · N⌉ of them; one replication is the single-seed plan.
    public static func plan(
        _ configuration: SimulationConfiguration, objective: ServiceLevelObjective?,
        threads: Int = ParallelRuns.threadCount, replications: PlanReplications = .single,
        fidelity: CandidateFidelity = .fixed
    ) -> CapacityPlan {
        let base = candidateBase(configuration)
        let target = objective ?? .planDefault
        let bounds = LoadBounds(configuration: base)
        var plan = CapacityPlan(
            scenarioName: configuration.name, recommendedShardCount: nil, feasible: false, reason: "",
            bindingLimit: bounds.bindingLimit,
            bounds: bounds, candidates: [], objective: target, result: nil,
            formulaComparison: "", monthlyTotalUSD: nil)
        plan.layoutNote = layoutNote(configuration.stream)
        plan.replications = replications
        plan.candidateFidelity = fidelity
        plan.seeds = ReplicationSeeds.seeds(base: configuration.seed, count: replications.count)
        if let reason = bounds.infeasibleReason {
            plan.reason = reason
            plan.bindingLimit = .partitionKey
            plan.formulaComparison =
                formulaArithmetic(bounds.formula) + "; it assumes keys spread evenly, and no count carries this key"
            plan.quotaWarnings = QuotaWarnings.forPlan(plan, stream: configuration.stream)
            return plan
        }
        // Each candidate keeps its verdicts and replication 1's row; the one full run the plan reports is kept aside
        // as the candidates finish (`PlanResultKeeper`), so a plan holds one run per thread plus one, not one per
        // candidate.
        var results: [Int: CandidateOutcome] = [:]
        let keeper = PlanResultKeeper()
        func evaluate(_ counts: [Int]) {
            let fresh = counts.filter { results[$0] == nil }
            let outcomes = CandidateOutcome.simulate(
                fresh, base: base, seeds: plan.seeds, objective: target, threads: threads, keeper: keeper,
                fidelity: fidelity)
            for (count, outcome) in zip(fresh, outcomes) { results[count] = outcome }
        }
        let required = replications.required
        func meets(_ count: Int) -> Bool { results[count].map { $0.meetingCount >= required } ?? false }
        let ceiling = searchCeiling(bounds)
        let found = search(from: bounds.shardCount, ceiling: ceiling, evaluate: evaluate, meets: meets)
        plan.candidates = results.keys.sorted().map { count in
            var row = results[count]!.first
            row.meetsSlo = meets(count)
            row.replicationsMeetingSlo = results[count]!.meetingCount
            return row
        }
        // The run the plan reports: replication 1 at the answer, or at the largest count tried when none meets the
        // SLO; run again (the same configuration and seed: the same run) when the keeper holds another.
        let result = (found ?? results.keys.max()).map { count in
            keeper.result(shardCount: count) ?? Simulation.run(candidate(base, shardCount: count, fidelity: fidelity))
        }
        explain(&plan, found: found, results: results, result: result, ceiling: ceiling)
        summariseReplications(&plan, found: found, results: results)
        plan.fidelityNote = fidelityNote(plan)
        plan.quotaWarnings = QuotaWarnings.forPlan(plan, stream: configuration.stream)
        plan.kclWarnings = KCLPlanWarnings.forPlan(plan, configuration: configuration)
        return plan
    }

    /// Linear rounds from the bound `lower`, then doubling, then bisection between the last miss and the first hit:
    /// the smallest count that `meets` (after `evaluate` simulated it), or nil when none up to `ceiling` does.
    static func search(
        from lower: Int, ceiling: Int, evaluate: ([Int]) -> Void, meets: (Int) -> Bool
    ) -> Int? {
        var found: Int?
        for round in 0..<linearRounds where found == nil {
            let counts = (0..<roundWidth).map { lower + round * roundWidth + $0 }.filter { $0 <= ceiling }
            evaluate(counts)
            found = counts.first(where: meets)
        }
        var lastMiss = min(ceiling, lower + linearRounds * roundWidth - 1)
        while found == nil && lastMiss < ceiling {
            let probe = min(ceiling, lastMiss * 2)
            evaluate([probe])
            if meets(probe) { found = probe } else { lastMiss = probe }
        }
        if var high = found, high > lastMiss + 1, high > lower + linearRounds * roundWidth - 1 {
            var low = lastMiss
            while high - low > 1 {
                let middle = (low + high) / 2
                evaluate([middle])
                if meets(middle) { high = middle } else { low = middle }
            }
            found = high
        }
        return found
    }

    /// The scenario as every candidate runs it, but for the shard count.
    static func candidateBase(_ configuration: SimulationConfiguration) -> SimulationConfiguration {
        var base = configuration
        base.stream.streamMode = .provisioned
        // A plan sizes a static stream: resharding events name shards of the scenario's own layout, which do not
        // exist at other counts, so candidates run without them.
        base.events = configuration.events.filter { !$0.isResharding }
        // Candidates are new streams with CreateStream's even ranges, whatever layout the scenario started from.
        base.stream.initialLayout = nil
        return base
    }

    static func searchCeiling(_ bounds: LoadBounds) -> Int {
        min(KinesisLimits.maxShardsPerStream, max(bounds.shardCount * searchCeilingFactor, bounds.shardCount + 64))
    }

    /// The most candidates `plan` can simulate for this scenario, for its run-size budget: both linear rounds, every
    /// doubling up to the ceiling, and a bisection below the ceiling (each bisection step sized at the ceiling, the
    /// largest). Empty when the plan is infeasible without simulating.
    public static func worstCaseCandidates(_ configuration: SimulationConfiguration) -> [SimulationConfiguration] {
        let base = candidateBase(configuration)
        let bounds = LoadBounds(configuration: base)
        guard bounds.infeasibleReason == nil else { return [] }
        let ceiling = searchCeiling(bounds), lower = bounds.shardCount
        var counts = (0..<(linearRounds * roundWidth)).map { lower + $0 }.filter { $0 <= ceiling }
        var lastMiss = min(ceiling, lower + linearRounds * roundWidth - 1)
        while lastMiss < ceiling {
            lastMiss = min(ceiling, lastMiss * 2)
            counts.append(lastMiss)
        }
        var gap = max(1, ceiling / 2)
        while gap > 1 {
            counts.append(ceiling)
            gap /= 2
        }
        return counts.map { candidate(base, shardCount: $0) }
    }

    /// Says that the plan is for a new, evenly split stream when the scenario came with an uneven existing layout.
    static func layoutNote(_ stream: StreamConfiguration) -> String? {
        guard let layout = stream.initialLayout, !layout.isEvenNewStream else { return nil }
        let count = layout.shards.count
        return
            "the scenario starts from an existing stream of \(count) shard\(count == 1 ? "" : "s") with uneven hash key ranges "
            + "(stream.shardsFile); the plan sizes a new stream with CreateStream's even ranges. UpdateShardCount to the "
            + "recommended count also leaves even ranges (uniform scaling)."
    }
}
