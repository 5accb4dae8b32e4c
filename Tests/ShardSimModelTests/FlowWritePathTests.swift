import ShardSimEngine
import Testing

@testable import ShardSimModel

/// Flow fidelity's window solver driven on its own, without a `Simulation`: a configuration, the producers'
/// runtimes, a layout and a ledger, and `runWindow` called window by window. Every expected figure is worked out
/// by hand from the AWS limits (1,000 records/s and 1 MiB/s per shard) and the solver's documented rules
/// (docs/model.md §16: 100 ms subticks, first come first served, retries placed by a kernel over subticks).
@Suite struct FlowWritePathTests {
    /// One shard, one producer of evenly spaced 1,000 B records with a single partition key ("k-0", 3 B), so the
    /// key's share of the shard is exactly 1 and no random draw (Poisson variation) enters the window.
    struct Rig {
        var configuration: SimulationConfiguration
        var layout: ShardLayout
        var ledger: ShardWriteLedger
        var runtimes: [ProducerRuntime]
        var flow: FlowWritePath

        init(recordsPerSecond: Double, durationNanoseconds: Int64, maxAttempts: Int, writesLogs: Bool = false) {
            var configuration = SimulationConfiguration(
                name: "flow-component", durationNanoseconds: durationNanoseconds)
            configuration.stream.shardCount = 1
            configuration.fidelity = .flow
            var producer = ProducerConfiguration(name: "p", recordsPerSecond: recordsPerSecond)
            producer.arrival = .uniform
            producer.recordSize = .fixed(bytes: 1_000)
            producer.partitionKeys = .uniform(count: 1, prefix: "k-")
            producer.retry.maxAttempts = maxAttempts
            producer.retry.jitter = .none
            producer.retry.initialBackoffNanoseconds = 300_000_000
            configuration.producers = [producer]
            self.configuration = configuration
            layout = ShardLayout(stream: configuration.stream)
            ledger = ShardWriteLedger(
                limits: configuration.stream.limits,
                windowNanoseconds: configuration.assumptions.writeAccountingWindowNanoseconds)
            for _ in layout.shards { ledger.addShard() }
            var runtime = ProducerRuntime(
                configuration: producer, index: 0, seed: configuration.seed,
                stream: configuration.stream, horizonNanoseconds: durationNanoseconds)
            runtime.keys.route(with: layout.router, openShardIndices: layout.openShardIndices)
            runtimes = [runtime]
            flow = FlowWritePath(
                configuration: configuration, ledger: ledger, producers: runtimes, writesLogs: writesLogs)
        }

        mutating func run(windowAt start: Int64) -> Int64? {
            flow.runWindow(startingAt: start, layout: layout, producers: &runtimes, ledger: &ledger)
        }
    }

    @Test func theDefaultWindowIsTenSubticksOfOneHundredMilliseconds() {
        let rig = Rig(recordsPerSecond: 100, durationNanoseconds: 3_000_000_000, maxAttempts: 1)
        #expect(rig.flow.windowNanoseconds == 1_000_000_000)
        #expect(rig.flow.subtickNanoseconds == 100_000_000)
        #expect(rig.flow.subticksPerWindow == 10)
        #expect(rig.flow.recordsPerWindow == 1_000)
        #expect(rig.flow.bytesPerWindow == 1_048_576)
    }

