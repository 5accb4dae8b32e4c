import ShardSimEngine
import ShardSimJSON
import ShardSimModel

/// `consumers[]` and the timeline `events[]`.
enum ConsumerReading {
    static let hour = 3_600 * nanosecondsPerSecond

    static func readAll(_ items: [JSONValue], path: String, diagnostics: Diagnostics) -> [ConsumerConfiguration] {
        var consumers: [ConsumerConfiguration] = []
        var names = Set<String>()
        for (index, item) in items.enumerated() {
            guard let reader = ObjectReader(item, path: join(path, String(index)), diagnostics: diagnostics) else {
                continue
            }
            guard let consumer = read(reader) else { continue }
            if !names.insert(consumer.name).inserted {
                reader.report("name", "\"\(consumer.name)\" is already the name of another consumer")
            }
            consumers.append(consumer)
        }
        let enhanced = consumers.filter { !$0.type.readsWithGetRecords($0) }.count
        if enhanced > KinesisLimits.maxEnhancedFanOutConsumersPerStream {
            diagnostics.report(
                path,
                "\(enhanced) enhanced fan-out consumers; a stream allows at most "
                    + "\(KinesisLimits.maxEnhancedFanOutConsumersPerStream) (Kinesis quotas)")
        }
        return consumers
    }

    private static func read(_ reader: ObjectReader) -> ConsumerConfiguration? {
        defer { reader.finish() }
        let name = reader.string("name", required: true) ?? ""
        if reader.has("name") && name.isEmpty { reader.report("name", "expected a non-empty name") }
        _ = reader.string("description")  // a note for whoever reads the file (init's templates use it); ignored
        guard let typeName = reader.choice("type", ConsumerType.allCases.map(\.rawValue), required: true),
            let type = ConsumerType(rawValue: typeName)
        else { return nil }
        var consumer = ConsumerConfiguration(name: name, type: type)
        switch type {
        case .lambda: consumer.lambda = LambdaReading.read(reader)
        case .firehose: consumer.firehose = FirehoseReading.read(reader)
        case .kcl:
            consumer.kcl = KCLReading.read(reader)
            consumer.pollIntervalNanoseconds = KCLDefaults.pollIntervalNanoseconds
        default: break
        }
        if consumer.pollsWithOwnSettings {
            consumer.pollIntervalNanoseconds =
                reader.duration("pollInterval", in: 1_000_000...hour) ?? consumer.pollIntervalNanoseconds
            consumer.maxRecordsPerCall =
                reader.integer("maxRecordsPerCall", in: 1...KinesisLimits.maxRecordsPerGetRecordsCall)
                ?? consumer.maxRecordsPerCall
        } else {
            for field in ["pollInterval", "maxRecordsPerCall"] where reader.value(field) != nil {
                reader.report(
                    field,
                    type == .kcl
                        ? "applies to KCL applications with fanOut \"shared\" only (enhanced fan-out is pushed)"
                        : "applies to shared (GetRecords) consumers only; \(type.rawValue) consumers poll as AWS does")
            }
        }
        if type.isApplication {
            consumer.processingTimePerRecordNanoseconds = reader.duration("processingTimePerRecord", in: 0...hour) ?? 0
        } else if reader.value("processingTimePerRecord") != nil {
            reader.report(
                "processingTimePerRecord",
                type == .lambda
                    ? "use duration.perRecord for a Lambda function"
                    : "Firehose has no per-record processing")
        }
        consumer.startAtNanoseconds = reader.duration("startAt", in: 0...ModelCaps.maxDurationNanoseconds) ?? 0
        // Firehose always starts at LATEST (FH-KDS).
        let positions = type == .firehose ? ["LATEST"] : ["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"]
        let position = reader.choice("startingPosition", positions) ?? "LATEST"
        let timestamp = reader.duration("timestamp", in: 0...ModelCaps.maxDurationNanoseconds)
        switch position {
        case "TRIM_HORIZON": consumer.startingPosition = .trimHorizon
        case "AT_TIMESTAMP":
            if timestamp == nil && !reader.has("timestamp") {
                reader.report(
                    "timestamp", "is required when startingPosition is AT_TIMESTAMP (simulated time, e.g. \"5m\")")
            }
            consumer.startingPosition = .atTimestamp(nanoseconds: timestamp ?? 0)
        default:
            consumer.startingPosition = .latest
            if reader.has("timestamp") { reader.report("timestamp", "applies only with startingPosition AT_TIMESTAMP") }
        }
        return consumer
    }
}

