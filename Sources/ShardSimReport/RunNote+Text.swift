import ShardSimEngine
import ShardSimModel

extension RunNote {
    /// The note as the reports print it.
    public var text: String {
        switch self {
        case .onDemandSizedItself(let start, let end):
            return
                "ON_DEMAND stream: started with \(start) shards and sized itself (shardCount is not used); ended with \(end)"
        case .onDemandAboveMaximumThroughput(
            let peakBytes, let peakRecords, let maxBytes, let maxRecords, let maxShards):
            return "ON_DEMAND stream: the offered writes (peak \(Self.mebibytes(peakBytes)) MiB/s, "
                + "\(Self.grouped(peakRecords)) records/s) are above its maximum write throughput of "
                + "\(Self.mebibytes(maxBytes)) MiB/s and \(Self.grouped(maxRecords)) records/s "
                + "(assumptions.onDemand.maxStreamWriteBytesPerSecond, maxStreamWriteRecordsPerSecond), so it scales no further than "
                + "\(maxShards) shards and writes above the maximum are throttled. AWS documents "
                + "10 GB/s in us-east-1, us-west-2 and eu-west-1 and 200 MB/s elsewhere, raised by a support request"
        case .onDemandSettingsUnused:
            return
                "stream.onDemand describes the on-demand side of `shardsim compare`; this PROVISIONED run does not use it"
        case .eventAfterEnd(let index, let at):
            return "events.\(index) at \(nanosecondsToSeconds(at)) s is after the end of the run and never happens"
        case .diurnalRecordsPerSecondUnused(let producer, let mean, let recordsPerSecond):
            return "producer '\(producer)': a diurnal profile runs between troughRecordsPerSecond and "
                + "peakRecordsPerSecond (mean \(mean)/s); its recordsPerSecond (\(recordsPerSecond)) is not used"
        case .putRecordIgnoresBatching(let producer):
            return "producer '\(producer)' uses PutRecord, one record per call: its batching settings do not apply"
        }
    }

    /// Bytes as MiB for a note: whole when exact, else two decimals (truncated).
    static func mebibytes(_ bytes: Int64) -> String {
        bytes % 1_048_576 == 0 ? String(bytes / 1_048_576) : String(Double(Int(Double(bytes) / 1_048_576 * 100)) / 100)
    }

    /// A whole number with thousands separators, for notes.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(character)
        }
        return (value < 0 ? "-" : "") + text
    }
}
