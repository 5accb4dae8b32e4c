import ShardSimEngine
import ShardSimModel
import ShardSimReport
import ShardSimTestSupport
import Testing

/// Consumers against the read limits (5 GetRecords calls/s and 2 MiB/s per shard shared; 2 MiB/s per
/// enhanced fan-out consumer), derived by hand.
@Suite struct ConsumerBehaviourTests {
    /// One shard, one producer of `recordsPerSecond` × `recordSizeBytes`, and the given consumers.
    private func scenario(
        recordsPerSecond: Double, recordSizeBytes: Int, consumers: String, duration: String = "10m",
        events: String = "[]", retentionHours: Int = 24
    ) -> String {
        """
        { "name": "readers", "duration": "\(duration)", "seed": 5,
          "stream": { "shardCount": 1, "retentionPeriodHours": \(retentionHours) },
          "producers": [{ "name": "p", "recordsPerSecond": \(recordsPerSecond), "recordSizeBytes": \(recordSizeBytes),
                          "partitionKeys": { "distribution": "uniform", "count": 1000 } }],
          "consumers": \(consumers), "events": \(events) }
        """
    }

    private func consumer(_ result: SimulationResult, _ name: String) throws -> ConsumerResult {
        try #require(result.consumers.first { $0.name == name })
    }

