import ShardSimEngine
import ShardSimModel
import ShardSimTestSupport
import Testing

/// Firehose with a Kinesis data stream as source: buffering hints apply per shard ("Configure buffering hints":
/// each shard fills a buffer of its own; facts sheet section 11), and ingestion is billed per record rounded up
/// to 5 KB (Firehose pricing page, "Direct PUT and KDS as a source"). Expected figures are derived by hand below.
@Suite struct FirehosePerShardTests {
    private func scenario(
        shards: Int, recordsPerSecond: Double, recordSizeBytes: Int, duration: String,
        keys: String = #"{ "distribution": "uniform", "count": 1000, "prefix": "k-" }"#,
        arrival: String = "poisson", events: String = "", extra: String = ""
    ) -> String {
        """
        { "name": "firehose-per-shard", "duration": "\(duration)", "seed": 5, "stream": { "shardCount": \(shards) },
          "producers": [{ "name": "p", "recordsPerSecond": \(recordsPerSecond), "recordSizeBytes": \(recordSizeBytes),
                          "arrival": "\(arrival)", "partitionKeys": \(keys) }],
          "consumers": [{ "name": "archive", "type": "firehose", "destination": "S3",
                          "bufferingHints": { "sizeInMBs": 5, "intervalInSeconds": 300 } }]
          \(events)\(extra) }
        """
    }

    private func firehose(_ result: SimulationResult) throws -> ConsumerStatistics {
        try #require(result.consumers.first).statistics
    }

    @Test func intervalBoundObjectsMultiplyByTheShardCount() throws {
        // 10 records/s of ~1 KB over 4 shards: each shard gets ~2.5 KB/s, ~0.75 MB in 300 s, far below 5 MiB, so
        // every shard's own buffer is delivered by its interval. A buffer opens at the first read after the last
        // delivery (~1 s later), so one shard delivers at ~301 s, ~602 s, … : 11 objects in the hour (the 12th would
        // be at ~3,612 s). 4 shards × 11 = 44 objects, none by size. (One buffer for the whole stream gave 11.)
        let result = try runScenario(scenario(shards: 4, recordsPerSecond: 10, recordSizeBytes: 1_018, duration: "1h"))
        let statistics = try firehose(result)
        expectNear(Double(statistics.deliveries), 44, within: 2, "objects in an hour from 4 shard buffers")
        #expect(statistics.deliveriesBySize == 0)
        // Every object waited its interval: the oldest record is 300 s old, plus up to ~1.2 s of poll and propagation.
        let maxFreshness = Double(statistics.maxDataFreshnessNanoseconds) / 1e9
        #expect(maxFreshness >= 300 && maxFreshness <= 302, "max data freshness \(maxFreshness) s")
    }

    @Test func sizeBoundFreshnessIsOneShardsFillTime() throws {
        // 2,000 records/s of 1,040 B (+ keys "k-0" … "k-999", 3–5 B, ~4.9 B on average) over 4 shards: each shard takes
        // ~500 × 1,044.9 ≈ 522,450 B/s and fills 5 MiB = 5,242,880 B in ~10.0 s. Objects are therefore ~10 s apart per
        // shard, and an object's oldest record is ~10 s old plus the read delay (1 s polls, 200 ms propagation: up to
        // ~1.2 s, ~0.7 s on average): mean freshness ~10.7 s (one stream-wide buffer: ~2.5 s).
        // Count: 600 s × 2,089,800 B/s / 5,242,880 B ≈ 239 full buffers, less the partly filled ones at the end (≤ 4)
        // and the overshoot of the read that crosses 5 MiB (~half a read, ~0.26 MB, i.e. ~5 % per object): ~225–236.
        let result = try runScenario(
            scenario(shards: 4, recordsPerSecond: 2_000, recordSizeBytes: 1_040, duration: "10m"))
        let statistics = try firehose(result)
        #expect(statistics.deliveries >= 222 && statistics.deliveries <= 238, "objects: \(statistics.deliveries)")
        #expect(statistics.deliveriesBySize == statistics.deliveries)
        let meanFreshness = Double(statistics.totalDataFreshnessNanoseconds) / Double(statistics.deliveries) / 1e9
        expectNear(meanFreshness, 10.7, within: 0.6, "mean age of an object's oldest record (s)")
        let meanBytes = Double(statistics.bytesDelivered) / Double(statistics.deliveries)
        #expect(meanBytes >= 5_242_880 && meanBytes <= 5_242_880 + 522_450, "bytes per object: \(meanBytes)")
    }

    @Test func aSplitGivesTheChildrenBuffersOfTheirOwnAndTheParentFlushesByItsInterval() throws {
        // 4 records/s on 1 shard, split at 10 m (UPDATING for the default 30 s, children take writes from 630 s).
        // Interval-bound throughout (a few KB/s). The parent's buffer delivers at ~301 s and ~602 s; the buffer opened
        // at ~603 s gets the parent's last records (to 630 s) and, the shard now closed, is delivered by its own
        // interval at ~903 s: 3 objects. Firehose reads the children once the parent is read to its end (~631 s);
        // each child's buffer then delivers every ~301 s: ~932, 1,233, 1,534, 1,835, 2,136 s (2,437 s is past 40 m),
        // 5 each. 3 + 2 × 5 = 13 objects (one stream-wide buffer: 2,400 / 301 ≈ 7).
        let split = #", "events": [{ "at": "10m", "action": "splitShard", "shardId": "shardId-000000000000" }]"#
        let result = try runScenario(
            scenario(
                shards: 1, recordsPerSecond: 4, recordSizeBytes: 1_000, duration: "40m",
                events: split))
        let statistics = try firehose(result)
        expectNear(Double(statistics.deliveries), 13, within: 1, "objects from the parent's and two children's buffers")
        // Nothing waits longer than one interval (plus the read delay), the closed parent's last records included.
        #expect(statistics.maxDataFreshnessNanoseconds <= 302 * nanosecondsPerSecond)
    }

