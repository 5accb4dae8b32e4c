// Simulated time. The engine's clock is an integer count of nanoseconds since
// the start of a run: integers keep event ordering exact and reproducible
// (no floating-point drift over a month of simulated time), and Int64
// nanoseconds cover about 292 years, far beyond any run.
//
// Times and durations are plain `Int64` nanoseconds whose names say so
// (`atNanoseconds`, `backoffNanoseconds`); rates and reports need seconds, and
// go through the two conversions below, so the factor is written once.

/// Nanoseconds in one second.
///
/// The single conversion factor between simulated seconds and the engine's
/// integer nanosecond clock.
public let nanosecondsPerSecond: Int64 = 1_000_000_000

/// `nanoseconds` in seconds, for rates and display (exact below 2^53 ns, about 104 days; never fed back
/// into scheduling).
@inlinable
public func nanosecondsToSeconds(_ nanoseconds: Int64) -> Double {
    Double(nanoseconds) / 1e9
}

/// Fractional `nanoseconds` (a mean or a sum of times) in seconds.
@inlinable
public func nanosecondsToSeconds(_ nanoseconds: Double) -> Double {
    nanoseconds / 1e9
}

/// Whole `nanoseconds` in milliseconds, the unit latencies and iterator ages are reported in.
@inlinable
public func nanosecondsToMilliseconds(_ nanoseconds: Int64) -> Double {
    Double(nanoseconds) / 1e6
}

/// Fractional `nanoseconds` (a mean or a sum of times) in milliseconds.
@inlinable
public func nanosecondsToMilliseconds(_ nanoseconds: Double) -> Double {
    nanoseconds / 1e6
}

/// `milliseconds` in (fractional) nanoseconds, for a time the caller rounds itself.
@inlinable
public func millisecondsToNanoseconds(_ milliseconds: Double) -> Double {
    milliseconds * 1e6
}

/// `seconds` in (fractional) nanoseconds, for a time the caller rounds to the clock itself.
@inlinable
public func secondsToNanoseconds(_ seconds: Double) -> Double {
    seconds * 1e9
}

/// What a rate of `ratePerSecond` accrues over `nanoseconds` (a token bucket's refill, for instance).
@inlinable
public func accrued(perSecond ratePerSecond: Double, overNanoseconds nanoseconds: Int64) -> Double {
    ratePerSecond * Double(nanoseconds) / 1e9
}
