/// Datapoints of one metric as a file gave them: timestamps (epoch milliseconds) and per-period sums, in file order.
struct MetricPoints: Equatable {
    var timestampsMilliseconds: [Int64] = []
    var sums: [Double] = []
    /// How the file names a datapoint in messages ("datapoint 3", "line 5").
    var itemNames: [String] = []
}

/// What a series file holds: the records metric, the bytes metric, or both.
struct SeriesFileContents {
    var records: MetricPoints?
    var bytes: MetricPoints?
}

/// A problem with a referenced file, in words that follow the file's name in the message.
struct ImportProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// A validated, evenly spaced series: datapoint i covers [start + i·period, start + (i+1)·period).
struct RegularSeries: Equatable {
    var startMilliseconds: Int64
    var periodMilliseconds: Int64
    var sums: [Double]

    /// Most datapoints one series may hold: what one `aws cloudwatch get-metric-data` call returns per metric
    /// (100,800), far more than get-metric-statistics' 1,440. CloudWatch API Reference, GetMetricData and
    /// GetMetricStatistics: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
    static let maxDatapoints = 100_800

    /// Longest period accepted: one day (CloudWatch keeps 1-hour points for 455 days; a day is a generous bound).
    static let maxPeriodMilliseconds: Int64 = 86_400_000

    var lengthMilliseconds: Int64 { periodMilliseconds * Int64(sums.count) }

    /// Sorts the points, then checks them: at least one, no duplicate timestamp, finite sums ≥ 0, and an even
    /// spacing (no gaps). The period is `periodSeconds` when given, else the smallest spacing between points.
    static func build(_ points: MetricPoints, periodSeconds: Int64?) throws(ImportProblem) -> RegularSeries {
        guard !points.sums.isEmpty else { throw ImportProblem("the series has no datapoints") }
        guard points.sums.count <= maxDatapoints else {
            throw ImportProblem(
                "the series has \(formatted(Int64(points.sums.count))) datapoints; at most \(formatted(Int64(maxDatapoints)))"
            )
        }
        for (index, sum) in points.sums.enumerated() {
            guard sum.isFinite else {
                throw ImportProblem("\(points.itemNames[index]): the value is not a finite number")
            }
            guard sum >= 0 else {
                throw ImportProblem("\(points.itemNames[index]): the value \(formatted(sum)) is negative")
            }
        }
        // Stable sort by time (CloudWatch lists datapoints unordered, get-metric-data newest first).
        let order = points.timestampsMilliseconds.indices.sorted {
            (points.timestampsMilliseconds[$0], $0) < (points.timestampsMilliseconds[$1], $1)
        }
        let times = order.map { points.timestampsMilliseconds[$0] }
        for (earlier, later) in zip(order, order.dropFirst())
        where points.timestampsMilliseconds[earlier] == points.timestampsMilliseconds[later] {
            throw ImportProblem(
                "\(points.itemNames[earlier]) and \(points.itemNames[later]) have the same timestamp "
                    + "\(TimestampParsing.text(epochMilliseconds: points.timestampsMilliseconds[later])); each period needs exactly one datapoint"
            )
        }
        let period = try periodMilliseconds(times: times, periodSeconds: periodSeconds)
        for (earlier, later) in zip(times, times.dropFirst()) where later - earlier != period {
            let gap =
                "\(TimestampParsing.text(epochMilliseconds: earlier)) and \(TimestampParsing.text(epochMilliseconds: later))"
            if later - earlier > period {
                throw ImportProblem(
                    "a gap between \(gap) (\(describeMilliseconds(later - earlier)) apart, the period is "
                        + "\(describeMilliseconds(period))); CloudWatch leaves out periods without data: add the missing datapoints with 0"
                )
            }
            throw ImportProblem(
                "\(gap) are \(describeMilliseconds(later - earlier)) apart, less than the period of \(describeMilliseconds(period))"
            )
        }
        return RegularSeries(
            startMilliseconds: times[0], periodMilliseconds: period, sums: order.map { points.sums[$0] })
    }

    private static func periodMilliseconds(times: [Int64], periodSeconds: Int64?) throws(ImportProblem) -> Int64 {
        if let periodSeconds { return periodSeconds * 1_000 }
        guard times.count >= 2 else {
            throw ImportProblem(
                "one datapoint does not say how long its period is; add \"periodSeconds\" to the rateProfile")
        }
        var smallest = Int64.max
        for (earlier, later) in zip(times, times.dropFirst()) where later - earlier < smallest {
            smallest = later - earlier
        }
        guard smallest <= maxPeriodMilliseconds else {
            throw ImportProblem(
                "datapoints are \(describeMilliseconds(smallest)) apart; the longest period accepted is 1 day")
        }
        return smallest
    }

    static func describeMilliseconds(_ milliseconds: Int64) -> String {
        ValueReading.describeDuration(
            milliseconds.multipliedReportingOverflow(by: 1_000_000).overflow ? .max : milliseconds * 1_000_000)
    }
}
