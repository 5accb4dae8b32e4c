import Foundation
import ShardSimEngine

/// A stretch of time during which a producer's rate is constant.
struct RateSegment {
    var recordsPerSecond: Double
    /// First instant after the segment (exclusive), nanoseconds since start.
    var endNanoseconds: Int64
}

extension RateProfile {
    /// Diurnal curves change continuously; we hold them constant over slices this long, which is exact for
    /// Poisson arrivals within a slice and changes the rate by at most 2π/period × slice between slices.
    static let diurnalSliceNanoseconds: Int64 = nanosecondsPerSecond

    /// The constant-rate segment that contains `time`, for a producer whose base rate is `baseRate`.
    ///
    /// Segments end where the profile changes, so arrivals drawn within one are exact for a
    /// piecewise-constant Poisson process (exponential gaps are memoryless at the boundary).
    func segment(containing time: Int64, baseRecordsPerSecond baseRate: Double) -> RateSegment {
        switch self {
        case .constant:
            return RateSegment(recordsPerSecond: baseRate, endNanoseconds: .max)
        case .steps(let steps):
            // Binary search for the first step after `time`: a series imported from CloudWatch can hold tens of
            // thousands of steps, and this runs once per segment crossed.
            var low = 0
            var high = steps.count
            while low < high {
                let middle = (low + high) / 2
                if steps[middle].atNanoseconds <= time { low = middle + 1 } else { high = middle }
            }
            let rate = low == 0 ? baseRate : steps[low - 1].recordsPerSecond
            let end = low == steps.count ? Int64.max : steps[low].atNanoseconds
            return RateSegment(recordsPerSecond: rate, endNanoseconds: end)
        case .spike(let at, let duration, let multiplier):
            if time < at { return RateSegment(recordsPerSecond: baseRate, endNanoseconds: at) }
            let spikeEnd = at + duration
            if time < spikeEnd {
                return RateSegment(recordsPerSecond: baseRate * multiplier, endNanoseconds: spikeEnd)
            }
            return RateSegment(recordsPerSecond: baseRate, endNanoseconds: .max)
        case .diurnal(let peak, let trough, let period, let peakAt):
            let slice = Self.diurnalSliceNanoseconds
            let sliceStart = time - time % slice
            let middleSeconds = nanosecondsToSeconds(sliceStart - peakAt) + nanosecondsToSeconds(slice) / 2
            let phase = 2 * Double.pi * middleSeconds / nanosecondsToSeconds(period)
            let rate = trough + (peak - trough) * (1 + cos(phase)) / 2
            return RateSegment(recordsPerSecond: rate, endNanoseconds: sliceStart + slice)
        }
    }

    /// Mean rate over [0, duration), used for run-size estimates and the planner's analytic bounds.
    public func meanRecordsPerSecond(baseRecordsPerSecond baseRate: Double, durationNanoseconds: Int64) -> Double {
        guard durationNanoseconds > 0 else { return 0 }
        var time: Int64 = 0
        var weightedSum = 0.0
        var guardCount = 0
        // Bounded: diurnal segments are 1 s, so cap the walk and extrapolate the rest from what was seen.
        while time < durationNanoseconds && guardCount < 1_000_000 {
            let segment = self.segment(containing: time, baseRecordsPerSecond: baseRate)
            let end = min(segment.endNanoseconds, durationNanoseconds)
            weightedSum += segment.recordsPerSecond * Double(end - time)
            time = end
            guardCount += 1
        }
        return weightedSum / Double(time)
    }

    /// The highest rate the profile reaches within [0, duration).
    public func peakRecordsPerSecond(baseRecordsPerSecond baseRate: Double, durationNanoseconds: Int64) -> Double {
        switch self {
        case .constant: return baseRate
        case .steps(let steps):
            var peak = steps.first.map { $0.atNanoseconds > 0 ? baseRate : 0 } ?? baseRate
            for step in steps where step.atNanoseconds < durationNanoseconds {
                peak = max(peak, step.recordsPerSecond)
            }
            return peak
        case .spike(let at, _, let multiplier):
            return at < durationNanoseconds ? max(baseRate, baseRate * multiplier) : baseRate
        case .diurnal(let peak, let trough, _, _):
            return max(peak, trough)
        }
    }
}
