import Foundation

extension SVGChart {
    /// Whether the positive x values of `series` span more than `ratio` (largest over smallest): then a linear
    /// axis squeezes the small values into the first pixels and a log axis reads better (e.g. put latency at
    /// 20 ms beside end-to-end latency at 40 s).
    public static func spansDecades(_ series: [ChartSeries], ratio: Double = 100) -> Bool {
        let xs = series.flatMap(\.points).map(\.x).filter { $0.isFinite && $0 > 0 }
        guard let smallest = xs.min(), let largest = xs.max() else { return false }
        return largest / smallest > ratio
    }

    /// A log-10 x axis: data is carried as exponents (log10 of x) so positions, thinning and ranges stay
    /// linear, and only the tick labels turn back into values.
    enum LogScale {
        /// Every point's x as log10(x); x ≤ 0 (a 0 ms percentile) goes to the smallest positive x present.
        static func transformed(_ lines: [[ChartPoint]]) -> [[ChartPoint]] {
            let smallest = lines.joined().map(\.x).filter { $0 > 0 }.min() ?? 1
            return lines.map { points in points.map { ChartPoint(x: log10(max($0.x, smallest)), y: $0.y) } }
        }

        /// Ticks at each power of ten from below the data to above it; the title says the scale is logarithmic.
        static func axis(lowerExponent: Double, upperExponent: Double, title: String) -> Axis {
            let lower = lowerExponent.rounded(.down)
            var upper = upperExponent.rounded(.up)
            if upper <= lower { upper = lower + 1 }
            let exponents = stride(from: lower, through: upper, by: 1).map { $0 }
            // Separators for every label once one reaches 10,000, as on numeric axes ("1,000" beside "10,000").
            let grouped = upper >= 4
            let labels = exponents.map { exponent in
                Format.number(pow(10, exponent), decimals: max(0, Int(-exponent)), grouped: grouped)
            }
            return Axis(ticks: exponents, labels: labels, title: title + " (log scale)", lower: lower, upper: upper)
        }
    }
}
