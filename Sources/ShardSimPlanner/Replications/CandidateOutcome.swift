import ShardSimModel

/// The busiest second of one run: the shard whose busiest second came nearest its tighter write limit, and what it
/// was offered then. `plan` reports its headroom (1 − that peak utilisation).
public struct BusiestSecond: Sendable, Equatable {
    public var shardId: String
    public var peakOfferedRecordsPerSecond: Int64
    public var peakOfferedBytesPerSecond: Int64
    public var limits: ShardLimits
    /// The replication (1-based) and seed the second was seen in.
    public var replication: Int
    public var seed: UInt64

    public var recordsUtilization: Double {
        limits.writeRecordsUtilization(recordsPerSecond: Double(peakOfferedRecordsPerSecond))
    }
    public var bytesUtilization: Double {
        limits.writeBytesUtilization(bytesPerSecond: Double(peakOfferedBytesPerSecond))
    }
    /// How much of the tighter limit the busiest second left unused (negative: it was offered more).
    public var headroom: Double { 1 - max(recordsUtilization, bytesUtilization) }

    /// The run's busiest shard, as the single-seed plan has always picked it; nil for a run without shards.
    init?(_ result: SimulationResult, replication: Int) {
        let limits = result.configuration.stream.limits
        guard
            let busiest = result.shards.max(by: { $0.write.peakUtilization(limits) < $1.write.peakUtilization(limits) })
        else { return nil }
        shardId = busiest.description.shardId
        peakOfferedRecordsPerSecond = busiest.write.peakOfferedRecordsPerSecond
        peakOfferedBytesPerSecond = busiest.write.peakOfferedBytesPerSecond
        self.limits = limits
        self.replication = replication
        seed = result.configuration.seed
    }
}

/// What one replication of a candidate decided and measured: kept for every replication, small.
struct ReplicationVerdict: Sendable {
    var violations: [ServiceLevelViolation]
    /// `ServiceLevelObjective.Kind.worstValue` for every kind, in `Kind.allCases` order.
    var objectiveValues: [Double]
    var busiest: BusiestSecond?

    var meets: Bool { violations.isEmpty }

    init(_ result: SimulationResult, objective: ServiceLevelObjective, replication: Int) {
        violations = result.violations(of: objective)
        objectiveValues = ServiceLevelObjective.Kind.allCases.map { $0.worstValue(in: result) }
        busiest = BusiestSecond(result, replication: replication)
    }
}

/// One candidate count, replicated: replication 1's table row (the one a single-seed plan shows) and every
/// replication's verdict, in replication order. Full runs are not kept: replication 1's is offered to the plan's
/// `PlanResultKeeper`, which holds the one run the plan reports (a plan of thousands of shards cannot hold a run per
/// candidate).
struct CandidateOutcome: Sendable {
    var first: PlanCandidate
    var verdicts: [ReplicationVerdict]

    var meetingCount: Int { verdicts.filter(\.meets).count }

    /// The replication whose busiest second left the least headroom (the first such on a tie): the robust headroom.
    var worstBusiestSecond: BusiestSecond? {
        verdicts.compactMap(\.busiest).min { $0.headroom < $1.headroom }
    }

    /// The objective's value in each replication.
    func values(of kind: ServiceLevelObjective.Kind) -> [Double] {
        let slot = ServiceLevelObjective.Kind.allCases.firstIndex(of: kind)!
        return verdicts.map { $0.objectiveValues[slot] }
    }

    /// Simulates `counts` shard counts of `base`, each with every seed, on `threads` threads. Run j is count
    /// j / seeds.count with seed j % seeds.count; each is a pure function of its configuration and results are
    /// gathered in order, so the outcome is the same for any thread count. Replication 1's full run goes to `keeper`
    /// as it finishes, then every run is dropped.
    static func simulate(
        _ counts: [Int], base: SimulationConfiguration, seeds: [UInt64], objective: ServiceLevelObjective,
        threads: Int, keeper: PlanResultKeeper, fidelity: CandidateFidelity = .fixed
    ) -> [CandidateOutcome] {
        let perCount = seeds.count
        let runs = ParallelRuns.indices(counts.count * perCount, threads: threads) { index, usesSpareCore in
            var configuration = Planner.candidate(base, shardCount: counts[index / perCount], fidelity: fidelity)
            configuration.seed = seeds[index % perCount]
            let result = Simulation.run(configuration, usesSpareCore: usesSpareCore)
            let verdict = ReplicationVerdict(result, objective: objective, replication: index % perCount + 1)
            guard index % perCount == 0 else { return ReplicationRun(verdict: verdict, row: nil) }
            var row = PlanCandidate(result, shardCount: counts[index / perCount], objective: objective)
            row.fidelity = configuration.fidelity
            keeper.offer(row, result)
            return ReplicationRun(verdict: verdict, row: row)
        }
        return counts.indices.map { slot in
            let mine = runs[(slot * perCount)..<((slot + 1) * perCount)]
            // Replication 1 always carries its row (above).
            return CandidateOutcome(first: mine.first!.row!, verdicts: mine.map(\.verdict))
        }
    }
}

/// What one run of a candidate hands back: its verdict, and its table row for replication 1 only.
private struct ReplicationRun: Sendable {
    var verdict: ReplicationVerdict
    var row: PlanCandidate?
}
