// Small helpers shared by the statistical tests.

/// Sample mean and (population) variance of `values`.
func meanAndVariance(_ values: [Double]) -> (mean: Double, variance: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    return (mean, variance)
}

/// Pearson's chi-square statistic of observed counts against probabilities,
/// skipping categories with zero probability.
func chiSquare(observed: [Int], probabilities: [Double]) -> Double {
    let total = Double(observed.reduce(0, +))
    var statistic = 0.0
    for (count, probability) in zip(observed, probabilities) where probability > 0 {
        let expected = total * probability
        statistic += (Double(count) - expected) * (Double(count) - expected) / expected
    }
    return statistic
}
