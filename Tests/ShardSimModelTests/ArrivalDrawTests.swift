import Foundation
import ShardSimEngine
import Testing

@testable import ShardSimModel

/// The producer's records are drawn a block at a time through a fast lane (ArrivalGenerator.FastLane); every report
/// depends on those records being exactly the ones drawn one at a time by the generator's full rule.
@Suite struct ArrivalDrawTests {
    @Test func fastRoundingMatchesRoundingHalvesAwayFromZero() {
        // The reference is the standard library's rounding (libm), not the code under test.
        var values: [Double] = [
            0, 0.25, 0.5, 1.5, 2.5, 3.5, 0.49999999999999994, 0.5000000000000001, 1e6 + 0.5, 1e6 - 0.5,
            0x1p52 - 0.5, 0x1p52 - 1, 0x1p51 + 0.5, 12_345.678,
        ]
        var random = Xoshiro256StarStar(seed: 31)
        for _ in 0..<100_000 { values.append(random.nextUnitDouble() * 0x1p20) }
        for _ in 0..<10_000 { values.append(Double(random.nextInt(below: 1 << 40)) + 0.5) }
        for value in values {
            #expect(roundedToNearestNonNegative(value) == Int64(value.rounded(.toNearestOrAwayFromZero)), "\(value)")
        }
    }

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
}
