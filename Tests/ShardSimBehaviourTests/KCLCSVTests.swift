import ShardSimModel
import ShardSimReport
import ShardSimTestSupport
import Testing

/// A KCL application's lease-table and takeover figures second by second (`run --format csv`; docs/model.md
/// section 14.1), with the cadences of KCL 2.x (docs/model.md section 19): a renewer every 3.308 s writing once
/// per lease held, a lease taker every 20.05 s scanning the table, a shard sync every 60 s scanning it too; a
/// lease item is under 1 KB (one write unit) and a scan of at most 4 KB eventually consistent is half a read unit.
@Suite struct KCLCSVTests {
    private static func scenario(workers: Int, events: String = "[]") -> String {
        """
        { "name": "kcl-csv", "seed": 7, "duration": "10m", "stream": { "shardCount": 4 },
          "producers": [{ "name": "p", "recordsPerSecond": 400, "recordSizeBytes": 200,
                          "partitionKeys": { "distribution": "uniform", "count": 10000, "prefix": "k-" } }],
          "consumers": [{ "name": "app", "type": "kcl", "workers": \(workers), "fanOut": "shared" }],
          "events": \(events) }
        """
    }

    /// `metric`'s rows for entity `app`, by bucket start second (every bucket is 1 s in a 10-minute run).
    private static func rows(_ csv: String, metric: String) -> [Int: Double] {
        var values: [Int: Double] = [:]
        for line in csv.split(separator: "\n") {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 5, fields[2] == "app", fields[3] == metric, fields[1] == "1",
                let time = Int(fields[0]), let value = Double(fields[4])
            else { continue }
            values[time] = value
        }
        return values
    }

    @Test func leaseTableUnitsPerSecondFollowTheKCLCadences() throws {
        // One worker, four shards, checkpoints every 60 s (the default), 10 minutes.
        // Writes: at 0 s the taker takes the 4 new leases (4 writes) and the renewer renews them (4): 8. Renewals at
        // k × 3.308 s, 4 writes each: 59.544 s (k = 18) and 62.852 s (k = 19), none in second 61; the checkpoints
        // at 60 s write 4. Total 768 (KCLBehaviourTests.leaseTableRequestsByArithmetic: 728 + 4 + 36).
        // Reads: second 0 has the taker's scan and the shard sync (2 halves = 1 unit); second 20 the taker's scan
        // at 20.05 s alone (0.5); second 60 the sync at 60 s and the taker at 60.15 s (1). Total 20 units.
        let result = try runScenario(Self.scenario(workers: 1))
        let csv = RunReportCSV.render(result)
        let writes = Self.rows(csv, metric: "lease_table_write_units_per_s")
        #expect(writes[0] == 8)
        #expect(writes[59] == 4 && writes[60] == 4 && writes[61] == 0 && writes[62] == 4)
        #expect(writes.values.reduce(0, +) == 768)
        let reads = Self.rows(csv, metric: "lease_table_read_units_per_s")
        #expect(reads[0] == 1 && reads[20] == 0.5 && reads[21] == 0 && reads[60] == 1)
        #expect(reads.values.reduce(0, +) == 20)
        // One worker never takes a lease from another: no takeover rows.
        #expect(Self.rows(csv, metric: "lease_takeovers_per_s").isEmpty)
    }

    @Test func takeoversAppearInTheSecondTheyHappen() throws {
        // Two workers, four shards: at 0 s worker 1 scans first and takes all four new leases ("very old" leases go
        // to the first taker); worker 2's scan at 0 s finds none unowned, its target is ceil(4 / 2) = 2 and worker 1
        // holds 4 > 2, so it steals one: a takeover in second 0; at 20.05 s it steals a second (worker 1 still
        // holds 3 > 2): a takeover in second 20. Then 2 and 2: balanced, no more.
        let csv = RunReportCSV.render(try runScenario(Self.scenario(workers: 2)))
        let takeovers = Self.rows(csv, metric: "lease_takeovers_per_s")
        #expect(takeovers[0] == 1 && takeovers[20] == 1)
        #expect(takeovers.values.reduce(0, +) == 2)
    }
}
