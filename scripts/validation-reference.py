#!/usr/bin/env python3
"""Expected values of the validation tests (docs/model.md section 18.1), computed independently of ShardSim.

    python3 scripts/validation-reference.py            # every value the tests use (minutes: 200,000 samples)
    python3 scripts/validation-reference.py --quick    # 20,000 samples (seconds of CPU)

Needs numpy, scipy and mpmath. Nothing here reads ShardSim's code: each function restates a rule of docs/model.md
(sections 4, 6 and 8) and derives what a replicated run should measure. Units: seconds unless named.
"""
import math
import sys

import mpmath
import numpy as np
from scipy.stats import t as student_t

MIB = 1_048_576


def throttled_fraction(lam, limit):
    """E[(X - L)+] / lam for X ~ Poisson(lam): lam - L + sum_{k<L} (L - k) P(X = k), in 40-digit arithmetic."""
    mpmath.mp.dps = 40
    lam_mp, pmf, below = mpmath.mpf(lam), mpmath.e ** (-mpmath.mpf(lam)), mpmath.mpf(0)
    for k in range(limit):
        below += (limit - k) * pmf
        pmf = pmf * lam_mp / (k + 1)
    return float((lam_mp - limit + below) / lam_mp)


def coverage(lam, limit, windows, replications, batches, seed=1):
    """Share of batches whose Student-t 95 % interval on the mean of `replications` throttled fractions (each
    sum throttled / sum offered over `windows` Poisson windows) covers the exact value."""
    rng = np.random.default_rng(seed)
    exact = throttled_fraction(lam, limit)
    counts = rng.poisson(lam, size=(batches, replications, windows))
    fractions = np.maximum(counts - limit, 0).sum(2) / counts.sum(2)
    mean, sd = fractions.mean(1), fractions.std(1, ddof=1)
    half = student_t.ppf(0.975, replications - 1) * sd / math.sqrt(replications)
    return float(np.mean((mean - half <= exact) & (exact <= mean + half)))


def polling_mean_latency(period, jitter, delay, horizon, samples, seed=1):
    """One shared reader (section 6): first poll at a uniform phase in [0, P), gaps uniform on [P(1-J), P(1+J)],
    records visible `delay` after acceptance and delivered by the first poll at or after that, Poisson arrivals
    on [0, T). Given the polls, delivered visibility times are uniform on [d, last poll], so the expected mean
    latency is d + (x^2/2 + sum of whole gaps^2/2) / (last poll - d), x the first partial gap; averaged over the
    phase (midpoint rule without jitter) and the gaps (Monte Carlo with jitter)."""
    rng = np.random.default_rng(seed)
    gaps_needed = int(horizon / (period * (1 - jitter))) + 2
    values = np.empty(samples)
    for i in range(samples):
        phase = rng.uniform(0, period) if jitter > 0 else (i + 0.5) / samples * period
        gaps = period * (1 + jitter * (2 * rng.uniform(size=gaps_needed) - 1))
        polls = phase + np.concatenate(([0.0], np.cumsum(gaps)))
        polls = polls[polls < horizon]
        after = polls[polls >= delay]
        whole = np.diff(after)
        first = after[0] - delay
        values[i] = (first * first / 2 + np.sum(whole * whole) / 2) / (after[-1] - delay)
    return delay + float(values.mean()), float(values.std() / math.sqrt(samples))


def lambda_cycle(window, period):
    """Seconds between batching windows opening: polls at t0 ... t0 + floor(W/P) P join a batch (W/P not whole);
    with W = kP the expiry runs before the poll at the same instant, so C = W (and C = P when W = 0)."""
    whole = window / period
    if abs(whole - round(whole)) < 1e-12:
        return max(period, window)
    return (math.floor(whole) + 1) * period


def lambda_mean_latency(window, period, delay, horizon, lam, base, per_record, phases=20_000):
    """Section 8, batchSize never reached: the batch holds the records visible in (t0 - P, t0 + C - P], is invoked
    at t0 + W and ends base + per_record x n later. Ratio of the expected latency sum to the expected count, batch by
    batch (the first batch cut short by the start), averaged over the phase of the 1 s polls."""
    cycle = lambda_cycle(window, period)

    def given(phase):
        t0 = phase if phase >= delay else phase + period
        low, total, count = delay, 0.0, 0.0
        while True:
            high = t0 + cycle - period
            n = lam * (high - low)
            start = t0 + window
            if high >= horizon or start + base + per_record * n >= horizon:
                return total / count
            # E[n x duration(n)] = base n + per_record (n + n^2) for Poisson n.
            total += n * (start - (low + high) / 2 + delay) + base * n + per_record * (n + n * n)
            count += n
            low, t0 = high, high + period

    return float(np.mean([given((i + 0.5) / phases * period) for i in range(phases)]))


def main():
    quick = "--quick" in sys.argv
    print("Records limit, 100 B records: E[(X - 1000)+] / lam")
    for lam in (950, 1_000, 1_050):
        print(f"  lam = {lam}: {throttled_fraction(lam, 1_000):.17g}")
    size = 10_240 + 3
    limit = MIB // size
    print(f"Bytes limit, {size} B counted per record: L = {limit} ({limit * size} fits, {(limit + 1) * size} not)")
    for lam in (95, 102, 110):
        print(f"  lam = {lam}: {throttled_fraction(lam, limit):.17g}")
    print(f"Coverage study: 100 KiB records, L = {MIB // (102_400 + 3)}; lam = 11: {throttled_fraction(11, 10):.17g}")
    batches = 20_000 if quick else 200_000
    print(f"  procedure's coverage, 5 x 30 windows at 11 against 10: {coverage(11, 10, 30, 5, batches):.4f}")
    print(f"  procedure's coverage, 5 x 10 windows at 1050 against 1000: {coverage(1_050, 1_000, 10, 5, batches):.4f}")
    samples = 20_000 if quick else 200_000
    for period, jitter, horizon in ((1.0, 0.0, 120.0), (5.0, 0.5, 600.0)):
        mean, error = polling_mean_latency(period, jitter, 0.2, horizon, samples)
        steady = 0.2 + period / 2 * (1 + jitter * jitter / 3)
        print(f"Polling P = {period} s, J = {jitter}, T = {horizon} s: steady {1e3 * steady:.3f} ms, "
              f"over the run {1e3 * mean:.3f} ms (+- {1e3 * error:.3f})")
    for window in (2.5, 0.0):
        cycle = lambda_cycle(window, 1.0)
        steady = 0.2 + window + 1.0 - cycle / 2 + 0.020 + 0.0005 * (100 * cycle + 1)
        mean = lambda_mean_latency(window, 1.0, 0.2, 120.0, 100, 0.020, 0.0005, 2_000 if quick else 20_000)
        print(f"Lambda W = {window} s, lam = 100/s, T = 120 s: cycle {cycle} s, steady {1e3 * steady:.3f} ms, "
              f"over the run {1e3 * mean:.3f} ms")


if __name__ == "__main__":
    main()