    /// 500 records/s of 1,003 B (1,000 B data + 3 B key) is half the records limit and 501,500 B/s, under
    /// 1,048,576 B/s: the window is taken in one step and everything is accepted. With a log reader the accepted
    /// records go out as ten runs, one per 100 ms subtick, of 500 × 0.1 = 50 records and 50 × 1,003 = 50,150 B,
    /// each landing as one lump (PutRecords with the default 100 ms buffer) inside its own subtick.
    @Test func aWindowWithinTheLimitsIsAcceptedWholeAndLoggedPerSubtick() {
        var rig = Rig(recordsPerSecond: 500, durationNanoseconds: 3_000_000_000, maxAttempts: 1, writesLogs: true)
        #expect(rig.run(windowAt: 0) == 1_000_000_000)
        let totals = rig.flow.producers[0].totals
        #expect(abs(totals.recordsAttempted - 500) < 1e-9)
        #expect(abs(totals.recordsSucceeded - 500) < 1e-9)
        #expect(totals.recordsFailed == 0)
        #expect(rig.flow.acceptedRuns.count == 10)
        for (subtick, run) in rig.flow.acceptedRuns.enumerated() {
            #expect(run.shard == 0)
            #expect(run.kinesisRecords == 50 && run.userRecords == 50 && run.bytes == 50_150)
            let subtickStart = Int64(subtick) * 100_000_000
            #expect(run.firstAcceptedAt >= subtickStart && run.lastAcceptedAt < subtickStart + 100_000_000)
        }
        #expect(rig.flow.invariantViolations().isEmpty)
    }

    /// 2,000 records/s with one attempt each: every subtick offers 2,000 × 0.1 = 200 records. First come, first
    /// served, subticks 0–4 fill the window's 1,000 records; subticks 5–9 are throttled whole and, with no retry
    /// left, fail: 1,000 accepted and 1,000 failed per window, and the log gets runs only in the first 500 ms.
    @Test func firstComeFirstServedFillsTheWindowInItsFirstHalf() {
        var rig = Rig(recordsPerSecond: 2_000, durationNanoseconds: 2_000_000_000, maxAttempts: 1, writesLogs: true)
        #expect(rig.run(windowAt: 0) == 1_000_000_000)
        let runs = rig.flow.acceptedRuns
        #expect(runs.reduce(0) { $0 + $1.kinesisRecords } == 1_000)
        #expect(runs.allSatisfy { $0.lastAcceptedAt < 500_000_000 })
        #expect(rig.run(windowAt: 1_000_000_000) == nil, "the second window ends at the 2 s horizon")
        let totals = rig.flow.producers[0].totals
        #expect(abs(totals.recordsAttempted - 4_000) < 1e-6)
        #expect(abs(totals.recordsSucceeded - 2_000) < 1e-6)
        #expect(abs(totals.recordsFailed - 2_000) < 1e-6)
        #expect(rig.flow.pendingRetryUserRecords(producer: 0) == 0)
    }

