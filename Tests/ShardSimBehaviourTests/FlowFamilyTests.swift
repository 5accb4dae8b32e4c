import ShardSimModel
import ShardSimScenario
import Testing

/// Flow fidelity against event fidelity beyond the library: scenarios generated as `scripts/flow-vs-event.py`
/// generates them (one Poisson producer on 4 provisioned shards, its rate a share of the limit that binds for
/// its record size: 1,000 records/s or 1 MiB/s per shard with the partition key, the bytes limit with KPL
/// aggregation; 3 attempts with full-jitter backoff). The script runs the whole family (5 sizes × 7 loads × 3
/// APIs × 3 key distributions, 4 seeds; table in docs/model.md §16) and measured |flow − event| ≤ 0.028 in the
/// user-record throttled fraction. This test runs a spread of it, seeds 1 and 2, and holds flow to the stated
/// tolerance of 0.035 (docs/model.md §16), so a change that breaks the agreement off the library fails here.
@Suite struct FlowFamilyTests {
    /// The family's measured tolerance (0.03, docs/model.md §16) with room for two seeds' noise instead of four.
    static let tolerance = 0.035

    static func scenario(size: Int, api: String, keys: String, load: Double) -> String {
        let aggregated = api == "aggregation"
        var perShard = 1_048_576.0 / Double(size + 6)
        if !aggregated { perShard = min(perShard, 1_000) }
        let rate = (load * perShard * 4 * 1_000).rounded() / 1_000
        let seconds = Int(min(3_600, max(60, 20_000 / perShard)))
        let keySpec: String
        switch keys {
        case "zipf": keySpec = #"{ "distribution": "zipf", "count": 2000, "exponent": 1.0, "prefix": "k-" }"#
        case "hotKeys":
            keySpec =
                #"{ "distribution": "hotKeys", "hot": [{ "key": "hot-1", "share": 0.05 }], "#
                + #""others": { "count": 2000, "prefix": "k-" } }"#
        default: keySpec = #"{ "distribution": "uniform", "count": 2000, "prefix": "k-" }"#
        }
        var producer =
            #""name": "p", "recordsPerSecond": \#(rate), "arrival": "poisson", "recordSizeBytes": \#(size), "#
            + #""partitionKeys": \#(keySpec), "#
            + #""retry": { "maxAttempts": 3, "initialBackoff": "100ms", "maxBackoff": "5s", "jitter": "full" }"#
        if api == "PutRecord" {
            producer += #", "api": "PutRecord""#
        } else {
            producer +=
                #", "api": "PutRecords", "batching": { "maxRecords": 500, "maxBytes": 5242880, "maxBufferedTime": "100ms" }"#
        }
        if aggregated { producer += #", "aggregation": { "enabled": true, "maxBytes": 51200 }"# }
        return #"{ "name": "family", "duration": "\#(seconds)s", "seed": 1, "stream": { "shardCount": 4 }, "#
            + #""producers": [{ \#(producer) }] }"#
    }

    @Test(arguments: [
        (100, "PutRecord", "uniform", 1.0),
        (100, "PutRecords", "hotKeys", 1.0),
        (1_000, "PutRecords", "zipf", 0.9),
        (4_096, "PutRecords", "uniform", 1.0),
        (4_096, "PutRecord", "hotKeys", 1.1),
        (4_096, "aggregation", "uniform", 1.0),
        (1_000, "aggregation", "hotKeys", 0.9),
        (1_000_000, "PutRecords", "zipf", 0.9),
    ])
    func flowThrottlesAsEventFidelityDoes(size: Int, api: String, keys: String, load: Double) throws {
        var configuration = try ScenarioDecoder.decode(
            Array(Self.scenario(size: size, api: api, keys: keys, load: load).utf8)
        )
        .configuration
        var event = 0.0
        var flow = 0.0
        for seed: UInt64 in [1, 2] {
            configuration.seed = seed
            configuration.fidelity = .event
            event += Simulation.run(configuration).producers[0].writeThrottledFraction / 2
            configuration.fidelity = .flow
            flow += Simulation.run(configuration).producers[0].writeThrottledFraction / 2
        }
        #expect(
            abs(flow - event) <= Self.tolerance,
            "\(size) B \(api) \(keys) at \(load): throttled \(flow) in flow, \(event) in event")
    }
}
