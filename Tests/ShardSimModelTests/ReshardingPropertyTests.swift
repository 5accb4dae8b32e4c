import ShardSimEngine
import Testing

@testable import ShardSimModel

/// Property: after any sequence of splits (at random valid new starting hash keys), merges (of adjacent open
/// shards) and uniform rescales, the open shards are exactly the ones the operations' definitions give, and
/// every hash key routes to the one open shard whose range holds it.
///
/// "Open shards tile the space" on its own cannot fail here: `ShardLayout` rebuilds its `HashKeyRouter` after
/// every change, and the router's precondition traps on a gap or an overlap before any #expect could see one.
/// So the test keeps its own model of the key space instead, the sorted starting keys of the open shards,
/// updated from the API's definitions alone (SplitShard at key k adds a shard starting at k; MergeShards removes
/// the upper parent's start; UpdateShardCount to n starts shard i at i · ⌊2^128 / n⌋, the stdlib's full-width
/// division giving ⌊2^128 / n⌋), and checks the layout against it: a split at the wrong key, a merge keeping
/// the wrong start or a rescale with other steps all still tile, and all fail here.
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
            var reference = Self.uniformStarts(layout.openShardCount)
            var history: [String] = ["create \(layout.openShardCount)"]
            for _ in 0..<Self.operationsPerSequence {
                let open = layout.openShardIndices.map(Int.init)
                let choice = walk.int(below: 20)
                if choice == 0 {
                    let target = 1 + walk.int(below: 12)
                    _ = layout.rescale(to: target)
                    reference = Self.uniformStarts(target)
                    history.append("rescale \(target)")
                } else if open.count >= 2 && (choice < 9 || open.count >= Self.maxOpenShards) {
                    // Adjacent in hash key order, named in either order as the API allows.
                    let position = walk.int(below: open.count - 1)
                    let (first, second) =
                        walk.int(below: 2) == 0
                        ? (open[position], open[position + 1]) : (open[position + 1], open[position])
                    let child = layout.merge(first, second)
                    reference.removeAll { $0 == max(Self.start(layout, first), Self.start(layout, second)) }
                    history.append("merge \(first)+\(second)")
                    checkMerge(layout, child: child, parents: [first, second], history: history, sequence: sequence)
                } else {
                    let splittable = open.filter {
                        layout.shards[$0].hashKeyRange.startingHashKey < layout.shards[$0].hashKeyRange.endingHashKey
                    }
                    guard !splittable.isEmpty else { continue }
                    let parent = splittable[walk.int(below: splittable.count)]
                    let key = walk.splitKey(in: layout.shards[parent].hashKeyRange)
                    let children = layout.split(parent, at: key)
                    reference.insert(key, at: reference.firstIndex { $0 > key } ?? reference.count)
                    history.append("split \(parent) at \(key)")
                    checkSplit(
                        layout, children: children, parent: parent, key: key, history: history, sequence: sequence)
                }
                checkAgainstReference(layout, reference: reference, history: history, sequence: sequence)
                checkRouting(layout, reference: reference, walk: &walk, history: history, sequence: sequence)
            }
        }
    }

    /// The starting keys of a new stream of `count` shards: i · ⌊2^128 / count⌋ (the last shard takes the remainder).
    private static func uniformStarts(_ count: Int) -> [UInt128] {
        guard count > 1 else { return [0] }
        let (step, _) = UInt128(count).dividingFullWidth((high: 1, low: 0))
        return (0..<count).map { UInt128($0) * step }
    }

    private static func start(_ layout: ShardLayout, _ shard: Int) -> UInt128 {
        layout.shards[shard].hashKeyRange.startingHashKey
    }

    /// The shards whose status is open, sorted by start, are the reference's: the same starts, each ending where
    /// the next starts (the last at 2^128 − 1); and `openShardIndices` lists exactly them, in that order.
    private func checkAgainstReference(_ layout: ShardLayout, reference: [UInt128], history: [String], sequence: Int) {
        let open = layout.shards.indices.filter { layout.shards[$0].status == .open }.sorted {
            Self.start(layout, $0) < Self.start(layout, $1)
        }
        let context = "sequence \(sequence): \(history.joined(separator: ", "))"
        #expect(layout.openShardIndices.map(Int.init) == open, "open shards out of order; \(context)")
        #expect(
            open.map { Self.start(layout, $0) } == reference,
            "open shards start elsewhere than the operations say; \(context)")
        let ends = reference.dropFirst().map { $0 - 1 } + [UInt128.max]
        #expect(
            open.map { layout.shards[$0].hashKeyRange.endingHashKey } == ends, "open shards end elsewhere; \(context)")
    }

    /// Random keys, partition keys' MD5 hashes and every open shard's edges route to the one open shard that
    /// holds them (found by a linear scan), which is the one the reference says.
    private func checkRouting(
        _ layout: ShardLayout, reference: [UInt128], walk: inout Walk, history: [String], sequence: Int
    ) {
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
            #expect(
                holders == [routed],
                "key \(key) routes to \(routed), held by \(holders); sequence \(sequence): \(history.joined(separator: ", "))"
            )
            // The reference's holder: the last start at or before the key.
            #expect(Self.start(layout, routed) == reference.last { $0 <= key }, "key \(key); sequence \(sequence)")
        }
    }

    /// A split's children are [start, key − 1] and [key, end] of the closed parent.
    private func checkSplit(
        _ layout: ShardLayout, children: [Int], parent: Int, key: UInt128, history: [String], sequence: Int
    ) {
        let range = layout.shards[parent].hashKeyRange
        #expect(layout.shards[parent].status == .closed)
        #expect(
            children.map { layout.shards[$0].hashKeyRange } == [
                HashKeyRange(startingHashKey: range.startingHashKey, endingHashKey: key - 1),
                HashKeyRange(startingHashKey: key, endingHashKey: range.endingHashKey),
            ], "sequence \(sequence): \(history.joined(separator: ", "))")
        #expect(children.allSatisfy { layout.shards[$0].parentNumber == parent && layout.shards[$0].status == .open })
    }

    /// A merge's child covers exactly both closed parents.
    private func checkMerge(_ layout: ShardLayout, child: Int, parents: [Int], history: [String], sequence: Int) {
        let ranges = parents.map { layout.shards[$0].hashKeyRange }
        #expect(parents.allSatisfy { layout.shards[$0].status == .closed })
        #expect(
            layout.shards[child].hashKeyRange
                == HashKeyRange(
                    startingHashKey: ranges.map(\.startingHashKey).min()!,
                    endingHashKey: ranges.map(\.endingHashKey).max()!),
            "sequence \(sequence): \(history.joined(separator: ", "))")
        #expect(
            layout.shards[child].parentNumber == parents[0] && layout.shards[child].adjacentParentNumber == parents[1])
    }
}
