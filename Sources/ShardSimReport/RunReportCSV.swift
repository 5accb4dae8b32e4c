import ShardSimEngine
import ShardSimModel

/// The per-second time series of a run, for spreadsheets.
///
/// Columns: `time_s,bucket_s,entity,metric,value`. `time_s` is the start of the bucket in simulated
/// seconds and `bucket_s` its width (1 s unless a long run was downsampled to keep memory bounded: each series
/// keeps at most 2,048 buckets, so a run longer than 2,048 s gets 2 s buckets, longer than 4,096 s 4 s ones, and
/// so on; then counters are averaged per second over the bucket and gauges are the bucket's maximum). Metrics:
/// `records_duplicated_per_s` per producer that lost responses (user records stored again, counted when the copy
/// is stored; docs/model.md section 20); `incoming_records_per_s`, `incoming_bytes_per_s`,
/// `throttled_records_per_s`, `getrecords_bytes_per_s` (bytes GetRecords returned to all polling consumers; only
/// when some poll) per shard; `iterator_age_ms` per consumer (only buckets with a read),
/// `throttled_getrecords_per_s` per polling consumer; `lease_table_write_units_per_s`,
/// `lease_table_read_units_per_s`, `lease_takeovers_per_s`, `lease_table_throttled_per_s` and
/// `records_reprocessed_per_s` per KCL application (docs/model.md section 19); `open_shards` for the stream at each
/// change (bucket_s empty). docs/model.md says the same. Rows are ordered by entity (stream, producers in scenario
/// order, shards in id order, consumers in scenario order), then metric, then time.
public enum RunReportCSV {
    public static let header = "time_s,bucket_s,entity,metric,value"

    public static func render(_ result: SimulationResult) -> String {
        var lines = [header]
        for change in result.shardCountTimeline {
            lines.append("\(seconds(change.atNanoseconds)),,stream,open_shards,\(change.openShards)")
        }
        let end = result.simulatedNanoseconds
        // Only producers that stored copies: every other report's CSV stays as it was.
        for producer in result.producers where producer.statistics.recordsDuplicated > 0 {
            append(
                &lines, producer.statistics.recordsDuplicatedSeries, end: end, entity: field(producer.name),
                metric: "records_duplicated_per_s")
        }
        for shard in result.shards {
            let id = shard.description.shardId
            append(
                &lines, shard.write.acceptedRecordsSeries, end: end, entity: field(id), metric: "incoming_records_per_s"
            )
            append(&lines, shard.write.acceptedBytesSeries, end: end, entity: id, metric: "incoming_bytes_per_s")
            append(&lines, shard.write.throttledRecordsSeries, end: end, entity: id, metric: "throttled_records_per_s")
            append(&lines, shard.read.sharedReadBytesSeries, end: end, entity: id, metric: "getrecords_bytes_per_s")
        }
        for consumer in result.consumers {
            let series = consumer.statistics.iteratorAgeSeries
            let points = series.points(through: end)
            let width =
                points.count > 1
                ? points[1].startNanoseconds - points[0].startNanoseconds : series.bucketWidthNanoseconds
            for point in points where point.hasValue {
                lines.append(
                    "\(seconds(point.startNanoseconds)),\(seconds(width)),\(field(consumer.name)),iterator_age_ms,"
                        + TextFormat.plain(point.maxValue))
            }
            if !consumer.configuration.isEnhancedFanOutApplication {
                append(
                    &lines, consumer.statistics.readThrottledCallsSeries, end: end, entity: field(consumer.name),
                    metric: "throttled_getrecords_per_s")
            }
            if consumer.configuration.type == .kcl {
                let kcl = consumer.statistics.kcl
                let name = field(consumer.name)
                append(
                    &lines, kcl.leaseTableWriteUnitsSeries, end: end, entity: name,
                    metric: "lease_table_write_units_per_s")
                append(
                    &lines, kcl.leaseTableReadUnitsSeries, end: end, entity: name,
                    metric: "lease_table_read_units_per_s")
                // The rest only when something happened: most KCL runs replay nothing and are never throttled.
                if kcl.leaseTakeovers > 0 {
                    append(&lines, kcl.leaseTakeoversSeries, end: end, entity: name, metric: "lease_takeovers_per_s")
                }
                if kcl.leaseTableThrottledRequests > 0 {
                    append(
                        &lines, kcl.leaseTableThrottledSeries, end: end, entity: field(consumer.name),
                        metric: "lease_table_throttled_per_s")
                }
                if kcl.recordsReprocessed > 0 {
                    append(
                        &lines, kcl.recordsReprocessedSeries, end: end, entity: field(consumer.name),
                        metric: "records_reprocessed_per_s")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func append(
        _ lines: inout [String], _ series: CounterSeries, end: Int64, entity: String, metric: String
    ) {
        let points = series.points(through: end)
        guard !points.isEmpty else { return }
        let width =
            points.count > 1 ? points[1].startNanoseconds - points[0].startNanoseconds : series.bucketWidthNanoseconds
        let widthSeconds = nanosecondsToSeconds(width)
        for point in points {
            lines.append(
                "\(seconds(point.startNanoseconds)),\(seconds(width)),\(entity),\(metric),"
                    + TextFormat.plain(point.sum / widthSeconds))
        }
    }

    static func seconds(_ nanoseconds: Int64) -> String { TextFormat.plain(nanosecondsToSeconds(nanoseconds)) }

    /// A CSV field (`OutputEscaping.csv`).
    static func field(_ text: String) -> String { OutputEscaping.csv(text) }
}
