// Continuous distributions drawn from Xoshiro256StarStar.
//
// Each method consumes a fixed number of 64-bit draws regardless of its
// parameters, so changing a distribution's parameters never shifts the rest
// of a stream. The algorithms are fully specified here; the only
// platform-dependent part is the libm implementation of log/exp/cos, which
// may differ in the last unit of precision between C libraries.

import Foundation

extension Xoshiro256StarStar {
    /// An exponential variate with the given rate (mean 1 / rate), by inversion.
    ///
    /// Computes -log(U) / rate with U = `nextOpenUnitDouble()` in (0, 1], so
    /// the log is always finite. One draw. Used for Poisson inter-arrival gaps.
    @inlinable @inline(__always)
    public mutating func exponential(ratePerUnit: Double) -> Double {
        precondition(ratePerUnit > 0 && ratePerUnit.isFinite, "exponential rate must be positive and finite")
        return -Foundation.log(nextOpenUnitDouble()) / ratePerUnit
    }

    /// A uniform variate in [min, max): min + (max − min) · U with U in [0, 1).
    ///
    /// One draw. `min == max` is allowed and returns `min`.
    @inlinable
    public mutating func uniform(min: Double, max: Double) -> Double {
        precondition(min <= max && min.isFinite && max.isFinite, "uniform needs finite min <= max")
        return min + (max - min) * nextUnitDouble()
    }

    /// A standard normal variate (mean 0, variance 1) by the Box–Muller transform.
    ///
    /// Uses sqrt(−2 log U₁) · cos(2π U₂) with U₁ in (0, 1] and U₂ in [0, 1);
    /// the sine partner is discarded rather than cached, so the generator
    /// stays a plain value with no hidden state and every call consumes
    /// exactly two draws.
    @inlinable
    public mutating func standardNormal() -> Double {
        let radius = (-2 * Foundation.log(nextOpenUnitDouble())).squareRoot()
        let angle = 2 * Double.pi * nextUnitDouble()
        return radius * Foundation.cos(angle)
    }

    /// A lognormal variate exp(mu + sigma · Z) with Z standard normal.
    ///
    /// Two draws (one `standardNormal`). See `LognormalParameters` for how
    /// mu and sigma follow from the variable's own mean and deviation.
    @inlinable
    public mutating func lognormal(_ parameters: LognormalParameters) -> Double {
        Foundation.exp(parameters.mu + parameters.sigma * standardNormal())
    }
}

/// Lognormal given the mean and standard deviation OF THE VARIABLE ITSELF (not of its log).
///
/// Scenario files describe latencies and sizes by their observable mean and
/// deviation; this converts to the parameters of the underlying normal:
/// sigma² = ln(1 + sd² / mean²) and mu = ln(mean) − sigma² / 2, so that
/// E[X] = mean and SD[X] = standardDeviation exactly.
public struct LognormalParameters: Sendable, Equatable {
    /// Mean of ln(X).
    public var mu: Double
    /// Standard deviation of ln(X).
    public var sigma: Double

    /// Parameters for a lognormal variable with the given mean and standard deviation.
    ///
    /// `standardDeviation == 0` gives a (numerically) constant variable.
    @inlinable
    public init(mean: Double, standardDeviation: Double) {
        precondition(mean > 0 && mean.isFinite, "lognormal mean must be positive and finite")
        precondition(
            standardDeviation >= 0 && standardDeviation.isFinite,
            "lognormal standard deviation must be non-negative and finite")
        let coefficientOfVariation = standardDeviation / mean
        let variance = Foundation.log1p(coefficientOfVariation * coefficientOfVariation)
        sigma = variance.squareRoot()
        mu = Foundation.log(mean) - variance / 2
    }
}
