import Foundation
import ShardSimEngine
import Testing

@testable import ShardSimModel

/// The producer's records are drawn a block at a time through a fast lane (ArrivalGenerator.FastLane); every report
/// depends on those records being exactly the ones drawn one at a time by the generator's full rule.
@Suite struct ArrivalDrawTests {
    /// A record's fields, flattened for comparison.
    private func fields(_ records: [UserRecord]) -> [Int64] {
        records.flatMap { [$0.createdAtNanoseconds, Int64($0.keyIndex), Int64($0.dataBytes)] }
    }

    /// Every record the assembler hands out, in order, for a producer sending each record on its own.
    private func assembled(_ configuration: ProducerConfiguration, horizon: Int64, seed: UInt64) -> [UserRecord] {
        var assembler = BatchAssembler(
            configuration: configuration, keys: KeySpace(distribution: configuration.partitionKeys),
            random: Xoshiro256StarStar(seed: seed), maxRecordBytes: 1_048_576, horizonNanoseconds: horizon)
        var records: [UserRecord] = []
        while assembler.assemble(into: &records, batchStart: records.count, previousSendNanoseconds: 0) != nil {}
        return records
    }

    /// The same records drawn one at a time: arrival, key, size, through the generator's full rule.
    private func drawnOneByOne(_ configuration: ProducerConfiguration, horizon: Int64, seed: UInt64) -> [UserRecord] {
        var generator = ArrivalGenerator(
            configuration: configuration, maxRecordBytes: 1_048_576, horizonNanoseconds: horizon)
        let sampler = KeySpace(distribution: configuration.partitionKeys).sampler
        var random = Xoshiro256StarStar(seed: seed)
        var records: [UserRecord] = []
        while let time = generator.nextArrivalNanoseconds(&random) {
            let key = sampler.sample(&random)
            let size = generator.nextSizeBytes(&random)
            records.append(UserRecord(createdAtNanoseconds: time, keyIndex: key, dataBytes: size))
        }
        return records
    }

    @Test(arguments: [ArrivalProcess.poisson, .uniform])
    func blockDrawsEqualDrawsOneAtATimeAcrossRateChanges(_ arrival: ArrivalProcess) {
        // Steps that cross block boundaries, a pause (rate 0) and a step at the very horizon, Zipf keys (the alias
        // sampler) and fixed sizes (the specialized loop), then uniform keys and lognormal sizes (the general one).
        var producer = ProducerConfiguration(name: "steps", recordsPerSecond: 3_000)
        producer.api = .putRecord
        producer.arrival = arrival
        producer.recordSize = .fixed(bytes: 200)
        producer.partitionKeys = .zipf(count: 1_000, exponent: 0.9, prefix: "k-")
        producer.rateProfile = .steps([
            RateStep(atNanoseconds: 300_000_000, recordsPerSecond: 7_777),
            RateStep(atNanoseconds: 450_000_000, recordsPerSecond: 0),
            RateStep(atNanoseconds: 600_000_000, recordsPerSecond: 1_234.5),
            RateStep(atNanoseconds: 2_000_000_000, recordsPerSecond: 9_000),
        ])
        let horizon: Int64 = 2_000_000_000
        let blockDrawn = assembled(producer, horizon: horizon, seed: 41)
        #expect(blockDrawn.count > 3_000)
        #expect(fields(blockDrawn) == fields(drawnOneByOne(producer, horizon: horizon, seed: 41)))

        producer.partitionKeys = .uniform(count: 500, prefix: "u-")
        producer.recordSize = .lognormal(meanBytes: 900, standardDeviationBytes: 300)
        #expect(
            fields(assembled(producer, horizon: horizon, seed: 42))
                == fields(drawnOneByOne(producer, horizon: horizon, seed: 42)))
    }

    /// KPL collection by hand: a batch opens at its first record and closes at its deadline (first + max buffered
    /// time: send at the deadline), on its record limit (send with that record) or when the next record would push
    /// it past the byte limit (send as that record arrives). Returns each batch's record count and send time.
    private func collectedByHand(
        _ records: [UserRecord], keyBytes: Int64, maxRecords: Int, maxBytes: Int64, maxBuffered: Int64
    ) -> [[Int64]] {
        var batches: [[Int64]] = []
        var index = 0
        while index < records.count {
            let deadline = records[index].createdAtNanoseconds + maxBuffered
            var count = 0, bytes: Int64 = 0, send = deadline
            while index < records.count {
                let record = records[index]
                if record.createdAtNanoseconds > deadline { break }
                let recordBytes = Int64(record.dataBytes) + keyBytes
                if count > 0 && bytes + recordBytes > maxBytes {
                    send = record.createdAtNanoseconds
                    break
                }
                count += 1
                bytes += recordBytes
                index += 1
                if count == maxRecords {
                    send = record.createdAtNanoseconds
                    break
                }
            }
            batches.append([Int64(count), send])
        }
        return batches
    }

    @Test(arguments: [Int64(5_242_880), 5_000])
    func batchesCloseOnTimeCountOrBytesAsKPLCollects(maxBytes: Int64) {
        // 3,000 records/s of 200 B on keys "k-0"…"k-9" (3 B each): about 60 arrive in a 20 ms buffer, so batches of
        // at most 50 close on count or on time. With 5 MiB the bytes can never close one (50 × 203 B); with 5,000 B
        // they close at 24 records (24 × 203 = 4,872; a 25th makes 5,075).
        var producer = ProducerConfiguration(name: "kpl", recordsPerSecond: 3_000)
        producer.recordSize = .fixed(bytes: 200)
        producer.partitionKeys = .uniform(count: 10, prefix: "k-")
        producer.batching.maxRecords = 50
        producer.batching.maxBytes = maxBytes
        producer.batching.maxBufferedNanoseconds = 20_000_000
        let horizon: Int64 = 3_000_000_000
        var assembler = BatchAssembler(
            configuration: producer, keys: KeySpace(distribution: producer.partitionKeys),
            random: Xoshiro256StarStar(seed: 43), maxRecordBytes: 1_048_576, horizonNanoseconds: horizon)
        var records: [UserRecord] = []
        var batches: [[Int64]] = []
        var lastSend: Int64 = 0
        while true {
            let start = records.count
            guard let batch = assembler.assemble(into: &records, batchStart: start, previousSendNanoseconds: lastSend)
            else { break }
            batches.append([Int64(records.count - start), batch.sendNanoseconds])
            lastSend = batch.sendNanoseconds
        }
        let expected = collectedByHand(
            drawnOneByOne(producer, horizon: horizon, seed: 43), keyBytes: 3, maxRecords: 50, maxBytes: maxBytes,
            maxBuffered: 20_000_000)
        #expect(batches == expected)
        let sizes = Set(batches.map { $0[0] })
        #expect(sizes.contains(maxBytes == 5_000 ? 24 : 50), "some batches close on their limit")
        #expect(sizes.contains { $0 < (maxBytes == 5_000 ? 24 : 50) }, "some close on time")
    }
}
