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
/// `popNext` leaves the root slot vacant instead of refilling it at once: an event handler usually
/// schedules the owner's next event right away, and that event then takes the vacant root with one sift
/// down, instead of the last element sifting down and the new one sifting up (measured with callgrind).
/// Keys are unique, so any valid heap pops the same sequence; the vacancy changes nothing observable.
///
/// Beside the heap, an ordered lane (`EventQueue+Lane.swift`): a FIFO that takes events scheduled with
/// `inOrderedLane: true` whose key is not below its last one. A caller whose events mostly come due in the order
/// they are scheduled (a reader re-arming itself a fixed interval ahead) then pays no sift for them. `popNext`
/// takes the earlier of the heap's root and the lane's head; keys are unique, so the pop order is exactly the
/// heap-only order.
///
/// - Complexity: `schedule` and `popNext` O(log n); `peekTime`, `count` O(1).
///   No allocation per call once the array has grown to its working size.
public struct EventQueue: Sendable {
    @usableFromInline
    var heap: ContiguousArray<QueueEntry>

    @usableFromInline
    var nextSequence: UInt64

    /// Whether `heap[0]` is the last popped event rather than a pending one. Then the pending events are
    /// `heap[1...]`, each subtree still ordered, and the earliest is one of the root's children.
    @usableFromInline
    var isRootVacant: Bool

    /// The ordered lane: `lane[laneHead...]` are pending, in key order.
    @usableFromInline
    var lane: ContiguousArray<QueueEntry>

    @usableFromInline
    var laneHead: Int

    /// The key of the lane's last event (meaningful while the lane holds any).
    @usableFromInline
    var laneTailKey: UInt128

    /// An empty queue with room for `reservingCapacity` events before it grows.
    ///
    /// - Complexity: O(`reservingCapacity`) for the initial allocation.
    @inlinable
    public init(reservingCapacity: Int = 1024) {
        precondition(reservingCapacity >= 0, "EventQueue capacity must be non-negative")
        heap = []
        heap.reserveCapacity(reservingCapacity)
        nextSequence = 0
        isRootVacant = false
        lane = []
        laneHead = 0
        laneTailKey = 0
    }

    /// The number of pending events.
    @inlinable
    public var count: Int { (isRootVacant ? heap.count - 1 : heap.count) + lane.count - laneHead }

    /// Whether no events are pending.
    @inlinable
    public var isEmpty: Bool { count == 0 }

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
    /// `inOrderedLane`: try the ordered lane first (it takes the event when no event in it is later).
    ///
    /// - Complexity: O(log n), amortised O(1) array growth; amortised O(1) when the lane takes it.
    @inlinable
    public mutating func schedule(
        at time: Int64, kind: Int32, target: Int32, argument: Int64 = 0, inOrderedLane: Bool = false
    ) {
        let event = QueueEntry(
            key: QueueEntry.key(time: time, sequence: nextSequence), kind: kind, target: target, argument: argument)
        nextSequence &+= 1
        if inOrderedLane && appendToLane(event) { return }
        if isRootVacant {
            isRootVacant = false
            siftDownFromRoot(event)
        } else {
            heap.append(event)
            siftUpLast()
        }
    }

    /// The time of the next event to pop, or nil when empty.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func peekTime() -> Int64? {
        guard let heapTime = heapPeekTime() else { return laneHead < lane.count ? lane[laneHead].time : nil }
        return laneHead < lane.count ? Swift.min(heapTime, lane[laneHead].time) : heapTime
    }

    /// The time of the heap's earliest pending event, or nil when the heap holds none.
    @inlinable
    func heapPeekTime() -> Int64? {
        guard isRootVacant else { return heap.first?.time }
        // Each subtree is ordered, so the earliest pending event is one of the vacant root's children.
        var earliest: Int64?
        var child = 1
        while child <= 4 && child < heap.count {
            let time = heap[child].time
            earliest = Swift.min(earliest ?? time, time)
            child += 1
        }
        return earliest
    }

    /// Removes and returns the earliest event (FIFO among equal times), or nil when empty.
    ///
    /// - Complexity: O(log n).
    @inlinable
    public mutating func popNext() -> ScheduledEvent? {
        if isRootVacant { fillVacantRoot() }
        if laneHead < lane.count && (heap.isEmpty || lane[laneHead].key < heap[0].key) { return popLane() }
        guard let earliest = heap.first else { return nil }
        isRootVacant = true
        return ScheduledEvent(
            time: earliest.time, sequence: earliest.sequence, kind: earliest.kind, target: earliest.target,
            argument: earliest.argument)
    }

    /// Moves the last pending event into the vacant root and sifts it down (the deferred half of `popNext`).
    @inlinable
    mutating func fillVacantRoot() {
        isRootVacant = false
        let last = heap.removeLast()
        if !heap.isEmpty { siftDownFromRoot(last) }
    }
}
