import ShardSimEngine

/// The one registry of the run's random sub-streams.
///
/// Every random number a run draws comes from `Xoshiro256StarStar(seed: scenarioSeed, stream: n)`, and no two
/// users may share an `n`: two users of one stream draw the same numbers, so (for example) a consumer's poll
/// jitter would mirror a producer's record sizes. Each family owns a disjoint block of `familyCapacity` numbers,
/// and an index outside its block traps rather than spill into a neighbour's.
///
/// The numbers of the families event fidelity used before this registry existed are kept (producers `2i + 1` and
/// `2i + 2`, consumers `1_000_000 + i`), so event-fidelity reports did not change. Flow fidelity's producers used
/// `1_000_000 + i` too, the consumers' numbers; they now have a block of their own.
public enum RandomStreams {
    /// Indices each family can number: far above any validated scenario (at most `ModelCaps.maxProducers`
    /// producers; consumers are fewer still).
    public static let familyCapacity: UInt64 = 250_000

    /// Producer `index`'s arrivals, record sizes and keys.
    public static func producerArrivals(_ index: Int) -> UInt64 { 1 + 2 * checked(index) }
    /// Producer `index`'s retry jitter.
    public static func producerRetries(_ index: Int) -> UInt64 { 2 + 2 * checked(index) }
    /// Consumer `index`'s poll jitter and processing times.
    public static func consumer(_ index: Int) -> UInt64 { 1_000_000 + checked(index) }
    /// Flow fidelity's lumping of whole requests (one stream for the run).
    public static let flowLumps: UInt64 = 2_000_000
    /// Flow fidelity's producer `index`: its record-size sample.
    public static func flowProducer(_ index: Int) -> UInt64 { 3_000_000 + checked(index) }

    /// Producer `index`'s lost-response draws (one per request, only when its `lostResponseShare` > 0): a block
    /// of its own, so a scenario without lost responses draws exactly what it drew before.
    public static func producerLostResponses(_ index: Int) -> UInt64 { 4_000_000 + checked(index) }

    /// A generator for sub-stream `stream` of the scenario's seed.
    public static func generator(seed: UInt64, stream: UInt64) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: seed, stream: stream)
    }

    private static func checked(_ index: Int) -> UInt64 {
        precondition(
            index >= 0 && UInt64(index) < familyCapacity, "random sub-stream index \(index) out of its family's block")
        return UInt64(index)
    }
}