    /// The retry ring, by hand. Two attempts, no jitter, 300 ms backoff, 20 ms request latency. A record throttled
    /// at a point t of its subtick (the kernel takes 16 midpoints, t = (p + ½)/16 × 100 ms) comes back
    /// ⌊(t + 320 ms) / 100 ms⌋ subticks later: 3 for t < 80 ms (p = 0…12, a = 13/16), 4 otherwise (b = 3/16).
    ///
    /// Window 0 at 2,000 records/s (200 per subtick): subticks 0–4 take the window's 1,000 records. New records of
    /// subticks 5, 6, 7 are throttled (attempt 1) and placed: 5 → 8 (200a), 9 (200b); 6 → 9, 10; 7 → 10, 11.
    /// Subtick 8 sees its 200 new plus 200a = 162.5 retries: all throttled; the retries were the last attempt and
    /// fail. Subtick 9: 200 new plus 200b + 200a = 200 retries, all fail. Failed: 162.5 + 200 = 362.5. Waiting for
    /// window 1: 200b (from 6) + 200 (from 7) + 200 (from 8) + 200 (from 9) = 637.5 = 2,000 − 1,000 − 362.5.
    /// Attempts: 2,000 new + 362.5 retries = 2,362.5, of which 1,000 + 362.5 = 1,362.5 throttled.
    @Test func throttledRecordsComeBackAfterTheirBackoffAndFailAfterTheLastAttempt() {
        var rig = Rig(recordsPerSecond: 2_000, durationNanoseconds: 1_000_000_000, maxAttempts: 2)
        #expect(rig.run(windowAt: 0) == nil, "a 1 s run has one window")
        let totals = rig.flow.producers[0].totals
        #expect(abs(totals.recordsSucceeded - 1_000) < 1e-6)
        #expect(abs(totals.recordsFailed - 362.5) < 1e-6)
        #expect(abs(rig.flow.pendingRetryUserRecords(producer: 0) - 637.5) < 1e-6)
        #expect(abs(totals.userRecordAttempts - 2_362.5) < 1e-6)
        #expect(abs(totals.userRecordAttemptsThrottled - 1_362.5) < 1e-6)
        #expect(rig.flow.invariantViolations().isEmpty)

        // The books in whole records: 362.5 failed rounds to 363; the 637 left in flight are the ring's 637.5.
        rig.ledger.finish()
        rig.flow.finish(producers: &rig.runtimes, ledger: &rig.ledger)
        let statistics = rig.runtimes[0].statistics
        #expect(
            statistics.recordsAttempted == 2_000 && statistics.recordsSucceeded == 1_000
                && statistics.recordsFailed == 363)
        #expect(FlowWritePath.recordsInFlight(statistics) == 637)
        // The shard counted the 1,000 accepted and the 1,362.5 throttled attempts (Kinesis records: no aggregation).
        #expect(rig.ledger.statistics[0].incomingRecords == 1_000)
        #expect(rig.ledger.statistics[0].writeProvisionedThroughputExceeded == 1_363)
    }

    /// Window 1 of the same producer takes the 637.5 waiting retries as they come due: subtick 10 offers 200 new +
    /// 37.5 + 162.5 due = 400, subtick 11 offers 200 + 37.5 + 162.5 = 400, both accepted (800 of 1,000), subtick 12
    /// offers 200 + 37.5 + 162.5 = 400 of which the last 200 fit: half of each accepted. Every window accepts
    /// exactly its 1,000 records while the offer exceeds it, so after two windows 2,000 are accepted of 4,000.
    @Test func everyWindowUnderOverloadAcceptsExactlyItsLimit() {
        var rig = Rig(recordsPerSecond: 2_000, durationNanoseconds: 10_000_000_000, maxAttempts: 2)
        var start: Int64? = 0
        var windows = 0
        while let next = start {
            start = rig.run(windowAt: next)
            windows += 1
            let totals = rig.flow.producers[0].totals
            #expect(abs(totals.recordsSucceeded - 1_000 * Double(windows)) < 1e-6, "window \(windows)")
            #expect(abs(rig.flow.latestWindowPeak.acceptedRecords - 1_000) < 1e-6)
            #expect(rig.flow.invariantViolations().isEmpty)
        }
        #expect(windows == 10)
        let totals = rig.flow.producers[0].totals
        #expect(abs(totals.recordsAttempted - 20_000) < 1e-6)
        // Failed + waiting = 20,000 − 10,000. Only first attempts are retried (two attempts in all), and a retry
        // lands at most 4 subticks ahead, so what still waits at the horizon came from the last 4 subticks' new
        // records: at most 4 × 200 = 800.
        let pending = rig.flow.pendingRetryUserRecords(producer: 0)
        #expect(pending >= 0 && pending <= 800)
        #expect(abs(totals.recordsFailed + pending - 10_000) < 1e-6)
    }

    /// The invariants can fail: books that do not balance, or a window above the shard's limit, are reported.
    @Test func brokenBooksAreReported() {
        var rig = Rig(recordsPerSecond: 2_000, durationNanoseconds: 1_000_000_000, maxAttempts: 2)
        _ = rig.run(windowAt: 0)
        #expect(rig.flow.invariantViolations().isEmpty)
        var unbalanced = rig.flow
        unbalanced.producers[0].totals.recordsSucceeded += 10
        #expect(unbalanced.invariantViolations().count == 1)
        var overfull = rig.flow
        overfull.notePeak(FlowWindowOutcome(acceptedRecords: 1_001))
        #expect(overfull.invariantViolations().contains { $0.contains("records in one window") })
    }
}
