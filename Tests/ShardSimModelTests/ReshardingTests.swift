import Foundation
import ShardSimTestSupport
import Testing

@testable import ShardSimModel

/// Split, merge and UpdateShardCount layouts against vectors computed by an independent Python
/// implementation (Fixtures/generate_resharding_vectors.py), and AWS's resharding rules.
@Suite struct ReshardingTests {
    private struct Vectors: Decodable {
        struct Split: Decodable {
            var shardCount: Int; var shardIndex: Int; var newStartingHashKey: String; var children: [[String]]
        }
        struct Merge: Decodable {
            var shardCount: Int; var shardIndex: Int; var adjacentIndex: Int; var child: [String]
        }
        struct Child: Decodable { var range: [String]; var parent: Int; var adjacentParent: Int? }
        struct Rescale: Decodable { var from: Int; var to: Int; var children: [Child] }
        var splits: [Split]
        var merges: [Merge]
        var rescales: [Rescale]
    }

    private func vectors() throws -> Vectors {
        try decodeFixture(Vectors.self, named: "resharding_vectors", in: Bundle.module)
    }

    private func text(_ range: HashKeyRange) -> [String] {
        [String(range.startingHashKey), String(range.endingHashKey)]
    }

    @Test func defaultSplitsMatchTheDeveloperGuide() throws {
        for vector in try vectors().splits {
            var layout = ShardLayout(shardCount: vector.shardCount)
            let parent = layout.shards[vector.shardIndex].hashKeyRange
            #expect(String(Resharding.defaultSplitKey(of: parent)) == vector.newStartingHashKey)
            let children = layout.split(vector.shardIndex, at: Resharding.defaultSplitKey(of: parent))
            // Children of a split take the next two shard numbers.
            #expect(children == [vector.shardCount, vector.shardCount + 1])
            #expect(children.map { text(layout.shards[$0].hashKeyRange) } == vector.children)
            #expect(layout.shards[vector.shardIndex].status == .closed)
            #expect(children.allSatisfy { layout.shards[$0].parentNumber == vector.shardIndex })
        }
    }

    @Test func mergesMatchVectors() throws {
        for vector in try vectors().merges {
            var layout = ShardLayout(shardCount: vector.shardCount)
            let child = layout.merge(vector.shardIndex, vector.adjacentIndex)
            #expect(child == vector.shardCount)
            #expect(text(layout.shards[child].hashKeyRange) == vector.child)
            #expect(layout.shards[child].adjacentParentNumber == vector.adjacentIndex)
        }
    }

    @Test func uniformScalingMatchesVectors() throws {
        for vector in try vectors().rescales {
            var layout = ShardLayout(shardCount: vector.from)
            let children = layout.rescale(to: vector.to)
            #expect(children.count == vector.to)
            for (child, expected) in zip(children, vector.children) {
                #expect(text(layout.shards[child].hashKeyRange) == expected.range)
                #expect(layout.shards[child].parentNumber == expected.parent)
                #expect(layout.shards[child].adjacentParentNumber == expected.adjacentParent)
            }
        }
    }

    @Test func mergingNonAdjacentRangesIsRefused() {
        let ranges = HashKeyRange.initialRanges(shardCount: 3)
        #expect(Resharding.merge(ranges[0], ranges[2]) == nil)
        #expect(Resharding.merge(ranges[1], ranges[0]) != nil)
    }

    @Test func randomSplitsAndMergesKeepTheKeySpaceCovered() {
        // Property: after any sequence of splits and merges, open ranges tile 0 … 2^128 − 1 with no gap or overlap
        // (HashKeyRouter's initialiser traps otherwise) and every key routes to a range that holds it.
        for seed in 0..<20 {
            var generator = SplitMixForTests(seed: UInt64(seed))
            var layout = ShardLayout(shardCount: 1 + Int(generator.next() % 7))
            for _ in 0..<40 {
                let open = layout.openShardIndices.map(Int.init)
                if generator.next() % 2 == 0 || open.count < 2 {
                    let shard = open[Int(generator.next() % UInt64(open.count))]
                    let range = layout.shards[shard].hashKeyRange
                    guard range.endingHashKey > range.startingHashKey else { continue }
                    let offset = UInt128(generator.next()) % (range.endingHashKey - range.startingHashKey) + 1
                    _ = layout.split(shard, at: range.startingHashKey + offset)
                } else {
                    let position = Int(generator.next() % UInt64(open.count - 1))
                    _ = layout.merge(open[position], open[position + 1])
                }
            }
            for _ in 0..<200 {
                let key = UInt128(generator.next()) << 64 | UInt128(generator.next())
                let shard = Int(layout.openShardIndices[layout.router.shardIndex(for: key)])
                #expect(layout.shards[shard].hashKeyRange.contains(key), "seed \(seed)")
            }
        }
    }
}

/// A tiny SplitMix64 for test inputs (the engine's generator is tested on its own).
private struct SplitMixForTests {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
