import ShardSimModel

/// `compare --replications N` (docs/model.md section 18): both sides run with the same N seeds (common random
/// numbers: replication i of provisioned and of on-demand see the same arrivals), each side's cost and throttling
/// summarised over the replications, and a verdict that names a cheaper side only when the two cost intervals do
/// not overlap.
public struct ReplicatedComparison: Sendable {
    /// One side over the replications.
    public struct Side: Sendable, Equatable {
        /// The month of the offered traffic (`offeredTraffic.monthlyTotal`, the basis of `cheaper`), USD.
        public var monthlyCost: SampleSummary
        /// The billed month (`cost.monthlyTotal`), USD.
        public var billedMonthlyCost: SampleSummary
        public var writeThrottledFraction: SampleSummary
        /// Replications in which the side met the SLO (the scenario's, or the planner's default).
        public var replicationsMeetingSlo: Int
    }

    /// Which side the replications say is cheaper.
    public enum Verdict: String, Sendable, Equatable {
        /// Provisioned's cost interval lies wholly below on-demand's.
        case provisionedCheaper = "PROVISIONED_CHEAPER"
        /// On-demand's cost interval lies wholly below provisioned's.
        case onDemandCheaper = "ON_DEMAND_CHEAPER"
        /// The two cost intervals overlap: the difference is within seed noise at this many replications.
        case tooCloseToCall = "TOO_CLOSE_TO_CALL"

        /// The cheaper mode, nil when too close to call.
        public var cheaper: StreamMode? {
            switch self {
            case .provisionedCheaper: .provisioned
            case .onDemandCheaper: .onDemand
            case .tooCloseToCall: nil
            }
        }
    }

    /// The seed of each replication, replication 1 (the scenario's seed) first.
    public var seeds: [UInt64]
    public var provisioned: Side
    public var onDemand: Side
    /// Provisioned's minus on-demand's offered monthly cost, paired by replication (the same seed on both sides).
    public var costDifference: SampleSummary
    public var verdict: Verdict

    /// The verdict of two cost intervals (closed: touching intervals overlap, so equal costs are too close to call).
    public static func verdict(provisioned: SampleSummary, onDemand: SampleSummary) -> Verdict {
        guard let low = provisioned.confidenceInterval95, let high = onDemand.confidenceInterval95 else {
            return .tooCloseToCall
        }
        if low.upperBound < high.lowerBound { return .provisionedCheaper }
        if high.upperBound < low.lowerBound { return .onDemandCheaper }
        return .tooCloseToCall
    }

    /// What one replication of one side hands back.
    struct Outcome: Sendable {
        var offered: OfferedTrafficCost
        var meetsSlo: Bool
        /// The full result, for replication 1 only (the report's tables are replication 1's).
        var result: SimulationResult?
    }

    /// Replication 1's result of each side (provisioned, on-demand) and, for `count` ≥ 2, the summary of every
    /// replication. One replication runs exactly as a compare without the option.
    static func sides(
        provisioned: SimulationConfiguration, onDemand: SimulationConfiguration, objective: ServiceLevelObjective,
        threads: Int, count: Int
    ) -> (runs: [SimulationResult], replications: ReplicatedComparison?) {
        guard count > 1 else { return (ParallelRuns.run([provisioned, onDemand], threads: threads), nil) }
        let seeds = ReplicationSeeds.seeds(base: provisioned.seed, count: count)
        let outcomes = Self.outcomes(
            provisioned: provisioned, onDemand: onDemand, seeds: seeds, objective: objective, threads: threads)
        // Indices 0 and 1 (replication 1) always keep their results.
        return ([outcomes[0].result!, outcomes[1].result!], ReplicatedComparison(seeds: seeds, outcomes: outcomes))
    }

    /// Runs `seeds.count` replications of both sides on `threads` threads, provisioned and on-demand of one
    /// replication with the same seed. Outcomes come back in (replication, side) order whatever the thread count;
    /// index 0 is provisioned's replication 1, index 1 on-demand's.
    static func outcomes(
        provisioned: SimulationConfiguration, onDemand: SimulationConfiguration, seeds: [UInt64],
        objective: ServiceLevelObjective, threads: Int
    ) -> [Outcome] {
        let sides = [provisioned, onDemand]
        return ParallelRuns.indices(2 * seeds.count, threads: threads) { index, usesSpareCore in
            var configuration = sides[index % 2]
            configuration.seed = seeds[index / 2]
            let result = Simulation.run(configuration, usesSpareCore: usesSpareCore)
            return Outcome(
                offered: OfferedTrafficCost(result), meetsSlo: result.violations(of: objective).isEmpty,
                result: index < 2 ? result : nil)
        }
    }

    /// The summary of `outcomes` (from `outcomes(…)`, at least two replications).
    init(seeds: [UInt64], outcomes: [Outcome]) {
        func side(_ parity: Int) -> Side {
            let mine = outcomes.indices.filter { $0 % 2 == parity }.map { outcomes[$0] }
            return Side(
                monthlyCost: SampleSummary(mine.map(\.offered.monthlyTotalUSD)),
                billedMonthlyCost: SampleSummary(mine.map(\.offered.billed.monthlyTotalUSD)),
                writeThrottledFraction: SampleSummary(mine.map(\.offered.writeThrottledFraction)),
                replicationsMeetingSlo: mine.filter(\.meetsSlo).count)
        }
        self.seeds = seeds
        provisioned = side(0)
        onDemand = side(1)
        costDifference = SampleSummary(
            seeds.indices.map {
                outcomes[2 * $0].offered.monthlyTotalUSD - outcomes[2 * $0 + 1].offered.monthlyTotalUSD
            })
        verdict = Self.verdict(provisioned: provisioned.monthlyCost, onDemand: onDemand.monthlyCost)
    }
}
