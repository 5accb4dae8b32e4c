import Foundation

/// How one producer's collection batches fall on accounting windows (docs/model.md §16, "Arrival noise").
///
/// A KPL-style buffer opens at a record's arrival and closes `maxBufferedTime` later or when it is full, and
/// the next one opens at the next arrival (`BatchAssembler`): sends form a renewal process with cycle
/// μ = T + 1/λ (closed by time T, the gap to the next Poisson arrival after it) or μ = m/λ (closed full at m
/// records: m exponential gaps). A window counts whole batches, so on top of the Poisson count of the records
/// it holds (which regrouping into batches does not change: see `offeredSpread`) the number of sends it
/// holds varies by `boundaryVariance`, the variance of ⌊U + W/μ + ε⌋ for a uniform phase U: φ(1 − φ) with
/// φ = frac(W/μ), averaged over the cycles' jitter ε (standard deviation τ = σ·√(W/μ)/μ cycles).
struct FlowBatchCycle: Equatable {
    /// Mean time between one send and the next, in seconds (0: records are sent one by one).
    var cycleSeconds = 0.0
    /// Variance of the number of sends a window holds, beyond the Poisson part.
    var boundaryVariance = 0.0
    /// Mean cycles per window (W/μ), and the standard deviation of the cycles' accumulated jitter over a window.
    var cyclesPerWindow = 0.0
    var smear = 0.0

    /// The variance whole batches add to a window's count of `users` user records on one shard (each send carries
    /// the shard's lump, users × μ / W, on average).
    func lumpVariance(users: Double, windowSeconds: Double) -> Double {
        guard cycleSeconds > 0 else { return 0 }
        let lump = users * cycleSeconds / windowSeconds
        return lump * lump * boundaryVariance
    }

    /// The cycle of a Poisson producer offering `userRecordsPerSecond` (λ) with `bytesPerUserRecord` each,
    /// counted over windows of `windowSeconds` (W). PutRecord calls and evenly spaced arrivals have none.
    static func of(
        shape: FlowProducerShape, userRecordsPerSecond: Double, bytesPerUserRecord: Double,
        windowSeconds: Double
    ) -> FlowBatchCycle {
        let rate = userRecordsPerSecond
        guard shape.isPoisson, shape.usesPutRecords, rate > 0, windowSeconds > 0, shape.maxBufferedSeconds > 0
        else { return FlowBatchCycle() }
        // With aggregation the buffer closes on bytes or time only (the record limit applies to aggregates).
        let byRecords = shape.aggregates ? Double.infinity : shape.maxRecordsPerRequest
        let byBytes = (shape.maxBytesPerBatch / max(1, bytesPerUserRecord)).rounded(.down)
        let fill = max(1, min(byRecords, byBytes))
        let cycle: Double
        let cycleDeviation: Double
        if rate * shape.maxBufferedSeconds < fill {
            cycle = shape.maxBufferedSeconds + 1 / rate
            cycleDeviation = 1 / rate
        } else {
            cycle = fill / rate
            cycleDeviation = fill.squareRoot() / rate
        }
        let cyclesPerWindow = windowSeconds / cycle
        let smear = cycleDeviation * cyclesPerWindow.squareRoot() / cycle
        return FlowBatchCycle(
            cycleSeconds: cycle,
            boundaryVariance: smearedBoundaryVariance(
                phase: cyclesPerWindow - cyclesPerWindow.rounded(.down), smear: smear),
            cyclesPerWindow: cyclesPerWindow, smear: smear)
    }

    /// E[φ(1 − φ)] for φ = frac(`phase` + ε), ε normal with standard deviation `smear` (in cycles). Beyond half a
    /// cycle of smear the phase is uniform and the mean is 1/6 (the first Fourier term is then below 1 %).
    static func smearedBoundaryVariance(phase: Double, smear: Double) -> Double {
        guard smear > 1e-6 else { return phase * (1 - phase) }
        guard smear < 0.5 else { return 1.0 / 6 }
        // Midpoint quadrature over ±4 standard deviations.
        let points = 64
        var weighted = 0.0
        var weights = 0.0
        for point in 0..<points {
            let z = -4 + 8 * (Double(point) + 0.5) / Double(points)
            let weight = exp(-z * z / 2)
            var shifted = (phase + z * smear).truncatingRemainder(dividingBy: 1)
            if shifted < 0 { shifted += 1 }
            weighted += weight * shifted * (1 - shifted)
            weights += weight
        }
        return weighted / weights
    }
}

/// The variances of a window's offered Kinesis records and bytes on one shard.
struct FlowOfferedSpread {
    var recordsVariance = 0.0
    var bytesVariance = 0.0
    /// Kinesis records the window's whole batches add (or take) this window, and at most (one lump each).
    var boundaryRecords = 0.0
    var largestBoundaryRecords = 0.0
}

