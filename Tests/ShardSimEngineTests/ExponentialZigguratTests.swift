import Foundation
import ShardSimEngine
import Testing

/// The ziggurat draws Poisson arrival gaps: they must be Exp(1) in distribution, tail included. Expected values are
/// the exponential's closed forms: mean 1, variance 1, P(X > x) = e^−x, CDF 1 − e^−x.
@Suite struct ExponentialZigguratTests {
    static let draws = 1_000_000

    static func samples(seed: UInt64) -> [Double] {
        var random = Xoshiro256StarStar(seed: seed)
        let ziggurat = ExponentialZiggurat.shared
        return (0..<draws).map { _ in ziggurat.sample(&random) }
    }

    @Test func meanAndVarianceAreOne() {
        let (mean, variance) = meanAndVariance(Self.samples(seed: 31))
        // Standard error of the mean 1 / √n = 0.001; of the variance √((μ4 − σ⁴) / n) = √(8 / n) ≈ 0.0028.
        #expect(abs(mean - 1) < 0.005)
        #expect(abs(variance - 1) < 0.015)
    }

    @Test func kolmogorovSmirnovDistanceToTheExponentialCDF() {
        let sorted = Self.samples(seed: 32).sorted()
        let count = Double(sorted.count)
        var distance = 0.0
        for (index, value) in sorted.enumerated() {
            let cdf = -expm1(-value)
            distance = max(distance, abs(Double(index + 1) / count - cdf), abs(Double(index) / count - cdf))
        }
        // The 1 % critical value of the KS statistic for n = 10^6 is 1.63 / √n = 0.00163.
        #expect(distance < 0.00163)
        #expect(sorted.first! >= 0)
    }

    @Test func tailBeyondTheBaseStripHasItsShare() {
        let samples = Self.samples(seed: 33)
        // Beyond R = 7.697 the draws come from the tail path: P(X > 7.697) = e^−7.697 = 4.54e-4 (454 of 10^6, sd
        // 21); P(X > 10) = 4.54e-5 (45, sd 6.7). Bounds at about 4 sd.
        let beyondR = samples.filter { $0 > 7.69711747013104972 }.count
        let beyondTen = samples.filter { $0 > 10 }.count
        #expect((370...540).contains(beyondR))
        #expect((18...75).contains(beyondTen))
        // Inside the top layer (x < 0.0639, all wedge tests): P = 1 − e^−0.0639 = 0.0619 (61,900, sd 241).
        let top = samples.filter { $0 < 0.06385216381495624 }.count
        #expect(abs(top - 61_856) < 1_000)
    }

    @Test func sameSeedSameVariates() {
        #expect(Self.samples(seed: 34).prefix(1000) == Self.samples(seed: 34).prefix(1000))
    }
}
