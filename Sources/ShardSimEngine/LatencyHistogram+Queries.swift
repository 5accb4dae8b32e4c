// Percentile queries and merging for LatencyHistogram. These run at report
// time, not per event, so they favour clarity over micro-optimisation.

extension LatencyHistogram {
    /// The value at percentile p (0...100): the smallest bucket upper bound such that at least p% of values are ≤ it,
    /// clamped to maxValue; 0 when empty. percentile(100) == maxValue.
    ///
    /// The target rank is ceil(p · count / 100), at least 1, so percentile(0)
    /// describes the smallest value (its bucket's upper bound, ≥ minValue).
    /// The result r for the true value v at that rank obeys
    /// v ≤ r ≤ v · (1 + `relativeErrorBound`).
    ///
    /// - Complexity: O(bucket count).
    public func percentile(_ p: Double) -> Int64 {
        precondition(p >= 0 && p <= 100, "percentile must be in 0...100")
        guard totalCount > 0 else { return 0 }
        let total = Double(totalCount)
        let rankDouble = Swift.min(total, Swift.max(1, (p * total / 100).rounded(.up)))
        let rank = Int64(rankDouble)
        var cumulative: Int64 = 0
        for index in LatencyHistogram.bucketIndex(of: minimum)..<counts.count {
            cumulative += counts[index]
            if cumulative >= rank {
                return Swift.min(LatencyHistogram.upperBound(ofBucket: index), maximum)
            }
        }
        return maximum
    }

    /// Adds every value recorded in `other` to `self`.
    ///
    /// Equivalent to having recorded both histograms' values into one:
    /// counts, min, max and the exact sum all combine losslessly.
    ///
    /// - Complexity: O(bucket count).
    public mutating func merge(_ other: LatencyHistogram) {
        guard other.totalCount > 0 else { return }
        counts.withUnsafeMutableBufferPointer { mine in
            other.counts.withUnsafeBufferPointer { theirs in
                for index in mine.indices { mine[index] += theirs[index] }
            }
        }
        totalCount += other.totalCount
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
        addToSum((high: other.sumHigh, low: other.sumLow))
    }
}
