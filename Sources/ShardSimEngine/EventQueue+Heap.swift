// Heap maintenance for EventQueue. Both sifts move a "hole" instead of
// swapping, so each level costs one store rather than three.
//
// The keys compared are `QueueEntry.key`: (time, sequence) as one 128-bit unsigned integer.

extension EventQueue {
    /// Restores heap order after appending one event at the end.
    ///
    /// The appended event has the largest sequence in the queue, so it precedes a parent exactly when its time is
    /// strictly earlier: equal-time events stay FIFO.
    ///
    /// - Complexity: O(log₄ n) comparisons.
    @inlinable
    mutating func siftUpLast() {
        var hole = heap.count - 1
        let moving = heap[hole]
        while hole > 0 {
            let parent = (hole &- 1) >> 2
            let parentEntry = heap[parent]
            if !(moving.key < parentEntry.key) { break }
            heap[hole] = parentEntry
            hole = parent
        }
        heap[hole] = moving
    }

    /// Places `moving` (the former last element, or a newly scheduled event) starting from the vacant root.
    ///
    /// Full nodes pick their earliest child with a tournament (two pairs, then the winners) of select-friendly
    /// comparisons, measured ~40 % faster than a sequential scan with a few thousand pending events: with
    /// random event times the choice of child is unpredictable, and mispredicted branches dominated `popNext`.
    ///
    /// The sift runs over a buffer pointer taken once: through array subscripts, each level's store paid a
    /// uniqueness check (a runtime call) that callgrind showed as a fifth of the sift. Every index is
    /// below `count` by the loop's own tests.
    ///
    /// - Complexity: O(log₄ n) levels, 3 key comparisons per full level.
    @inlinable
    mutating func siftDownFromRoot(_ moving: QueueEntry) {
        heap.withUnsafeMutableBufferPointer { heap in
            EventQueue.siftDown(moving, from: 0, in: heap)
        }
    }

    /// `siftDownFromRoot` on the heap's storage. Keys are unique, so strict comparisons decide every pair.
    @inlinable
    static func siftDown(_ moving: QueueEntry, from start: Int, in heap: UnsafeMutableBufferPointer<QueueEntry>) {
        let count = heap.count
        let movingKey = moving.key
        var hole = start
        while true {
            let first = hole &* 4 &+ 1
            if first >= count { break }
            var best = first
            var bestKey = heap[first].key
            if first &+ 3 < count {
                let key1 = heap[first &+ 1].key
                let key2 = heap[first &+ 2].key
                let key3 = heap[first &+ 3].key
                let oneWins = key1 < bestKey
                let leftIndex = oneWins ? first &+ 1 : first
                let leftKey = oneWins ? key1 : bestKey
                let threeWins = key3 < key2
                let rightIndex = threeWins ? first &+ 3 : first &+ 2
                let rightKey = threeWins ? key3 : key2
                let rightWins = rightKey < leftKey
                best = rightWins ? rightIndex : leftIndex
                bestKey = rightWins ? rightKey : leftKey
            } else {
                var child = first &+ 1
                while child < count {
                    let key = heap[child].key
                    if key < bestKey {
                        best = child
                        bestKey = key
                    }
                    child &+= 1
                }
            }
            if !(bestKey < movingKey) { break }
            heap[hole] = heap[best]
            hole = best
        }
        heap[hole] = moving
    }
}