enum EventReading {
    static func readAll(
        _ items: [JSONValue], path: String, consumers: [ConsumerConfiguration],
        diagnostics: Diagnostics
    ) -> [TimelineEvent] {
        var events: [TimelineEvent] = []
        // The first consumer of each name (a dictionary: many outages over many consumers stay linear).
        var consumerIndexByName: [String: Int] = [:]
        for (index, consumer) in consumers.enumerated() where consumerIndexByName[consumer.name] == nil {
            consumerIndexByName[consumer.name] = index
        }
        // "Did you mean" compares a name with every consumer's: offered for the first few unknown names only.
        var hintsLeft = 10
        for (index, item) in items.enumerated() {
            guard let reader = ObjectReader(item, path: join(path, String(index)), diagnostics: diagnostics) else {
                continue
            }
            defer { reader.finish() }
            let at = reader.duration("at", in: 0...ModelCaps.maxDurationNanoseconds, required: true)
            let actions = [
                "consumerOutage", "updateShardCount", "splitShard", "mergeShards", "workerFailure",
                "workerRecovery", "applicationRestart",
            ]
            guard let action = reader.choice("action", actions, required: true) else { continue }
            let time = at ?? 0
            switch action {
            case "updateShardCount":
                if let target = reader.integer(
                    "targetShardCount", in: 1...Int64(KinesisLimits.maxShardsPerStream), required: true)
                {
                    events.append(.updateShardCount(atNanoseconds: time, targetShardCount: Int(target)))
                }
            case "splitShard":
                let shardId = reader.string("shardId", required: true)
                var key: UInt128?
                if let text = reader.string("newStartingHashKey") {
                    key = PartitionKeyRules.parseExplicitHashKey(text)
                    if key == nil {
                        reader.report(
                            "newStartingHashKey", "expected a decimal hash key from 0 to 2^128 - 1, got \"\(text)\"")
                    }
                }
                if let shardId {
                    events.append(.splitShard(atNanoseconds: time, shardId: shardId, newStartingHashKey: key))
                }
            case "mergeShards":
                let shardId = reader.string("shardId", required: true)
                let adjacent = reader.string("adjacentShardId", required: true)
                if let shardId, let adjacent {
                    events.append(.mergeShards(atNanoseconds: time, shardId: shardId, adjacentShardId: adjacent))
                }
            case "workerFailure", "workerRecovery", "applicationRestart":
                let consumerIndex = consumerNamed(reader, consumerIndexByName, consumers, hintsLeft: &hintsLeft)
                if let event = kclEvent(action, reader, consumerIndex: consumerIndex, consumers: consumers, at: time) {
                    events.append(event)
                }
            default:
                let consumerIndex = consumerNamed(reader, consumerIndexByName, consumers, hintsLeft: &hintsLeft)
                let duration = reader.duration(
                    "duration", in: 1_000_000...ModelCaps.maxDurationNanoseconds, required: true)
                if let duration, let consumerIndex {
                    events.append(
                        .consumerOutage(
                            consumerIndex: consumerIndex, atNanoseconds: time, durationNanoseconds: duration))
                }
            }
        }
        return events
    }

    /// The index of the consumer the event's `consumer` names, or nil (reported, with a close name for the first
    /// few unknown names).
    private static func consumerNamed(
        _ reader: ObjectReader, _ indexByName: [String: Int], _ consumers: [ConsumerConfiguration],
        hintsLeft: inout Int
    ) -> Int? {
        guard let name = reader.string("consumer", required: true) else { return nil }
        if let index = indexByName[name] { return index }
        hintsLeft -= 1
        let suggestion = hintsLeft < 0 ? nil : closestName(to: name, among: consumers.map(\.name))
        reader.diagnostics.report(
            join(reader.path, "consumer"), "no consumer is named \"\(name)\"",
            suggestion: suggestion
        ) { "; did you mean '\($0)'?" }
        return nil
    }

    /// A KCL worker event: its consumer must be a `kcl` application, and `worker` one of its 1 ... workers.
    private static func kclEvent(
        _ action: String, _ reader: ObjectReader, consumerIndex: Int?, consumers: [ConsumerConfiguration],
        at time: Int64
    ) -> TimelineEvent? {
        let kcl = consumerIndex.flatMap { consumers[$0].kcl }
        if let consumerIndex, kcl == nil {
            reader.report(
                "consumer",
                "\(action) applies to KCL applications (type \"kcl\"); \"\(consumers[consumerIndex].name)\" is "
                    + "of type \(consumers[consumerIndex].type.rawValue)")
        }
        if action == "applicationRestart" {
            guard let consumerIndex, kcl != nil else { return nil }
            return .applicationRestart(consumerIndex: consumerIndex, atNanoseconds: time)
        }
        let worker = reader.integer("worker", in: 1...KCLReading.maxWorkers, required: true)
        guard let consumerIndex, let kcl, let worker else { return nil }
        guard worker <= kcl.workers else {
            reader.report(
                "worker",
                "expected a worker from 1 to \(kcl.workers) (\"\(consumers[consumerIndex].name)\" has \(kcl.workers)), "
                    + "got \(worker)")
            return nil
        }
        return action == "workerFailure"
            ? .workerFailure(consumerIndex: consumerIndex, worker: Int(worker), atNanoseconds: time)
            : .workerRecovery(consumerIndex: consumerIndex, worker: Int(worker), atNanoseconds: time)
    }
}
