/// Min-priority queue ordered by (time, sequence): equal times pop in insertion order (FIFO).
///
/// A 4-ary implicit heap over one `ContiguousArray<ScheduledEvent>`. Four
/// children per node halve the tree height compared with a binary heap and
/// keep siblings in one or two cache lines, which is what dominates `popNext`
/// cost for queues of a few thousand pending events. The queue is deliberately
/// not generic so callers in other modules get one concrete, inlined loop.
///
/// Invariants: every node precedes (in `(time, sequence)` order) each of its
/// children; `sequence` values are unique and strictly increase with each
/// `schedule`, so the order is total and the pop order is fully deterministic.
///
/// - Complexity: `schedule` and `popNext` O(log n); `peekTime`, `count` O(1).
///   No allocation per call once the array has grown to its working size.
public struct EventQueue: Sendable {
    @usableFromInline
    var heap: ContiguousArray<ScheduledEvent>

    @usableFromInline
    var nextSequence: UInt64

    /// An empty queue with room for `reservingCapacity` events before it grows.
    ///
    /// - Complexity: O(`reservingCapacity`) for the initial allocation.
    @inlinable
    public init(reservingCapacity: Int = 1024) {
        precondition(reservingCapacity >= 0, "EventQueue capacity must be non-negative")
        heap = []
        heap.reserveCapacity(reservingCapacity)
        nextSequence = 0
    }

    /// The number of pending events.
    @inlinable
    public var count: Int { heap.count }

    /// Whether no events are pending.
    @inlinable
    public var isEmpty: Bool { heap.isEmpty }

    /// How many events were ever scheduled (popped ones included).
    ///
    /// Equal to the sequence number the next scheduled event will receive.
    @inlinable
    public var scheduledTotal: UInt64 { nextSequence }

    /// Adds an event firing at `time` (nanoseconds since start).
    ///
    /// The queue does not know the current simulated time, so scheduling in
    /// the "past" is allowed; such an event simply pops next.
    ///
    /// - Complexity: O(log n), amortised O(1) array growth.
    @inlinable
    public mutating func schedule(at time: Int64, kind: Int32, target: Int32, argument: Int64 = 0) {
        let event = ScheduledEvent(
            time: time, sequence: nextSequence, kind: kind, target: target, argument: argument)
        nextSequence &+= 1
        heap.append(event)
        siftUpLast()
    }

    /// The time of the next event to pop, or nil when empty.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func peekTime() -> Int64? {
        heap.first?.time
    }

    /// Removes and returns the earliest event (FIFO among equal times), or nil when empty.
    ///
    /// - Complexity: O(log n).
    @inlinable
    public mutating func popNext() -> ScheduledEvent? {
        guard let last = heap.popLast() else { return nil }
        if heap.isEmpty { return last }
        let earliest = heap[0]
        siftDownFromRoot(last)
        return earliest
    }
}
