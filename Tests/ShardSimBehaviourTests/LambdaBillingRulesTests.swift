import ShardSimEngine
import ShardSimModel
import ShardSimReport
import ShardSimTestSupport
import Testing

/// Lambda event source mappings as AWS counts and bills them (issue 13): batchSize counts Kinesis records,
/// the 6 MB payload holds base64 data inside the event JSON, partial batch responses and on-failure
/// destinations, and a bounded concurrency. Every expectation is derived by hand in its comment.
@Suite struct LambdaBillingRulesTests {
    private func lambda(_ result: SimulationResult, _ name: String = "fn") throws -> ConsumerResult {
        try #require(result.consumers.first { $0.name == name })
    }

    @Test func aggregatedRecordsReachTheFunctionWholeSoOnePollIsOneInvocation() throws {
        // 5,000 user records/s of 100 B, KPL-aggregated into ≤ 51,200 B Kinesis records: ~420 user records each
        // (100 B + a ~12-character key + per-record framing), so the shard holds ~12 Kinesis records a second.
        // Lambda polls an idle shard once a second and batchSize 100 counts Kinesis records: each poll's ~12
        // aggregates make one invocation. 5 minutes → 300 invocations, each de-aggregating ~5,000 user records
        // in 20 ms + 5,000 × 0.1 ms = 520 ms, so the function keeps up (iterator age about a poll interval).
        // Month: 300 / 300 s × 2,628,000 s = 2,628,000 requests × $0.20/M = $0.53; 2,628,000 × 0.52 s × 0.125 GB
        // = 170,820 GB-s × $0.0000166667 = $2.85. (Counting user records instead gives 50 batches a second,
        // 1.5 s of function time per second: a backlog AWS would not have.)
        let json = """
            { "name": "aggregated-lambda", "seed": 7, "duration": "5m", "stream": { "shardCount": 1 },
              "producers": [{ "name": "sensors", "recordsPerSecond": 5000, "recordSizeBytes": 100,
                              "partitionKeys": { "distribution": "uniform", "count": 20000, "prefix": "sensor-" },
                              "batching": { "maxRecords": 500, "maxBytes": 5242880, "maxBufferedTime": "100ms" },
                              "aggregation": { "enabled": true, "maxBytes": 51200 } }],
              "consumers": [{ "name": "fn", "type": "lambda", "batchSize": 100,
                              "duration": { "base": "20ms", "perRecord": "0.1ms" } }] }
            """
        let result = try runScenario(json)
        let fn = try lambda(result)
        expectNear(Double(fn.statistics.invocations), 300, within: 6, "invocations in 5 minutes")
        #expect(fn.statistics.maxIteratorAgeNanoseconds < 2 * nanosecondsPerSecond)
        #expect(fn.recordsBehindAtEnd < 10_000, "at most the last ~2 s of records are unread")
        let requests = try #require(result.monthlyCost.lineItems.first { $0.item == .lambdaRequests })
        expectNear(requests.monthlyUSD, 0.53, within: 0.02, "Lambda requests per month")
        let duration = try #require(result.monthlyCost.lineItems.first { $0.item == .lambdaDuration })
        expectNear(duration.monthlyUSD, 2.85, within: 0.10, "Lambda duration per month")
    }

    private func largeRecordScenario(assumptions: String = "") -> String {
        """
        { "name": "large-records", "seed": 3, "duration": "10m", "stream": { "shardCount": 1 }, \(assumptions)
          "producers": [{ "name": "docs", "recordsPerSecond": 9, "recordSizeBytes": 102400, "arrival": "uniform",
                          "partitionKeys": { "distribution": "uniform", "count": 1000, "prefix": "doc-" } }],
          "consumers": [{ "name": "fn", "type": "lambda", "batchSize": 10000, "maximumBatchingWindowInSeconds": 300,
                          "duration": { "base": "20ms", "perRecord": "1ms" } }] }
        """
    }

    @Test func largeRecordsFillTheSixMegabytePayloadAsBase64() throws {
        // 100 KiB records with 5–7-character keys ("doc-0" … "doc-999"): 102,405–102,407 B per record as the
        // shard counts it. batchSize 10,000 and a 300 s window never bind; the 6 MB payload does. Base64 makes
        // 4 × ⌈102,407 / 3⌉ = 136,544 B, plus 532 B of event JSON per record = 137,076 B; 6,291,456 / 137,076
        // = 45.9, so 45 records per invocation. (Raw bytes would fit 6,291,456 / 102,407 = 61.) At 9 records/s
        // that is one invocation every 5 s: 5,400 records in 10 minutes → ~120 invocations (raw: ~88).
        let fn = try lambda(try runScenario(largeRecordScenario()))
        expectNear(
            Double(fn.statistics.recordsDelivered) / Double(fn.statistics.invocations), 45, within: 0.5,
            "records per invocation")
        expectNear(Double(fn.statistics.invocations), 120, within: 3, "invocations in 10 minutes")
    }

