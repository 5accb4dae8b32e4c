import Testing

@testable import ShardSimModel

/// Flow fidelity's window-count noise for batched Poisson producers (docs/model.md §16, "Arrival noise"): the
/// variance of the user records one shard receives per 1 s window. The expected variances come from an
/// independent Monte Carlo of the KPL collection buffer in Python (100,000 windows, seed 7): Poisson arrivals at
/// λ, each record on the shard with probability p; a buffer opens at an arrival and closes maxBufferedTime after
/// it or at maxRecords, the next one opening at the next arrival; a window counts the shard's records of the
/// buffers sent in it. The sampling error of those variances is about 0.5 %; the test allows 3 %.
@Suite struct FlowArrivalNoiseTests {
    static func shape(maxBufferedMilliseconds: Int64, api: PutAPI = .putRecords) -> FlowProducerShape {
        var producer = ProducerConfiguration(name: "p", recordsPerSecond: 1)
        producer.api = api
        producer.arrival = .poisson
        producer.batching.maxRecords = 500
        producer.batching.maxBufferedNanoseconds = maxBufferedMilliseconds * 1_000_000
        return FlowProducerShape(producer)
    }

    @Test(arguments: [
        // (λ records/s, maxBufferedTime ms, shard share p, simulated variance)
        // 500/s, 100 ms, half on the shard: 250 a window; the ¼-lump bound gave 412.6, Poisson alone 250.
        (500.0, 100 as Int64, 0.5, 349.4),
        // 250/s, 300 ms: 3.3 batches a window, so the window holds 3 or 4 whole batches (bound: 1,694).
        (250.0, 300, 1.0, 1_435.3),
        // 2,000/s: 200 records a batch, a quarter on the shard (bound: 1,131).
        (2_000.0, 100, 0.25, 621.2),
        // 1,200/s, one shard: 120-record batches (bound: 4,860).
        (1_200.0, 100, 1.0, 2_301.8),
    ])
    func batchedWindowCountVarianceMatchesTheSimulatedBuffer(
        rate: Double, bufferedMilliseconds: Int64, share: Double, simulated: Double
    ) {
        let cycle = FlowBatchCycle.of(
            shape: Self.shape(maxBufferedMilliseconds: bufferedMilliseconds), userRecordsPerSecond: rate,
            bytesPerUserRecord: 100, windowSeconds: 1)
        let users = rate * share
        // The Poisson count of the records (thinned by the share) plus whole batches at the window's ends.
        let variance = users + cycle.lumpVariance(users: users, windowSeconds: 1)
        #expect(abs(variance - simulated) <= 0.03 * simulated, "variance \(variance), simulated \(simulated)")
    }

    @Test func putRecordCallsAndEvenArrivalsAddNoBatchTerm() {
        let single = FlowBatchCycle.of(
            shape: Self.shape(maxBufferedMilliseconds: 100, api: .putRecord), userRecordsPerSecond: 500,
            bytesPerUserRecord: 100, windowSeconds: 1)
        #expect(single.lumpVariance(users: 250, windowSeconds: 1) == 0)
    }

    @Test func aCycleThatDividesTheWindowAddsNothingAndHalfACycleAddsAQuarterLump() {
        // No jitter: φ(1 − φ) with φ the fractional number of cycles per window.
        #expect(FlowBatchCycle.smearedBoundaryVariance(phase: 0, smear: 0) == 0)
        #expect(FlowBatchCycle.smearedBoundaryVariance(phase: 0.5, smear: 0) == 0.25)
        // A phase spread far beyond a cycle: uniform, ∫₀¹ φ(1 − φ) dφ = 1/6.
        #expect(abs(FlowBatchCycle.smearedBoundaryVariance(phase: 0.2, smear: 2) - 1.0 / 6) < 1e-12)
        // 0.3 of a cycle smeared by 0.3 cycles (its Fourier series, 1/6 − Σ cos(2πkφ)·e^(−2π²k²σ²)/(π²k²), gives 0.1720).
        #expect(abs(FlowBatchCycle.smearedBoundaryVariance(phase: 0.3, smear: 0.3) - 0.1720) < 0.001)
    }
}
