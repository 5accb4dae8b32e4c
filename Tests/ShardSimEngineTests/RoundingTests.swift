import Foundation
import Testing

@testable import ShardSimEngine

/// Arrival times and alias-table thresholds round through `roundedToNearestNonNegative`; every report depends on it
/// rounding exactly as `rounded()` does (halves away from zero). The reference is the standard library's rounding
/// (libm), not the code under test.
@Suite struct RoundingTests {
    @Test func roundsLikeRoundingHalvesAwayFromZero() {
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

    @Test func aliasThresholdsAreTheKeepProbabilityIn53BitsRounded() {
        // threshold(p) = round(p × 2^53), p clamped to [0, 1]: by hand at the ends and the middle, then against libm.
        #expect(AliasTable.threshold(0) == 0)
        #expect(AliasTable.threshold(1) == 1 << 53)
        #expect(AliasTable.threshold(0.5) == 1 << 52)
        #expect(AliasTable.threshold(-0.25) == 0 && AliasTable.threshold(1.5) == 1 << 53)
        #expect(AliasTable.threshold(1 - 0x1p-53) == (1 << 53) - 1)
        var random = Xoshiro256StarStar(seed: 32)
        for _ in 0..<100_000 {
            let probability = random.nextUnitDouble()
            #expect(AliasTable.threshold(probability) == UInt64((probability * 0x1p53).rounded()))
        }
    }
}
