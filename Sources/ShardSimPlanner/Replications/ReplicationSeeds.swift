import ShardSimEngine

/// The seed of each replication of a run (docs/model.md section 18). Replication 1 is the scenario's own seed,
/// so one replication is today's run byte for byte. Replication i ≥ 2 uses the first output of
/// `SplitMix64(seed: seed ⊕ (i × replicationKey))` (wrapping multiplication): the key is odd, so i × key differs for
/// every i and the seeds of one scenario differ from each other; the SplitMix64 finaliser spreads neighbouring
/// seeds and indices over all 64 bits, so seed 1's replication 2 is unrelated to seed 2's replication 1.
public enum ReplicationSeeds {
    /// The most replications a command runs (`--replications`).
    public static let maxReplications = 1_000
    /// An odd 64-bit constant (the R₂ sequence's multiplier, Steele & Vigna 2021) that keys replication i.
    public static let replicationKey: UInt64 = 0xD1B5_4A32_D192_ED03

    /// The seed replication `replication` (1-based) runs with.
    public static func seed(base: UInt64, replication: Int) -> UInt64 {
        precondition(replication >= 1, "replications are numbered from 1")
        guard replication > 1 else { return base }
        var generator = SplitMix64(seed: base ^ (UInt64(replication) &* replicationKey))
        return generator.next()
    }

    /// The seeds of replications 1 ... `count`, in order.
    public static func seeds(base: UInt64, count: Int) -> [UInt64] {
        (1...max(1, count)).map { seed(base: base, replication: $0) }
    }
}
