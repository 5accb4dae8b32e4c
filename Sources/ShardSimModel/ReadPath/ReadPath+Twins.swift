/// Twin enhanced fan-out consumers: a consumer whose every input equals an earlier consumer's is computed once.
///
/// Why: two `enhanced` readers with the same settings (workload b has two) each receive a SubscribeToShardEvent per
/// shard every push interval, half a million pushes a run each, and every one of the second's pushes repeats the
/// first's: the same records at the same instants, so the same latencies, iterator ages and counts. The follower
/// schedules nothing; at the end of the run it takes its leader's statistics and per-shard positions
/// (`settleTwins`), which are exactly what its own pushes would have produced.
///
/// The argument, for a follower F of leader L (same type `enhanced`, equal configurations but for the name, equal
/// outage lists; so no random draws, no leases, no Lambda or Firehose, and the same start instant and position):
/// 1. A push reads only its own slot, its consumer's configuration and outages, the shard logs and the layout; it
///    writes only its own slot and consumer (and the scratch `readPieces`, which every read refills).
/// 2. F's k-th push on a shard comes at the same instant as L's, and no event that changes a log or the layout
///    (an arrival, a flow window, a retention trim, a resharding or scaling) pops between them: both are scheduled
///    by corresponding handlers (their consumer starts, which are scheduled together at the start of the run;
///    their previous pushes; the one wake that schedules every waiting slot of a shard), between which only
///    read-side events run, and read-side handlers schedule no log-changing event. By induction, F's pushes see
///    the logs, layout and own state L's saw, so they do what L's did, in the same order.
/// 3. Without F's events every other event pops in the same order: F's handlers schedule only F's pushes, and the
///    queue orders events by time, then by the order they were scheduled, which dropping some keeps.
/// `TwinConsumerTests` checks the outcome against the same scenario run with every consumer computed separately,
/// and against the leader run alone.
extension ReadPath {
    /// For each consumer, the earlier consumer it is a twin of (computed once for both), or nil.
    static func twinLeaders(of configuration: SimulationConfiguration, outages: [[(start: Int64, end: Int64)]])
        -> [Int?]
    {
        let consumers = configuration.consumers
        var leaders: [Int?] = Array(repeating: nil, count: consumers.count)
        for follower in consumers.indices where consumers[follower].type == .enhanced {
            for leader in 0..<follower where leaders[leader] == nil {
                var candidate = consumers[leader]
                candidate.name = consumers[follower].name
                guard candidate == consumers[follower], outages[leader].elementsEqual(outages[follower], by: ==)
                else { continue }
                leaders[follower] = leader
                break
            }
        }
        return leaders
    }

    /// Whether consumer `index` is computed by its twin (and so schedules no reads of its own).
    @inline(__always)
    func isTwinFollower(_ index: Int) -> Bool { twinLeaders[index] != nil }

    /// Gives each follower its leader's statistics and per-shard positions, as its own pushes would have left them
    /// (called once, when the run ends).
    mutating func settleTwins() {
        for follower in twinLeaders.indices {
            guard let leader = twinLeaders[follower] else { continue }
            consumers[follower].statistics = consumers[leader].statistics
            consumers[follower].hasStarted = consumers[leader].hasStarted
            for shard in slotByConsumerAndShard[follower].indices {
                var state = slots[slot(consumer: leader, shard: shard)]
                state.consumerIndex = Int32(follower)
                slots[slot(consumer: follower, shard: shard)] = state
            }
        }
    }
}
