/// A request's Kinesis records as `ShardWriteLedger.offer` reads them: each one's routing key, counted bytes and
/// partition-key bytes. Two layouts, so a request without aggregation is offered straight from its user records
/// (one Kinesis record each) and its `KinesisRecordEntry` list is built only if something needs it.
protocol OfferedRecords {
    var count: Int { get }
    /// The key index whose hash routes record `position`.
    func routingKey(at position: Int) -> Int
    /// The user records in record `position`.
    func userRecordCount(at position: Int) -> Int64
    /// Record `position`'s counted bytes (data plus partition key) and, when `meters`, its partition key's bytes
    /// (0 otherwise). `key` is its routing key, already checked to be within `keyBytesByKey`.
    func bytes(at position: Int, key: Int, keyBytesByKey: UnsafeBufferPointer<Int32>, meters: Bool)
        -> (counted: Int64, partitionKey: Int64)
}

/// Kinesis records as entries: single user records or KPL aggregates.
struct EntryRecords: OfferedRecords {
    let entries: UnsafeBufferPointer<KinesisRecordEntry>

    var count: Int { entries.count }

    @inline(__always)
    func routingKey(at position: Int) -> Int { Int(entries[position].routingKeyIndex) }

    @inline(__always)
    func userRecordCount(at position: Int) -> Int64 { Int64(entries[position].userRecordCount) }

    @inline(__always)
    func bytes(at position: Int, key: Int, keyBytesByKey: UnsafeBufferPointer<Int32>, meters: Bool)
        -> (counted: Int64, partitionKey: Int64)
    {
        let entry = entries[position]
        // An aggregate's partition key is "a": one byte.
        let partitionKey = !meters ? 0 : entry.userRecordCount > 1 ? 1 : Int64(keyBytesByKey[key])
        return (Int64(entry.countedBytes), partitionKey)
    }
}

/// User records sent as they are, each one Kinesis record of its data and its partition key.
struct UnaggregatedRecords: OfferedRecords {
    let userRecords: UnsafeBufferPointer<UserRecord>

    var count: Int { userRecords.count }

    @inline(__always)
    func routingKey(at position: Int) -> Int { Int(userRecords[position].keyIndex) }

    @inline(__always)
    func userRecordCount(at position: Int) -> Int64 { 1 }

    @inline(__always)
    func bytes(at position: Int, key: Int, keyBytesByKey: UnsafeBufferPointer<Int32>, meters: Bool)
        -> (counted: Int64, partitionKey: Int64)
    {
        let partitionKey = Int64(keyBytesByKey[key])
        return (Int64(userRecords[position].dataBytes) &+ partitionKey, partitionKey)
    }
}
