import ShardSimEngine

/// Limits one run (or one sweep, or one plan's candidates together) keeps to unless the user passes
/// `--allow-large`, and where `auto` switches to flow.
public enum RunBudget {
    /// About three minutes of event-fidelity work on one core (the write path runs ~12 M records/s).
    public static let maxWork: Double = 2_000_000_000
    /// Memory one run may plan to hold.
    public static let maxMemoryBytes: Double = 4 * 1_073_741_824
    /// `auto` picks flow above this much event work: about ten seconds.
    public static let autoFlowEventWork: Double = 100_000_000

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
    }

    /// The fidelity `choice` comes to for this scenario: `auto` picks flow when event fidelity would take more
    /// than about ten seconds, or would be over the budget where flow is not.
    public static func resolve(_ choice: FidelityChoice, for estimate: RunSizeEstimate, limits: Limits = .standard) -> SimulationFidelity {
        switch choice {
        case .event: return .event
        case .flow: return .flow
        case .auto:
            let eventTooBig = estimate.eventWork > limits.autoFlowEventWork
                || (estimate.memory(in: .event) > limits.maxMemoryBytes && estimate.memory(in: .flow) <= limits.maxMemoryBytes)
            return eventTooBig ? .flow : .event
        }
    }

    /// Why the run is over budget in `fidelity`, with the estimate and what to do; nil when within it.
    /// `what` names the runs ("this run", "this sweep's 40 points", "planning's candidates").
    public static func refusal(_ estimate: RunSizeEstimate, fidelity: SimulationFidelity, limits: Limits = .standard,
                               what: String = "this run") -> String? {
        let work = estimate.work(in: fidelity)
        if work > limits.maxWork {
            let writeWork = fidelity == .event ? "\(wholeNumber(estimate.recordAttempts)) for put attempts with retries"
                : "\(wholeNumber(estimate.flowWork - estimate.keyWork - estimate.setupWork - estimate.readerEvents * RunSizeEstimate.readerEventWork)) for shard-windows"
            var message = "\(what) is too large for \(fidelity.rawValue) fidelity: about \(wholeNumber(estimate.userRecords)) "
                + "user records and \(wholeNumber(estimate.readerEvents)) reader events, \(wholeNumber(work)) units of work "
                + "(\(writeWork), \(wholeNumber(estimate.readerEvents * RunSizeEstimate.readerEventWork)) for readers, "
                + "\(wholeNumber(estimate.keyWork)) for hashing partition keys and re-routing them at layout changes, "
                + "\(wholeNumber(estimate.setupWork)) for setting up consumers and shards; budget \(wholeNumber(limits.maxWork)), "
                + "about \(minutes(limits.maxWork))). "
            if estimate.overloadedShare > 0.01 {
                message += "About \(Int((estimate.overloadedShare * 100).rounded())) % of the records cannot be accepted at peak "
                    + "and retry until maxAttempts. "
            }
            if fidelity == .event && estimate.flowWork <= limits.maxWork {
                return message + "Use --fidelity flow (aggregate rates per shard, \(wholeNumber(estimate.flowWork)) units), "
                    + "shorten the duration, or pass --allow-large to run it anyway"
            }
            return message + "Shorten the duration, use fewer readers, keys, resharding events or runs, or pass --allow-large to run it anyway"
        }
        let memory = estimate.memory(in: fidelity)
        if memory > limits.maxMemoryBytes {
            let flowHint = fidelity == .event && estimate.memory(in: .flow) <= limits.maxMemoryBytes && estimate.flowWork <= limits.maxWork
                ? "use --fidelity flow (it holds no waiting records: \(wholeNumber(estimate.memory(in: .flow) / 1_048_576)) MiB), " : ""
            return "\(what) would hold about \(wholeNumber(memory / 1_048_576)) MiB (budget "
                + "\(wholeNumber(limits.maxMemoryBytes / 1_048_576)) MiB) in partition keys, shards, consumers, records waiting "
                + "for a retry and the shard logs retention keeps; \(flowHint)use fewer partition keys, consumers or shards, shorter "
                + "backoffs, a shorter duration or retention period, or pass --allow-large to run it anyway"
        }
        return nil
    }

    /// Why a sweep (or explore, `command`) is over budget: its points' work adds up; `concurrentRuns` of them are held at
    /// once. Only sweep can split its grid with --partition, so only its message says so.
    public static func sweepRefusal(_ points: [(estimate: RunSizeEstimate, fidelity: SimulationFidelity)], concurrentRuns: Int,
                                    limits: Limits = .standard, command: String = "sweep") -> String? {
        var total = RunSizeEstimate.total(points.map(\.estimate), concurrentRuns: concurrentRuns)
        // Each point runs in its own fidelity: the total counts that one.
        total.eventWork = points.reduce(0) { $0 + $1.estimate.work(in: $1.fidelity) }
        let fidelity: SimulationFidelity = points.allSatisfy { $0.fidelity == .flow } ? .flow : .event
        return refusal(total, fidelity: fidelity, limits: limits, what: "this \(command)'s \(points.count) points")
            .map { command == "sweep" ? $0 + " (or split it with --partition I/N)" : $0 }
    }

    /// "about three minutes" for the standard budget: work runs at about 11 M units a second.
    static func minutes(_ work: Double) -> String {
        let seconds = work / 11_000_000
        return seconds >= 120 ? "\(Int((seconds / 60).rounded())) minutes" : "\(Int(seconds.rounded(.up))) s"
    }

    /// 1234567 → "1,234,567".
    public static func wholeNumber(_ value: Double) -> String {
        guard value.isFinite, value < 9e18 else { return "more than 9e18" }
        let digits = String(Int64(value.rounded()))
        var grouped = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return String(grouped.reversed())
    }
}
