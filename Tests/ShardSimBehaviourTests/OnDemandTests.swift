import ShardSimEngine
import ShardSimModel
import ShardSimTestSupport
import Testing

/// On-demand capacity mode, from AWS's documented rules (facts sheet section 4).
@Suite struct OnDemandTests {
    private func scenario(recordsPerSecond: Double, duration: String, assumptions: String = "{}", stream: String = "")
        -> String
    {
        """
        { "name": "on-demand", "duration": "\(duration)", "seed": 3,
          "stream": { "streamMode": "ON_DEMAND" \(stream) }, "assumptions": \(assumptions),
          "producers": [{ "name": "p", "recordsPerSecond": \(recordsPerSecond), "recordSizeBytes": 1024,
                          "partitionKeys": { "distribution": "uniform", "count": 100000 } }] }
        """
    }

    @Test func documentedRulesAreTheDefaults() {
        let rules = OnDemandRules()
        #expect(rules.initialWriteBytesPerSecond == 4 * 1_048_576)
        #expect(rules.initialWriteRecordsPerSecond == 4_000)
        #expect(rules.peakMultiplier == 2)
        #expect(rules.scaleUpDelayNanoseconds == 15 * 60 * nanosecondsPerSecond)
        // A new stream: 4 MiB/s and 4,000 rec/s = 4 shards' worth.
        #expect(rules.initialShardCount(StreamConfiguration()) == 4)
        // A stated prior peak of 10 MiB/s: twice that, 20 shards.
        var stream = StreamConfiguration()
        stream.onDemandPriorPeakWriteBytesPerSecond = 10 * 1_048_576
        #expect(rules.initialShardCount(stream) == 20)
    }

    @Test func threeThousandRecordsPerSecondOfOneKiBNeverThrottle() throws {
        // ~3 MiB/s into a new stream's 4 MiB/s and 4,000 rec/s, spread over 4 shards at ~750 rec/s each.
        let result = try runScenario(scenario(recordsPerSecond: 3_000, duration: "20m"))
        #expect(result.totals.writeProvisionedThroughputExceeded == 0)
        #expect(result.shardCountStart == 4)
    }

    @Test func fortyThousandRecordsPerSecondFromColdThrottleUntilTheStreamScales() throws {
        // 40,000 rec/s is ten times a new stream's 4,000 rec/s: about 90% of first tries throttle until the
        // scale-up lands (here shortened to 90 s after the first 60 s observation, to keep the test quick;
        // AWS's figure of 15 minutes is the default checked above). After that, nothing throttles.
        let assumptions = #"{ "onDemand": { "scaleUpDelay": "90s" } }"#
        let result = try runScenario(scenario(recordsPerSecond: 40_000, duration: "210s", assumptions: assumptions))
        #expect(result.totals.writeThrottledFraction > 0.5)
        #expect(result.shardCountEnd >= 80)
        let lastMinute = result.shards.reduce(0.0) { total, shard in
            let points = shard.write.throttledRecordsSeries.points(through: result.simulatedNanoseconds)
            return total + points.filter { $0.startNanoseconds >= 155 * nanosecondsPerSecond }.reduce(0) { $0 + $1.sum }
        }
        #expect(lastMinute == 0, "throttled after scaling: \(lastMinute)")
    }

    @Test func onDemandCostIsStreamHoursAndRoundedData() throws {
        // 100 rec/s of 4.5 KB (4,608 B of data → billed as 5 KB): 5,120 B × 100 × 2,628,000 s = 1,253 GB a month.
        let json = scenario(recordsPerSecond: 100, duration: "5m").replacingOccurrences(
            of: #""recordSizeBytes": 1024"#,
            with: #""recordSizeBytes": 4608, "arrival": "uniform""#)
        let cost = try runScenario(json).monthlyCost
        let streamHours = try #require(cost.lineItems.first { $0.item == .onDemandStreamHours })
        #expect(streamHours.monthlyUSD == 29.20)
        let dataIn = try #require(cost.lineItems.first { $0.item == .onDemandDataIngested })
        expectNear(dataIn.quantity, 5_120 * 100 * 2_628_000 / 1_073_741_824, within: 2, "GB ingested per month")
    }
}
