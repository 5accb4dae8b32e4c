// The ordered lane of EventQueue: a FIFO of events already in key order, beside the heap.
//
// Why: an enhanced fan-out reader re-arms itself one push interval ahead at every push, so its events come due in
// the order they are scheduled; through the heap each paid a sift down of a few thousand entries (callgrind: the
// largest single cost of the read path). In the lane each costs an append and a compare.

extension EventQueue {
    /// Appends `event` to the lane when it is not earlier than the lane's last event (keys are unique, so "not
    /// earlier" is "later"); returns false, leaving the lane as it was, otherwise.
    ///
    /// Inlined into each caller, with the last key kept beside the lane: as a call reading the key back out of the
    /// array it cost 67 instructions a push (callgrind).
    @inlinable @inline(__always)
    mutating func appendToLane(_ event: QueueEntry) -> Bool {
        if laneHead < lane.count {
            if event.key < laneTailKey { return false }
        } else if laneHead > 0 {
            // Empty: start again at the front of the storage.
            lane.removeAll(keepingCapacity: true)
            laneHead = 0
        }
        lane.append(event)
        laneTailKey = event.key
        return true
    }

    /// Removes and returns the lane's head (the caller checked it is the earliest pending event).
    @inlinable
    mutating func popLane() -> ScheduledEvent {
        let entry = lane[laneHead]
        laneHead &+= 1
        // Drop the consumed front now and then; each drop moves at most as many entries as were consumed.
        if laneHead >= 4_096 && laneHead &* 2 >= lane.count {
            lane.removeSubrange(0..<laneHead)
            laneHead = 0
        }
        return ScheduledEvent(
            time: entry.time, sequence: entry.sequence, kind: entry.kind, target: entry.target,
            argument: entry.argument)
    }
}
