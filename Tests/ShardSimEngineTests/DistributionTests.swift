import Foundation
import ShardSimEngine
import Testing

@Suite struct DistributionTests {
    @Test func exponentialHasMeanOneOverRate() {
        var rng = Xoshiro256StarStar(seed: 11)
        let samples = (0..<500_000).map { _ in rng.exponential(ratePerUnit: 4) }
        let (mean, variance) = meanAndVariance(samples)
        #expect(abs(mean - 0.25) / 0.25 < 0.01)
        #expect(abs(variance - 0.0625) / 0.0625 < 0.02)
        #expect(samples.allSatisfy { $0 >= 0 && $0.isFinite })
    }

    @Test func uniformCoversTheRange() {
        var rng = Xoshiro256StarStar(seed: 12)
        let samples = (0..<200_000).map { _ in rng.uniform(min: -2, max: 6) }
        let (mean, variance) = meanAndVariance(samples)
        #expect(samples.allSatisfy { $0 >= -2 && $0 < 6 })
        #expect(abs(mean - 2) < 0.03)
        #expect(abs(variance - 64.0 / 12) / (64.0 / 12) < 0.02)
        #expect(rng.uniform(min: 3, max: 3) == 3)
    }

    @Test func standardNormalHasUnitVarianceAndSymmetricTails() {
        var rng = Xoshiro256StarStar(seed: 13)
        let samples = (0..<500_000).map { _ in rng.standardNormal() }
        let (mean, variance) = meanAndVariance(samples)
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.01)
        // P(|Z| > 1.96) = 5 %.
        let tail = Double(samples.filter { abs($0) > 1.96 }.count) / Double(samples.count)
        #expect(abs(tail - 0.05) < 0.002)
    }

    @Test func eachDrawConsumesAFixedNumberOfOutputs() {
        var normal = Xoshiro256StarStar(seed: 14)
        var reference = Xoshiro256StarStar(seed: 14)
        _ = normal.standardNormal()
        _ = normal.lognormal(LognormalParameters(mean: 5, standardDeviation: 0))
        _ = normal.exponential(ratePerUnit: 1)
        _ = normal.uniform(min: 0, max: 1)
        for _ in 0..<6 { _ = reference.next() }
        #expect(normal.next() == reference.next())
    }

    @Test func lognormalParametersMatchTheVariableItself() {
        let parameters = LognormalParameters(mean: 100, standardDeviation: 50)
        // sigma² = ln(1 + 0.25), mu = ln(100) − sigma² / 2.
        #expect(abs(parameters.sigma - log(1.25).squareRoot()) < 1e-12)
        #expect(abs(parameters.mu - (log(100) - log(1.25) / 2)) < 1e-12)
        let constant = LognormalParameters(mean: 7, standardDeviation: 0)
        #expect(constant.sigma == 0)
        var rng = Xoshiro256StarStar(seed: 15)
        #expect(abs(rng.lognormal(constant) - 7) < 1e-12)
    }

    @Test func lognormalSamplesHaveTheRequestedMeanAndDeviation() {
        var rng = Xoshiro256StarStar(seed: 16)
        let parameters = LognormalParameters(mean: 100, standardDeviation: 50)
        let samples = (0..<1_000_000).map { _ in rng.lognormal(parameters) }
        let (mean, variance) = meanAndVariance(samples)
        #expect(abs(mean - 100) / 100 < 0.01)
        #expect(abs(variance.squareRoot() - 50) / 50 < 0.03)
        #expect(samples.allSatisfy { $0 > 0 })
    }
}
