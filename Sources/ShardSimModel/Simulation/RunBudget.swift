import ShardSimEngine

/// Limits one run (or one sweep, or one plan's candidates together) keeps to unless the user overrides the budget,
/// and where `auto` switches to flow.
public enum RunBudget {
    /// About three minutes of event-fidelity work on one core (the write path runs ~12 M records/s).
    public static let maxWork: Double = 2_000_000_000
    /// Memory one run may plan to hold.
    public static let maxMemoryBytes: Double = 4 * 1_073_741_824
    /// `auto` picks flow above this much event work: about ten seconds.
    public static let autoFlowEventWork: Double = 100_000_000
    /// Work units a wall second on one core, measured: the rate that turns a work budget into a time.
    public static let workPerSecond: Double = 11_000_000

    /// The limits in force: the standard ones, or lower ones a test sets (`SHARDSIM_MAX_WORK`,
    /// `SHARDSIM_MAX_MEMORY_MIB`) to check that the budget holds without running for minutes. `auto` keeps the
    /// standard ratio: flow above a twentieth of the work budget.
    public struct Limits: Sendable, Equatable {
        public var maxWork = RunBudget.maxWork
        public var maxMemoryBytes = RunBudget.maxMemoryBytes
        public var autoFlowEventWork = RunBudget.autoFlowEventWork

        public static let standard = Limits()

        public init(maxWork: Double = RunBudget.maxWork, maxMemoryBytes: Double = RunBudget.maxMemoryBytes) {
            self.maxWork = maxWork
            self.maxMemoryBytes = maxMemoryBytes
            autoFlowEventWork = maxWork * (RunBudget.autoFlowEventWork / RunBudget.maxWork)
        }

        /// Wall seconds the work budget takes at `RunBudget.workPerSecond`.
        public var maxWorkSeconds: Double { maxWork / RunBudget.workPerSecond }
    }

    /// The fidelity `choice` comes to for this scenario, and why: `auto` picks flow when event fidelity would take
    /// more than about ten seconds, or would be over the memory budget where flow is not.
    public static func resolve(_ choice: FidelityChoice, for estimate: RunSizeEstimate, limits: Limits = .standard)
        -> FidelityDecision
    {
        switch choice {
        case .event: return FidelityDecision(fidelity: .event, reason: .requested)
        case .flow: return FidelityDecision(fidelity: .flow, reason: .requested)
        case .auto:
            if estimate.eventWork > limits.autoFlowEventWork {
                return FidelityDecision(
                    fidelity: .flow,
                    reason: .eventWorkAboveAutoLimit(
                        eventWork: estimate.eventWork,
                        autoLimit: limits.autoFlowEventWork))
            }
            let eventMemory = estimate.memory(in: .event), flowMemory = estimate.memory(in: .flow)
            if eventMemory > limits.maxMemoryBytes && flowMemory <= limits.maxMemoryBytes {
                return FidelityDecision(
                    fidelity: .flow,
                    reason: .eventMemoryOverBudget(
                        eventMemoryBytes: eventMemory,
                        flowMemoryBytes: flowMemory))
            }
            return FidelityDecision(
                fidelity: .event, reason: .eventFits(eventWork: estimate.eventWork, autoLimit: limits.autoFlowEventWork)
            )
        }
    }

