/// Sums of a counter per time bucket. Buckets start 1 s wide (baseBucketNanoseconds); when more than maxPoints
/// buckets would be needed, adjacent pairs merge and the width doubles, so memory stays ≤ maxPoints points.
/// Each point also keeps the peak per-base-bucket sum inside it, so peak per-second rates survive downsampling.
///
/// Amounts must be non-negative (it counts things), which is what makes
/// "peak of a point" well defined with 0 for base buckets never written.
///
/// How peaks stay exact without per-second storage: the sums of the latest
/// ("open") base bucket and the one before it are kept aside and folded into
/// their point (sum added, peak = max(peak, sum)) only once time has moved
/// past them, so each base bucket's full sum is folded exactly once. Times
/// may therefore go backwards by up to one base bucket at no loss. Writes
/// further back are still added to the sums exactly, but their peak
/// contribution is only approximated from below (max with the amount alone).
///
/// - Complexity: `add` O(1) (one range check on the fast path; a division and
///   an occasional O(maxPoints) merge when time enters a new base bucket).
///   Memory O(maxPoints), independent of run length.
public struct CounterSeries: Sendable, Equatable {
    /// One output bucket of a counter series.
    public struct Point: Sendable, Equatable {
        /// Start of the bucket, in nanoseconds since the start of the run.
        public var startNanoseconds: Int64
        /// Sum of all amounts added in the bucket.
        public var sum: Double
        /// The largest sum of any single base bucket inside this bucket.
        public var peakBaseBucketSum: Double

        /// A point with the given fields.
        public init(startNanoseconds: Int64, sum: Double, peakBaseBucketSum: Double) {
            self.startNanoseconds = startNanoseconds
            self.sum = sum
            self.peakBaseBucketSum = peakBaseBucketSum
        }
    }

    /// Folded (finalised) contributions of one point.
    @usableFromInline
    struct Accumulator: Sendable, Equatable {
        @usableFromInline var sum: Double
        @usableFromInline var peak: Double

        @inlinable
        init(sum: Double, peak: Double) {
            self.sum = sum
            self.peak = peak
        }
    }

    @usableFromInline var geometry: SeriesGeometry
    @usableFromInline var accumulators: ContiguousArray<Accumulator>
    /// Index of the latest base bucket written, or −1 before the first add.
    @usableFromInline var openBaseIndex: Int64
    /// [openStartNanoseconds, openEndNanoseconds) is the open base bucket;
    /// empty before the first add so the fast path never matches.
    @usableFromInline var openStartNanoseconds: Int64
    @usableFromInline var openEndNanoseconds: Int64
    @usableFromInline var openSum: Double
    /// Unfolded sum of base bucket openBaseIndex − 1.
    @usableFromInline var previousSum: Double

    /// An empty series; `maxPoints` >= 2 and `baseBucketNanoseconds` > 0.
    public init(maxPoints: Int = 2048, baseBucketNanoseconds: Int64 = 1_000_000_000) {
        geometry = SeriesGeometry(maxPoints: maxPoints, baseBucketNanoseconds: baseBucketNanoseconds)
        // Storage grows with the points written, or to what `reserveCapacity(forNanoseconds:)` asks, not to
        // `maxPoints` at once: a stream of thousands of shards keeps several series per shard, and a 10-minute run
        // fills 600 points of the 2,048 (reserving them all held 3.4 times the memory, resident once a freed run's
        // pages are reused by the next).
        accumulators = []
        openBaseIndex = -1
        openStartNanoseconds = 0
        openEndNanoseconds = 0
        openSum = 0
        previousSum = 0
    }

    /// Reserves the points a run of `durationNanoseconds` fills (times 0 through the end itself, at most
    /// `maxPoints`), so the series never grows while it runs: growing by doubling left each of a big stream's series
    /// up to twice its size, and the freed smaller buffers scattered. `durationNanoseconds` >= 0.
    public mutating func reserveCapacity(forNanoseconds durationNanoseconds: Int64) {
        precondition(durationNanoseconds >= 0, "a duration is not negative")
        let lastBaseIndex = durationNanoseconds / geometry.baseBucketNanoseconds
        let points = lastBaseIndex >= Int64(geometry.maxPoints) ? geometry.maxPoints : Int(lastBaseIndex) + 1
        accumulators.reserveCapacity(points)
    }

    /// The current width of one stored point (base width × a power of two).
    @inlinable
    public var bucketWidthNanoseconds: Int64 { geometry.bucketWidthNanoseconds }

    /// Adds `amount` (>= 0) to the bucket containing `timeNanoseconds` (>= 0).
    ///
    /// - Complexity: O(1) amortised; no allocation once `maxPoints` is reached.
    @inlinable
    public mutating func add(_ amount: Double, at timeNanoseconds: Int64) {
        if timeNanoseconds >= openStartNanoseconds && timeNanoseconds < openEndNanoseconds {
            precondition(amount >= 0 && amount.isFinite, "CounterSeries amounts must be finite and >= 0")
            openSum += amount
            return
        }
        addOutsideOpenBucket(amount, at: timeNanoseconds)
    }
}
