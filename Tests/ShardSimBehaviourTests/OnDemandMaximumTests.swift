import ShardSimModel
import ShardSimReport
import Testing

/// On-demand scaling stops at the per-stream maximum write throughput (facts sheet section 4: FAQ 200 MB/s and
/// 200,000 records/s by default; Q: 10 GB/s in three Regions, 200 MB/s elsewhere); beyond it the stream throttles
/// and the report says why.
@Suite struct OnDemandMaximumTests {
    @Test func theDefaultMaximumIsTwoHundredMebibytesAndTwoHundredThousandRecords() {
        // 200 × 1,048,576 = 209,715,200 B/s over 1,048,576 B/s per shard = 200 shards; 200,000 records/s over 1,000
        // per shard = 200 shards. The stream stops scaling at 200 shards.
        let rules = OnDemandRules()
        #expect(rules.maxStreamWriteBytesPerSecond == 209_715_200)
        #expect(rules.maxStreamWriteRecordsPerSecond == 200_000)
        #expect(rules.maxShardCount(ShardLimits()) == 200)
        // A stated prior peak of 150 MiB/s wants 2 × 150 = 300 shards' worth; the maximum stops it at 200.
        var stream = StreamConfiguration()
        stream.onDemandPriorPeakWriteBytesPerSecond = 150 * 1_048_576
        #expect(rules.initialShardCount(stream) == 200)
    }

    @Test func beyondTheMaximumTheStreamThrottlesAndSaysWhy() throws {
        // A maximum of 3,000 records/s and 3 MiB/s (overridden, so the run is small) is 3 shards. The stream has
        // carried 5,000 records/s before (stated prior peak), so twice that wants 10 shards: it starts, and stays, at
        // 3. Offered 5,000 records/s of 100 B evenly spaced with one attempt each, it accepts at most 3 × 1,000 per
        // second: over 120 s at most 360,000 of 600,000, and at least 2,000 of every 5,000 are throttled (40 %).
        let json = """
            { "name": "at-the-maximum", "duration": "2m", "seed": 5,
              "stream": { "streamMode": "ON_DEMAND", "onDemand": { "priorPeakWriteRecordsPerSecond": 5000 } },
              "assumptions": { "onDemand": { "maxStreamWriteBytesPerSecond": 3145728, "maxStreamWriteRecordsPerSecond": 3000 } },
              "producers": [{ "name": "p", "recordsPerSecond": 5000, "recordSizeBytes": 100, "arrival": "uniform",
                              "partitionKeys": { "distribution": "uniform", "count": 10000 }, "retry": { "maxAttempts": 1 } }] }
            """
        let result = try runScenario(json)
        #expect(result.shardCountStart == 3)
        #expect(result.shardCountEnd == 3)
        #expect(result.totals.recordsSucceeded <= 360_000)
        #expect(result.totals.writeThrottledFraction >= 0.4 - 0.005)
        #expect(result.onDemandReachedMaximumThroughput)
        #expect(
            result.notes.map(\.text).contains {
                $0.contains("above its maximum write throughput of 3 MiB/s and 3,000 records/s")
            })
    }

    @Test func belowTheMaximumNothingIsSaid() throws {
        // 2,000 records/s on a new stream (4,000 records/s of capacity): within both the capacity and the maximum.
        let json = """
            { "name": "within", "duration": "1m", "seed": 5, "stream": { "streamMode": "ON_DEMAND" },
              "producers": [{ "name": "p", "recordsPerSecond": 2000, "recordSizeBytes": 100, "arrival": "uniform" }] }
            """
        let result = try runScenario(json)
        #expect(!result.onDemandReachedMaximumThroughput)
        #expect(!result.notes.contains { if case .onDemandAboveMaximumThroughput = $0 { true } else { false } })
    }
}
