import ShardSimEngine
import Testing

/// The ordered lane must never change what pops when: events pop by (time, insertion order) whichever of the heap
/// or the lane holds them.
@Suite struct EventQueueLaneTests {
    /// Worked by hand: A (t=10, heap), B (t=10, lane), C (t=5, lane: earlier than B, so the heap takes it),
    /// D (t=10, heap), E (t=20, lane). By (time, insertion order): C(5), A(10,#0), B(10,#1), D(10,#3), E(20).
    @Test func tiesBetweenLaneAndHeapPopInInsertionOrder() {
        var queue = EventQueue()
        queue.schedule(at: 10, kind: 0, target: 0)
        queue.schedule(at: 10, kind: 0, target: 1, inOrderedLane: true)
        queue.schedule(at: 5, kind: 0, target: 2, inOrderedLane: true)
        queue.schedule(at: 10, kind: 0, target: 3)
        queue.schedule(at: 20, kind: 0, target: 4, inOrderedLane: true)
        #expect(queue.count == 5)
        #expect(queue.peekTime() == 5)
        var targets: [Int32] = []
        while let event = queue.popNext() { targets.append(event.target) }
        #expect(targets == [2, 0, 1, 3, 4])
        #expect(queue.isEmpty && queue.peekTime() == nil)
    }

    /// A simulation-like mix: "readers" re-arm a fixed interval ahead through the lane (sometimes further, as a
    /// busy reader does), "writers" at random gaps through the heap; few distinct times force many ties. Every pop
    /// must match a sorted reference of (time, sequence), and the lane's storage is recycled many times over.
    @Test func randomMixMatchesSortedReference() {
        var rng = Xoshiro256StarStar(seed: 11)
        var queue = EventQueue(reservingCapacity: 8)
        var pending: [(time: Int64, sequence: UInt64)] = []
        func add(_ time: Int64, lane: Bool) {
            let sequence = queue.scheduledTotal
            queue.schedule(at: time, kind: lane ? 1 : 0, target: 0, argument: Int64(sequence), inOrderedLane: lane)
            let index = pending.firstIndex { ($0.time, $0.sequence) > (time, sequence) } ?? pending.count
            pending.insert((time, sequence), at: index)
        }
        for reader in 0..<20 { add(Int64(reader % 3), lane: true) }
        for _ in 0..<30 { add(Int64(rng.nextInt(below: 40)), lane: false) }
        var popped = 0
        while popped < 60_000 {
            let reference = pending.removeFirst()
            #expect(queue.peekTime() == reference.time)
            let event = queue.popNext()!
            #expect(event.time == reference.time && event.sequence == reference.sequence)
            popped += 1
            if event.kind == 1 {
                add(event.time + 10 + (rng.nextInt(below: 8) == 0 ? Int64(rng.nextInt(below: 30)) : 0), lane: true)
            } else {
                add(event.time + Int64(rng.nextInt(below: 25)), lane: rng.nextInt(below: 10) == 0)
            }
            #expect(queue.count == pending.count)
        }
        while let event = queue.popNext() {
            let reference = pending.removeFirst()
            #expect(event.time == reference.time && event.sequence == reference.sequence)
        }
        #expect(pending.isEmpty)
    }
}
