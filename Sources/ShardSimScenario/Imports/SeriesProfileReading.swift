import ShardSimEngine
import ShardSimModel

/// A producer's rate imported from real traffic, lowered to the model's `steps` profile.
struct ImportedSeries {
    var profile: RateProfile
    /// Mean rate over the series (the producer's `recordsPerSecond` when the scenario gives none).
    var meanRecordsPerSecond: Double
    /// round(total bytes / total records) when the file(s) gave IncomingBytes and records were sent.
    var recordSizeBytes: Int?
    /// From the first datapoint's start to the last one's end: the default duration of the run.
    var lengthNanoseconds: Int64
}

/// `rateProfile: { "type": "series", "file": PATH, "bytesFile"?: PATH, "periodSeconds"?: N, "scale"?: X }`.
///
/// Datapoint i (sum S over a period P starting at t_i) becomes the constant rate scale × S / P from
/// t_i − t_0 of simulated time; after the last period the last rate holds (steps semantics). Paths are relative to
/// the scenario file's folder, as the `ReferencedFiles` the decoder was given resolves them.
enum SeriesProfileReading {
    static func read(_ reader: ObjectReader, stream: StreamConfiguration) -> ImportedSeries? {
        let file = reader.string("file", required: true)
        let bytesFile = reader.string("bytesFile")
        let periodSeconds = reader.integer("periodSeconds", in: 1...RegularSeries.maxPeriodMilliseconds / 1_000)
        let scale = reader.number("scale", in: 0...1_000) ?? 1
        guard let file, let contents = load(reader, field: "file", file: file) else { return nil }
        guard let recordPoints = contents.records else {
            reportFileProblem(
                reader, field: "file", file: file,
                "it holds \(SeriesFileReading.bytesMetric) only; give \(SeriesFileReading.recordsMetric) "
                    + "in \"file\" (and the bytes, if you like, in \"bytesFile\")")
            return nil
        }
        guard
            let records = regular(reader, field: "file", file: file, points: recordPoints, periodSeconds: periodSeconds)
        else { return nil }
        var bytePoints = contents.bytes
        var bytesField = ("file", file)
        if let bytesFile {
            guard let extra = load(reader, field: "bytesFile", file: bytesFile) else { return nil }
            guard let points = extra.bytes else {
                reportFileProblem(
                    reader, field: "bytesFile", file: bytesFile, "it holds no \(SeriesFileReading.bytesMetric) series")
                return nil
            }
            bytePoints = points
            bytesField = ("bytesFile", bytesFile)
        }
        var series = lower(records, scale: scale, reader: reader, file: file)
        if let bytePoints,
            let bytes = regular(
                reader, field: bytesField.0, file: bytesField.1, points: bytePoints, periodSeconds: periodSeconds)
        {
            series?.recordSizeBytes = recordSize(
                records: records, bytes: bytes, stream: stream, reader: reader, field: bytesField)
        }
        return series
    }

    private static func load(_ reader: ObjectReader, field: String, file: String) -> SeriesFileContents? {
        guard let bytes = loadReferencedFile(reader, field: field, file: file) else { return nil }
        do {
            return try SeriesFileReading.read(bytes)
        } catch {
            reportFileProblem(reader, field: field, file: file, error.message)
            return nil
        }
    }

    private static func regular(
        _ reader: ObjectReader, field: String, file: String, points: MetricPoints,
        periodSeconds: Int64?
    ) -> RegularSeries? {
        do {
            return try RegularSeries.build(points, periodSeconds: periodSeconds)
        } catch {
            reportFileProblem(reader, field: field, file: file, error.message)
            return nil
        }
    }

    /// The steps profile: every range is checked before the arithmetic, so no file can overflow a time.
    private static func lower(_ series: RegularSeries, scale: Double, reader: ObjectReader, file: String)
        -> ImportedSeries?
    {
        let maxMilliseconds = ModelCaps.maxDurationNanoseconds / 1_000_000
        guard series.periodMilliseconds <= maxMilliseconds / Int64(series.sums.count) else {
            reportFileProblem(
                reader, field: "file", file: file,
                "the series spans more than the longest run (\(ValueReading.describeDuration(ModelCaps.maxDurationNanoseconds)))"
            )
            return nil
        }
        let periodSeconds = Double(series.periodMilliseconds) / 1_000
        var steps: [RateStep] = []
        steps.reserveCapacity(series.sums.count)
        for (index, sum) in series.sums.enumerated() {
            let rate = scale * sum / periodSeconds
            guard rate <= ModelCaps.maxRecordsPerSecondPerProducer else {
                reportFileProblem(
                    reader, field: "file", file: file,
                    "datapoint \(index + 1) in time order is \(formatted(rate.rounded())) records/s; "
                        + "at most \(formatted(ModelCaps.maxRecordsPerSecondPerProducer)) per producer")
                return nil
            }
            steps.append(
                RateStep(atNanoseconds: Int64(index) * series.periodMilliseconds * 1_000_000, recordsPerSecond: rate))
        }
        let total = series.sums.reduce(0, +)
        let lengthNanoseconds = series.lengthMilliseconds * 1_000_000
        return ImportedSeries(
            profile: .steps(steps), meanRecordsPerSecond: scale * total / (Double(series.lengthMilliseconds) / 1_000),
            recordSizeBytes: nil, lengthNanoseconds: lengthNanoseconds)
    }

    /// Fixed record size = round(total bytes / total records), which must fit the stream's maximum record size.
    private static func recordSize(
        records: RegularSeries, bytes: RegularSeries, stream: StreamConfiguration,
        reader: ObjectReader, field: (String, String)
    ) -> Int? {
        let totalRecords = records.sums.reduce(0, +)
        let totalBytes = bytes.sums.reduce(0, +)
        guard totalRecords > 0, totalBytes > 0 else { return nil }
        let size = max(1, (totalBytes / totalRecords).rounded())
        guard size <= Double(stream.maxRecordSizeBytes) else {
            reportFileProblem(
                reader, field: field.0, file: field.1,
                "\(formatted(totalBytes)) bytes over \(formatted(totalRecords)) records is "
                    + "\(formatted(size)) bytes per record, more than the stream's maximum record size of "
                    + "\(formatted(stream.maxRecordSizeBytes)) bytes; set recordSizeBytes or stream.maxRecordSizeInKiB")
            return nil
        }
        return Int(size)
    }
}
