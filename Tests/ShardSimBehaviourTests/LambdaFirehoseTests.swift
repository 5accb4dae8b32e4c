import ShardSimEngine
import ShardSimModel
import ShardSimTestSupport
import Testing

/// Lambda event source mappings and Firehose delivery streams as consumers, derived by hand from AWS's
/// documented batching, parallelization, retry and buffering rules.
@Suite struct LambdaFirehoseTests {
    private func scenario(
        shards: Int = 1, recordsPerSecond: Double, recordSizeBytes: Int = 200, duration: String = "10m",
        consumer: String
    ) -> String {
        """
        { "name": "managed-readers", "duration": "\(duration)", "seed": 9, "stream": { "shardCount": \(shards) },
          "producers": [{ "name": "p", "recordsPerSecond": \(recordsPerSecond), "recordSizeBytes": \(recordSizeBytes),
                          "partitionKeys": { "distribution": "uniform", "count": 1000 } }],
          "consumers": [\(consumer)] }
        """
    }

    private func only(_ result: SimulationResult) throws -> ConsumerResult { try #require(result.consumers.first) }

    @Test func fiftyRecordsPerSecondWithBatchSize100InvokeAboutOncePerSecond() throws {
        // Window 0: Lambda invokes as soon as a poll (once a second when idle) brings records: ~50 per call.
        let result = try runScenario(
            scenario(recordsPerSecond: 50, consumer: #"{ "name": "f", "type": "lambda", "batchSize": 100 }"#))
        let lambda = try only(result)
        expectNear(Double(lambda.statistics.invocations) / 600, 1, within: 0.05, "invocations per second")
    }

    @Test func fiveSecondBatchingWindowInvokesEveryFiveSeconds() throws {
        // batchSize 1,000 is never reached at 50 rec/s, so the 5 s window decides: one invocation every ~5 s with
        // ~250 records. The window opens at the first poll that finds records (t0) and closes at t0 + 5 s, so it
        // holds the records read at the polls t0 … t0 + 4 s; each poll brings those accepted 1.2 s to 0.2 s
        // before it (once-a-second polling, 200 ms propagation). Latency of a record read at poll k is
        // 5 s − k + (0.2 … 1.2 s) + ~0.15 s of function time: averaged over k = 0 … 4, the median is
        // 2.5 s (half the window) + 0.5 s + 0.7 s + 0.15 s ≈ 3.85 s.
        let consumer = #"{ "name": "f", "type": "lambda", "batchSize": 1000, "maximumBatchingWindowInSeconds": 5 }"#
        let result = try runScenario(scenario(recordsPerSecond: 50, consumer: consumer))
        let lambda = try only(result)
        expectNear(Double(lambda.statistics.invocations), 120, within: 6, "invocations in 10 minutes")
        let median = Double(lambda.statistics.endToEndLatency.percentile(50)) / 1e9
        expectNear(median, 3.85, within: 0.25, "median end-to-end latency (s)")
    }

    @Test func slowFunctionNeedsParallelization() throws {
        // 200 rec/s in batches of 100 taking 1 s each: 2 s of function time per second. One batch at a time
        // falls behind (iterator age past a minute in 10 minutes); three at a time keep up.
        func run(_ factor: Int) throws -> ConsumerResult {
            let consumer =
                #"{ "name": "f", "type": "lambda", "batchSize": 100, "parallelizationFactor": \#(factor), "duration": { "base": "1s", "perRecord": "0ms" } }"#
            return try only(try runScenario(scenario(recordsPerSecond: 200, consumer: consumer)))
        }
        let single = try run(1)
        #expect(single.statistics.maxIteratorAgeNanoseconds > 60 * nanosecondsPerSecond)
        let triple = try run(3)
        #expect(triple.statistics.maxIteratorAgeNanoseconds < 10 * nanosecondsPerSecond)
        #expect(triple.statistics.concurrentExecutionsPeak >= 2)
        #expect(triple.statistics.concurrentExecutionsPeak <= 3)
    }

    @Test func parallelizationCannotSplitOnePartitionKey() throws {
        // Records of one key stay in order: with a single key, ParallelizationFactor 3 still runs one batch at a
        // time, so the slow function (2 s of work per second) falls behind just as with factor 1.
        let consumer =
            #"{ "name": "f", "type": "lambda", "batchSize": 100, "parallelizationFactor": 3, "duration": { "base": "1s", "perRecord": "0ms" } }"#
        let json = scenario(recordsPerSecond: 200, consumer: consumer)
            .replacingOccurrences(of: #""count": 1000"#, with: #""count": 1"#)
        let lambda = try only(try runScenario(json))
        #expect(lambda.statistics.concurrentExecutionsPeak == 1)
        #expect(lambda.statistics.maxIteratorAgeNanoseconds > 60 * nanosecondsPerSecond)
    }

    @Test func alwaysFailingBatchesAreTriedThreeTimesWithTwoRetries() throws {
        // maximumRetryAttempts 2: the first try and two retries, then the batch's records count as failed.
        let consumer =
            #"{ "name": "f", "type": "lambda", "batchSize": 100, "functionErrorRate": 1.0, "maximumRetryAttempts": 2 }"#
        let lambda = try only(try runScenario(scenario(recordsPerSecond: 50, duration: "5m", consumer: consumer)))
        #expect(lambda.statistics.recordsDelivered == 0)
        #expect(lambda.statistics.functionErrors == lambda.statistics.invocations)
        let batchesGivenUp = lambda.statistics.invocations / 3
        #expect(lambda.statistics.invocations % 3 <= 2)
        #expect(batchesGivenUp > 250)
        #expect(lambda.statistics.recordsFailed > 14_000)
    }

    @Test func bisectingLosesOnlyThePoisonedRecords() throws {
        // 1% poison records in batches of 100: ~63% of batches hold one (1 − 0.99^100). Without bisecting, all
        // their records are lost after the retries; with bisecting, halves are retried until the poison record
        // stands alone, so only the poison records (~1%) are lost.
        func run(bisect: Bool) throws -> ConsumerResult {
            let consumer =
                #"{ "name": "f", "type": "lambda", "batchSize": 100, "poisonRecordShare": 0.01, "maximumRetryAttempts": 2, "bisectBatchOnFunctionError": \#(bisect), "duration": { "base": "5ms", "perRecord": "0ms" } }"#
            return try only(try runScenario(scenario(recordsPerSecond: 100, duration: "10m", consumer: consumer)))
        }
        let whole = try run(bisect: false)
        let read = Double(whole.statistics.recordsFailed + whole.statistics.recordsDelivered)
        expectNear(Double(whole.statistics.recordsFailed) / read, 0.63, within: 0.05, "lost share without bisect")
        let halves = try run(bisect: true)
        let readWithBisect = Double(halves.statistics.recordsFailed + halves.statistics.recordsDelivered)
        expectNear(
            Double(halves.statistics.recordsFailed) / readWithBisect, 0.01, within: 0.003, "lost share with bisect")
    }

    @Test func maximumRecordAgeDropsOldRecords() throws {
        // A function far too slow for its load (10 s per batch of 100 at 100 rec/s) with records older than
        // 60 s dropped: the backlog never exceeds about a minute, and what is older is counted as failed.
        let consumer =
            #"{ "name": "f", "type": "lambda", "batchSize": 100, "maximumRecordAgeInSeconds": 60, "duration": { "base": "10s", "perRecord": "0ms" } }"#
        let lambda = try only(try runScenario(scenario(recordsPerSecond: 100, consumer: consumer)))
        #expect(lambda.statistics.recordsFailed > 10_000)
        #expect(lambda.statistics.maxIteratorAgeNanoseconds < 75 * nanosecondsPerSecond)
    }

    @Test func firehoseAtTenKiBPerSecondDeliversTwelveObjectsAnHour() throws {
        // 10 KiB/s never fills 5 MiB in 300 s (only ~3 MiB), so the interval decides: 3,600 / 300 = 12 objects.
        let consumer =
            #"{ "name": "archive", "type": "firehose", "bufferingHints": { "sizeInMBs": 5, "intervalInSeconds": 300 }, "destination": "S3" }"#
        let result = try runScenario(
            scenario(recordsPerSecond: 10, recordSizeBytes: 1_018, duration: "1h", consumer: consumer))
        let firehose = try only(result)
        expectNear(Double(firehose.statistics.deliveries), 12, within: 1, "objects per hour")
    }

    @Test func firehoseAtOneMiBPerSecondDeliversEveryFiveSeconds() throws {
        // ~1 MiB/s fills the 5 MiB buffer in ~5 s, long before 300 s: ~120 objects in 10 minutes.
        let consumer =
            #"{ "name": "archive", "type": "firehose", "bufferingHints": { "sizeInMBs": 5, "intervalInSeconds": 300 } }"#
        let result = try runScenario(
            scenario(shards: 2, recordsPerSecond: 1_000, recordSizeBytes: 1_040, consumer: consumer))
        let firehose = try only(result)
        expectNear(Double(firehose.statistics.deliveries), 120, within: 8, "objects in 10 minutes")
    }

    @Test func firehoseBufferingHintsAreCheckedPerDestination() {
        let consumer =
            #"{ "name": "logs", "type": "firehose", "destination": "Splunk", "bufferingHints": { "sizeInMBs": 10, "intervalInSeconds": 120 } }"#
        do {
            _ = try runScenario(scenario(recordsPerSecond: 1, consumer: consumer))
            Issue.record("Splunk allows 1–5 MB and 0–60 s")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("consumers.0.bufferingHints.sizeInMBs"))
            #expect(text.contains("consumers.0.bufferingHints.intervalInSeconds"))
        }
    }

    @Test func lambdaCostFollowsInvocationsAndDuration() throws {
        // 50 rec/s, one ~45 ms invocation per second at 128 MB: 2,628,000 requests a month = $0.53;
        // 45 ms × 0.125 GB × 2,628,000 ≈ 14,783 GB-s ≈ $0.25.
        let consumer =
            #"{ "name": "f", "type": "lambda", "batchSize": 100, "duration": { "base": "20ms", "perRecord": "0.5ms" } }"#
        let result = try runScenario(scenario(recordsPerSecond: 50, consumer: consumer))
        let cost = result.monthlyCost
        let requests = try #require(cost.lineItems.first { $0.item == .lambdaRequests })
        expectNear(requests.monthlyUSD, 0.53, within: 0.02, "Lambda requests per month")
        let duration = try #require(cost.lineItems.first { $0.item == .lambdaDuration })
        expectNear(duration.monthlyUSD, 0.25, within: 0.03, "Lambda duration per month")
    }
}
