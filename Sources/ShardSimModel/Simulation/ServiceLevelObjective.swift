/// What "good enough" means for a scenario: used by `run` (pass/fail) and `plan` (the target).
public struct ServiceLevelObjective: Sendable, Equatable {
    /// Throttled attempts over all attempts.
    public var maxWriteThrottledFraction: Double?
    /// User records given up after retries.
    public var maxFailedRecords: Int64?
    public var putLatencyP99Milliseconds: Double?
    public var endToEndLatencyP99Milliseconds: Double?
    public var maxIteratorAgeMilliseconds: Double?

    public init() {}

    /// The planner's target when a scenario states none (interface contract, `plan`).
    public static let planDefault: ServiceLevelObjective = {
        var objective = ServiceLevelObjective()
        objective.maxWriteThrottledFraction = 0.001
        objective.maxFailedRecords = 0
        return objective
    }()
}

/// One objective a run missed.
public struct ServiceLevelViolation: Sendable, Equatable {
    /// The SLO field's name, as in the scenario (`maxWriteThrottledFraction`).
    public var objective: String
    public var limit: Double
    public var actual: Double
    /// Who missed it: "stream", a producer or a consumer name.
    public var subject: String

    public var message: String {
        "\(objective): \(subject) measured \(actual), limit \(limit)"
    }
}

extension SimulationResult {
    /// The objectives this run missed (empty when all were met).
    public func violations(of objective: ServiceLevelObjective) -> [ServiceLevelViolation] {
        var violations: [ServiceLevelViolation] = []
        if let limit = objective.maxWriteThrottledFraction, totals.writeThrottledFraction > limit {
            violations.append(ServiceLevelViolation(objective: "maxWriteThrottledFraction", limit: limit,
                                                    actual: totals.writeThrottledFraction, subject: "stream"))
        }
        if let limit = objective.maxFailedRecords, totals.recordsFailed > limit {
            violations.append(ServiceLevelViolation(objective: "maxFailedRecords", limit: Double(limit),
                                                    actual: Double(totals.recordsFailed), subject: "stream"))
        }
        if let limit = objective.putLatencyP99Milliseconds {
            for producer in producers where producer.statistics.putLatency.count > 0 {
                let p99 = Double(producer.statistics.putLatency.percentile(99)) / 1e6
                if p99 > limit {
                    violations.append(ServiceLevelViolation(objective: "putLatencyP99Ms", limit: limit,
                                                            actual: p99, subject: producer.name))
                }
            }
        }
        for consumer in consumers {
            let statistics = consumer.statistics
            // Records a consumer lost (dropped by Lambda after retries, or expired unread) are data loss too.
            let lost = statistics.recordsFailed + statistics.recordsExpired
            if let limit = objective.maxFailedRecords, lost > limit {
                violations.append(ServiceLevelViolation(objective: "maxFailedRecords", limit: Double(limit),
                                                        actual: Double(lost), subject: consumer.name))
            }
            if let limit = objective.endToEndLatencyP99Milliseconds, statistics.endToEndLatency.count > 0 {
                let p99 = Double(statistics.endToEndLatency.percentile(99)) / 1e6
                if p99 > limit {
                    violations.append(ServiceLevelViolation(objective: "endToEndLatencyP99Ms", limit: limit,
                                                            actual: p99, subject: consumer.name))
                }
            }
            if let limit = objective.maxIteratorAgeMilliseconds {
                let age = Double(statistics.maxIteratorAgeNanoseconds) / 1e6
                if age > limit {
                    violations.append(ServiceLevelViolation(objective: "maxIteratorAgeMs", limit: limit,
                                                            actual: age, subject: consumer.name))
                }
            }
        }
        return violations
    }
}
