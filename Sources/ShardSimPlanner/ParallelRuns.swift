import Dispatch
import Foundation
import ShardSimModel

/// Runs independent simulations on all cores. Each run is deterministic on its own and results come back in
/// input order, so the output never depends on the number of threads or on scheduling.
public enum ParallelRuns {
    /// Threads to use: every core unless `SHARDSIM_THREADS` says otherwise (tests pin it to compare).
    public static var threadCount: Int {
        if let text = ProcessInfo.processInfo.environment["SHARDSIM_THREADS"], let count = Int(text), count >= 1 {
            return count
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    public static func run(_ configurations: [SimulationConfiguration], threads: Int = ParallelRuns.threadCount)
        -> [SimulationResult]
    {
        map(configurations, threads: threads) { _, result in result }
    }

    /// Runs every configuration and keeps only `summary` of each result, so a long sweep holds one full result
    /// per thread at a time, not one per point.
    public static func map<Summary: Sendable>(
        _ configurations: [SimulationConfiguration], threads: Int = ParallelRuns.threadCount,
        summary: @escaping @Sendable (Int, SimulationResult) -> Summary
    ) -> [Summary] {
        indices(configurations.count, threads: threads) { index, usesSpareCore in
            summary(index, Simulation.run(configurations[index], usesSpareCore: usesSpareCore))
        }
    }

    /// Calls `work` for 0 ..< `count` on all cores, results in index order. `work` builds what it runs itself, so a
    /// sweep holds one decoded scenario per thread, not one per point. Its second argument says whether the run
    /// may assemble its producers' batches on a spare core (fewer runs than threads).
    public static func indices<Summary: Sendable>(
        _ count: Int, threads: Int = ParallelRuns.threadCount,
        work: @escaping @Sendable (Int, Bool) -> Summary
    ) -> [Summary] {
        let box = ResultBox<Summary>(count: count)
        let next = Counter()
        let usesSpareCore = count < threads
        DispatchQueue.concurrentPerform(iterations: min(max(1, threads), max(1, count))) { _ in
            // Each worker takes the next unclaimed index until none is left.
            while let index = next.claim(below: count) {
                box.store(work(index, usesSpareCore), at: index)
            }
        }
        return box.results()
    }
}

/// Hands out indices 0, 1, 2, … to whichever thread asks next.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func claim(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// Results written by several threads into their own slots, under a lock.
private final class ResultBox<Result>: @unchecked Sendable {
    private var slots: [Result?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ result: Result, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func results() -> [Result] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
