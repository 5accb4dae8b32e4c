import Dispatch
import Foundation
import ShardSimModel

/// Runs independent simulations on all cores. Each run is deterministic on its own and results come back in
/// input order, so the output never depends on the number of threads or on scheduling.
public enum ParallelRuns {
    /// Threads to use: every core unless `SHARDSIM_THREADS` says otherwise (tests pin it to compare).
    public static var threadCount: Int {
        if let text = ProcessInfo.processInfo.environment["SHARDSIM_THREADS"], let count = Int(text), count >= 1 { return count }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    public static func run(_ configurations: [SimulationConfiguration], threads: Int = ParallelRuns.threadCount) -> [SimulationResult] {
        let box = ResultBox(count: configurations.count)
        let next = ResultBox.Counter()
        DispatchQueue.concurrentPerform(iterations: min(max(1, threads), max(1, configurations.count))) { _ in
            // Each worker takes the next unclaimed configuration until none is left.
            while let index = next.claim(below: configurations.count) {
                box.store(Simulation.run(configurations[index]), at: index)
            }
        }
        return box.results()
    }
}

/// Results written by several threads into their own slots, under a lock.
private final class ResultBox: @unchecked Sendable {
    private var slots: [SimulationResult?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ result: SimulationResult, at index: Int) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func results() -> [SimulationResult] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }

    final class Counter: @unchecked Sendable {
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
}
