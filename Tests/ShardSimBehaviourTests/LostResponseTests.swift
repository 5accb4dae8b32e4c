import ShardSimModel
import ShardSimReport
import ShardSimScenario
import ShardSimTestSupport
import Testing

/// Lost put responses (`lostResponseShare`, docs/model.md §20). AWS ("Handling Duplicate Records", facts §11): a
/// producer that sends a record, has it stored, and never sees the response (a network timeout) retries it, and
/// the stream then holds the record twice; consumers see both. The model: each request (here each PutRecord, one
/// record) the stream stored loses its response with probability s, and the producer resends it under its retry
/// policy (a resend is attempt 2, and can lose its response too, up to `maxAttempts`).
@Suite struct LostResponseTests {
    /// 1,000 records/s of 1,000 B over 4 shards (250 records/s, ~250 KB/s each: a quarter of the limits, so nothing
    /// is throttled) for 10 minutes, one record per PutRecord request, up to 3 attempts.
    private static func scenario(
        share: String?, fidelity: String = "event", consumer: Bool = true, duration: String = "10m"
    ) -> String {
        """
        { "name": "lost-responses", "seed": 7, "duration": "\(duration)", "fidelity": "\(fidelity)",
          "stream": { "shardCount": 4 },
          "producers": [{ "name": "orders", "recordsPerSecond": 1000, "api": "PutRecord", "recordSizeBytes": 1000,
                          "partitionKeys": { "distribution": "uniform", "count": 10000, "prefix": "k-" }
                          \(share.map { #", "lostResponseShare": \#($0)"# } ?? "") }]
          \(consumer ? #", "consumers": [{ "name": "reader", "type": "shared" }]"# : "") }
        """
    }