    @Test func threeSharedConsumersPollingEvery200msExceedFiveCallsPerSecond() throws {
        // 3 readers × 5 polls/s = 15 GetRecords calls/s against the shard's 5: about two thirds are throttled.
        // The load is light (100 KiB/s), so each admitted call drains the backlog and everyone reads everything.
        let readers = (1...3).map { #"{ "name": "r\#($0)", "type": "shared", "pollInterval": "200ms" }"# }
        let result = try runScenario(
            scenario(
                recordsPerSecond: 100, recordSizeBytes: 1_024,
                consumers: "[" + readers.joined(separator: ",") + "]"))
        let calls = result.consumers.reduce(0) { $0 + $1.statistics.getRecordsCalls }
        expectNear(Double(calls) / 600, 15, within: 0.1, "calls per second")
        expectNear(
            Double(result.totals.readProvisionedThroughputExceeded) / Double(calls), 2.0 / 3.0, within: 0.02,
            "throttled share of calls")
        for reader in result.consumers {
            // Everything accepted is read, but for the last fraction of a second still in propagation.
            #expect(reader.recordsBehindAtEnd < 200, "\(reader.name) is \(reader.recordsBehindAtEnd) records behind")
            #expect(reader.statistics.recordsDelivered + reader.recordsBehindAtEnd == result.totals.recordsSucceeded)
        }
    }

    @Test func threeSharedConsumersPollingEverySecondAreNotThrottled() throws {
        // 3 readers × 1 poll/s = 3 calls/s: within 5.
        let readers = (1...3).map { #"{ "name": "r\#($0)", "type": "shared", "pollInterval": "1s" }"# }
        let result = try runScenario(
            scenario(
                recordsPerSecond: 100, recordSizeBytes: 1_024,
                consumers: "[" + readers.joined(separator: ",") + "]"))
        #expect(result.totals.readProvisionedThroughputExceeded == 0)
    }

    @Test func threeSharedReadersOfNearlyOneMiBPerSecondFallBehindButEnhancedFanOutKeepsUp() throws {
        // 900 rec/s × ~1,030 B ≈ 0.88 MiB/s in; three shared readers demand ~2.65 MiB/s of the shard's 2 MiB/s,
        // so at least one falls ever further behind (past a minute in 10 minutes). An enhanced fan-out reader
        // has its own 2 MiB/s and stays within seconds.
        let readers =
            (1...3).map { #"{ "name": "r\#($0)", "type": "shared" }"# } + [#"{ "name": "efo", "type": "enhanced" }"#]
        let result = try runScenario(
            scenario(
                recordsPerSecond: 900, recordSizeBytes: 1_024,
                consumers: "[" + readers.joined(separator: ",") + "]"))
        let shared = result.consumers.filter { $0.configuration.type == .shared }
        let worstAge = shared.map(\.statistics.maxIteratorAgeNanoseconds).max() ?? 0
        #expect(worstAge > 60 * nanosecondsPerSecond)
        let efo = try consumer(result, "efo")
        #expect(efo.statistics.maxIteratorAgeNanoseconds < 2 * nanosecondsPerSecond)
        // Said once for the three readers sharing the limit (with the remedy), not once per reader.
        let findings = ConsumerFindings.shared(result)
        #expect(findings.count == 1)
        #expect(findings.first?.contains("the 3 GetRecords readers (r1, r2, r3)") == true)
        #expect(findings.first?.contains("2.6") == true)
        #expect(findings.first?.contains("Remedy: move readers to enhanced fan-out") == true)
    }

    @Test func enhancedFanOutIsFasterThanPollingEverySecond() throws {
        // EFO pushes ~70 ms after acceptance; a shared reader polling each second waits ~200 ms of propagation
        // plus half a poll interval on average.
        let readers = #"[{ "name": "poller", "type": "shared" }, { "name": "efo", "type": "enhanced" }]"#
        let result = try runScenario(
            scenario(recordsPerSecond: 200, recordSizeBytes: 500, consumers: readers, duration: "5m"))
        let efo = try consumer(result, "efo").statistics.endToEndLatency.percentile(50)
        let poller = try consumer(result, "poller").statistics.endToEndLatency.percentile(50)
        expectNear(Double(efo) / 1e6, 70, within: 10, "EFO median latency (ms)")
        expectNear(Double(poller) / 1e6, 700, within: 100, "polling median latency (ms)")
        #expect(efo < poller)
    }

    @Test func trimHorizonReaderStartingAfterRetentionHasLostTheFirstHour() throws {
        // 2 rec/s for 26 h into a 24 h stream; a TRIM_HORIZON reader starting at 25 h finds records from 1 h on:
        // the first hour's 7,200 records expired before it could read them.
        let readers = #"[{ "name": "late", "type": "shared", "startingPosition": "TRIM_HORIZON", "startAt": "25h" }]"#
        let result = try runScenario(
            scenario(recordsPerSecond: 2, recordSizeBytes: 100, consumers: readers, duration: "26h"))
        let late = try consumer(result, "late")
        expectNear(Double(late.statistics.recordsExpired), 7_200, within: 250, "records lost to retention")
        // It then reads the remaining 25 hours (2 rec/s × 90,000 s) with nothing lost in between.
        expectNear(Double(late.statistics.recordsDelivered), 180_000, within: 1_000, "records read")
    }

    @Test func latestReaderStartingLateSeesOnlyNewRecords() throws {
        let readers =
            #"[{ "name": "late", "type": "shared", "startingPosition": "LATEST", "startAt": "5m" }, { "name": "ts", "type": "shared", "startingPosition": "AT_TIMESTAMP", "timestamp": "2m", "startAt": "5m" }]"#
        let result = try runScenario(scenario(recordsPerSecond: 100, recordSizeBytes: 100, consumers: readers))
        // LATEST at 5 m: the last 5 minutes, 30,000 records. AT_TIMESTAMP 2 m: the last 8 minutes, 48,000.
        expectNear(Double(try consumer(result, "late").statistics.recordsDelivered), 30_000, within: 500, "LATEST")
        expectNear(Double(try consumer(result, "ts").statistics.recordsDelivered), 48_000, within: 500, "AT_TIMESTAMP")
        #expect(try consumer(result, "late").statistics.recordsExpired == 0)
    }

    @Test func twoMinuteOutageThenCatchUpAtTwoMiBPerSecond() throws {
        // 500 rec/s × ~1,030 B ≈ 0.49 MiB/s. A 2-minute outage leaves a backlog of 60,000 records (~59 MiB) and an
        // iterator age of ~120 s. Catch-up: each call returns 10,000 records (~9.8 MiB), after which the shard's
        // 2 MiB/s read budget is spent for ~4.9 s; so the reader drains ~2 MiB/s against 0.49 MiB/s arriving, a
        // net ~1.5 MiB/s, and is caught up ~40 s after the outage ends.
        let readers = #"[{ "name": "r", "type": "shared" }]"#
        let outage = #"[{ "at": "3m", "action": "consumerOutage", "consumer": "r", "duration": "2m" }]"#
        let result = try runScenario(
            scenario(
                recordsPerSecond: 500, recordSizeBytes: 1_024, consumers: readers,
                duration: "8m", events: outage))
        let reader = try consumer(result, "r")
        expectNear(
            Double(reader.statistics.maxIteratorAgeNanoseconds) / 1e9, 121, within: 2,
            "iterator age after the outage (s)")
        let points = reader.statistics.iteratorAgeSeries.points(through: result.simulatedNanoseconds)
        let ageAt = { (second: Int64) -> Double in
            points.last { $0.startNanoseconds <= second * nanosecondsPerSecond && $0.hasValue }?.lastValue ?? -1
        }
        #expect(ageAt(5 * 60 + 20) > 20_000, "still catching up 20 s after the outage")
        #expect(ageAt(5 * 60 + 60) < 2_000, "caught up a minute after the outage")
        #expect(reader.statistics.readProvisionedThroughputExceeded > 0)
        #expect(reader.statistics.recordsExpired == 0)
    }

    @Test func processingTimeSlowsAReader() throws {
        // 100 rec/s, 20 ms each: 2 s of work per second of records, so the reader falls ever further behind:
        // after 5 minutes it has processed ~150 s worth, and the record it reads last is minutes old.
        let readers = #"[{ "name": "slow", "type": "shared", "processingTimePerRecord": "20ms" }]"#
        let result = try runScenario(
            scenario(recordsPerSecond: 100, recordSizeBytes: 100, consumers: readers, duration: "5m"))
        let slow = try consumer(result, "slow")
        #expect(slow.statistics.maxIteratorAgeNanoseconds > 100 * nanosecondsPerSecond)
        #expect(slow.statistics.endToEndLatency.percentile(50) > 60 * nanosecondsPerSecond)
        // The finding quotes the measured work per second of records: 20 ms × the shard's mean incoming rate. Over
        // 300 s the count is Poisson(30,000), so the rate is 100 ± √30,000 / 300 = ± 0.577 records/s and the work
        // 2.000 ± 0.0115 s (one seed printed 1.99): 3 standard deviations (0.035) plus the printed rounding (0.005)
        // allow 1.96 … 2.04 on any seed.
        let finding = try #require(ConsumerFindings.own(result, slow).first { $0.hasPrefix("processing takes ") })
        #expect(finding.contains("remedy"))
        let quoted = finding.dropFirst("processing takes ".count).prefix { $0 != " " }
        let busySeconds = try #require(Double(quoted), "\(finding)")
        #expect(abs(busySeconds - 2) <= 0.04, "\(finding)")
    }

    @Test func enhancedFanOutIsLimitedToTwoMiBPerSecondPerShard() throws {
        // 2,500 rec/s of 1 KiB is ~2.45 MiB/s in (above one shard's write limit on purpose via a what-if limit);
        // a single EFO subscription delivers at most 2 MiB/s, so it falls behind.
        let readers = #"[{ "name": "efo", "type": "enhanced" }]"#
        let json = scenario(recordsPerSecond: 2_500, recordSizeBytes: 1_024, consumers: readers, duration: "2m")
        let result = try runScenario(
            json,
            overrides: [
                "stream.limits.writeBytesPerSecond=10485760",
                "stream.limits.writeRecordsPerSecond=10000",
            ])
        let efo = try consumer(result, "efo")
        let deliveredPerSecond = Double(efo.statistics.bytesDelivered) / 120
        #expect(deliveredPerSecond <= 2_097_152 * 1.02)
        #expect(efo.recordsBehindAtEnd > 20_000)
    }

    @Test func tooManyEnhancedConsumersIsAScenarioError() {
        let readers = (1...21).map { #"{ "name": "e\#($0)", "type": "enhanced" }"# }
        #expect(throws: (any Error).self) {
            try runScenario(
                scenario(recordsPerSecond: 1, recordSizeBytes: 1, consumers: "[" + readers.joined(separator: ",") + "]")
            )
        }
    }
}
