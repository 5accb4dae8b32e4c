import ShardSimModel

extension ServiceLevelObjective.Kind {
    /// The objective's name as the scenario's `slo` object and the JSON report spell it (interface contract:
    /// never renamed). The planner's "still failing" list and the reports both use it.
    public var scenarioKey: String {
        switch self {
        case .writeThrottledFraction: return "maxWriteThrottledFraction"
        case .failedRecords: return "maxFailedRecords"
        case .putLatencyP99: return "putLatencyP99Ms"
        case .endToEndLatencyP99: return "endToEndLatencyP99Ms"
        case .iteratorAge: return "maxIteratorAgeMs"
        }
    }
}

extension ServiceLevelViolation.Subject {
    /// Who missed the objective as the reports print it: "stream", or the producer's or consumer's name.
    public var reportName: String {
        switch self {
        case .stream: return "stream"
        case .producer(let name), .consumer(let name): return name
        }
    }
}
