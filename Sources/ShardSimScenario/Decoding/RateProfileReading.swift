import ShardSimEngine
import ShardSimJSON
import ShardSimModel

/// `rateProfile`: constant, steps, diurnal, spike, or series (imported traffic, lowered to steps).
enum RateProfileReading {
    static let maxRate = ModelCaps.maxRecordsPerSecondPerProducer

    /// The profile, and for a series what else it tells the producer (mean rate, record size, length).
    static func read(_ reader: ObjectReader, stream: StreamConfiguration) -> (
        profile: RateProfile?, series: ImportedSeries?
    ) {
        defer { reader.finish() }
        guard let type = reader.choice("type", ["constant", "steps", "diurnal", "spike", "series"], required: true)
        else { return (nil, nil) }
        if type == "series" {
            let series = SeriesProfileReading.read(reader, stream: stream)
            return (series?.profile, series)
        }
        return (readParametric(reader, type: type), nil)
    }

    private static func readParametric(_ reader: ObjectReader, type: String) -> RateProfile? {
        let anyTime = 0...ModelCaps.maxDurationNanoseconds
        switch type {
        case "steps":
            guard let items = reader.array("steps", required: true) else { return nil }
            if items.isEmpty { reader.report("steps", "expected at least one step") }
            var steps: [RateStep] = []
            for (index, item) in items.enumerated() {
                guard
                    let step = ObjectReader(
                        item, path: join(join(reader.path, "steps"), String(index)),
                        diagnostics: reader.diagnostics)
                else { continue }
                let at = step.duration("at", in: anyTime, required: true)
                let rate = step.number("recordsPerSecond", in: 0...maxRate, required: true)
                step.finish()
                guard let at, let rate else { continue }
                if let last = steps.last, at <= last.atNanoseconds {
                    step.report("at", "steps must be in increasing order of time")
                }
                steps.append(RateStep(atNanoseconds: at, recordsPerSecond: rate))
            }
            return .steps(steps)
        case "diurnal":
            let peak = reader.number("peakRecordsPerSecond", in: 0...maxRate, required: true) ?? 0
            let trough = reader.number("troughRecordsPerSecond", in: 0...maxRate, required: true) ?? 0
            if trough > peak { reader.report("troughRecordsPerSecond", "must not exceed peakRecordsPerSecond") }
            let period =
                reader.duration("period", in: 60 * nanosecondsPerSecond...ModelCaps.maxDurationNanoseconds)
                ?? 86_400 * nanosecondsPerSecond
            let peakAt = reader.duration("peakAt", in: anyTime) ?? 14 * 3_600 * nanosecondsPerSecond
            return .diurnal(
                peakRecordsPerSecond: peak, troughRecordsPerSecond: trough,
                periodNanoseconds: period, peakAtNanoseconds: peakAt)
        case "spike":
            let at = reader.duration("at", in: anyTime, required: true) ?? 0
            let duration =
                reader.duration("duration", in: 1_000_000...ModelCaps.maxDurationNanoseconds, required: true) ?? 1
            let multiplier = reader.number("multiplier", in: 0...1_000, required: true) ?? 1
            return .spike(atNanoseconds: at, durationNanoseconds: duration, multiplier: multiplier)
        default:
            return .constant
        }
    }
}

/// `partitionKeys`: uniform, zipf or hotKeys. Generated keys must be valid Kinesis partition keys.
enum PartitionKeyReading {
    static let maxKeys = Int64(ModelCaps.maxPartitionKeysPerProducer)

    static func read(_ reader: ObjectReader) -> PartitionKeyDistribution? {
        defer { reader.finish() }
        guard let distribution = reader.choice("distribution", ["uniform", "zipf", "hotKeys"], required: true) else {
            return nil
        }
        switch distribution {
        case "zipf":
            let count = reader.integer("count", in: 1...maxKeys, required: true) ?? 1
            let exponent = reader.number("exponent", in: 0...10) ?? 1
            let prefix = readPrefix(reader, count: count)
            return .zipf(count: Int(count), exponent: exponent, prefix: prefix)
        case "hotKeys":
            return readHotKeys(reader)
        default:
            let count = reader.integer("count", in: 1...maxKeys, required: true) ?? 1
            return .uniform(count: Int(count), prefix: readPrefix(reader, count: count))
        }
    }

    /// The prefix, checked so that the longest generated key stays within 256 Unicode scalars.
    private static func readPrefix(_ reader: ObjectReader, count: Int64, name: String = "prefix") -> String {
        let prefix = reader.string(name) ?? "key-"
        let longestDigits = String(max(0, count - 1)).count
        if prefix.unicodeScalars.count + longestDigits > PartitionKeyRules.maximumLength {
            reader.report(name, "generated keys would be longer than \(PartitionKeyRules.maximumLength) characters")
        }
        return prefix
    }

    private static func readHotKeys(_ reader: ObjectReader) -> PartitionKeyDistribution? {
        var hot: [HotKey] = []
        // Keys seen, by their bytes (a set: a long list is checked in linear time).
        var seen = Set<[UInt8]>()
        if let items = reader.array("hot", required: true) {
            if items.isEmpty { reader.report("hot", "expected at least one hot key") }
            for (index, item) in items.enumerated() {
                guard
                    let entry = ObjectReader(
                        item, path: join(join(reader.path, "hot"), String(index)),
                        diagnostics: reader.diagnostics)
                else { continue }
                let key = entry.string("key", required: true)
                let share = entry.number("share", in: 0...1, required: true)
                entry.finish()
                if let key, !PartitionKeyRules.isValid(key) {
                    entry.report("key", "a partition key is 1 to 256 Unicode characters")
                }
                if let key, !seen.insert(Array(key.utf8)).inserted {
                    entry.report("key", "\"\(key)\" is listed twice; give it one share")
                }
                if let key, let share { hot.append(HotKey(key: key, shareOfTraffic: share)) }
            }
        }
        let totalShare = hot.reduce(0) { $0 + $1.shareOfTraffic }
        if totalShare > 1 + 1e-9 { reader.report("hot", "shares add up to \(totalShare), more than 1") }
        var othersCount: Int64 = 0
        var othersPrefix = "key-"
        if let others = reader.object("others") {
            othersCount = others.integer("count", in: 0...maxKeys, required: true) ?? 0
            othersPrefix = readPrefix(others, count: othersCount)
            others.finish()
        }
        if othersCount == 0 && totalShare < 1 - 1e-9 && !hot.isEmpty {
            reader.report(
                "others", "hot shares add up to \(totalShare); the rest of the traffic needs others.count of at least 1"
            )
        }
        return .hotKeys(hot: hot, othersCount: Int(othersCount), othersPrefix: othersPrefix)
    }
}
