import ShardSimEngine
import ShardSimJSON
import ShardSimModel

/// The fields of a `kcl` consumer: one KCL application (facts sheet section 11; docs/model.md section 19).
enum KCLReading {
    /// Workers one application may declare: far above any useful count (one lease per shard, 10,000 shards at most).
    static let maxWorkers: Int64 = 10_000
    /// DynamoDB's default per-table throughput quota (40,000 read and 40,000 write capacity units).
    static let maxLeaseTableCapacityUnits: Int64 = 40_000

    static func read(_ reader: ObjectReader) -> KCLConfiguration {
        var kcl = KCLConfiguration()
        let second = nanosecondsPerSecond
        kcl.workers = Int(reader.integer("workers", in: 1...maxWorkers) ?? 1)
        // No default: KCL 1.x polls, KCL 2.x subscribes (EFO) by default; the scenario says which it models.
        if let fanOut = reader.choice("fanOut", ["shared", "enhanced"], required: true) {
            kcl.enhancedFanOut = fanOut == "enhanced"
        }
        let interval = reader.duration("checkpointInterval", in: 1_000_000...86_400 * second)
        let everyRecords = reader.integer("checkpointEveryRecords", in: 1...1_000_000_000)
        if interval != nil && everyRecords != nil {
            reader.report("checkpointEveryRecords", "give checkpointInterval or checkpointEveryRecords, not both")
        }
        if let interval { kcl.checkpoint = .interval(nanoseconds: interval) }
        if let everyRecords { kcl.checkpoint = .everyRecords(everyRecords) }
        // At least 1 s: the renewer runs every failoverTime / 3 - 25 ms, which must stay well above zero.
        kcl.failoverTimeNanoseconds =
            reader.duration("failoverTime", in: second...3_600 * second) ?? kcl.failoverTimeNanoseconds
        kcl.maxLeasesForWorker = reader.integer("maxLeasesForWorker", in: 1...100_000).map { Int($0) }
        if let table = reader.object("leaseTable") {
            kcl.leaseTable = readLeaseTable(table)
            table.finish()
        }
        return kcl
    }

    private static func readLeaseTable(_ reader: ObjectReader) -> LeaseTableCapacity {
        let mode = reader.choice("billingMode", ["PAY_PER_REQUEST", "PROVISIONED"]) ?? "PAY_PER_REQUEST"
        let units = 1...maxLeaseTableCapacityUnits
        let read = reader.integer("readCapacityUnits", in: units)
        let write = reader.integer("writeCapacityUnits", in: units)
        guard mode == "PROVISIONED" else {
            for field in ["readCapacityUnits", "writeCapacityUnits"] where reader.has(field) {
                reader.report(field, "applies only with billingMode PROVISIONED (PAY_PER_REQUEST has no capacity)")
            }
            return .payPerRequest
        }
        // KCL creates a provisioned table with initialLeaseTableRead/WriteCapacity, 10 each.
        return .provisioned(
            readCapacityUnits: read ?? KCLDefaults.provisionedLeaseTableCapacityUnits,
            writeCapacityUnits: write ?? KCLDefaults.provisionedLeaseTableCapacityUnits)
    }
}
