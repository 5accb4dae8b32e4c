/// xoshiro256** 1.0 (Blackman & Vigna), seeded by four SplitMix64 outputs.
///
/// The simulator's only source of randomness: every stochastic choice draws
/// from an explicitly passed generator, so a run is a pure function of its
/// seed. 256 bits of state, period 2^256 − 1, passes BigCrush; four UInt64
/// words in a struct means no allocation and trivially cheap copies.
/// Matches https://prng.di.unimi.it/xoshiro256starstar.c output for output.
///
/// Invariant: the state is never all zero (SplitMix64 outputs four distinct
/// values because its output function is a bijection of distinct states).
///
/// - Complexity: O(1) per draw.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator whose state is the first four outputs of `SplitMix64(seed: seed)`.
    @inlinable
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// An independent generator for a named sub-stream (e.g. one per producer):
    /// seeds SplitMix64 with seed mixed with stream so (seed, 0) and (seed, 1) differ.
    ///
    /// The mixed seed is `seed ^ k`, where `k` is the (stream + 1)-th output of
    /// `SplitMix64(seed: 0)`. `k` is never 0 (the finaliser maps only 0 to 0),
    /// so every stream also differs from the plain `init(seed:)` generator,
    /// and streams of one seed are keyed by well-mixed, distinct constants.
    /// Streams let one entity's draws stay unchanged when another entity is
    /// added to a scenario.
    @inlinable
    public init(seed: UInt64, stream: UInt64) {
        let key = SplitMix64.mix((stream &+ 1) &* SplitMix64.goldenGamma)
        self.init(seed: seed ^ key)
    }

    /// The next 64 random bits.
    ///
    /// Always inlined, like the draws built on it: they run several times per simulated record, and
    /// inlined the state stays in registers between consecutive draws (measured with callgrind).
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(by: 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits: Double(next() >> 11) * 0x1p-53.
    ///
    /// Every result is an exact multiple of 2^-53, so the mapping is identical
    /// on every platform.
    @inlinable @inline(__always)
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in (0, 1]: safe for log().
    ///
    /// Computed as (Double(next() >> 11) + 1) * 0x1p-53, the mirror image of
    /// `nextUnitDouble`, so it never returns 0.
    @inlinable @inline(__always)
    public mutating func nextOpenUnitDouble() -> Double {
        (Double(next() >> 11) + 1) * 0x1p-53
    }

    /// Unbiased uniform integer in 0..<bound (Lemire's multiply-shift with rejection); bound > 0.
    ///
    /// The high word of `next() * bound` is the result; draws whose low word
    /// falls in the short first interval of size 2^64 mod bound are rejected,
    /// which removes the modulo bias. The division is only computed on the
    /// rare path, so the common case is one multiply.
    ///
    /// - Complexity: expected < 2 draws for any bound, 1 for small bounds.
    @inlinable @inline(__always)
    public mutating func nextInt(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "nextInt(below:) needs a positive bound")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }
}

extension UInt64 {
    /// Bitwise left rotation; `count` must be in 1...63.
    ///
    /// Masking shifts (`&<<`, `&>>`) are exact for counts in 1...63 and compile to one rotate; the
    /// smart shifts `<<`/`>>` with a UInt64 count took an out-of-line call per use (measured with callgrind).
    @inlinable @inline(__always)
    func rotatedLeft(by count: UInt64) -> UInt64 {
        (self &<< count) | (self &>> (64 &- count))
    }
}
