import Foundation
import ShardSimEngine

/// Generates a producer's user records one at a time, in arrival order.
///
/// Arrivals use the time-change construction: each gap is a unit of "work" (an Exp(1) draw for Poisson,
/// exactly 1 for evenly spaced arrivals) consumed at the profile's current rate. That is exact for a
/// piecewise-constant rate, carries partial gaps across rate changes, and never loops per record over
/// anything but the segments it crosses.
struct ArrivalGenerator {
    private let profile: RateProfile
    private let baseRecordsPerSecond: Double
    private let arrival: ArrivalProcess
    /// Exp(1) gaps for Poisson arrivals (a table lookup rather than a libm `log` per record).
    private let gaps = ExponentialZiggurat.shared
    let size: RecordSizeDistribution
    private let sizeParameters: LognormalParameters?
    private let maxRecordBytes: Int
    private let horizonNanoseconds: Int64
    private var segment: RateSegment
    private var nanosecondsPerRecord: Double
    private var clockNanoseconds: Int64 = 0
    private(set) var isExhausted = false

    init(configuration: ProducerConfiguration, maxRecordBytes: Int64, horizonNanoseconds: Int64) {
        profile = configuration.rateProfile
        baseRecordsPerSecond = configuration.recordsPerSecond
        arrival = configuration.arrival
        size = configuration.recordSize
        if case .lognormal(let mean, let standardDeviation) = configuration.recordSize {
            sizeParameters = LognormalParameters(mean: mean, standardDeviation: standardDeviation)
        } else {
            sizeParameters = nil
        }
        self.maxRecordBytes = Int(maxRecordBytes)
        self.horizonNanoseconds = horizonNanoseconds
        segment = profile.segment(containing: 0, baseRecordsPerSecond: baseRecordsPerSecond)
        nanosecondsPerRecord =
            segment.recordsPerSecond > 0 ? Double(nanosecondsPerSecond) / segment.recordsPerSecond : .infinity
    }

    /// Whether gaps are Exp(1) draws (Poisson arrivals) rather than exactly 1 (evenly spaced).
    var drawsGaps: Bool { arrival == .poisson }

    /// The next arrival time, or nil when the next record would arrive at or after the horizon: the full rule, one
    /// record at a time (the batch loop draws through `FastLane` and falls back to `advanced(afterWork:)`, which is
    /// this rule, for the gaps the lane cannot take).
    mutating func nextArrivalNanoseconds(_ random: inout Xoshiro256StarStar) -> Int64? {
        guard !isExhausted else { return nil }
        return arrival(afterWork: arrival == .poisson ? gaps.sample(&random) : 1.0)
    }

    /// The draw loop's fast lane: arrivals whose gap ends more than half a nanosecond before both the current
    /// segment's end and the horizon (`limitNanoseconds`). For those the full rule (`arrival(afterWork:)`) reduces to
    /// "add the rounded gap": `needed < limit − clock − 0.5` implies `needed < segment end − clock` (its first case), and the
    /// rounded gap is at most `limit − clock − 1`, so the clock stays before the horizon. Any other gap goes through
    /// `arrival(afterWork:)`, which is the full rule. The limit is also kept within 2^51 ns of the clock, so every
    /// gap the lane takes is below 2^52, where `roundedToNearestNonNegative` is exact.
    struct FastLane {
        var clockNanoseconds: Int64
        let limitNanoseconds: Int64
        let nanosecondsPerRecord: Double
    }

    /// The fast lane from the current clock, segment and horizon.
    @inline(__always)
    func fastLane() -> FastLane {
        let limit = min(segment.endNanoseconds, horizonNanoseconds, clockNanoseconds &+ (1 << 51))
        return FastLane(
            clockNanoseconds: clockNanoseconds, limitNanoseconds: limit, nanosecondsPerRecord: nanosecondsPerRecord)
    }

    /// Takes back the clock the fast lane advanced.
    @inline(__always)
    mutating func leave(_ lane: FastLane) { clockNanoseconds = lane.clockNanoseconds }

    /// `arrival(afterWork:)` on a copy, returned by value: passing `self` `inout` to an out-of-line call would keep
    /// the caller's generator in memory rather than registers for the whole per-record loop.
    @inline(never)
    func advanced(afterWork work: Double) -> (ArrivalGenerator, Int64?) {
        var generator = self
        let arrival = generator.arrival(afterWork: work)
        return (generator, arrival)
    }

    /// The arrival after `work` units from the clock, through as many segments as it takes: the time-change
    /// construction in full.
    @inline(never)
    private mutating func arrival(afterWork work: Double) -> Int64? {
        var work = work
        // Each pass either returns or moves to the next segment; segments are at least a slice long,
        // so the loop is bounded by the segments left before the horizon.
        while true {
            let available = Double(segment.endNanoseconds - clockNanoseconds)
            let needed = work * nanosecondsPerRecord
            if needed < available {
                clockNanoseconds += roundedToNearestInteger(needed)
                if clockNanoseconds >= horizonNanoseconds { isExhausted = true; return nil }
                return clockNanoseconds
            }
            if segment.endNanoseconds >= horizonNanoseconds { isExhausted = true; return nil }
            if nanosecondsPerRecord.isFinite { work -= available / nanosecondsPerRecord }
            clockNanoseconds = segment.endNanoseconds
            segment = profile.segment(containing: clockNanoseconds, baseRecordsPerSecond: baseRecordsPerSecond)
            nanosecondsPerRecord =
                segment.recordsPerSecond > 0 ? Double(nanosecondsPerSecond) / segment.recordsPerSecond : .infinity
        }
    }

    /// A data-blob size in bytes, in 1 ... max record size.
    @inline(__always)
    func nextSizeBytes(_ random: inout Xoshiro256StarStar) -> Int32 {
        switch size {
        case .fixed(let bytes):
            return Int32(bytes)
        case .uniform(let minBytes, let maxBytes):
            return Int32(minBytes + Int(random.nextInt(below: UInt64(maxBytes - minBytes + 1))))
        case .lognormal:
            let drawn = random.lognormal(sizeParameters!).rounded()
            // Lognormal tails are unbounded; AWS rejects records over the maximum, so we clamp (docs/model.md).
            if !(drawn >= 1) { return 1 }
            return Int32(min(drawn, Double(maxRecordBytes)))
        }
    }
}

/// `Int64(value.rounded())` (halves away from zero) without the libm `round` call, which cost about 20
/// instructions a record. Exact: the truncation is an integer within a factor of two of `value` (or 0),
/// so the subtraction is exact, and values of 2^52 or more have no fraction. Traps where the original would.
@inline(__always)
func roundedToNearestInteger(_ value: Double) -> Int64 {
    let truncated = Int64(value)
    let fraction = value - Double(truncated)
    if fraction >= 0.5 { return truncated + 1 }
    if fraction <= -0.5 { return truncated - 1 }
    return truncated
}
