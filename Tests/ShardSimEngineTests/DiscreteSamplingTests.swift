import Foundation
import ShardSimEngine
import Testing

@Suite struct DiscreteSamplingTests {
    @Test func aliasTableFrequenciesMatchWeights() {
        let weights: [Double] = [1, 2, 3, 4, 0, 10]
        let table = AliasTable(weights: weights)
        #expect(table.count == 6)
        let probabilities = (0..<6).map { table.probability(of: $0) }
        for (probability, weight) in zip(probabilities, weights) {
            #expect(abs(probability - weight / 20) < 1e-15)
        }
        var rng = Xoshiro256StarStar(seed: 21)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<1_000_000 { counts[table.sample(&rng)] += 1 }
        #expect(counts[4] == 0)
        // 4 degrees of freedom: 25 is p ≈ 5e-5.
        #expect(chiSquare(observed: counts, probabilities: probabilities) < 25)
    }

    @Test func aliasTableHandlesDegenerateWeights() {
        var rng = Xoshiro256StarStar(seed: 22)
        let single = AliasTable(weights: [3.5])
        #expect(single.probability(of: 0) == 1)
        #expect((0..<100).allSatisfy { _ in single.sample(&rng) == 0 })
        let onlyLast = AliasTable(weights: [0, 0, 0, 1e-300])
        #expect((0..<1000).allSatisfy { _ in onlyLast.sample(&rng) == 3 })
    }

    @Test func aliasTableIsDeterministicForASeed() {
        let table = AliasTable(weights: (1...50).map { Double($0 * $0) })
        var a = Xoshiro256StarStar(seed: 23)
        var b = Xoshiro256StarStar(seed: 23)
        #expect((0..<1000).map { _ in table.sample(&a) } == (0..<1000).map { _ in table.sample(&b) })
    }

    @Test func aliasTableDrawsOneOutputPerSample() {
        // Column and coin come from one 64-bit output (the multiply-shift rejects with probability < n / 2^64).
        let table = AliasTable(weights: [1, 2, 3, 4, 0, 10])
        var sampled = Xoshiro256StarStar(seed: 25)
        var reference = Xoshiro256StarStar(seed: 25)
        for _ in 0..<1000 { _ = table.sample(&sampled) }
        for _ in 0..<1000 { _ = reference.next() }
        #expect(sampled.next() == reference.next())
    }

    @Test func aliasTableOverManyColumnsMatchesItsWeights() {
        // With many columns the coin (the product's low word) must stay independent of the column: Zipf weights
        // k^-0.6 over 1,000 keys, 10^6 draws. 999 degrees of freedom: mean 999, sd ≈ 44.7; 1,230 is about 5 sd.
        let weights = (1...1000).map { 1 / pow(Double($0), 0.6) }
        let total = weights.reduce(0, +)
        let table = AliasTable(weights: weights)
        var rng = Xoshiro256StarStar(seed: 26)
        var counts = [Int](repeating: 0, count: 1000)
        for _ in 0..<1_000_000 { counts[table.sample(&rng)] += 1 }
        #expect(chiSquare(observed: counts, probabilities: weights.map { $0 / total }) < 1230)
    }

    @Test func zipfProbabilitiesMatchHandComputedValues() {
        let zipf = ZipfDistribution(count: 3, exponent: 1)
        #expect(abs(zipf.probability(ofIndex: 0) - 6.0 / 11) < 1e-12)
        #expect(abs(zipf.probability(ofIndex: 1) - 3.0 / 11) < 1e-12)
        #expect(abs(zipf.probability(ofIndex: 2) - 2.0 / 11) < 1e-12)
        let squared = ZipfDistribution(count: 2, exponent: 2)
        #expect(abs(squared.probability(ofIndex: 0) - 0.8) < 1e-12)
        let uniform = ZipfDistribution(count: 4, exponent: 0)
        #expect((0..<4).allSatisfy { uniform.probability(ofIndex: $0) == 0.25 })
    }

    @Test func zipfFrequenciesMatchProbabilities() {
        let zipf = ZipfDistribution(count: 100, exponent: 1.1)
        let probabilities = (0..<100).map { zipf.probability(ofIndex: $0) }
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-12)
        var rng = Xoshiro256StarStar(seed: 24)
        var counts = [Int](repeating: 0, count: 100)
        for _ in 0..<1_000_000 { counts[zipf.sample(&rng)] += 1 }
        // 99 degrees of freedom: mean 99, sd ≈ 14; 170 is about 5 sd.
        #expect(chiSquare(observed: counts, probabilities: probabilities) < 170)
        #expect(counts[0] > counts[1] && counts[1] > counts[9] && counts[9] > counts[99])
    }
}
