import ShardSimEngine

/// The producers' retry backoff, the one formula both fidelities use (docs/model.md §3.6): after attempt n a
/// throttled record waits c = min(`maxBackoff`, `initialBackoff` × 2^(n−1)), jittered per `jitter`. Event
/// fidelity draws one backoff per retried request (`backoffNanoseconds(afterAttempt:random:)`); flow fidelity
/// integrates over the same distribution (`JitterMode.backoffNanoseconds(ceiling:quantile:)`).
extension RetryConfiguration {
    /// c after `attempt` (the first is 1), before jitter: initial × 2^(attempt − 1), at most `maxBackoff`, and
    /// `maxBackoff` where the doubling would overflow.
    @inline(__always)
    func backoffCeilingNanoseconds(afterAttempt attempt: Int) -> Int64 {
        let doublings = min(attempt - 1, 62)
        let (scaled, overflow) = initialBackoffNanoseconds.multipliedReportingOverflow(by: Int64(1) << doublings)
        return overflow ? maxBackoffNanoseconds : min(scaled, maxBackoffNanoseconds)
    }

    /// One jittered backoff after `attempt`, in whole nanoseconds, drawn from `random`: `full` uniform in [0, c],
    /// `equal` c/2 + uniform in [0, c/2], `none` c.
    @inline(__always)
    func backoffNanoseconds(afterAttempt attempt: Int, random: inout Xoshiro256StarStar) -> Int64 {
        let ceiling = backoffCeilingNanoseconds(afterAttempt: attempt)
        switch jitter {
        case .none: return ceiling
        case .full: return Int64(random.nextInt(below: UInt64(ceiling) + 1))
        case .equal: return ceiling / 2 + Int64(random.nextInt(below: UInt64(ceiling / 2) + 1))
        }
    }
}

extension JitterMode {
    /// The backoff at `quantile` (in [0, 1]) of this jitter's distribution for ceiling c: `full` c × q, `equal`
    /// c/2 × (1 + q), `none` c. The median (q = ½) is also the mean, since each distribution is uniform.
    func backoffNanoseconds(ceiling: Double, quantile: Double) -> Double {
        switch self {
        case .none: return ceiling
        case .full: return ceiling * quantile
        case .equal: return ceiling / 2 * (1 + quantile)
        }
    }
}
