import ShardSimModel
import Testing

/// Lambda's `recordsReprocessed` (docs/model.md §8): the function processes a batch in order and throws at a poison
/// record, so the records before it were processed; when Lambda sends the batch again (a retry, or the bisected
/// halves) those records are processed a second time. With ReportBatchItemFailures Lambda checkpoints before the
/// reported record and resends only from it (LBF), so nothing already processed comes back.
@Suite struct LambdaReprocessingTests {
    /// One shard, 100 records/s of 700 B for 5 minutes, batches of 100, 1 poison record in 500.
    private static func scenario(_ fields: String) -> String {
        """
        { "name": "lambda-reprocessing", "seed": 7, "duration": "5m", "stream": { "shardCount": 1 },
          "producers": [{ "name": "payments", "recordsPerSecond": 100, "recordSizeBytes": 700,
                          "partitionKeys": { "distribution": "uniform", "count": 20000, "prefix": "account-" } }],
          "consumers": [{ "name": "fn", "type": "lambda", "batchSize": 100,
                          "duration": { "base": "100ms", "perRecord": "1ms" }, "poisonRecordShare": 0.002,
                          \(fields) }] }
        """
    }

    /// Retrying forever, the shard is stuck behind its first poison batch: every failed invocation gets the same
    /// 100 records (recordsRetried = 100 per retry) and processes the same k records before the poison one, k from
    /// 1 to 99 (a poison record at the front leaves nothing processed; then k = 0 and nothing is counted).
    @Test func aBatchRetriedForeverReprocessesTheSameRecordsEachTime() throws {
        let result = try runScenario(Self.scenario(#""maximumRetryAttempts": -1"#))
        let statistics = result.consumers[0].statistics
        let errors = statistics.functionErrors
        #expect(errors > 100)
        // Every failure but the last is followed by a retry of the whole batch (the last may still run at the end).
        #expect(statistics.recordsRetried >= 100 * (errors - 1) && statistics.recordsRetried <= 100 * errors)
        let reprocessed = statistics.lambda.recordsReprocessed
        #expect(reprocessed % errors == 0, "the same k records every time")
        #expect(reprocessed / errors < 100)
    }

    /// With no retries (maximumRetryAttempts 0, no bisecting) a failed batch is discarded, never sent again.
    @Test func aDiscardedBatchIsNotReprocessed() throws {
        let result = try runScenario(Self.scenario(#""maximumRetryAttempts": 0"#))
        #expect(result.consumers[0].statistics.functionErrors > 0)
        #expect(result.consumers[0].statistics.lambda.recordsReprocessed == 0)
    }

    /// A partial batch response resends only from the reported record: nothing processed comes back.
    @Test func aPartialBatchResponseReprocessesNothing() throws {
        let result = try runScenario(
            Self.scenario(#""maximumRetryAttempts": 2, "functionResponseTypes": ["ReportBatchItemFailures"]"#))
        #expect(result.consumers[0].statistics.partialBatchFailures > 0)
        #expect(result.consumers[0].statistics.lambda.recordsReprocessed == 0)
    }

    /// Two retries, no bisecting: each poison batch fails 3 times and is sent again twice, each time with the same k
    /// processed records (k ≤ 99), so at most 2 × 99 per poison batch (3 failures each; one more may be under way).
    @Test func twoRetriesReprocessTwicePerPoisonBatch() throws {
        let result = try runScenario(Self.scenario(#""maximumRetryAttempts": 2"#))
        let statistics = result.consumers[0].statistics
        let batches = statistics.functionErrors / 3
        #expect(batches > 0)
        #expect(statistics.lambda.recordsReprocessed > 0)
        #expect(statistics.lambda.recordsReprocessed <= 2 * 99 * (batches + 1))
    }
}
