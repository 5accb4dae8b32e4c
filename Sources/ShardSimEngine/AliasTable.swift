/// Walker/Vose alias table: O(n) build, O(1) per draw from one 64-bit output (column from the high word of a
/// multiply-shift, coin from its low word; see `sample`).
///
/// Used for weighted choices made per record (e.g. picking a partition key),
/// where a binary search over cumulative weights would cost O(log n) each.
/// Column `i` keeps index `i` with probability `keep[i]` and otherwise yields
/// `alias[i]`; Vose's construction makes each index's total mass exactly its
/// normalised weight (up to rounding).
///
/// Determinism: the build walks indices in array order with stack-ordered
/// work lists, and the coin is a 53-bit integer compared with an integer
/// threshold, so the same weights and generator give the same draws on any
/// platform.
///
/// - Complexity: build O(n) time and memory; `sample` O(1), exactly one
///   draw except for the multiply-shift's rare rejections (probability < n / 2^64).
public struct AliasTable: Sendable {
    /// One column of the table, packed so a draw touches one 16-byte entry.
    @usableFromInline
    struct Column: Sendable {
        /// Keep the column's own index when the 53-bit coin is below this;
        /// 2^53 means "always keep".
        @usableFromInline var keepThreshold: UInt64
        /// The index returned when the coin fails.
        @usableFromInline var alias: Int

        @inlinable
        init(keepThreshold: UInt64, alias: Int) {
            self.keepThreshold = keepThreshold
            self.alias = alias
        }
    }

    @usableFromInline var columns: ContiguousArray<Column>
    @usableFromInline var probabilities: ContiguousArray<Double>

    /// Builds the table for the given relative weights.
    ///
    /// Weights need not sum to 1; zero weights are allowed and never drawn.
    public init(weights: [Double]) {
        precondition(!weights.isEmpty, "AliasTable needs at least one weight")
        var total = 0.0
        for weight in weights {
            precondition(weight >= 0 && weight.isFinite, "AliasTable weights must be finite and >= 0")
            total += weight
        }
        precondition(total > 0 && total.isFinite, "AliasTable weights must have a positive finite sum")

        let n = weights.count
        columns = ContiguousArray(repeating: Column(keepThreshold: AliasTable.alwaysKeep, alias: 0), count: n)
        // Probabilities, and the weights scaled so the average column holds exactly 1, in one pass each written in
        // place (no intermediate arrays: start-up builds a table over every key, up to millions).
        var scaled = ContiguousArray<Double>()
        probabilities = ContiguousArray(unsafeUninitializedCapacity: n) { probabilities, initialized in
            scaled = ContiguousArray(unsafeUninitializedCapacity: n) { scaled, scaledCount in
                for (index, weight) in weights.enumerated() {
                    probabilities.initializeElement(at: index, to: weight / total)
                    scaled.initializeElement(at: index, to: weight * Double(n) / total)
                }
                scaledCount = n
            }
            initialized = n
        }
        // The two work lists are stacks in buffers of n each (an index is in at most one), written through buffer
        // pointers: the same pushes and pops as arrays, without a capacity or uniqueness check each. A slot is always
        // pushed before it is popped, so the buffers need no initial values.
        columns.withUnsafeMutableBufferPointer { columns in
            scaled.withUnsafeMutableBufferPointer { scaled in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { small in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { large in
                        AliasTable.fill(columns, scaled: scaled, small: small, large: large)
                    }
                }
            }
        }
    }

    /// Vose's construction over `scaled` (weights scaled to average 1) into `columns`, with `small` and `large` as
    /// the work stacks (each of `scaled.count` slots).
    private static func fill(
        _ columns: UnsafeMutableBufferPointer<Column>, scaled: UnsafeMutableBufferPointer<Double>,
        small: UnsafeMutableBufferPointer<Int>, large: UnsafeMutableBufferPointer<Int>
    ) {
        var smallCount = 0
        var largeCount = 0
        for index in 0..<scaled.count {
            if scaled[index] < 1 {
                small[smallCount] = index
                smallCount += 1
            } else {
                large[largeCount] = index
                largeCount += 1
            }
        }
        while smallCount > 0 {
            smallCount -= 1
            let under = small[smallCount]
            guard largeCount > 0 else {
                smallCount += 1
                break
            }
            largeCount -= 1
            let over = large[largeCount]
            columns[under] = Column(keepThreshold: AliasTable.threshold(scaled[under]), alias: over)
            // Vose's form: subtracting the deficit this way loses less precision.
            scaled[over] = (scaled[over] + scaled[under]) - 1
            if scaled[over] < 1 {
                small[smallCount] = over
                smallCount += 1
            } else {
                large[largeCount] = over
                largeCount += 1
            }
        }
        // Whatever remains is 1 up to rounding error: keep it unconditionally.
        for index in large[0..<largeCount] {
            columns[index] = Column(keepThreshold: AliasTable.alwaysKeep, alias: index)
        }
        for index in small[0..<smallCount] {
            columns[index] = Column(keepThreshold: AliasTable.alwaysKeep, alias: index)
        }
    }

