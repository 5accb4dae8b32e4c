// Simulated time. The engine's clock is an integer count of nanoseconds since
// the start of a run: integers keep event ordering exact and reproducible
// (no floating-point drift over a month of simulated time), and Int64
// nanoseconds cover about 292 years, far beyond any run.

/// Nanoseconds in one second.
///
/// The single conversion factor between simulated seconds and the engine's
/// integer nanosecond clock.
public let nanosecondsPerSecond: Int64 = 1_000_000_000

/// A span of simulated time, in whole nanoseconds.
///
/// Durations may be negative (the difference of two instants in either order);
/// the engine itself never schedules with them. The factory functions trap on
/// Int64 overflow, which is a caller bug (more than ~292 years).
public struct SimDuration: Hashable, Comparable, Sendable {
    /// The length of the span in nanoseconds.
    public var nanoseconds: Int64

    /// A duration of exactly `nanoseconds`.
    @inlinable
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// A duration of `s` whole seconds.
    @inlinable
    public static func seconds(_ s: Int64) -> SimDuration {
        SimDuration(nanoseconds: s * nanosecondsPerSecond)
    }

    /// A duration of `ms` whole milliseconds.
    @inlinable
    public static func milliseconds(_ ms: Int64) -> SimDuration {
        SimDuration(nanoseconds: ms * 1_000_000)
    }

    /// A duration of `us` whole microseconds.
    @inlinable
    public static func microseconds(_ us: Int64) -> SimDuration {
        SimDuration(nanoseconds: us * 1_000)
    }

    /// The empty duration.
    public static let zero = SimDuration(nanoseconds: 0)

    /// The duration in seconds as a Double.
    ///
    /// For display only: the conversion rounds above 2^53 ns (~104 days), so
    /// never feed it back into scheduling.
    @inlinable
    public var seconds: Double {
        Double(nanoseconds) / Double(nanosecondsPerSecond)
    }

    /// Orders durations by length.
    @inlinable
    public static func < (lhs: SimDuration, rhs: SimDuration) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }
}

/// A point on the simulated clock, in nanoseconds since the start of the run.
///
/// Distinct from `SimDuration` so that "a time" and "a length of time" cannot
/// be mixed up at call sites; arithmetic traps on Int64 overflow (a caller bug).
public struct SimInstant: Hashable, Comparable, Sendable {
    /// Nanoseconds elapsed since the start of the run.
    public var nanosecondsSinceStart: Int64

    /// The instant `nanosecondsSinceStart` after the start of the run.
    @inlinable
    public init(nanosecondsSinceStart: Int64) {
        self.nanosecondsSinceStart = nanosecondsSinceStart
    }

    /// The start of the run (time zero).
    public static let start = SimInstant(nanosecondsSinceStart: 0)

    /// The instant `rhs` after `lhs`.
    @inlinable
    public static func + (lhs: SimInstant, rhs: SimDuration) -> SimInstant {
        SimInstant(nanosecondsSinceStart: lhs.nanosecondsSinceStart + rhs.nanoseconds)
    }

    /// The signed time from `rhs` to `lhs` (negative when `lhs` is earlier).
    @inlinable
    public static func - (lhs: SimInstant, rhs: SimInstant) -> SimDuration {
        SimDuration(nanoseconds: lhs.nanosecondsSinceStart - rhs.nanosecondsSinceStart)
    }

    /// Orders instants chronologically.
    @inlinable
    public static func < (lhs: SimInstant, rhs: SimInstant) -> Bool {
        lhs.nanosecondsSinceStart < rhs.nanosecondsSinceStart
    }
}
