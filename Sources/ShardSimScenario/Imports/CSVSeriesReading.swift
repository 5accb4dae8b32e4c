/// `timestamp,records[,bytes]` CSV: one row per period, the timestamp ISO-8601 or epoch seconds, the values the
/// period's totals. Blank lines and lines starting with "#" are skipped.
enum CSVSeriesReading {
    static func read(_ bytes: [UInt8]) throws(ImportProblem) -> SeriesFileContents {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw ImportProblem("not UTF-8 text") }
        var records = MetricPoints()
        var byteCounts = MetricPoints()
        var columns: [String]?
        for (offset, rawLine) in text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }
        ).enumerated() {
            let line = String(rawLine).replacingCarriageReturn.trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            let lineName = "line \(offset + 1)"
            guard let header = columns else {
                let names = fields.map { $0.lowercased() }
                guard names == ["timestamp", "records"] || names == ["timestamp", "records", "bytes"] else {
                    throw ImportProblem(
                        "\(lineName): expected the header timestamp,records or timestamp,records,bytes, "
                            + "or the JSON of aws cloudwatch get-metric-statistics / get-metric-data")
                }
                columns = names
                continue
            }
            guard fields.count == header.count else {
                throw ImportProblem(
                    "\(lineName): expected \(header.count) values (\(header.joined(separator: ","))), got \(fields.count)"
                )
            }
            guard let time = TimestampParsing.epochMilliseconds(fields[0]) else {
                throw ImportProblem(
                    "\(lineName): timestamp \"\(fields[0])\" is neither ISO-8601 (2026-11-20T10:00:00Z) nor epoch seconds"
                )
            }
            records.timestampsMilliseconds.append(time)
            records.sums.append(try value(fields[1], column: "records", line: lineName))
            records.itemNames.append(lineName)
            if header.count == 3 {
                byteCounts.timestampsMilliseconds.append(time)
                byteCounts.sums.append(try value(fields[2], column: "bytes", line: lineName))
                byteCounts.itemNames.append(lineName)
            }
        }
        guard let header = columns else {
            throw ImportProblem("the file is empty; expected the header timestamp,records,bytes and one row per period")
        }
        return SeriesFileContents(records: records, bytes: header.count == 3 ? byteCounts : nil)
    }

    private static func value(_ text: String, column: String, line: String) throws(ImportProblem) -> Double {
        if text.hasPrefix("-"), ValueReading.isPlainDecimal(String(text.dropFirst())) {
            throw ImportProblem("\(line): \(column) \(text) is negative")
        }
        guard ValueReading.isPlainDecimal(text), let number = Double(text), number.isFinite else {
            throw ImportProblem("\(line): \(column) \"\(text)\" is not a number")
        }
        return number
    }
}

extension String {
    var replacingCarriageReturn: String { hasSuffix("\r") ? String(dropLast()) : self }
}
