import ShardSimModel

/// The words for a `RunRefusal`: what is too large, the estimate term by term, and the ways on (the command-line
/// options that change fidelity or lift the budget).
public enum RunRefusalText {
    /// The refusal as one message. `subject` names the runs ("this run", "this sweep's 40 points",
    /// "planning (every candidate it may simulate)").
    public static func message(_ refusal: RunRefusal, subject: String) -> String {
        switch refusal {
        case .tooMuchWork(let excess): return work(excess, subject: subject)
        case .tooMuchMemory(let excess): return memory(excess, subject: subject)
        }
    }

    private static func work(_ excess: RunRefusal.WorkExcess, subject: String) -> String {
        let writeWork =
            excess.fidelity == .event
            ? "\(wholeNumber(excess.writeWork)) for put attempts with retries"
            : "\(wholeNumber(excess.writeWork)) for shard-windows"
        var message =
            "\(subject) is too large for \(excess.fidelity.rawValue) fidelity: about \(wholeNumber(excess.userRecords)) "
            + "user records and \(wholeNumber(excess.readerEvents)) reader events, \(wholeNumber(excess.work)) units of work "
            + "(\(writeWork), \(wholeNumber(excess.readerWork)) for readers, "
            + "\(wholeNumber(excess.keyWork)) for hashing partition keys and re-routing them at layout changes, "
            + "\(wholeNumber(excess.setupWork)) for setting up consumers and shards; budget \(wholeNumber(excess.limits.maxWork)), "
            + "about \(duration(seconds: excess.limits.maxWorkSeconds))). "
        if excess.overloadedShare > 0.01 {
            message +=
                "About \(Int((excess.overloadedShare * 100).rounded())) % of the records cannot be accepted at peak "
                + "and retry until maxAttempts. "
        }
        if let flowWork = excess.flowWorkIfWithinBudget {
            return message + "Use --fidelity flow (aggregate rates per shard, \(wholeNumber(flowWork)) units), "
                + "shorten the duration, or pass --allow-large to run it anyway"
        }
        return message
            + "Shorten the duration, use fewer readers, keys, resharding events or runs, or pass --allow-large to run it anyway"
    }

    private static func memory(_ excess: RunRefusal.MemoryExcess, subject: String) -> String {
        let flowHint =
            excess.flowMemoryBytesIfWithinBudget.map {
                "use --fidelity flow (it holds no waiting records: \(wholeNumber($0 / 1_048_576)) MiB), "
            } ?? ""
        return "\(subject) would hold about \(wholeNumber(excess.memoryBytes / 1_048_576)) MiB (budget "
            + "\(wholeNumber(excess.limits.maxMemoryBytes / 1_048_576)) MiB) in partition keys, shards, consumers, records waiting "
            + "for a retry and the shard logs retention keeps; \(flowHint)use fewer partition keys, consumers or shards, shorter "
            + "backoffs, a shorter duration or retention period, or pass --allow-large to run it anyway"
    }

    /// "3 minutes" for the standard budget's 182 s; whole seconds (rounded up) below two minutes.
    static func duration(seconds: Double) -> String {
        seconds >= 120 ? "\(Int((seconds / 60).rounded())) minutes" : "\(Int(seconds.rounded(.up))) s"
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
