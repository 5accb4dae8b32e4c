import Foundation

/// Zipf over ranks 1...count with P(k) ∝ 1/k^exponent; sample returns a 0-based index (rank 1 → 0).
///
/// Models skewed key popularity (hot partition keys). Built on `AliasTable`
/// so a draw is O(1) and the probabilities are exact normalised weights
/// rather than an approximation; the price is O(count) memory (16 bytes plus
/// 8 bytes per rank), fine for the key counts a scenario describes.
///
/// - Complexity: build O(count); `sample` and `probability(ofIndex:)` O(1).
public struct ZipfDistribution: Sendable {
    @usableFromInline var table: AliasTable

    /// A Zipf distribution over `count` ranks; exponent 0 is uniform.
    public init(count: Int, exponent: Double) {
        precondition(count >= 1, "Zipf needs at least one rank")
        precondition(exponent >= 0 && exponent.isFinite, "Zipf exponent must be finite and >= 0")
        var weights = [Double]()
        weights.reserveCapacity(count)
        for rank in 1...count {
            // pow(k, 0) is exactly 1, so exponent 0 is exactly uniform.
            weights.append(1 / Foundation.pow(Double(rank), exponent))
        }
        table = AliasTable(weights: weights)
    }

    /// The alias table the draws come from (a key space keeps it beside its other kinds of draw).
    public var aliasTable: AliasTable { table }

    /// The number of ranks.
    @inlinable
    public var count: Int { table.count }

    /// Draws a 0-based index; index 0 (rank 1) is the most likely.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func sample(_ rng: inout Xoshiro256StarStar) -> Int {
        table.sample(&rng)
    }

    /// The probability of the 0-based `index`, i.e. of rank index + 1.
    @inlinable
    public func probability(ofIndex index: Int) -> Double {
        table.probability(of: index)
    }
}