    /// Why the run is over budget in `fidelity`, with the estimate; nil when within it.
    public static func refusal(_ estimate: RunSizeEstimate, fidelity: SimulationFidelity, limits: Limits = .standard)
        -> RunRefusal?
    {
        let work = estimate.work(in: fidelity)
        if work > limits.maxWork {
            let readerWork = estimate.readerEvents * RunSizeEstimate.readerEventWork
            let writeWork =
                fidelity == .event
                ? estimate.recordAttempts
                : estimate.flowWork - estimate.keyWork - estimate.setupWork - readerWork
            let flowWork = fidelity == .event && estimate.flowWork <= limits.maxWork ? estimate.flowWork : nil
            return .tooMuchWork(
                RunRefusal.WorkExcess(
                    fidelity: fidelity, userRecords: estimate.userRecords, readerEvents: estimate.readerEvents,
                    work: work,
                    writeWork: writeWork, readerWork: readerWork, keyWork: estimate.keyWork,
                    setupWork: estimate.setupWork,
                    overloadedShare: estimate.overloadedShare, limits: limits, flowWorkIfWithinBudget: flowWork))
        }
        let memory = estimate.memory(in: fidelity)
        if memory > limits.maxMemoryBytes {
            let flowMemory = estimate.memory(in: .flow)
            let flowFits =
                fidelity == .event && flowMemory <= limits.maxMemoryBytes && estimate.flowWork <= limits.maxWork
            return .tooMuchMemory(
                RunRefusal.MemoryExcess(
                    fidelity: fidelity, memoryBytes: memory, limits: limits,
                    flowMemoryBytesIfWithinBudget: flowFits ? flowMemory : nil))
        }
        return nil
    }

    /// Why a sweep (or explore) is over budget: its points' work adds up; `concurrentRuns` of them are held at once.
    public static func sweepRefusal(
        _ points: [(estimate: RunSizeEstimate, fidelity: SimulationFidelity)], concurrentRuns: Int,
        limits: Limits = .standard
    ) -> RunRefusal? {
        var total = RunSizeEstimate.total(points.map(\.estimate), concurrentRuns: concurrentRuns)
        // Each point runs in its own fidelity: the total counts that one.
        total.eventWork = points.reduce(0) { $0 + $1.estimate.work(in: $1.fidelity) }
        let fidelity: SimulationFidelity = points.allSatisfy { $0.fidelity == .flow } ? .flow : .event
        return refusal(total, fidelity: fidelity, limits: limits)
    }
}

/// How a fidelity was settled: the fidelity a run uses, and why.
public struct FidelityDecision: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// The scenario or the command line asked for this fidelity.
        case requested
        /// `auto`: event fidelity's work is within `autoLimit` (and its memory within the budget).
        case eventFits(eventWork: Double, autoLimit: Double)
        /// `auto`: event fidelity would do more than `autoLimit` units of work (about ten seconds).
        case eventWorkAboveAutoLimit(eventWork: Double, autoLimit: Double)
        /// `auto`: event fidelity would hold more than the memory budget, flow would not.
        case eventMemoryOverBudget(eventMemoryBytes: Double, flowMemoryBytes: Double)
    }

    public var fidelity: SimulationFidelity
    public var reason: Reason
}

/// Why a run (or several together) is refused before it starts, with the estimate's figures; the CLI words it.
public enum RunRefusal: Sendable, Equatable {
    /// More work than the budget allows.
    case tooMuchWork(WorkExcess)
    /// More memory than the budget allows (the work is within it).
    case tooMuchMemory(MemoryExcess)

    /// The work estimate, split by term (units of about one user-record attempt).
    public struct WorkExcess: Sendable, Equatable {
        public var fidelity: SimulationFidelity
        public var userRecords: Double
        public var readerEvents: Double
        /// All work in `fidelity`: the four terms below together.
        public var work: Double
        /// Put attempts with retries (event) or shard-windows (flow).
        public var writeWork: Double
        public var readerWork: Double
        /// Hashing partition keys and re-routing them at layout changes.
        public var keyWork: Double
        /// Setting up consumers and shards.
        public var setupWork: Double
        /// The largest share of a producer's peak records the stream cannot accept (they retry until maxAttempts).
        public var overloadedShare: Double
        public var limits: RunBudget.Limits
        /// Flow fidelity's work, when the run is in event fidelity and flow fits the work budget.
        public var flowWorkIfWithinBudget: Double?
    }

    /// The memory estimate against the budget.
    public struct MemoryExcess: Sendable, Equatable {
        public var fidelity: SimulationFidelity
        public var memoryBytes: Double
        public var limits: RunBudget.Limits
        /// Flow fidelity's memory, when the run is in event fidelity and flow fits both budgets.
        public var flowMemoryBytesIfWithinBudget: Double?
    }
}
