import ShardSimJSON
import ShardSimModel
import ShardSimReport
import ShardSimScenario
import Testing

/// Decodes a scenario written as a user would write it and runs it.
func runScenario(_ json: String, overrides: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws
    -> SimulationResult
{
    let scenario = try ScenarioDecoder.decode(Array(json.utf8), overrides: overrides)
    return Simulation.run(scenario.configuration)
}

/// A one-producer scenario on a provisioned stream, the common shape of the hand-derived cases.
func writeScenario(
    shards: Int, recordsPerSecond: Double, recordSizeBytes: Int, duration: String = "10m",
    arrival: String = "poisson", keys: String = #"{ "distribution": "uniform", "count": 10000, "prefix": "k-" }"#,
    extraProducerFields: String = "", maxAttempts: Int = 1, seed: Int = 1
) -> String {
    """
    {
      "name": "hand-derived", "seed": \(seed), "duration": "\(duration)",
      "stream": { "shardCount": \(shards) },
      "producers": [{
        "name": "p", "recordsPerSecond": \(recordsPerSecond), "arrival": "\(arrival)",
        "recordSizeBytes": \(recordSizeBytes), "partitionKeys": \(keys),
        \(extraProducerFields)
        "retry": { "maxAttempts": \(maxAttempts) }
      }]
    }
    """
}
