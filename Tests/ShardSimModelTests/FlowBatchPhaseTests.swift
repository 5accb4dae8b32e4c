import Testing

@testable import ShardSimModel

/// Flow's whole-batch term (docs/model.md §16): a batching producer's sends per window follow a phase that moves
/// on W/μ cycles a window, so the windows' extra sends vary as the buffer's do and cancel over successive windows.
@Suite struct FlowBatchPhaseTests {
    /// 500 records/s in 100 ms batches: cycle μ = 0.1 + 1/500 = 0.102 s, W/μ = 9.8039 cycles a window, φ = 0.8039,
    /// jitter τ = (1/500)·√9.8039 / 0.102 = 0.0614 cycles. E[φ(1 − φ)] over that jitter, by numerical integration in
    /// Python: 0.1539 (0.1576 without jitter).
    @Test func extraSendsVaryAsTheBufferDoesAndCancelOverWindows() {
        var rig = FlowWritePathTests.Rig(recordsPerSecond: 500, durationNanoseconds: 1_000_000_000, maxAttempts: 1)
        var producer = ProducerConfiguration(name: "p", recordsPerSecond: 500)
        producer.api = .putRecords
        producer.arrival = .poisson
        producer.batching.maxBufferedNanoseconds = 100_000_000
        rig.flow.scratch.batchCycles[0] = FlowBatchCycle.of(
            shape: FlowProducerShape(producer), userRecordsPerSecond: 500, bytesPerUserRecord: 100, windowSeconds: 1)
        let startPhase = rig.flow.scratch.batchPhase[0]
        let windows = 20_000
        var sum = 0.0
        var sumOfSquares = 0.0
        for _ in 0..<windows {
            rig.flow.advanceBatchPhase(producer: 0)
            let excess = rig.flow.scratch.batchExcess[0]
            sum += excess
            sumOfSquares += excess * excess
        }
        let mean = sum / Double(windows)
        let variance = sumOfSquares / Double(windows) - mean * mean
        #expect(abs(variance - 0.1539) <= 0.05 * 0.1539, "variance of extra sends \(variance)")
        // Sends over n windows = the advances within one batch: Σ excess = start phase − end phase, in (−1, 1).
        #expect(abs(sum - (startPhase - rig.flow.scratch.batchPhase[0])) < 1e-6)
        #expect(abs(sum) < 1)
    }
}
