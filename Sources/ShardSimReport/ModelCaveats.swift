import ShardSimModel

/// What the model simplifies or leaves out (docs/model.md section 15), as caveats a report lists in its notes
/// when its scenario uses the feature, so a reader of a shared report sees them. This table is the one place:
/// each row is a feature predicate on the configuration and the sentence a report prints. A report of a scenario
/// that does not use a feature does not carry its caveat.
public enum ModelCaveats {
    public struct Caveat: Sendable {
        /// A stable name for tests and for docs/model.md section 15.
        public let id: String
        public let applies: @Sendable (SimulationConfiguration) -> Bool
        public let text: String
    }

    /// Every caveat, in the order a report lists them.
    public static let all: [Caveat] = [
        Caveat(
            id: "retries",
            applies: { configuration in
                // With lost responses timeouts are modelled in part: `lostResponses` says what is left out then.
                configuration.producers.contains { $0.retry.maxAttempts > 1 }
                    && !configuration.producers.contains { $0.lostResponseShare > 0 }
            },
            text:
                "Retries answer throttling only: network errors, timeouts, 5xx responses and partial service outages are not modelled."
        ),
        Caveat(
            id: "lostResponses", applies: { $0.producers.contains { $0.lostResponseShare > 0 } },
            text:
                "Lost responses (lostResponseShare): the resend waits the put latency plus the retry backoff, not an SDK "
                + "timeout; other network errors, 5xx responses and partial service outages are not modelled."),
        Caveat(
            id: "kpl", applies: { $0.producers.contains { $0.aggregation.isEnabled } },
            text:
                "KPL: rate limiting (RateLimit 150 %), record TTL (30 s) and connection limits are not modelled; an aggregate "
                + "carried into the next request can hold a record up to about twice maxBufferedTime."),
        Caveat(
            id: "onDemand", applies: { $0.stream.streamMode == .onDemand },
            text:
                "On-demand: scale-down, the 30-day window and On-demand Advantage are not modelled; scaling observes offered "
                + "load (retries included), so a throttling storm can over-provision."),
        Caveat(
            id: "resharding", applies: { $0.events.contains(where: \.isResharding) },
            text:
                "Resharding: UpdateShardCount's intermediate shards and control-plane rate limits are not modelled; closed "
                + "shards report a simulated endingSequenceNumber."),
        Caveat(
            id: "sharedReaders",
            applies: { configuration in
                // KCL applications have their own caveat (their leases and checkpoints are modelled).
                configuration.consumers.contains { $0.type.readsWithGetRecords($0) && $0.type != .kcl }
            },
            text:
                "GetRecords readers: propagation delay does not grow with the number of readers; the 2,000 records/s read "
                + "figure, iterator expiry and KCL leases and checkpoints are not modelled."),
        Caveat(
            id: "enhancedFanOut",
            applies: { configuration in
                configuration.consumers.contains { !$0.type.readsWithGetRecords($0) }
            },
            text: "Enhanced fan-out: SubscribeToShard call limits and re-subscription gaps are not modelled."),
        Caveat(
            id: "lambda", applies: { $0.consumers.contains { $0.type == .lambda } },
            text:
                "Lambda: records are assumed spread evenly across a shard's parallelization slots (no per-key ordering or "
                + "hot keys within a shard); retry backoff and cold starts are not modelled."),
        Caveat(
            id: "lambdaLimits", applies: { $0.consumers.contains { $0.type == .lambda } },
            text: "Lambda: the 6 MB event is sized with an assumed JSON envelope per record "
                + "(assumptions.lambdaEventRecordEnvelopeBytes); a batch waiting for concurrency starts the moment a unit "
                + "frees; requests to an on-failure destination are not priced."),
        Caveat(
            id: "firehose", applies: { $0.consumers.contains { $0.type == .firehose } },
            text:
                "Firehose: destination latency and failures, transforms and dynamic partitioning are not modelled; a KPL "
                + "aggregate is assumed billed as one record rounded up to 5 KB (AWS does not say)."),
        Caveat(
            id: "kcl", applies: { $0.consumers.contains { $0.type == .kcl } },
            text:
                "KCL: leases are balanced by count as KCL 2.x does (not KCL 3.x's CPU-based assignment or graceful "
                + "handoff); a worker losing a lease stops at once; worker CPU is not limited; checkpoints record the "
                + "reader's position after its last read; lease items are assumed 512 B and lease-table storage is not "
                + "priced; GetRecords propagation does not grow with readers."),
        Caveat(
            id: "longRetention", applies: { $0.stream.retentionPeriodHours > 168 },
            text:
                "Cost: long-term retention retrieval, free tiers, data transfer and other services' charges are not included."
        ),
    ]

    /// The caveats for a scenario, as the sentences a report's notes list.
    public static func notes(for configuration: SimulationConfiguration) -> [String] {
        all.filter { $0.applies(configuration) }.map(\.text)
    }

    /// The caveats of any of `configurations` (compare's two sides), each once, in the table's order.
    public static func notes(forAnyOf configurations: [SimulationConfiguration]) -> [String] {
        all.filter { caveat in configurations.contains { caveat.applies($0) } }.map(\.text)
    }

    /// The run's own notes (from the model) followed by the caveats of the features its scenario uses.
    public static func reportNotes(_ result: SimulationResult) -> [String] {
        result.notes.map(\.text) + notes(for: result.configuration)
    }
}
