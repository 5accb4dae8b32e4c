/// What one applied request put on each shard, summed per shard, in the order the shards were first touched:
/// the write path fills it (the ledger, as it accepts each record), the read path appends it to the shard logs and
/// empties it.
struct AcceptedRuns {
    /// Kinesis records apart from the other two on purpose: side by side, the compiler packed the user-record and
    /// byte adds into vector instructions that cost three times the two scalar adds.
    typealias Totals = (userRecords: Int64, kinesisRecords: Int64, bytes: Int64)

    /// Per shard: accepted Kinesis records, their user records and counted bytes.
    private(set) var byShard: [Totals] = []
    /// `touchedStorage[0..<touchedCount]`: the shards with something in `byShard`, first touched first. A slot for
    /// every shard (each is touched at most once between `removeAll`s), so adding one is a store, never a growth.
    private var touchedStorage: [Int32] = []
    private var touchedCount = 0

    /// The shards with something in `byShard`, first touched first.
    var touchedShards: ArraySlice<Int32> { touchedStorage[0..<touchedCount] }

    var isEmpty: Bool { touchedCount == 0 }

    mutating func addShard() {
        byShard.append((0, 0, 0))
        touchedStorage.append(-1)
    }

    /// Calls `body` with a writer that adds accepted records through the runs' buffers.
    mutating func withWriter<Result>(_ body: (inout AcceptedRunsWriter) -> Result) -> Result {
        var touchedStorage: [Int32] = []
        swap(&touchedStorage, &self.touchedStorage)
        defer { swap(&touchedStorage, &self.touchedStorage) }
        let touchedCount = self.touchedCount
        return touchedStorage.withUnsafeMutableBufferPointer { touched in
            byShard.withUnsafeMutableBufferPointer { totals in
                var writer = AcceptedRunsWriter(totals: totals, touched: touched, touchedCount: touchedCount)
                defer { self.touchedCount = writer.touchedCount }
                return body(&writer)
            }
        }
    }

    /// Adds a request's accepted Kinesis records: record i went to shard `acceptedShards[i]`, or was throttled (-1).
    mutating func add(_ records: [KinesisRecordEntry], acceptedShards: [Int32]) {
        withWriter { writer in
            for (position, entry) in records.enumerated() where acceptedShards[position] >= 0 {
                writer.accept(
                    shard: Int(acceptedShards[position]), userRecords: Int64(entry.userRecordCount),
                    bytes: Int64(entry.countedBytes))
            }
        }
    }

    /// Empties the runs (after the read path appended them).
    mutating func removeAll() {
        for shard in touchedShards { byShard[Int(shard)] = (0, 0, 0) }
        touchedCount = 0
    }
}

/// Where the ledger puts each record it accepts.
protocol AcceptedRecordSink {
    mutating func accept(shard: Int, userRecords: Int64, bytes: Int64)
}

/// A stream without readers: accepted records go nowhere beyond the ledger's own counts.
struct DiscardedAcceptedRecords: AcceptedRecordSink {
    @inline(__always) mutating func accept(shard: Int, userRecords: Int64, bytes: Int64) {}
}

/// Adds accepted records to `AcceptedRuns` through its buffers (valid inside `AcceptedRuns.withWriter`).
struct AcceptedRunsWriter: AcceptedRecordSink {
    let totals: UnsafeMutableBufferPointer<AcceptedRuns.Totals>
    let touched: UnsafeMutableBufferPointer<Int32>
    var touchedCount: Int

    @inline(__always)
    mutating func accept(shard: Int, userRecords: Int64, bytes: Int64) {
        precondition(UInt(bitPattern: shard) < UInt(totals.count), "an accepted record's shard has runs")
        if totals[shard].kinesisRecords == 0 {
            // Below the shard count: each shard is counted here once, when its totals leave zero (`touched` has a
            // slot per shard, as `totals` has).
            touched[touchedCount] = Int32(truncatingIfNeeded: shard)
            touchedCount &+= 1
        }
        // Wrapping: counts and bytes of one request's records.
        totals[shard].kinesisRecords &+= 1
        totals[shard].userRecords &+= userRecords
        totals[shard].bytes &+= bytes
    }
}
