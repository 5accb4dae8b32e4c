import ShardSimEngine
import ShardSimJSON
import ShardSimModel

/// The Lambda event source mapping fields of a `lambda` consumer (ranges from LPAR, facts sheet section 7).
enum LambdaReading {
    static func read(_ reader: ObjectReader) -> LambdaConfiguration {
        var lambda = LambdaConfiguration()
        let second = nanosecondsPerSecond
        lambda.batchSize = reader.integer("batchSize", in: 1...10_000) ?? lambda.batchSize
        lambda.maximumBatchingWindowNanoseconds =
            reader.duration("maximumBatchingWindowInSeconds", in: 0...300 * second) ?? 0
        lambda.parallelizationFactor = Int(reader.integer("parallelizationFactor", in: 1...10) ?? 1)
        lambda.enhancedFanOut = reader.boolean("enhancedFanOut") ?? false
        if let duration = reader.object("duration") {
            lambda.durationBaseNanoseconds =
                duration.duration("base", in: 0...900 * second) ?? lambda.durationBaseNanoseconds
            lambda.durationPerRecordNanoseconds =
                duration.duration("perRecord", in: 0...900 * second) ?? lambda.durationPerRecordNanoseconds
            duration.finish()
        }
        lambda.memorySizeMB = Int(reader.integer("memorySizeMB", in: 128...10_240) ?? 128)
        lambda.functionErrorRate = reader.number("functionErrorRate", in: 0...1) ?? 0
        lambda.poisonRecordShare = reader.number("poisonRecordShare", in: 0...1) ?? 0
        lambda.maximumRetryAttempts = Int(reader.integer("maximumRetryAttempts", in: -1...10_000) ?? -1)
        lambda.bisectBatchOnFunctionError = reader.boolean("bisectBatchOnFunctionError") ?? false
        if let age = reader.integer("maximumRecordAgeInSeconds", in: -1...604_800) {
            if age != -1 && age < 60 {
                reader.report("maximumRecordAgeInSeconds", "expected -1 (no limit) or 60 to 604,800, got \(age)")
            }
            lambda.maximumRecordAgeNanoseconds = age < 0 ? -1 : age * second
        }
        lambda.reportsBatchItemFailures = readFunctionResponseTypes(reader)
        if let destinations = reader.object("destinationConfig") {
            if let onFailure = destinations.object("onFailure") {
                lambda.onFailureDestination = readDestination(onFailure)
                onFailure.finish()
            }
            destinations.finish()
        }
        lambda.reservedConcurrentExecutions = reader.integer("reservedConcurrentExecutions", in: 0...1_000_000)
        return lambda
    }

    /// FunctionResponseTypes: empty, or ["ReportBatchItemFailures"] (the only value AWS defines).
    private static func readFunctionResponseTypes(_ reader: ObjectReader) -> Bool {
        guard let types = reader.array("functionResponseTypes") else { return false }
        var reports = false
        for (index, value) in types.enumerated() {
            switch value {
            case .string("ReportBatchItemFailures"), .literal("ReportBatchItemFailures"):
                reports = true
            default:
                reader.report(
                    "functionResponseTypes.\(index)", "expected \"ReportBatchItemFailures\", got \(describe(value))")
            }
        }
        return reports
    }

    /// An on-failure destination ARN: an SQS queue, SNS topic or S3 bucket (the destinations Lambda accepts for
    /// a Kinesis event source mapping).
    private static func readDestination(_ reader: ObjectReader) -> String? {
        guard let arn = reader.string("destination", required: true) else { return nil }
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn", ["sqs", "sns", "s3"].contains(parts[2]) else {
            reader.report(
                "destination",
                "expected the ARN of an SQS queue, SNS topic or S3 bucket "
                    + "(\"arn:aws:sqs:us-east-1:123456789012:failed-batches\"), got \"\(arn)\"")
            return nil
        }
        return arn
    }
}

/// The fields of a `firehose` consumer: destination and buffering hints, range-checked per destination (FH-BH).
enum FirehoseReading {
    static func read(_ reader: ObjectReader) -> FirehoseConfiguration {
        var firehose = FirehoseConfiguration()
        if let destination = reader.choice("destination", FirehoseDestination.allCases.map(\.rawValue)) {
            firehose.destination = FirehoseDestination(rawValue: destination) ?? .s3
        }
        let range = firehose.destination.bufferingRange
        var sizeMiB = range.defaultSizeMiB
        var intervalSeconds = range.defaultIntervalSeconds
        if let hints = reader.object("bufferingHints") {
            sizeMiB = hints.integer("sizeInMBs", in: range.sizeMiB) ?? sizeMiB
            intervalSeconds = hints.integer("intervalInSeconds", in: range.intervalSeconds) ?? intervalSeconds
            hints.finish()
        }
        firehose.bufferSizeBytes = sizeMiB * 1_048_576
        firehose.bufferIntervalNanoseconds = intervalSeconds * nanosecondsPerSecond
        return firehose
    }
}
