import ShardSimEngine

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

extension ServiceLevelObjective {
    /// Which objective: one per field above. The scenario and report layers name them.
    public enum Kind: Sendable, Equatable, CaseIterable {
        /// `maxWriteThrottledFraction`: throttled attempts over all attempts.
        case writeThrottledFraction
        /// `maxFailedRecords`: user records given up after retries, or lost by a consumer.
        case failedRecords
        /// `putLatencyP99Milliseconds`: a producer's 99th-percentile put latency.
        case putLatencyP99
        /// `endToEndLatencyP99Milliseconds`: a consumer's 99th-percentile end-to-end latency.
        case endToEndLatencyP99
        /// `maxIteratorAgeMilliseconds`: a consumer's largest iterator age.
        case iteratorAge
    }
}

/// One objective a run missed.
public struct ServiceLevelViolation: Sendable, Equatable {
    public var objective: ServiceLevelObjective.Kind
    /// The objective's limit: a fraction, a count of records, or milliseconds (as the objective's field).
    public var limit: Double
    /// What the run measured, in the limit's unit.
    public var actual: Double
    public var subject: Subject

    /// Who missed an objective.
    public enum Subject: Sendable, Equatable {
        /// The stream as a whole (its throttled fraction, its failed records).
        case stream
        /// A producer, by its name in the scenario.
        case producer(String)
        /// A consumer, by its name in the scenario.
        case consumer(String)
    }

    public init(objective: ServiceLevelObjective.Kind, limit: Double, actual: Double, subject: Subject) {
        self.objective = objective
        self.limit = limit
        self.actual = actual
        self.subject = subject
    }
}

extension SimulationResult {
    /// The objectives this run missed (empty when all were met).
    public func violations(of objective: ServiceLevelObjective) -> [ServiceLevelViolation] {
        var violations: [ServiceLevelViolation] = []
        if let limit = objective.maxWriteThrottledFraction, totals.writeThrottledFraction > limit {
            violations.append(
                ServiceLevelViolation(
                    objective: .writeThrottledFraction, limit: limit,
                    actual: totals.writeThrottledFraction, subject: .stream))
        }
        if let limit = objective.maxFailedRecords, totals.recordsFailed > limit {
            violations.append(
                ServiceLevelViolation(
                    objective: .failedRecords, limit: Double(limit),
                    actual: Double(totals.recordsFailed), subject: .stream))
        }
        if let limit = objective.putLatencyP99Milliseconds {
            for producer in producers where producer.statistics.putLatency.count > 0 {
                let p99 = nanosecondsToMilliseconds(producer.statistics.putLatency.percentile(99))
                if p99 > limit {
                    violations.append(
                        ServiceLevelViolation(
                            objective: .putLatencyP99, limit: limit,
                            actual: p99, subject: .producer(producer.name)))
                }
            }
        }
        for consumer in consumers {
            let statistics = consumer.statistics
            // Records a consumer lost (dropped by Lambda after retries, or expired unread) are data loss too.
            let lost = statistics.recordsFailed + statistics.recordsExpired
            if let limit = objective.maxFailedRecords, lost > limit {
                violations.append(
                    ServiceLevelViolation(
                        objective: .failedRecords, limit: Double(limit),
                        actual: Double(lost), subject: .consumer(consumer.name)))
            }
            if let limit = objective.endToEndLatencyP99Milliseconds, statistics.endToEndLatency.count > 0 {
                let p99 = nanosecondsToMilliseconds(statistics.endToEndLatency.percentile(99))
                if p99 > limit {
                    violations.append(
                        ServiceLevelViolation(
                            objective: .endToEndLatencyP99, limit: limit,
                            actual: p99, subject: .consumer(consumer.name)))
                }
            }
            if let limit = objective.maxIteratorAgeMilliseconds {
                let age = nanosecondsToMilliseconds(statistics.maxIteratorAgeNanoseconds)
                if age > limit {
                    violations.append(
                        ServiceLevelViolation(
                            objective: .iteratorAge, limit: limit,
                            actual: age, subject: .consumer(consumer.name)))
                }
            }
        }
        return violations
    }
}