    @Test func ingestionBillsEachRecordRoundedUpToFiveKB() throws {
        // 100 records/s of 1,000 B, evenly spaced, for 1 h: 360,000 records, keys "k-0" … "k-9" (3 B each).
        // Firehose bills each record's data rounded up to 5 KB = 5,120 B: 360,000 × 5,120 B in the hour, × 730 for the
        // month = 1,345,536,000,000 B = 1,253.1 GB (2^30 B) → × $0.029 = $36.34. Firehose reads all but the last
        // ~1.2 s (~120 records, 0.03 %). On raw bytes (data + key) it was 360,000 × 1,003 × 730 / 2^30 = 245.5 GB, $7.12.
        let keys = #"{ "distribution": "uniform", "count": 10, "prefix": "k-" }"#
        let json = scenario(
            shards: 1, recordsPerSecond: 100, recordSizeBytes: 1_000, duration: "1h", keys: keys,
            arrival: "uniform")
        let line = try #require(try runScenario(json).monthlyCost.lineItems.first { $0.item == .firehoseDataIngested })
        expectNear(line.quantity, 1_253.1, within: 0.6, "Firehose GB a month")
        expectNear(line.monthlyUSD, 36.34, within: 0.02, "Firehose ingestion per month")
        // The rounding is an assumption users can set: 1 B bills the data blob as it is, 360,000 × 1,000 × 730 / 2^30.
        let raw = try runScenario(json, overrides: ["assumptions.firehoseBillingIncrementBytes=1"])
        let rawLine = try #require(raw.monthlyCost.lineItems.first { $0.item == .firehoseDataIngested })
        expectNear(rawLine.quantity, 244.76, within: 0.12, "Firehose GB a month on raw data bytes")
    }

    @Test func aTwelveKBRecordBillsAsFifteenKB() throws {
        // The pricing page's own example: a 12 KB record is billed as 15 KB. 10 records/s of 12,288 B for 1 h:
        // 36,000 × 15,360 B × 730 / 2^30 = 375.9 GB a month.
        let json = scenario(
            shards: 1, recordsPerSecond: 10, recordSizeBytes: 12_288, duration: "1h", arrival: "uniform")
        let line = try #require(try runScenario(json).monthlyCost.lineItems.first { $0.item == .firehoseDataIngested })
        expectNear(line.quantity, 375.9, within: 0.3, "Firehose GB a month")
    }

    @Test func aKPLAggregateIsRoundedOnce() throws {
        // 1,000 records/s of 100 B, evenly spaced, one key "k-0" (3 B), KPL aggregation, one shard. The KPL sends what
        // waited 100 ms (RecordMaxBufferedTime): ~100 records per aggregate of 20 B framing + 100 × (100 + 3 + 6 B of
        // per-record overhead) = 10,920 B (docs/model.md 3.5), ~10 aggregates/s. Firehose reads each aggregate as one
        // record and rounds its data up to 15,360 B (3 × 5 KB): 10 × 15,360 × 3,600 × 730 / 2^30 = 375.9 GB a month
        // (372.2 GB if an aggregate holds 101 records; Firehose has not read the last ~1.2 s, 0.2 %). Rounding each
        // de-aggregated user record instead would be 1,000 × 5,120 × 3,600 × 730 / 2^30 = 12,531 GB; raw bytes ~267 GB.
        let keys = #"{ "distribution": "uniform", "count": 1, "prefix": "k-" }"#
        let json = scenario(
            shards: 1, recordsPerSecond: 1_000, recordSizeBytes: 100, duration: "10m", keys: keys,
            arrival: "uniform"
        )
        .replacingOccurrences(
            of: #""arrival": "uniform","#, with: #""arrival": "uniform", "aggregation": { "enabled": true },"#)
        let line = try #require(try runScenario(json).monthlyCost.lineItems.first { $0.item == .firehoseDataIngested })
        #expect(line.quantity >= 370 && line.quantity <= 377, "Firehose GB a month: \(line.quantity)")
    }

    @Test func flowFidelityBillsFirehoseTheSameWay() throws {
        // Flow fidelity meters the same rule from the producer's size distribution: fixed 1,000 B records give the
        // same 5,120 B per record, so the same 1,253.1 GB as the event test above.
        let keys = #"{ "distribution": "uniform", "count": 10, "prefix": "k-" }"#
        let json = scenario(
            shards: 1, recordsPerSecond: 100, recordSizeBytes: 1_000, duration: "1h", keys: keys,
            arrival: "uniform", extra: #", "fidelity": "flow""#)
        let line = try #require(try runScenario(json).monthlyCost.lineItems.first { $0.item == .firehoseDataIngested })
        expectNear(line.quantity, 1_253.1, within: 1.3, "Firehose GB a month in flow fidelity")
    }
}
