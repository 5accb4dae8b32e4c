import ShardSimEngine
import Testing

@Suite struct EventQueueTests {
    @Test func emptyQueueHasNothingToPop() {
        var queue = EventQueue()
        #expect(queue.isEmpty)
        #expect(queue.count == 0)
        #expect(queue.peekTime() == nil)
        #expect(queue.popNext() == nil)
        #expect(queue.scheduledTotal == 0)
    }

    @Test func equalTimesPopInInsertionOrder() {
        var queue = EventQueue(reservingCapacity: 16)
        for index in 0..<10_000 {
            queue.schedule(at: 42, kind: 1, target: Int32(index % 7), argument: Int64(index))
        }
        var expected: Int64 = 0
        while let event = queue.popNext() {
            #expect(event.time == 42)
            #expect(event.argument == expected)
            #expect(event.sequence == UInt64(expected))
            expected += 1
        }
        #expect(expected == 10_000)
        #expect(queue.scheduledTotal == 10_000)
    }

    @Test func popsMatchSortedReferenceForRandomInterleavedOperations() {
        var rng = Xoshiro256StarStar(seed: 7)
        var queue = EventQueue(reservingCapacity: 4)
        // Reference: (time, sequence) pairs kept sorted; few distinct times force many ties.
        var pending: [(time: Int64, sequence: UInt64)] = []
        var popped = 0
        for step in 0..<30_000 {
            if rng.nextInt(below: 5) < 3 || pending.isEmpty {
                let time = Int64(rng.nextInt(below: 500))
                let sequence = queue.scheduledTotal
                queue.schedule(at: time, kind: Int32(step & 3), target: 0, argument: Int64(sequence))
                // Insert after every entry that is <= (time, sequence).
                var low = 0
                var high = pending.count
                while low < high {
                    let middle = (low + high) / 2
                    if (pending[middle].time, pending[middle].sequence) < (time, sequence) {
                        low = middle + 1
                    } else {
                        high = middle
                    }
                }
                pending.insert((time, sequence), at: low)
            } else {
                let reference = pending.removeFirst()
                #expect(queue.peekTime() == reference.time)
                let event = queue.popNext()!
                #expect(event.time == reference.time)
                #expect(event.sequence == reference.sequence)
                #expect(event.argument == Int64(reference.sequence))
                popped += 1
            }
            #expect(queue.count == pending.count)
        }
        for reference in pending {
            let event = queue.popNext()!
            #expect(event.time == reference.time && event.sequence == reference.sequence)
        }
        #expect(queue.isEmpty)
        #expect(popped > 5_000)
    }

    @Test func payloadSurvivesAndPastEventsPopFirst() {
        var queue = EventQueue()
        queue.schedule(at: 1_000, kind: 3, target: 9, argument: -5)
        queue.schedule(at: 10, kind: 4, target: 8)
        queue.schedule(at: -1, kind: 5, target: 7, argument: Int64.max)
        let first = queue.popNext()!
        #expect(first.time == -1 && first.kind == 5 && first.target == 7 && first.argument == Int64.max)
        let second = queue.popNext()!
        #expect(second.time == 10 && second.kind == 4 && second.target == 8 && second.argument == 0)
        let third = queue.popNext()!
        #expect(third.kind == 3 && third.target == 9 && third.argument == -5 && third.sequence == 0)
        #expect(queue.scheduledTotal == 3)
    }
}

/// The queue as the simulation uses it: each popped event's handler schedules its owner's next event at once (the
/// vacant-root path), at times of either sign and far apart, with many ties.
@Suite struct EventQueueHandlerPatternTests {
    @Test func rescheduleAfterPopKeepsTimeThenInsertionOrder() {
        var rng = Xoshiro256StarStar(seed: 19)
        var queue = EventQueue(reservingCapacity: 8)
        var pending: [(time: Int64, sequence: UInt64)] = []
        func schedule(_ time: Int64) {
            pending.append((time, queue.scheduledTotal))
            queue.schedule(at: time, kind: 0, target: 0, argument: Int64(queue.scheduledTotal))
        }
        let spreads: [Int64] = [3, 1 << 20, Int64.max / 4]
        for owner in 0..<300 { schedule(Int64(owner % 5) - 2) }
        for step in 0..<40_000 {
            pending.sort { ($0.time, $0.sequence) < ($1.time, $1.sequence) }
            let expected = pending.removeFirst()
            let event = queue.popNext()!
            #expect(event.time == expected.time && event.sequence == expected.sequence)
            #expect(event.argument == Int64(expected.sequence))
            // Usually one next event, now and then none or two (owners come and go).
            let spread = spreads[step % 3]
            let next = Int64(rng.nextInt(below: UInt64(spread))) - spread / 2
            if step % 97 != 0 { schedule(next) }
            if step % 89 == 0 { schedule(-next) }
        }
        #expect(queue.count == pending.count)
    }
}
