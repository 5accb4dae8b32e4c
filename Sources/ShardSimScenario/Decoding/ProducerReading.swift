import ShardSimEngine
import ShardSimJSON
import ShardSimModel

/// `producers[]`: every field of the contract's producer, range-checked.
enum ProducerReading {
    /// The producers; `seriesLengthsNanoseconds` gets the length of every imported series (for the default duration).
    static func readAll(
        _ items: [JSONValue], path: String, stream: StreamConfiguration, diagnostics: Diagnostics,
        seriesLengthsNanoseconds: inout [Int64]
    ) -> [ProducerConfiguration] {
        if items.isEmpty { diagnostics.report(path, "expected at least one producer") }
        if items.count > ModelCaps.maxProducers {
            diagnostics.report(path, "expected at most \(ModelCaps.maxProducers) producers, got \(items.count)")
            return []
        }
        var producers: [ProducerConfiguration] = []
        var names = Set<String>()
        for (index, item) in items.enumerated() {
            guard let reader = ObjectReader(item, path: join(path, String(index)), diagnostics: diagnostics) else {
                continue
            }
            let (producer, series) = read(reader, stream: stream)
            if let series { seriesLengthsNanoseconds.append(series.lengthNanoseconds) }
            if !names.insert(producer.name).inserted {
                reader.report("name", "\"\(producer.name)\" is already the name of another producer")
            }
            producers.append(producer)
        }
        return producers
    }

    static func read(_ reader: ObjectReader, stream: StreamConfiguration) -> (ProducerConfiguration, ImportedSeries?) {
        let name = reader.string("name", required: true) ?? ""
        if reader.has("name") && name.isEmpty { reader.report("name", "expected a non-empty name") }
        _ = reader.string("description")  // a note for whoever reads the file (init's templates use it); ignored
        // A series gives the rate itself, so recordsPerSecond is then neither required nor allowed.
        var isSeries = false
        if case .object(let profile)? = reader.value("rateProfile") {
            switch profile["type"] {
            case .string("series")?, .literal("series")?: isSeries = true
            default: break
            }
        }
        let rate = reader.number(
            "recordsPerSecond", in: 0...ModelCaps.maxRecordsPerSecondPerProducer, required: !isSeries)
        if isSeries && reader.has("recordsPerSecond") {
            reader.report(
                "recordsPerSecond",
                "is not used with a series rateProfile, whose file gives the rate; "
                    + "remove it (to scale the series, set rateProfile.scale)")
        }
        var producer = ProducerConfiguration(name: name, recordsPerSecond: rate ?? 0)
        var series: ImportedSeries?
        if let profile = reader.object("rateProfile") {
            let outcome = RateProfileReading.read(profile, stream: stream)
            producer.rateProfile = outcome.profile ?? .constant
            series = outcome.series
            if let series {
                producer.recordsPerSecond = series.meanRecordsPerSecond
                if let size = series.recordSizeBytes, !reader.has("recordSizeBytes") {
                    producer.recordSize = .fixed(bytes: size)
                }
            }
        }
        if let arrival = reader.choice("arrival", ["poisson", "uniform"]) {
            producer.arrival = ArrivalProcess(rawValue: arrival) ?? .poisson
        }
        if let size = reader.value("recordSizeBytes") {
            producer.recordSize = RecordSizeReading.read(
                size, path: join(reader.path, "recordSizeBytes"),
                stream: stream, diagnostics: reader.diagnostics)
        }
        if let keys = reader.object("partitionKeys") {
            producer.partitionKeys = PartitionKeyReading.read(keys) ?? producer.partitionKeys
        }
        if let api = reader.choice("api", ["PutRecords", "PutRecord"]) {
            producer.api = PutAPI(rawValue: api) ?? .putRecords
        }
        if let batching = reader.object("batching") { producer.batching = readBatching(batching) }
        if let aggregation = reader.object("aggregation") {
            producer.aggregation.isEnabled = aggregation.boolean("enabled") ?? false
            if let maxBytes = aggregation.integer("maxBytes", in: 64...1_048_576) {
                producer.aggregation.maxBytes = Int(maxBytes)
            }
            aggregation.finish()
            if producer.aggregation.isEnabled && producer.api == .putRecord {
                reader.report(
                    "aggregation", "KPL aggregation sends with PutRecords; it cannot be combined with api \"PutRecord\""
                )
            }
        }
        if let retry = reader.object("retry") { producer.retry = readRetry(retry) }
        if let share = reader.number("lostResponseShare", in: 0...1) { producer.lostResponseShare = share }
        reader.finish()
        return (producer, series)
    }

