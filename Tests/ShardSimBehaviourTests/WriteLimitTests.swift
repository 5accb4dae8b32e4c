import ShardSimModel
import ShardSimTestSupport
import Testing

/// The per-shard write limits (1 MiB/s and 1,000 records/s, AWS Quotas page), derived by hand.
@Suite struct WriteLimitTests {
    @Test func fiveHundredOneKiBRecordsPerSecondFitOneShard() throws {
        // 500 rec/s × (1,024 B + ~6 B key) ≈ 503 KiB/s: half of both limits, so nothing throttles and
        // 10 min × 500/s = 300,000 records are accepted.
        let result = try runScenario(writeScenario(shards: 1, recordsPerSecond: 500, recordSizeBytes: 1_024))
        #expect(result.totals.writeProvisionedThroughputExceeded == 0)
        #expect(result.totals.recordsFailed == 0)
        expectNear(Double(result.totals.recordsSucceeded), 300_000, within: 3_000, "accepted records")
    }

    @Test func threeThousandSmallRecordsPerSecondHitTheRecordsLimit() throws {
        // 3,000 rec/s of 100 B on one shard is 0.3 MiB/s (bytes fine) but 3× the records limit: ~1,000/s
        // are accepted and about two thirds of the attempts are throttled.
        let result = try runScenario(writeScenario(shards: 1, recordsPerSecond: 3_000, recordSizeBytes: 100))
        let acceptedPerSecond = Double(result.totals.recordsSucceeded) / 600
        expectNear(acceptedPerSecond, 1_000, within: 5, "accepted records per second")
        expectNear(result.totals.writeThrottledFraction, 2.0 / 3.0, within: 0.01, "throttled fraction")
        // With one attempt each, every throttled record is lost.
        #expect(result.totals.recordsFailed == result.totals.writeProvisionedThroughputExceeded)
    }

    @Test func hotKeyThrottlesOnlyItsOwnShard() throws {
        // 60% of 2,000 rec/s on one key = 1,200/s, plus ~10% of the other 800/s on the same shard ≈ 1,280/s
        // against 1,000/s: ~280 of 2,000 attempts per second, ~14%, all on the hot key's shard.
        let keys =
            #"{ "distribution": "hotKeys", "hot": [{ "key": "tenant-42", "share": 0.6 }], "others": { "count": 5000, "prefix": "tenant-" } }"#
        let result = try runScenario(
            writeScenario(shards: 10, recordsPerSecond: 2_000, recordSizeBytes: 200, keys: keys))
        expectNear(result.totals.writeThrottledFraction, 0.14, within: 0.015, "throttled fraction")
        let hotShardId = try #require(result.producers.first?.heaviestKeys.first).shardId
        #expect(result.producers[0].heaviestKeys[0].partitionKey == "tenant-42")
        for shard in result.shards where shard.description.shardId != hotShardId {
            #expect(shard.write.writeProvisionedThroughputExceeded == 0, "\(shard.description.shardId) throttled")
        }
        let hotShard = try #require(result.shards.first { $0.description.shardId == hotShardId })
        #expect(hotShard.write.writeProvisionedThroughputExceeded == result.totals.writeProvisionedThroughputExceeded)
    }

    @Test func fourKiBRecordsNeedThreeShardsNotTwo() throws {
        // 500 rec/s × (4,096 B + ~6 B key) on 2 shards ≈ 1,026,000 B/s per shard: ~98% of 1 MiB/s on average,
        // so Poisson bursts above the mean throttle. On 3 shards each runs at ~65% and never reaches it.
        let two = try runScenario(writeScenario(shards: 2, recordsPerSecond: 500, recordSizeBytes: 4_096))
        // Demand, not what was accepted: "k-" + up to 4 digits makes keys of 3–6 bytes, ~5.9 on average.
        let demandedUtilization = Double(two.totals.recordsAttempted) * (4_096 + 5.9) / 600 / 2 / 1_048_576
        expectNear(demandedUtilization, 0.98, within: 0.01, "mean bytes demand on 2 shards")
        #expect(two.totals.writeProvisionedThroughputExceeded > 0)
        let three = try runScenario(writeScenario(shards: 3, recordsPerSecond: 500, recordSizeBytes: 4_096))
        #expect(three.totals.writeProvisionedThroughputExceeded == 0)
    }

    @Test func evenlySpacedArrivalsExactlyAtTheLimitAreNotThrottled() throws {
        // 1,000 evenly spaced records/s on one shard sit exactly at the records limit: no window ever holds 1,001.
        let result = try runScenario(
            writeScenario(
                shards: 1, recordsPerSecond: 1_000, recordSizeBytes: 100,
                duration: "2m", arrival: "uniform",
                extraProducerFields: #""api": "PutRecord","#))
        #expect(result.totals.writeProvisionedThroughputExceeded == 0)
        // Arrivals at 1 ms, 2 ms, … 119,999 ms; the last 20 ms of them are still in flight when the run ends.
        #expect(result.totals.recordsAttempted == 119_999)
        expectNear(Double(result.totals.recordsSucceeded), 119_979, within: 1, "accepted")
    }

    @Test func overriddenLimitsApply() throws {
        // A what-if limit of 500 records/s: 800 rec/s on one shard → ~500 accepted per second.
        let result = try runScenario(
            writeScenario(shards: 1, recordsPerSecond: 800, recordSizeBytes: 100, duration: "2m"),
            overrides: ["stream.limits.writeRecordsPerSecond=500"])
        expectNear(Double(result.totals.recordsSucceeded) / 120, 500, within: 5, "accepted per second")
    }

    @Test func largeRecordsBorrowFromFollowingSeconds() throws {
        // One 3 MiB record every 2 s on a stream allowing 10 MiB records: an accepted one uses a bit more than
        // 3 s of a 1 MiB/s shard, so the next arrival (2 s later) is throttled and the one after (4 s) fits:
        // one accepted every 4 s, 150 in 10 minutes (arrivals at 2 s, 4 s, … 598 s).
        let json = """
            { "name": "large", "duration": "10m", "stream": { "shardCount": 1, "maxRecordSizeInKiB": 10240 },
              "producers": [{ "name": "p", "recordsPerSecond": 0.5, "arrival": "uniform", "recordSizeBytes": 3145728,
                              "api": "PutRecord", "partitionKeys": { "distribution": "uniform", "count": 1 },
                              "retry": { "maxAttempts": 1 } }] }
            """
        let result = try runScenario(json)
        expectNear(Double(result.totals.recordsSucceeded), 150, within: 1, "accepted 3 MiB records in 10 min")
    }
}