    @Test func theEventEnvelopeIsAnOverridableAssumption() throws {
        // With no per-record JSON (envelope 0 B) a record costs only its base64 data, 136,544 B:
        // 6,291,456 / 136,544 = 46.08 → 46 records per invocation.
        let json = largeRecordScenario(assumptions: #""assumptions": { "lambdaEventRecordEnvelopeBytes": 0 },"#)
        let fn = try lambda(try runScenario(json))
        expectNear(
            Double(fn.statistics.recordsDelivered) / Double(fn.statistics.invocations), 46, within: 0.5,
            "records per invocation")
    }

    private func poisonScenario(_ extra: String) -> String {
        """
        { "name": "poison", "seed": 11, "duration": "30m", "stream": { "shardCount": 1 },
          "producers": [{ "name": "orders", "recordsPerSecond": 100, "recordSizeBytes": 300, "arrival": "uniform",
                          "partitionKeys": { "distribution": "uniform", "count": 20000, "prefix": "order-" } }],
          "consumers": [{ "name": "fn", "type": "lambda", "batchSize": 100, "poisonRecordShare": 0.002,
                          "maximumRetryAttempts": 2, "duration": { "base": "5ms", "perRecord": "0ms" },
                          "destinationConfig": { "onFailure": { "destination": "arn:aws:sqs:us-east-1:123456789012:failed" } }
                          \(extra) }] }
        """
    }

    @Test func partialBatchResponseLosesOnlyTheRecordsFromTheFirstFailure() throws {
        // One record in 500 is poison; batches hold ~100 records (one poll of 100 records/s).
        // Without ReportBatchItemFailures a batch holding a poison record fails whole: tried 3 times
        // (maximumRetryAttempts 2), then all of it is discarded. P(batch has poison) = 1 − 0.998^100 = 18.1 %,
        // so ~18 % of records are dropped, each sent twice more before (recordsRetried = 2 × dropped).
        // With it, the function reports its first poison record: the records before it are delivered, the rest is
        // retried from the poison (which fails first every time) and discarded after 2 retries. Expected loss per
        // batch = Σ_{j=1..100} P(first poison ≤ j) = 100 − Σ_{k=1..100} 0.998^k = 100 − 0.998 × 0.1814 / 0.002
        // = 9.5 records: ~9.5 % of records, again each sent twice more.
        // Both configure an SQS on-failure destination: it is told of every discarded record, one message per batch.
        let whole = try lambda(try runScenario(poisonScenario("")))
        let partial = try lambda(
            try runScenario(poisonScenario(#", "functionResponseTypes": ["ReportBatchItemFailures"]"#)))
        for (fn, lost) in [(whole, 0.181), (partial, 0.095)] {
            let read = Double(fn.statistics.recordsDelivered + fn.statistics.recordsFailed)
            expectNear(Double(fn.statistics.recordsFailed) / read, lost, within: 0.025, "share of records dropped")
            expectNear(
                Double(fn.statistics.recordsRetried), 2 * Double(fn.statistics.recordsFailed), within: 200,
                "records sent again")
            #expect(fn.statistics.recordsSentToOnFailureDestination == fn.statistics.recordsFailed)
        }
        #expect(whole.statistics.partialBatchFailures == 0)
        #expect(partial.statistics.partialBatchFailures > 100)
        // A discarded batch is one destination message; without partial responses it took three failed invocations.
        expectNear(
            Double(whole.statistics.onFailureDestinationMessages), Double(whole.statistics.functionErrors) / 3,
            within: 1, "messages to the destination")
    }

    private func concurrencyScenario(_ extra: String, assumptions: String = "") -> String {
        """
        { "name": "concurrency", "seed": 5, "duration": "10m", "stream": { "shardCount": 8 }, \(assumptions)
          "producers": [{ "name": "events", "recordsPerSecond": 4000, "recordSizeBytes": 200,
                          "partitionKeys": { "distribution": "uniform", "count": 100000, "prefix": "e-" } }],
          "consumers": [{ "name": "fn", "type": "lambda", "batchSize": 100, "parallelizationFactor": 10,
                          "duration": { "base": "1s", "perRecord": "0ms" } \(extra) }] }
        """
    }

    @Test func reservedConcurrencyBelowShardsTimesParallelizationMakesBatchesWait() throws {
        // 4,000 records/s over 8 shards = 500 records/s per shard; batches of 100 take 1 s, so each shard needs 5
        // batches at once: 40 in all, within 8 × 10 slots and the account's 1,000 — it keeps up.
        // Reserved concurrency 20 allows 20 batches of 100 per second = 2,000 records/s: half the load. Batches
        // wait, the backlog grows by 2,000 records/s (1.2 M in 10 minutes) and ~20 × 600 = 12,000 invocations run.
        let free = try lambda(try runScenario(concurrencyScenario("")))
        #expect(free.statistics.maxIteratorAgeNanoseconds < 5 * nanosecondsPerSecond)
        #expect(free.statistics.invocationsDelayedByConcurrency == 0)
        expectNear(Double(free.statistics.concurrentExecutionsPeak), 44, within: 8, "peak concurrency, unbounded")
        let reserved = try lambda(try runScenario(concurrencyScenario(#", "reservedConcurrentExecutions": 20"#)))
        #expect(reserved.statistics.concurrentExecutionsPeak == 20)
        #expect(reserved.lambdaConcurrencyLimit == 20)
        expectNear(Double(reserved.statistics.invocations), 12_000, within: 150, "invocations")
        expectNear(Double(reserved.recordsBehindAtEnd), 1_200_000, within: 100_000, "records behind at the end")
        #expect(reserved.statistics.maxIteratorAgeNanoseconds > 200 * nanosecondsPerSecond)
        #expect(reserved.statistics.invocationsDelayedByConcurrency > 10_000)
    }

    @Test func functionsWithoutReservedConcurrencyShareTheAccountsUnreservedPool() throws {
        // Two such mappings on the stream, the account leaving them 30 (assumptions.lambdaUnreservedConcurrency):
        // each wants ~40 at once, together they never run more than 30.
        let second =
            #"}, { "name": "fn2", "type": "lambda", "batchSize": 100, "parallelizationFactor": 10, "duration": { "base": "1s", "perRecord": "0ms" }"#
        let result = try runScenario(
            concurrencyScenario(second, assumptions: #""assumptions": { "lambdaUnreservedConcurrency": 30 },"#))
        let first = try lambda(result), other = try lambda(result, "fn2")
        #expect(first.lambdaConcurrencyLimit == 30)
        #expect(first.statistics.concurrentExecutionsPeak + other.statistics.concurrentExecutionsPeak <= 60)
        expectNear(
            Double(first.statistics.invocations + other.statistics.invocations), 30 * 600, within: 300,
            "invocations of both (30 one-second batches at a time)")
    }

    @Test func reportsShowRetriedRecordsTheDestinationAndConcurrencyWaits() throws {
        // What a reader of the text, Markdown and HTML reports (one document) and of the JSON needs to compare
        // settings: records sent again, what reached the destination, the concurrency limit and the waits.
        let poison = try runScenario(poisonScenario(#", "functionResponseTypes": ["ReportBatchItemFailures"]"#))
        let text = RunReportText.render(poison, objective: nil)
        #expect(text.contains("reported a failed record (ReportBatchItemFailures)"))
        #expect(text.contains("records sent again"))
        #expect(text.contains("reported to the on-failure destination"))
        #expect(text.contains("a month in requests and duration"))
        let json = RunReportJSON.document(for: poison, objective: nil).rendered()
        for key in [
            "\"recordsRetried\"", "\"partialBatchFailures\"", "\"recordsSentToOnFailureDestination\"",
            "\"onFailureDestinationMessages\"", "\"lambdaMonthlyUSD\"", "\"concurrencyLimit\": 1000",
        ] {
            #expect(json.contains(key), "JSON report has \(key)")
        }
        let waiting = try runScenario(concurrencyScenario(#", "reservedConcurrentExecutions": 20"#))
        let waitingText = RunReportText.render(waiting, objective: nil)
        #expect(waitingText.contains("peak concurrency 20 of 20"))
        #expect(waitingText.contains("waited for its reserved concurrency (20)"))
    }

    @Test func badPartialResponseAndDestinationSettingsNameTheirPath() {
        let json = poisonScenario(#", "functionResponseTypes": ["ReportItemFailures"]"#)
            .replacingOccurrences(of: "arn:aws:sqs:us-east-1:123456789012:failed", with: "my-queue")
        do {
            _ = try runScenario(json)
            Issue.record("an unknown response type and a destination that is not an ARN are refused")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("consumers.0.functionResponseTypes.0"))
            #expect(text.contains("consumers.0.destinationConfig.onFailure.destination"))
        }
    }
}
