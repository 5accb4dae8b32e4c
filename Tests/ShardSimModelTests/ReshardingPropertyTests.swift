import ShardSimEngine
@testable import ShardSimModel
import Testing

/// Property: after any sequence of splits (at random valid new starting hash keys), merges (of adjacent open
/// shards) and uniform rescales, the open shards tile the 128-bit hash key space with no gap and no overlap,
/// and every hash key routes to the one open shard whose range holds it. Checked independently of
/// `HashKeyRouter`'s own precondition, by sorting and scanning.
@Suite struct ReshardingPropertyTests {
    /// Random sequences per run, and operations per sequence: fixed, so coverage and time never vary.
    static let sequenceCount = 150
    static let operationsPerSequence = 40
    /// Open shards a sequence grows to before it only merges (keeps the scans cheap).
    static let maxOpenShards = 48

    private struct Walk {
        var random: Xoshiro256StarStar

        mutating func int(below bound: Int) -> Int { Int(random.nextInt(below: UInt64(bound))) }

        mutating func hashKey() -> UInt128 { UInt128(random.next()) << 64 | UInt128(random.next()) }

        /// A valid new starting hash key for `range` (start < key ≤ end): often an edge, which is where an
        /// off-by-one would hide, otherwise the midpoint or a uniform draw.
        mutating func splitKey(in range: HashKeyRange) -> UInt128 {
            let span = range.endingHashKey - range.startingHashKey  // ≥ 1: the range has two keys or more
            switch int(below: 4) {
            case 0: return range.startingHashKey + 1
            case 1: return range.endingHashKey
            case 2: return Resharding.defaultSplitKey(of: range) + 1
            default: return range.startingHashKey + 1 + hashKey() % span
            }
        }
    }

    @Test func randomReshardingKeepsTheKeySpaceTiled() {
        for sequence in 0..<Self.sequenceCount {
            var walk = Walk(random: Xoshiro256StarStar(seed: 0x0128_B175, stream: UInt64(sequence)))
            var layout = ShardLayout(shardCount: 1 + walk.int(below: 8))
            var history: [String] = ["create \(layout.openShardCount)"]
            for _ in 0..<Self.operationsPerSequence {
                let open = layout.openShardIndices.map(Int.init)
                let choice = walk.int(below: 20)
                if choice == 0 {
                    let target = 1 + walk.int(below: 12)
                    _ = layout.rescale(to: target)
                    history.append("rescale \(target)")
                } else if open.count >= 2 && (choice < 9 || open.count >= Self.maxOpenShards) {
                    // Adjacent in hash key order, named in either order as the API allows.
                    let position = walk.int(below: open.count - 1)
                    let (first, second) = walk.int(below: 2) == 0 ? (open[position], open[position + 1]) : (open[position + 1], open[position])
                    let child = layout.merge(first, second)
                    history.append("merge \(first)+\(second)")
                    checkMerge(layout, child: child, parents: [first, second], history: history, sequence: sequence)
                } else {
                    let splittable = open.filter { layout.shards[$0].hashKeyRange.startingHashKey < layout.shards[$0].hashKeyRange.endingHashKey }
                    guard !splittable.isEmpty else { continue }
                    let parent = splittable[walk.int(below: splittable.count)]
                    let key = walk.splitKey(in: layout.shards[parent].hashKeyRange)
                    let children = layout.split(parent, at: key)
                    history.append("split \(parent) at \(key)")
                    checkSplit(layout, children: children, parent: parent, key: key, history: history, sequence: sequence)
                }
                checkTiling(layout, history: history, sequence: sequence)
                checkRouting(layout, walk: &walk, history: history, sequence: sequence)
            }
        }
    }

    /// Open shards sorted by start: the first starts at 0, each next at the previous end + 1, the last ends at
    /// 2^128 − 1; and `openShardIndices` lists exactly them, in that order.
    private func checkTiling(_ layout: ShardLayout, history: [String], sequence: Int) {
        let open = layout.shards.indices.filter { layout.shards[$0].status == .open }
            .sorted { layout.shards[$0].hashKeyRange.startingHashKey < layout.shards[$1].hashKeyRange.startingHashKey }
        let ranges = open.map { layout.shards[$0].hashKeyRange }
        let context = "sequence \(sequence): \(history.joined(separator: ", "))"
        #expect(layout.openShardIndices.map(Int.init) == open, "open shards out of order; \(context)")
        #expect(ranges.first?.startingHashKey == 0, "first open shard does not start at 0; \(context)")
        #expect(ranges.last?.endingHashKey == UInt128.max, "last open shard does not end at 2^128 - 1; \(context)")
        for (earlier, later) in zip(ranges, ranges.dropFirst()) {
            #expect(earlier.endingHashKey < UInt128.max && later.startingHashKey == earlier.endingHashKey + 1,
                    "gap or overlap between \(earlier) and \(later); \(context)")
        }
    }

    /// Random keys, partition keys' MD5 hashes and every open shard's edges route to the one open shard that
    /// holds them (found by a linear scan).
    private func checkRouting(_ layout: ShardLayout, walk: inout Walk, history: [String], sequence: Int) {
        let open = layout.openShardIndices.map(Int.init)
        var keys = (0..<16).map { _ in walk.hashKey() }
        keys += (0..<4).map { _ in MD5.hashKey(forPartitionKey: "key-\(walk.int(below: 1_000_000))") }
        for shard in open.prefix(8) {
            let range = layout.shards[shard].hashKeyRange
            keys += [range.startingHashKey, range.endingHashKey]
        }
        for key in keys {
            let holders = open.filter { layout.shards[$0].hashKeyRange.contains(key) }
            let routed = open[layout.router.shardIndex(for: key)]
            #expect(holders == [routed], "key \(key) routes to \(routed), held by \(holders); sequence \(sequence): \(history.joined(separator: ", "))")
        }
    }

    /// A split's children are [start, key − 1] and [key, end] of the closed parent.
    private func checkSplit(_ layout: ShardLayout, children: [Int], parent: Int, key: UInt128, history: [String], sequence: Int) {
        let range = layout.shards[parent].hashKeyRange
        #expect(layout.shards[parent].status == .closed)
        #expect(children.map { layout.shards[$0].hashKeyRange } == [
            HashKeyRange(startingHashKey: range.startingHashKey, endingHashKey: key - 1),
            HashKeyRange(startingHashKey: key, endingHashKey: range.endingHashKey),
        ], "sequence \(sequence): \(history.joined(separator: ", "))")
        #expect(children.allSatisfy { layout.shards[$0].parentNumber == parent && layout.shards[$0].status == .open })
    }

    /// A merge's child covers exactly both closed parents.
    private func checkMerge(_ layout: ShardLayout, child: Int, parents: [Int], history: [String], sequence: Int) {
        let ranges = parents.map { layout.shards[$0].hashKeyRange }
        #expect(parents.allSatisfy { layout.shards[$0].status == .closed })
        #expect(layout.shards[child].hashKeyRange == HashKeyRange(startingHashKey: ranges.map(\.startingHashKey).min()!,
                                                                  endingHashKey: ranges.map(\.endingHashKey).max()!),
                "sequence \(sequence): \(history.joined(separator: ", "))")
        #expect(layout.shards[child].parentNumber == parents[0] && layout.shards[child].adjacentParentNumber == parents[1])
    }
}