    /// N ≈ 1,000/s × 600 s = 600,000 first tries (Poisson: sd √600,000 ≈ 775). Each stored one loses its response
    /// with s = 0.01 and is resent (a copy); the resend loses its own with 0.01 and is resent once more (attempt 3,
    /// the last). Copies D = X₁ + X₂, X₁ ~ Binomial(N, 0.01), X₂ ~ Binomial(X₁, 0.01):
    /// E[D] = 600,000 × (0.01 + 0.0001) = 6,060; Var ≈ N·s(1 − s) + E[X₁]·s(1 − s) + s²·Var X₁ ≈ 5,940 + 59 + 0.6
    /// ≈ 6,000, sd ≈ 77.5 (N's own spread moves E[D] by 0.0101 × 775 ≈ 8). Bounds at about ±5 sd: 5,670 … 6,450,
    /// i.e. 0.95 % … 1.07 % of the records.
    @Test func onePercentLostResponsesDuplicateAboutOnePercentOfRecords() throws {
        let result = try runScenario(Self.scenario(share: "0.01", consumer: false))
        let producer = result.producers[0].statistics
        #expect(result.totals.recordsFailed == 0)
        #expect(
            producer.recordsDuplicated >= 5_670 && producer.recordsDuplicated <= 6_450, "\(producer.recordsDuplicated)")
        #expect(result.totals.recordsDuplicated == producer.recordsDuplicated)
        // Each record is counted once as succeeded, whatever its copies: created = succeeded + still in flight.
        #expect(result.totals.recordsSucceeded + result.totals.recordsInFlight == result.totals.recordsAttempted)
        // Requests: one per first try, one per resend; resends are the lost responses (every one had an attempt
        // left but those lost at attempt 3, about 600,000 × 0.01³ = 0.6).
        #expect(producer.requestsSent - producer.requestsWithLostResponse <= producer.recordsAttempted)
    }

    /// The stream stores the copies like any record: each is a Kinesis record of 1,000 B + a key of 3–6 B, one PUT
    /// payload unit (⌈1,006 / 25,600⌉ = 1; AWS pricing: 25 KB chunks), so the shards meter accepted + duplicated
    /// records and payload units; and a consumer reading the stream gets every stored copy: records delivered +
    /// records still behind at the end = accepted + duplicated.
    @Test func duplicatesAreBilledAndReachTheConsumer() throws {
        let result = try runScenario(Self.scenario(share: "0.01"))
        let stored = result.totals.recordsSucceeded + result.totals.recordsDuplicated
        #expect(result.totals.recordsDuplicated > 5_000)
        #expect(result.totals.incomingRecords == stored)
        let payloadUnits = result.shards.reduce(Int64(0)) { $0 + $1.write.putPayloadUnits }
        #expect(payloadUnits == stored)
        let consumer = result.consumers[0]
        #expect(consumer.statistics.recordsDelivered + consumer.recordsBehindAtEnd == stored)
    }

    /// The retry policy governs resends: a producer with one attempt never resends, so it never duplicates (the
    /// stored record is simply unacknowledged).
    @Test func aProducerThatNeverRetriesNeverDuplicates() throws {
        let result = try runScenario(Self.scenario(share: "0.5"), overrides: ["producers.0.retry.maxAttempts=1"])
        #expect(result.totals.recordsDuplicated == 0)
        #expect(result.totals.recordsSucceeded + result.totals.recordsInFlight == result.totals.recordsAttempted)
    }

    /// Flow fidelity makes the share a rate: each record is stored 1 + s + s² times on average (3 attempts), so
    /// 600,000 records (flow's constant arrivals: exactly 1,000/s × 600 s) give 600,000 × 0.0101 = 6,060 copies.
    @Test func flowFidelityDuplicatesAtTheExpectedRate() throws {
        let result = try runScenario(Self.scenario(share: "0.01", fidelity: "flow"))
        #expect(result.totals.recordsSucceeded == 600_000)
        #expect(result.totals.recordsDuplicated == 6_060)
        #expect(abs(result.totals.incomingRecords - 606_060) <= 1)
    }

    /// Without lost responses nothing changes: no extra random draws (the share's stream is its own), and no new
    /// report keys, so a scenario that says 0 reports byte for byte what one that says nothing does.
    @Test func aZeroShareLeavesTheReportUnchanged() throws {
        let absent = try runScenario(Self.scenario(share: nil))
        let zero = try runScenario(Self.scenario(share: "0"))
        let absentJSON = RunReportJSON.document(for: absent, objective: nil).rendered()
        #expect(absentJSON == RunReportJSON.document(for: zero, objective: nil).rendered())
        #expect(!absentJSON.contains("recordsDuplicated"))
        let lossy = try runScenario(Self.scenario(share: "0.01"))
        let lossyJSON = RunReportJSON.document(for: lossy, objective: nil).rendered()
        #expect(lossyJSON.contains("\"recordsDuplicated\""))
    }

    /// The CSV's `records_duplicated_per_s` rows of `csv` for `entity`, as (bucket start s, bucket width s, value).
    private static func duplicateRows(_ csv: String, entity: String) -> [(time: Double, width: Double, value: Double)] {
        csv.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 5, fields[2] == entity, fields[3] == "records_duplicated_per_s",
                let time = Double(fields[0]), let width = Double(fields[1]), let value = Double(fields[4])
            else { return nil }
            return (time, width, value)
        }
    }

    /// The per-second series (CSV `records_duplicated_per_s`, per producer): 1,000 records/s for 60 s, s = 0.01,
    /// 3 attempts. N ≈ 60,000 first tries; copies D ≈ 60,000 × (0.01 + 0.0001) = 606, i.e. about 10.1 per second.
    /// Spread: D is about Binomial(60,000, 0.01), sd √(60,000 × 0.01 × 0.99) ≈ 24 (N's own Poisson spread adds
    /// 0.0101 × 245 ≈ 2.5), so ±4 sd ≈ ±100 over the run: D in 506 … 706, a mean of 8.4 … 11.8 per second. Each
    /// row counts the copies stored in its second, so the rows × their width add up to the JSON's
    /// `totals.recordsDuplicated` exactly.
    @Test func theCSVCountsDuplicatesPerSecondAndSumsToTheTotal() throws {
        let result = try runScenario(Self.scenario(share: "0.01", consumer: false, duration: "60s"))
        let rows = Self.duplicateRows(RunReportCSV.render(result), entity: "orders")
        #expect(rows.allSatisfy { $0.width == 1 })
        #expect(rows.count >= 59 && rows.count <= 61, "\(rows.count) rows")
        let sum = rows.reduce(0.0) { $0 + $1.value * $1.width }
        #expect(sum == Double(result.totals.recordsDuplicated))
        expectNear(sum, 606, within: 100, "duplicates over the run")
        expectNear(sum / 60, 10.1, within: 100.0 / 60, "mean duplicates per second")
        // Copies are stored when their resend arrives (backoff + request latency after the original), so the
        // series starts in the first seconds, not at 0 for the whole run.
        #expect(rows.contains { $0.time <= 2 && $0.value > 0 })
    }

    /// Flow fidelity counts the copies per accounting window (1 s): with flow's constant arrivals every window
    /// stores 1,000 × 1.0101 = 1,010.1 records of which 1,010.1 − 1,000 = 10.1 are copies, so every full second's
    /// row is 10.1 and the rows add up to 60 × 10.1 = 606 = `totals.recordsDuplicated`.
    @Test func flowFidelityCountsDuplicatesPerWindow() throws {
        let result = try runScenario(Self.scenario(share: "0.01", fidelity: "flow", consumer: false, duration: "60s"))
        let rows = Self.duplicateRows(RunReportCSV.render(result), entity: "orders")
        #expect(rows.count == 60)
        for row in rows { expectNear(row.value, 10.1, within: 1e-6, "duplicates in the second at \(row.time) s") }
        #expect(result.totals.recordsDuplicated == 606)
        expectNear(rows.reduce(0.0) { $0 + $1.value }, 606, within: 1e-6, "the rows' sum")
    }

    /// Without lost responses the CSV has no such rows, and is the same byte for byte as with a share of 0.
    @Test func withoutLostResponsesTheCSVHasNoDuplicateRows() throws {
        let absent = RunReportCSV.render(try runScenario(Self.scenario(share: nil, duration: "60s")))
        #expect(!absent.contains("records_duplicated_per_s"))
        #expect(absent == RunReportCSV.render(try runScenario(Self.scenario(share: "0", duration: "60s"))))
    }
}
