/// A sampled gauge (e.g. iterator age) per bucket: max and last value, same doubling rule.
///
/// Buckets start `baseBucketNanoseconds` wide; when more than `maxPoints`
/// would be needed, adjacent pairs merge (max of maxima, last of the later
/// half) and the width doubles, so memory stays ≤ maxPoints points.
/// "Last" means the observation with the greatest time in the bucket, ties
/// going to the later call, so it does not depend on merge history.
///
/// - Complexity: `observe` O(1) (a range check on the fast path; a division
///   and an occasional O(maxPoints) merge on entering another point).
///   Memory O(maxPoints), independent of run length.
public struct GaugeSeries: Sendable, Equatable {
    /// One output bucket of a gauge series.
    public struct Point: Sendable, Equatable {
        /// Start of the bucket, in nanoseconds since the start of the run.
        public var startNanoseconds: Int64
        /// The largest value observed in the bucket (0 when `hasValue` is false).
        public var maxValue: Double
        /// The latest value observed in the bucket (0 when `hasValue` is false).
        public var lastValue: Double
        /// Whether anything was observed in the bucket.
        public var hasValue: Bool

        /// A point with the given fields.
        public init(startNanoseconds: Int64, maxValue: Double, lastValue: Double, hasValue: Bool) {
            self.startNanoseconds = startNanoseconds
            self.maxValue = maxValue
            self.lastValue = lastValue
            self.hasValue = hasValue
        }
    }

    /// Stored state of one point; `lastTime` orders "last" across merges.
    @usableFromInline
    struct Slot: Sendable, Equatable {
        @usableFromInline var maxValue: Double
        @usableFromInline var lastValue: Double
        @usableFromInline var lastTimeNanoseconds: Int64
        @usableFromInline var hasValue: Bool

        @inlinable
        init(maxValue: Double, lastValue: Double, lastTimeNanoseconds: Int64, hasValue: Bool) {
            self.maxValue = maxValue
            self.lastValue = lastValue
            self.lastTimeNanoseconds = lastTimeNanoseconds
            self.hasValue = hasValue
        }

        @inlinable
        mutating func observe(_ value: Double, at timeNanoseconds: Int64) {
            if !hasValue {
                self = Slot(maxValue: value, lastValue: value, lastTimeNanoseconds: timeNanoseconds, hasValue: true)
                return
            }
            if value > maxValue { maxValue = value }
            if timeNanoseconds >= lastTimeNanoseconds {
                lastValue = value
                lastTimeNanoseconds = timeNanoseconds
            }
        }

        /// The slot for the union of two adjacent slots (`later` covers later times).
        @usableFromInline
        static func combine(_ earlier: Slot, _ later: Slot) -> Slot {
            if !later.hasValue { return earlier }
            if !earlier.hasValue { return later }
            return Slot(
                maxValue: Swift.max(earlier.maxValue, later.maxValue),
                lastValue: later.lastValue,
                lastTimeNanoseconds: later.lastTimeNanoseconds,
                hasValue: true)
        }
    }

    @usableFromInline var geometry: SeriesGeometry
    /// Every point's slot, except that while the cached range is non-empty, `cachedSlot` (not
    /// `slots[cachedIndex]`) holds point `cachedIndex` (`flushCachedSlot` writes it back).
    @usableFromInline var slots: ContiguousArray<Slot>
    /// The point last written and its time range, for the fast path; the range
    /// is empty until the first observation and after every merge.
    @usableFromInline var cachedIndex: Int
    @usableFromInline var cachedStartNanoseconds: Int64
    @usableFromInline var cachedEndNanoseconds: Int64
    /// Point `cachedIndex` while it is cached: observing it touches no array (no uniqueness or bounds check, a
    /// gauge is observed at every read of every consumer).
    @usableFromInline var cachedSlot: Slot

    /// An empty series; `maxPoints` >= 2 and `baseBucketNanoseconds` > 0.
    public init(maxPoints: Int = 2048, baseBucketNanoseconds: Int64 = 1_000_000_000) {
        geometry = SeriesGeometry(maxPoints: maxPoints, baseBucketNanoseconds: baseBucketNanoseconds)
        // Storage grows with the points written, as `CounterSeries`'s does.
        slots = []
        cachedIndex = 0
        cachedStartNanoseconds = 0
        cachedEndNanoseconds = 0
        cachedSlot = Slot(maxValue: 0, lastValue: 0, lastTimeNanoseconds: 0, hasValue: false)
    }

    /// The current width of one stored point (base width × a power of two).
    @inlinable
    public var bucketWidthNanoseconds: Int64 { geometry.bucketWidthNanoseconds }

    /// Records a sample of the gauge at `timeNanoseconds` (>= 0); `value` must not be NaN.
    ///
    /// - Complexity: O(1) amortised; no allocation once `maxPoints` is reached.
    @inlinable
    public mutating func observe(_ value: Double, at timeNanoseconds: Int64) {
        precondition(!value.isNaN, "GaugeSeries values must not be NaN")
        if timeNanoseconds >= cachedStartNanoseconds && timeNanoseconds < cachedEndNanoseconds {
            cachedSlot.observe(value, at: timeNanoseconds)
            return
        }
        observeOutsideCachedPoint(value, at: timeNanoseconds)
    }

    /// Equal when both hold the same points at the same resolution (which point is cached does not matter).
    public static func == (lhs: GaugeSeries, rhs: GaugeSeries) -> Bool {
        var left = lhs
        var right = rhs
        left.flushCachedSlot()
        right.flushCachedSlot()
        return left.geometry == right.geometry && left.slots == right.slots
    }
}