    /// The number of outcomes (the length of the weights array).
    @inlinable
    public var count: Int { columns.count }

    /// Draws an index in 0..<count with probability proportional to its weight, from one 64-bit output.
    ///
    /// The column is the high word of `output × count` (Lemire's multiply-shift, with its rejection of the short
    /// first interval, exactly as `nextInt(below:)`), and the coin is the product's low word: for a given column the
    /// accepted outputs' low words are evenly spaced `count` apart over [2^64 mod count, 2^64), so its top 53 bits
    /// are uniform to within count / 2^64 (1e-14 for 100,000 keys) and independent of the column. One output
    /// instead of two saves a generator step per record.
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public func sample(_ rng: inout Xoshiro256StarStar) -> Int {
        columns.withUnsafeBufferPointer { columns in
            // Never empty (`init` requires a weight), so the base address exists.
            Sampler(columns: columns.baseAddress!, bound: UInt64(truncatingIfNeeded: columns.count)).sample(&rng)
        }
    }

    /// The draw, through the columns' buffer; held across a loop of many draws (`withSampler`), the columns are read
    /// through a pointer in a register, with no reload of the array's storage or bounds check per draw (the
    /// multiply-high already keeps the index below the count).
    public struct Sampler {
        @usableFromInline let columns: UnsafePointer<Column>
        @usableFromInline let bound: UInt64

        @inlinable
        init(columns: UnsafePointer<Column>, bound: UInt64) {
            self.columns = columns
            self.bound = bound
        }

        /// One draw: the column from the high word of a multiply-shift of one 64-bit output, the coin from its low
        /// word (see `AliasTable.sample`).
        @inlinable @inline(__always)
        public func sample(_ rng: inout Xoshiro256StarStar) -> Int {
            var product = rng.next().multipliedFullWidth(by: bound)
            if product.low < bound {
                let threshold = (0 &- bound) % bound
                while product.low < threshold {
                    product = rng.next().multipliedFullWidth(by: bound)
                }
            }
            let index = Int(truncatingIfNeeded: product.high)
            let coin = product.low &>> 11
            let column = columns[index]
            return coin < column.keepThreshold ? index : column.alias
        }
    }

    /// Calls `body` with a `Sampler` valid for the duration of the call.
    @inlinable
    public func withSampler<Result>(_ body: (Sampler) throws -> Result) rethrows -> Result {
        try columns.withUnsafeBufferPointer { columns in
            // Never empty (`init` requires a weight), so the base address exists.
            try body(Sampler(columns: columns.baseAddress!, bound: UInt64(truncatingIfNeeded: columns.count)))
        }
    }

    @inlinable
    public func probability(of index: Int) -> Double {
        precondition(index >= 0 && index < probabilities.count, "AliasTable index out of range")
        return probabilities[index]
    }

    /// The threshold meaning "always keep": no 53-bit coin reaches 2^53.
    @inlinable
    static var alwaysKeep: UInt64 { 1 << 53 }

    /// Converts a keep probability in [0, 1] to a 53-bit coin threshold.
    static func threshold(_ keepProbability: Double) -> UInt64 {
        let clamped = Swift.min(Swift.max(keepProbability, 0), 1)
        let scaled = clamped * 0x1p53
        // Doubles from 2^52 up are whole numbers already; below, the rounding without a libm call (same result).
        return scaled >= 0x1p52 ? UInt64(scaled) : UInt64(roundedToNearestNonNegative(scaled))
    }
}
