/// Something a run has to say about its scenario as given, as values: the report layer words it
/// (`RunNote.text` in ShardSimReport), so the model writes no sentences.
public enum RunNote: Sendable, Equatable {
    /// An on-demand stream sized itself: it started with `startShardCount` shards (the scenario's shardCount is
    /// not used) and ended with `endShardCount`.
    case onDemandSizedItself(startShardCount: Int, endShardCount: Int)
    /// The peak offered write rate was above the on-demand stream's maximum write throughput, so it scaled no
    /// further than `maxShardCount` and writes above the maximum throttled.
    case onDemandAboveMaximumThroughput(
        peakBytesPerSecond: Int64, peakRecordsPerSecond: Int64, maxBytesPerSecond: Int64,
        maxRecordsPerSecond: Int64, maxShardCount: Int)
    /// `stream.onDemand` describes compare's on-demand side; a provisioned run does not use it.
    case onDemandSettingsUnused
    /// `events[eventIndex]` is at or after the end of the run and never happens.
    case eventAfterEnd(eventIndex: Int, atNanoseconds: Int64)
    /// A diurnal profile runs between its trough and peak (mean `meanRecordsPerSecond`); the producer's
    /// `recordsPerSecond` is not used.
    case diurnalRecordsPerSecondUnused(producer: String, meanRecordsPerSecond: Double, recordsPerSecond: Double)
    /// A PutRecord producer sends one record per call: its batching settings do not apply.
    case putRecordIgnoresBatching(producer: String)
}
