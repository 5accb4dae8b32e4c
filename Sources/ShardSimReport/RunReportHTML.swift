import ShardSimEngine
import ShardSimModel
import ShardSimPlanner

/// The `run` report as HTML with charts: where the load sits, when it throttles, how late records are, cost.
public enum RunReportHTML {
    /// The page of `result`; with `replications` (N ≥ 2) it opens with their table and `result` is replication 1's.
    public static func page(
        _ result: SimulationResult, objective: ServiceLevelObjective?, description: String?,
        replications: ReplicatedRun? = nil
    ) -> String {
        HTMLReport.page(
            RunReportText.document(result, objective: objective, replications: replications),
            description: description,
            charts: (replications.flatMap(ReplicationReport.spreadChart).map { [$0] } ?? []) + charts(result))
    }

    static func charts(_ result: SimulationResult) -> [String] {
        let write = [utilisationHeatmap(result), throttledOverTime(result)]
        // A run whose lesson is read throttling leads with the read path, not with a calm write chart. Writes are
        // calm when they throttle less than the diagnosis threshold (0.1 %): a few Poisson bursts over the limit in a
        // long run come and go with the seed, and must not reorder the report.
        let read = ReadPathCharts.charts(result)
        let readFirst =
            result.totals.readProvisionedThroughputExceeded > 0
            && result.totals.writeThrottledFraction < WriteDiagnosis.minimumThrottledFraction
        var charts = readFirst ? read + write : write + read
        charts.append(latencyCDF(result))
        if result.shardCountTimeline.count > 1 { charts.append(shardCountOverTime(result)) }
        let cost = result.monthlyCost
        charts.append(
            SVGChart.barChart(
                title: "Monthly cost by AWS price dimension", valueLabel: "USD per month",
                bars: cost.lineItems.map { ($0.item.billName, $0.monthlyUSD) },
                valueFormat: { "$" + TextFormat.decimal($0, places: 2) }))
        return charts
    }

    /// Per shard and time bucket: the larger of offered records and accepted bytes as a share of the limits.
    static func utilisationHeatmap(_ result: SimulationResult) -> String {
        let end = result.simulatedNanoseconds
        let limits = result.configuration.stream.limits
        let columns = CommonBuckets(result: result)
        let rows = result.shards.map { shard -> HeatmapRow in
            let records = columns.resample(shard.write.acceptedRecordsSeries.points(through: end))
            let throttled = columns.resample(shard.write.throttledRecordsSeries.points(through: end))
            let bytes = columns.resample(shard.write.acceptedBytesSeries.points(through: end))
            let values = (0..<columns.count).map { index -> Double in
                100
                    * limits.writeUtilization(
                        recordsPerSecond: records[index] + throttled[index], bytesPerSecond: bytes[index])
            }
            return HeatmapRow(
                label: shard.description.shardId.replacingOccurrences(of: "shardId-", with: ""), values: values)
        }
        return SVGChart.heatmap(
            title: "Write load per shard over time (hot shards stand out)", xLabel: "simulated time",
            valueLabel: "write load, % of the tighter per-shard limit (offered records or accepted bytes)",
            rows: rows, columnStartSeconds: columns.startSeconds, maxValue: 100)
    }

    static func throttledOverTime(_ result: SimulationResult) -> String {
        let columns = CommonBuckets(result: result)
        var total = Array(repeating: 0.0, count: columns.count)
        for shard in result.shards {
            let values = columns.resample(
                shard.write.throttledRecordsSeries.points(through: result.simulatedNanoseconds))
            for index in total.indices { total[index] += values[index] }
        }
        let points = zip(columns.startSeconds, total).map { ChartPoint(x: $0, y: $1) }
        return SVGChart.lineChart(
            title: "Throttled record attempts (WriteProvisionedThroughputExceeded)", xLabel: "simulated time",
            yLabel: "throttled attempts per second", series: [ChartSeries(name: "stream", points: points)])
    }

    /// Latency CDFs: put latency per producer and end-to-end latency per consumer, from the histograms, on a
    /// log-scaled time axis when they span more than two decades (put in milliseconds, a lagging reader in minutes).
    /// `titlePrefix` names the side on a compare page ("PROVISIONED (3 shards): ").
    static func latencyCDF(_ result: SimulationResult, titlePrefix: String = "") -> String {
        let percentiles: [Double] = [1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.9, 100]
        func cdf(_ name: String, _ histogram: LatencyHistogram) -> ChartSeries? {
            guard histogram.count > 0 else { return nil }
            return ChartSeries(
                name: name,
                points: percentiles.map { ChartPoint(x: nanosecondsToMilliseconds(histogram.percentile($0)), y: $0) })
        }
        let series =
            result.producers.compactMap { cdf("put: " + $0.name, $0.statistics.putLatency) }
            + result.consumers.compactMap { cdf("end-to-end: " + $0.name, $0.statistics.endToEndLatency) }
        return SVGChart.lineChart(
            title: titlePrefix + "Latency distribution (put, and acceptance to processed)",
            xLabel: "latency, ms", yLabel: "percentile, %", series: series,
            logarithmicX: SVGChart.spansDecades(series))
    }

    static func shardCountOverTime(_ result: SimulationResult) -> String {
        var points = result.shardCountTimeline.map {
            ChartPoint(x: nanosecondsToSeconds($0.atNanoseconds), y: Double($0.openShards))
        }
        if let last = points.last {
            points.append(ChartPoint(x: nanosecondsToSeconds(result.simulatedNanoseconds), y: last.y))
        }
        return SVGChart.lineChart(
            title: "Open shards over time", xLabel: "simulated time", yLabel: "open shards",
            series: [ChartSeries(name: "open shards", points: points)], step: true)
    }
}

/// Time buckets shared by every shard's series (series of shards created later can be finer; they are
/// summed into the widest bucket width so rows line up).
struct CommonBuckets {
    let widthNanoseconds: Int64
    let count: Int

    init(result: SimulationResult) {
        var width = nanosecondsPerSecond
        let series =
            result.shards.flatMap { [$0.write.acceptedRecordsSeries, $0.read.sharedReadBytesSeries] }
            + result.consumers.map(\.statistics.readThrottledCallsSeries)
        for counter in series {
            let points = counter.points(through: result.simulatedNanoseconds)
            if points.count > 1 { width = max(width, points[1].startNanoseconds - points[0].startNanoseconds) }
        }
        widthNanoseconds = width
        count = max(1, Int((result.simulatedNanoseconds + width - 1) / width))
    }

    var startSeconds: [Double] { (0..<count).map { nanosecondsToSeconds(Int64($0) * widthNanoseconds) } }

    /// Per-second averages in each common bucket.
    func resample(_ points: [CounterSeries.Point]) -> [Double] {
        var sums = Array(repeating: 0.0, count: count)
        for point in points {
            let index = Int(point.startNanoseconds / widthNanoseconds)
            if index < count { sums[index] += point.sum }
        }
        let seconds = nanosecondsToSeconds(widthNanoseconds)
        return sums.map { $0 / seconds }
    }
}
