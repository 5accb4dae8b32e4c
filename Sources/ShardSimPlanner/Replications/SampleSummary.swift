/// Mean, spread and a 95 % interval of one metric over replications (docs/model.md section 18).
public struct SampleSummary: Sendable, Equatable {
    public var count: Int
    public var mean: Double
    /// The sample standard deviation (divisor n − 1); 0 for one value.
    public var standardDeviation: Double
    public var minimum: Double
    public var maximum: Double
    /// The Student-t 95 % interval on the mean, mean ± t₀.₉₇₅(n − 1) · s / √n; nil for one value.
    public var confidenceInterval95: ClosedRange<Double>?

    /// Half the interval's width (0 without one).
    public var halfWidth95: Double {
        confidenceInterval95.map { ($0.upperBound - $0.lowerBound) / 2 } ?? 0
    }

    /// Summarises `values` (at least one). Two passes (the mean, then the squares about it), so values far from 0
    /// lose no digits to cancellation as a one-pass sum of squares would.
    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "a summary needs at least one value")
        count = values.count
        let n = Double(values.count)
        mean = values.reduce(0, +) / n
        minimum = values.min()!
        maximum = values.max()!
        guard values.count >= 2 else {
            standardDeviation = 0
            confidenceInterval95 = nil
            return
        }
        let center = mean
        let squares = values.reduce(0) { $0 + ($1 - center) * ($1 - center) }
        standardDeviation = (squares / (n - 1)).squareRoot()
        let halfWidth = StudentT.quantile975(degreesOfFreedom: values.count - 1) * standardDeviation / n.squareRoot()
        confidenceInterval95 = (mean - halfWidth)...(mean + halfWidth)
    }
}
