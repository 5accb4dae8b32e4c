import ShardSimEngine
import ShardSimModel

/// The read path's charts for a run report: per-shard shared read throughput against its limit, throttled
/// GetRecords calls over time, and iterator age per consumer. A scenario whose lesson is read throttling
/// shows it here.
enum ReadPathCharts {
    /// Up to this many shards get one line each; more become a heatmap, where hot shards still stand out.
    static let maxShardLines = 8

    static func charts(_ result: SimulationResult) -> [String] {
        guard !result.consumers.isEmpty else { return [] }
        var charts: [String] = []
        let polling = result.consumers.filter { !$0.configuration.isEnhancedFanOutApplication }
        if !polling.isEmpty {
            charts.append(sharedReadThroughput(result))
            charts.append(throttledGetRecordsOverTime(result, consumers: polling))
        }
        charts.append(iteratorAgeOverTime(result))
        return charts
    }

    /// Bytes GetRecords returned per shard per second, in MiB/s, against the shared 2 MiB/s limit.
    static func sharedReadThroughput(_ result: SimulationResult) -> String {
        let columns = CommonBuckets(result: result)
        let end = result.simulatedNanoseconds
        let limit = Double(result.configuration.stream.limits.readBytesPerSecond)
        let title = "Shared (GetRecords) read throughput per shard against its limit"
        let perShard = result.shards.map { shard in
            (
                label: shard.description.shardId.replacingOccurrences(of: "shardId-", with: ""),
                values: columns.resample(shard.read.sharedReadBytesSeries.points(through: end))
            )
        }
        if perShard.count > maxShardLines {
            let rows = perShard.map { HeatmapRow(label: $0.label, values: $0.values.map { 100 * $0 / limit }) }
            return SVGChart.heatmap(
                title: title, xLabel: "simulated time",
                valueLabel: "GetRecords bytes read, % of the shard's shared read limit (all polling consumers)",
                rows: rows, columnStartSeconds: columns.startSeconds, maxValue: 100)
        }
        let mebibyte = 1_048_576.0
        var seconds = 1.0
        var series = perShard.map { shard in
            let averaged = Averaged(starts: columns.startSeconds, values: shard.values.map { $0 / mebibyte })
            seconds = averaged.bucketSeconds
            return ChartSeries(name: "shard " + shard.label, points: averaged.points)
        }
        let limitText = TextFormat.plain(limit / mebibyte)
        series.append(
            ChartSeries(
                name: "limit \(limitText) MiB/s (all polling readers)",
                points: [columns.startSeconds.first ?? 0, nanosecondsToSeconds(end)].map {
                    ChartPoint(x: $0, y: limit / mebibyte)
                }))
        return SVGChart.lineChart(
            title: title + Averaged.note(seconds), xLabel: "simulated time", yLabel: "read, MiB/s",
            series: series)
    }

    /// Throttled GetRecords calls (ReadProvisionedThroughputExceeded) per second, one line per polling consumer.
    static func throttledGetRecordsOverTime(_ result: SimulationResult, consumers: [ConsumerResult]) -> String {
        let columns = CommonBuckets(result: result)
        var seconds = 1.0
        let series = consumers.map { consumer in
            let values = columns.resample(
                consumer.statistics.readThrottledCallsSeries.points(through: result.simulatedNanoseconds))
            let averaged = Averaged(starts: columns.startSeconds, values: values)
            seconds = averaged.bucketSeconds
            return ChartSeries(name: consumer.name, points: averaged.points)
        }
        return SVGChart.lineChart(
            title: "Throttled GetRecords calls (ReadProvisionedThroughputExceeded)" + Averaged.note(seconds),
            xLabel: "simulated time", yLabel: "throttled calls/s", series: series)
    }

    static func iteratorAgeOverTime(_ result: SimulationResult) -> String {
        let series = result.consumers.map { consumer in
            ChartSeries(
                name: consumer.name,
                points: consumer.statistics.iteratorAgeSeries.points(through: result.simulatedNanoseconds)
                    .filter(\.hasValue).map {
                        ChartPoint(x: nanosecondsToSeconds($0.startNanoseconds), y: $0.maxValue / 1_000)
                    }
            )
        }
        return SVGChart.lineChart(
            title: "Iterator age per consumer (how far behind it reads)", xLabel: "simulated time",
            yLabel: "iterator age, s", series: series)
    }
}

/// Per-second values averaged over runs of buckets so a chart has at most `maxPoints` points: second by second,
/// reads swing between 0 and 10 MiB (one big GetRecords call, then the debt it leaves), which drawn over 20 minutes
/// is a solid band; averaged over 15 s they read as the sustained rate against the limit, which is the lesson.
struct Averaged {
    static let maxPoints = 80
    let points: [ChartPoint]
    let bucketSeconds: Double

    init(starts: [Double], values: [Double]) {
        let width = starts.count > 1 ? starts[1] - starts[0] : 1
        let merge = max(1, (values.count + Self.maxPoints - 1) / Self.maxPoints)
        bucketSeconds = width * Double(merge)
        points = stride(from: 0, to: values.count, by: merge).map { first in
            let last = min(first + merge, values.count)
            return ChartPoint(x: starts[first], y: values[first..<last].reduce(0, +) / Double(last - first))
        }
    }

    /// What the title adds when buckets were averaged: ", 10 s means".
    static func note(_ seconds: Double) -> String {
        seconds > 1 ? ", " + TextFormat.plain(seconds) + " s means" : ""
    }
}