    private static func readBatching(_ reader: ObjectReader) -> BatchingConfiguration {
        var batching = BatchingConfiguration()
        let maxRecords = Int64(KinesisLimits.maxRecordsPerPutRecordsRequest)
        if let records = reader.integer("maxRecords", in: 1...maxRecords) { batching.maxRecords = Int(records) }
        if let bytes = reader.integer("maxBytes", in: 1...KinesisLimits.maxBytesPerPutRecordsRequest) {
            batching.maxBytes = bytes
        }
        if let buffered = reader.duration("maxBufferedTime", in: 0...3_600 * nanosecondsPerSecond) {
            batching.maxBufferedNanoseconds = buffered
        }
        reader.finish()
        return batching
    }

    private static func readRetry(_ reader: ObjectReader) -> RetryConfiguration {
        var retry = RetryConfiguration()
        if let attempts = reader.integer("maxAttempts", in: 1...100) { retry.maxAttempts = Int(attempts) }
        let hour = 3_600 * nanosecondsPerSecond
        if let initial = reader.duration("initialBackoff", in: 0...hour) { retry.initialBackoffNanoseconds = initial }
        if let maximum = reader.duration("maxBackoff", in: 0...hour) { retry.maxBackoffNanoseconds = maximum }
        if retry.maxBackoffNanoseconds < retry.initialBackoffNanoseconds {
            reader.report(
                "maxBackoff",
                "must be at least initialBackoff (\(ValueReading.describeDuration(retry.initialBackoffNanoseconds)))")
        }
        if let jitter = reader.choice("jitter", ["full", "equal", "none"]) {
            retry.jitter = JitterMode(rawValue: jitter) ?? .full
        }
        reader.finish()
        return retry
    }
}

/// `recordSizeBytes`: a number, `{min, max}` or `{mean, stddev}`.
enum RecordSizeReading {
    static func read(
        _ value: JSONValue, path: String, stream: StreamConfiguration,
        diagnostics: Diagnostics
    ) -> RecordSizeDistribution {
        let largest = stream.maxRecordSizeBytes
        let tooLarge =
            "is larger than the stream's maximum record size of \(formatted(largest)) bytes (stream.maxRecordSizeInKiB)"
        if case .object = value {
            guard let reader = ObjectReader(value, path: path, diagnostics: diagnostics) else {
                return .fixed(bytes: 1)
            }
            defer { reader.finish() }
            if reader.has("mean") || reader.has("stddev") {
                let mean = reader.number("mean", in: 1...Double(largest), required: true)
                let deviation = reader.number("stddev", in: 0...Double(largest), required: true)
                return .lognormal(meanBytes: mean ?? 1, standardDeviationBytes: deviation ?? 0)
            }
            let minimum = reader.integer("min", in: 1...Int64(Int32.max), required: true) ?? 1
            let maximum = reader.integer("max", in: 1...Int64(Int32.max), required: true) ?? minimum
            if maximum < minimum { reader.report("max", "must be at least min (\(minimum))") }
            if maximum > largest { reader.report("max", tooLarge) }
            return .uniform(minBytes: Int(minimum), maxBytes: Int(max(minimum, maximum)))
        }
        guard let bytes = ValueReading.integer(value, in: 1...Int64(Int32.max), path: path, diagnostics: diagnostics)
        else {
            return .fixed(bytes: 1)
        }
        if bytes > largest { diagnostics.report(path, tooLarge) }
        return .fixed(bytes: Int(bytes))
    }
}