extension FlowWritePath {
    /// The spread of the Kinesis records and bytes a window offers `shard` (docs/model.md §16, "Arrival noise").
    /// A Poisson producer's records reach the shard as a thinned Poisson process (each record's key picks the
    /// shard independently, so the shard's share p of rate λ is Poisson of rate pλ, whatever the key
    /// distribution): u = pλW user records, variance u; bytes a compound Poisson sum, variance u·E[S²] with S the
    /// bytes per user record. Batching regroups the same records: over a window, batches B_i of a renewal
    /// process of cycle μ give Var = (W/μ)·(Var B + E[B]²·σ²/μ²), which is u again both for time-closed batches
    /// (B Poisson) and for full ones (B binomial, σ² = m/λ²); what remains is the window holding whole batches,
    /// (E[B])² × `FlowBatchCycle.boundaryVariance`. Kinesis records are user records × the recipe's ratio.
    /// Evenly spaced arrivals do not vary.
    func offeredSpread(producerMass: [Double], shard: Int, recipes: [FlowRecipe], windowSeconds: Double)
        -> FlowOfferedSpread
    {
        var spread = FlowOfferedSpread()
        for producer in producers.indices where producers[producer].shape.isPoisson {
            let users = producerMass[producer] * producers[producer].shareByShard[shard]
            guard users > 0 else { continue }
            let recipe = recipes[producer]
            let kinesisPerUser = recipe.kinesisPerUserRecord
            let bytesPerUser = kinesisPerUser * recipe.bytesPerKinesisRecord
            spread.recordsVariance += users * kinesisPerUser * kinesisPerUser
            spread.bytesVariance += users * (producers[producer].dataBytesVariance + bytesPerUser * bytesPerUser)
            // Whole batches: the producer's sends this window beyond their mean (`advanceBatchPhase`), the same
            // on every shard (one request carries every shard's records), not an independent draw.
            let lumpUsers = users * scratch.batchCycles[producer].cycleSeconds / windowSeconds
            spread.boundaryRecords += scratch.batchExcess[producer] * lumpUsers * kinesisPerUser
            spread.largestBoundaryRecords += lumpUsers * kinesisPerUser
        }
        return spread
    }
}

extension FlowWritePath {
    /// The bytes a shard's window can take in whole records: event fidelity accepts a record only when all of it
    /// fits (`ShardWriteLedger`), so a full window leaves unused the part too small for the next record. One
    /// producer of a fixed record size b fills ⌊L/b⌋ records (L the bytes per window: 1,000,006-byte records take
    /// one a window, not 1.05); otherwise the leftover is `FlowModel.unusedRecordShare` of a mean Kinesis record
    /// (less than the half a uniform remainder would leave, since a smaller record after a refused one still fits).
    /// Negligible for small records, about 1 % of the window for 50 KB aggregates.
    func bytesAllowance(shard: Int, recipes: [FlowRecipe], meanKinesisBytes: Double) -> Double {
        guard meanKinesisBytes > 0, meanKinesisBytes.isFinite else { return bytesPerWindow }
        var present = 0
        var fixedSize = true
        for producer in producers.indices where producers[producer].shareByShard[shard] > 0 {
            present += 1
            if producers[producer].dataBytesVariance > 0 || recipes[producer].kinesisPerUserRecord < 1 {
                fixedSize = false
            }
        }
        guard meanKinesisBytes < bytesPerWindow else { return bytesPerWindow }
        if present == 1 && fixedSize {
            return (bytesPerWindow / meanKinesisBytes).rounded(.down) * meanKinesisBytes
        }
        return bytesPerWindow - meanKinesisBytes * FlowModel.unusedRecordShare
    }
}

extension FlowWritePath {
    /// Moves each batching producer's send phase on by one window: W/μ cycles plus the cycles' jitter (normal,
    /// `smear`). The window holds ⌊phase + advance⌋ sends; their excess over the advance is what whole batches add
    /// (mean 0, variance `boundaryVariance`), and the next window starts from the remainder, so a window that
    /// held one batch more leaves the next one fewer, as a real buffer's sends do.
    mutating func advanceBatchPhase(producer: Int) {
        let cycle = scratch.batchCycles[producer]
        guard cycle.cycleSeconds > 0 else {
            scratch.batchExcess[producer] = 0
            return
        }
        let advance = max(0, cycle.cyclesPerWindow + (cycle.smear > 0 ? cycle.smear * lumpRandom.standardNormal() : 0))
        let reached = scratch.batchPhase[producer] + advance
        let sends = reached.rounded(.down)
        scratch.batchExcess[producer] = sends - advance
        scratch.batchPhase[producer] = reached - sends
    }
}
