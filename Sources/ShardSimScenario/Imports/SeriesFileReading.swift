import ShardSimJSON

/// Reads a traffic series file in any of the three forms a user has at hand:
/// - the JSON `aws cloudwatch get-metric-statistics` prints (`Label`, `Datapoints` with `Timestamp` and `Sum`),
///   one metric per file;
/// - the JSON `aws cloudwatch get-metric-data` prints (`MetricDataResults`, newest first), where the results whose
///   `Id` or `Label` contains "IncomingRecords" / "IncomingBytes" (any case) are the two metrics;
/// - a CSV with the header `timestamp,records` or `timestamp,records,bytes`.
/// https://docs.aws.amazon.com/cli/latest/reference/cloudwatch/get-metric-statistics.html
/// https://docs.aws.amazon.com/cli/latest/reference/cloudwatch/get-metric-data.html
enum SeriesFileReading {
    static let recordsMetric = "IncomingRecords"
    static let bytesMetric = "IncomingBytes"

    static func read(_ bytes: [UInt8]) throws(ImportProblem) -> SeriesFileContents {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        let first = body.first {
            ![UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains($0)
        }
        guard first == UInt8(ascii: "{") else { return try CSVSeriesReading.read(body) }
        let document: JSONValue
        do {
            document = try JSONParser.parse(body)
        } catch {
            throw ImportProblem("not valid JSON: \(error.description)")
        }
        guard case .object(let root) = document else { throw ImportProblem("expected a JSON object") }
        if let datapoints = root["Datapoints"] { return try readStatistics(root, datapoints: datapoints) }
        if let results = root["MetricDataResults"] { return try readMetricData(results) }
        throw ImportProblem(
            "expected the output of aws cloudwatch get-metric-statistics (with \"Datapoints\") or "
                + "get-metric-data (with \"MetricDataResults\"), or a CSV with the header timestamp,records,bytes")
    }

    /// get-metric-statistics: one metric, datapoints in any order; each needs `Sum`.
    private static func readStatistics(_ root: JSONObject, datapoints: JSONValue) throws(ImportProblem)
        -> SeriesFileContents
    {
        guard case .string(let label)? = root["Label"] else {
            throw ImportProblem("\"Label\" must name the metric (IncomingRecords or IncomingBytes)")
        }
        let isBytes = label.contains(bytesMetric)
        guard isBytes || label.contains(recordsMetric) else {
            throw ImportProblem(
                "the metric is \"\(label)\"; expected \(recordsMetric) (or \(bytesMetric) for record sizes)")
        }
        guard case .array(let items) = datapoints else { throw ImportProblem("\"Datapoints\" must be an array") }
        var points = MetricPoints()
        for (index, item) in items.enumerated() {
            let name = "Datapoints.\(index)"
            guard case .object(let point) = item else { throw ImportProblem("\(name): expected an object") }
            guard case .string(let stamp)? = point["Timestamp"], let time = TimestampParsing.epochMilliseconds(stamp)
            else {
                throw ImportProblem("\(name).Timestamp: expected an ISO-8601 time such as \"2026-11-20T10:00:00Z\"")
            }
            guard let sumValue = point["Sum"] else {
                let others = ["Average", "Maximum", "Minimum", "SampleCount"].filter { point[$0] != nil }
                throw ImportProblem(
                    "\(name) has no \"Sum\"\(others.isEmpty ? "" : " (it has \(others.joined(separator: ", ")))"); "
                        + "a rate needs the total per period: rerun with --statistics Sum")
            }
            guard let sum = number(sumValue) else { throw ImportProblem("\(name).Sum: expected a number") }
            if case .string(let unit)? = point["Unit"], unit != (isBytes ? "Bytes" : "Count") {
                throw ImportProblem(
                    "\(name).Unit is \"\(unit)\"; \(isBytes ? bytesMetric : recordsMetric) is counted in \(isBytes ? "Bytes" : "Count")"
                )
            }
            points.timestampsMilliseconds.append(time)
            points.sums.append(sum)
            points.itemNames.append("\(name) (\(stamp))")
        }
        return isBytes
            ? SeriesFileContents(records: nil, bytes: points) : SeriesFileContents(records: points, bytes: nil)
    }

    /// get-metric-data: parallel `Timestamps` and `Values` per result; the statistic must have been Sum.
    private static func readMetricData(_ results: JSONValue) throws(ImportProblem) -> SeriesFileContents {
        guard case .array(let items) = results else { throw ImportProblem("\"MetricDataResults\" must be an array") }
        var contents = SeriesFileContents()
        var labels: [String] = []
        for (index, item) in items.enumerated() {
            let name = "MetricDataResults.\(index)"
            guard case .object(let result) = item else { throw ImportProblem("\(name): expected an object") }
            var identity = ""
            if case .string(let id)? = result["Id"] { identity += id + " " }
            if case .string(let label)? = result["Label"] { identity += label }
            labels.append(identity.isEmpty ? "(unnamed)" : identity.trimmingSpaces)
            let lowered = identity.lowercased()
            let isRecords = lowered.contains(recordsMetric.lowercased())
            guard isRecords || lowered.contains(bytesMetric.lowercased()) else { continue }
            if case .string(let status)? = result["StatusCode"], status != "Complete" {
                throw ImportProblem(
                    "\(name).StatusCode is \"\(status)\": the data is incomplete (fetch every page, e.g. without --max-items)"
                )
            }
            let points = try metricDataPoints(result, name: name)
            if isRecords {
                guard contents.records == nil else { throw ImportProblem("two results are \(recordsMetric); keep one") }
                contents.records = points
            } else {
                guard contents.bytes == nil else { throw ImportProblem("two results are \(bytesMetric); keep one") }
                contents.bytes = points
            }
        }
        guard contents.records != nil || contents.bytes != nil else {
            throw ImportProblem(
                "no result's Id or Label contains \(recordsMetric) or \(bytesMetric) (found: \(labels.joined(separator: ", ")))"
            )
        }
        return contents
    }

    private static func metricDataPoints(_ result: JSONObject, name: String) throws(ImportProblem) -> MetricPoints {
        guard case .array(let stamps)? = result["Timestamps"], case .array(let values)? = result["Values"] else {
            throw ImportProblem("\(name) needs \"Timestamps\" and \"Values\" arrays")
        }
        guard stamps.count == values.count else {
            throw ImportProblem("\(name) has \(stamps.count) Timestamps but \(values.count) Values")
        }
        var points = MetricPoints()
        for (index, (stampValue, value)) in zip(stamps, values).enumerated() {
            guard case .string(let stamp) = stampValue, let time = TimestampParsing.epochMilliseconds(stamp) else {
                throw ImportProblem(
                    "\(name).Timestamps.\(index): expected an ISO-8601 time such as \"2026-11-20T10:00:00Z\"")
            }
            guard let sum = number(value) else { throw ImportProblem("\(name).Values.\(index): expected a number") }
            points.timestampsMilliseconds.append(time)
            points.sums.append(sum)
            points.itemNames.append("\(name).Values.\(index) (\(stamp))")
        }
        return points
    }

    private static func number(_ value: JSONValue) -> Double? {
        guard case .number = value else { return nil }
        return value.doubleValue
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let characters = Array(self)
        guard let first = characters.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = characters.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(characters[first...last])
    }
}
