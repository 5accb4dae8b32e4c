/// SplitMix64 (Steele, Lea, Flood 2014), used to seed xoshiro.
///
/// Its output function is a bijection of a Weyl-sequence state, so any seed
/// (including 0) yields a well-mixed, never-all-zero run of outputs, which is
/// exactly what xoshiro needs for its initial state. Matches the reference C
/// code at https://prng.di.unimi.it/splitmix64.c output for output.
///
/// - Complexity: O(1) per output, no allocation.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    @usableFromInline
    var state: UInt64

    /// A generator whose first output is the mix of `seed + golden gamma`.
    @inlinable
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= SplitMix64.goldenGamma
        return SplitMix64.mix(state)
    }

    /// The odd constant ⌊2^64 / φ⌋ that advances the state.
    @inlinable
    static var goldenGamma: UInt64 { 0x9E37_79B9_7F4A_7C15 }

    /// The SplitMix64 finaliser (Stafford's "Mix13"): a bijection on UInt64.
    @inlinable
    static func mix(_ input: UInt64) -> UInt64 {
        var z = input
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
