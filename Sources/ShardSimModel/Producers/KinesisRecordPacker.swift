/// Turns a closed batch of user records into Kinesis records and PutRecords requests.
///
/// Without aggregation each user record is one Kinesis record. With KPL aggregation, records are grouped by
/// the shard their key predicts (one aggregator per predicted shard, as in the KPL's `aggregator.h`) and
/// packed into aggregates of at most `aggregation.maxBytes`; a group of one, or a record too large to
/// share, goes unaggregated with its own key, as the KPL does. The KPL's aggregators outlive one PutRecords
/// request: a shard's last, less-than-half-full aggregate whose first record is younger than RecordMaxBufferedTime
/// is carried into the next batch (`carried`) instead of being sent nearly empty, so aggregates fill up as the
/// KPL's do (its docs: 1,000 records/s of 512 B on one shard become ~10 records/s of ~50 KB), and a record
/// waits at most about twice the buffered time.
struct KinesisRecordPacker {
    /// Scratch space reused across batches.
    private var sorted: [UserRecord] = []
    private var countsByShard: [Int32] = []
    private var entries: [KinesisRecordEntry] = []

    /// Packs `batch` into `entries`; `records` is the user-record array the entries index into.
    mutating func pack(
        _ batch: [UserRecord], keys: KeySpace, aggregation: AggregationConfiguration,
        overheadBytesPerUserRecord: Int, shardCount: Int, sendNanoseconds: Int64 = 0,
        maxBufferedNanoseconds: Int64 = 0, carried: inout [UserRecord]
    )
        -> (records: [UserRecord], entries: [KinesisRecordEntry])
    {
        entries.removeAll(keepingCapacity: true)
        guard aggregation.isEnabled else {
            for (index, record) in batch.enumerated() {
                let bytes = record.dataBytes + keys.keyBytesByKey[Int(record.keyIndex)]
                entries.append(
                    KinesisRecordEntry(
                        firstUserRecord: Int32(index), userRecordCount: 1,
                        countedBytes: bytes, routingKeyIndex: record.keyIndex))
            }
            return (batch, entries)
        }
        groupByPredictedShard(batch, keys: keys, shardCount: shardCount)
        var index = 0
        // Each pass consumes at least one record.
        while index < sorted.count {
            let shard = keys.shardIndexByKey[Int(sorted[index].keyIndex)]
            let start = index
            var blobBytes = KinesisProducerLibraryDefaults.aggregationFramingBytes
            while index < sorted.count, keys.shardIndexByKey[Int(sorted[index].keyIndex)] == shard {
                let record = sorted[index]
                let added =
                    Int(record.dataBytes) + Int(keys.keyBytesByKey[Int(record.keyIndex)])
                    + overheadBytesPerUserRecord
                if index > start && blobBytes + added > aggregation.maxBytes { break }
                blobBytes += added
                index += 1
            }
            let count = index - start
            let first = sorted[start]
            let endsGroup = index == sorted.count || keys.shardIndexByKey[Int(sorted[index].keyIndex)] != shard
            if endsGroup && blobBytes * 2 < aggregation.maxBytes
                && sendNanoseconds - first.createdAtNanoseconds < maxBufferedNanoseconds
            {
                carried.append(contentsOf: sorted[start..<index])
                continue
            }
            if count == 1 {
                let bytes = first.dataBytes + keys.keyBytesByKey[Int(first.keyIndex)]
                entries.append(
                    KinesisRecordEntry(
                        firstUserRecord: Int32(start), userRecordCount: 1,
                        countedBytes: bytes, routingKeyIndex: first.keyIndex))
            } else {
                // An aggregate's partition key is "a" (one byte); ExplicitHashKey routes it.
                entries.append(
                    KinesisRecordEntry(
                        firstUserRecord: Int32(start), userRecordCount: Int32(count),
                        countedBytes: Int32(blobBytes + 1), routingKeyIndex: first.keyIndex))
            }
        }
        return (sorted, entries)
    }

    /// A stable counting sort of the batch by predicted shard, into `sorted`.
    private mutating func groupByPredictedShard(_ batch: [UserRecord], keys: KeySpace, shardCount: Int) {
        if countsByShard.count < shardCount + 1 { countsByShard = Array(repeating: 0, count: shardCount + 1) }
        for index in 0...shardCount { countsByShard[index] = 0 }
        for record in batch { countsByShard[Int(keys.shardIndexByKey[Int(record.keyIndex)]) + 1] += 1 }
        for index in 0..<shardCount { countsByShard[index + 1] += countsByShard[index] }
        sorted.removeAll(keepingCapacity: true)
        sorted.append(contentsOf: batch)
        for record in batch {
            let shard = Int(keys.shardIndexByKey[Int(record.keyIndex)])
            sorted[Int(countsByShard[shard])] = record
            countsByShard[shard] += 1
        }
    }
}
