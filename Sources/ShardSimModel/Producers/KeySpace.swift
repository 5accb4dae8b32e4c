import Foundation
import ShardSimEngine

/// A producer's partition keys, hashed once each, with the shard each currently routes to.
///
/// Routing work happens here, once per distinct key at start-up and again only when the shard layout
/// changes; the per-record path reads `shardIndexByKey` and `keyBytesByKey` by index.
struct KeySpace {
    /// The 128-bit Kinesis hash key of each key.
    private(set) var hashKeys: [UInt128]
    /// UTF-8 length of each key: it counts towards the shard's bytes limit.
    private(set) var keyBytesByKey: [Int32]
    /// Index of the open shard each key routes to, refreshed by `route(with:)`.
    private(set) var shardIndexByKey: [Int32]
    /// Draws key indices with the configured distribution.
    let sampler: KeySampler
    let distribution: PartitionKeyDistribution

    /// The keys of `distribution`, hashed once per process for all the runs that use them (`KeySpaceCache`).
    init(distribution: PartitionKeyDistribution) {
        self = KeySpaceCache.shared.keySpace(for: distribution)
    }

    /// The keys of `distribution`, hashed here: MD5 of every key and, for Zipf, the alias table.
    init(hashing distribution: PartitionKeyDistribution) {
        self.distribution = distribution
        let keyCount: Int
        switch distribution {
        case .uniform(let count, _), .zipf(let count, _, _): keyCount = count
        case .hotKeys(let hot, let othersCount, _): keyCount = hot.count + othersCount
        }
        hashKeys = []
        keyBytesByKey = []
        hashKeys.reserveCapacity(keyCount)
        keyBytesByKey.reserveCapacity(keyCount)
        let generated: (prefix: String, count: Int)
        switch distribution {
        case .uniform(let count, let prefix), .zipf(let count, _, let prefix): generated = (prefix, count)
        case .hotKeys(let hot, let othersCount, let prefix):
            for entry in hot {
                hashKeys.append(MD5.hashKey(forPartitionKey: entry.key))
                keyBytesByKey.append(Int32(entry.key.utf8.count))
            }
            generated = (prefix, othersCount)
        }
        KeySpace.hashGeneratedKeys(
            prefix: generated.prefix, count: generated.count, hashKeys: &hashKeys, keyBytes: &keyBytesByKey)
        shardIndexByKey = Array(repeating: 0, count: keyCount)
        sampler = KeySampler(distribution: distribution)
    }

    var count: Int { hashKeys.count }

    /// Hashes the generated keys `prefix + String(i)` for i in 0..<count from their UTF-8 bytes, written straight
    /// into padded MD5 blocks, four keys at a time (`MD5.finalStatesOfFourPaddedBlocks`): the same digests as the
    /// strings', without building 100,000s of strings at start-up (that cost more than the hashing).
    private static func hashGeneratedKeys(
        prefix: String, count: Int, hashKeys: inout [UInt128], keyBytes: inout [Int32]
    ) {
        guard count > 0 else { return }
        let prefixBytes = Array(prefix.utf8)
        // The key being hashed, prefix then digits; the digits count up in place from "0", as `String(i)` spells i.
        var key = DecimalKey(prefix: prefixBytes)
        // An Int has at most 19 digits; longer prefixes take the one-key-at-a-time path.
        let fourAtOnce = prefixBytes.count + 19 <= MD5.maxSingleBlockMessageBytes ? count / 4 * 4 : 0
        withUnsafeTemporaryAllocation(byteCount: 4 * 64, alignment: 16) { blocks in
            // The length each lane's block is padded for: consecutive keys mostly have the same length, and then
            // only the key's bytes change (the padding after them stays as it is).
            var paddedLengths = [-1, -1, -1, -1]
            for _ in stride(from: 0, to: fourAtOnce, by: 4) {
                for lane in 0..<4 {
                    let block = UnsafeMutableRawBufferPointer(rebasing: blocks[(lane * 64)..<(lane * 64 + 64)])
                    let length = key.bytes.count
                    key.bytes.withUnsafeBytes { block.copyMemory(from: $0) }
                    if paddedLengths[lane] != length {
                        MD5.padSingleBlock(block, messageBytes: length)
                        paddedLengths[lane] = length
                    }
                    keyBytes.append(Int32(length))
                    key.increment()
                }
                let states = MD5.finalStatesOfFourPaddedBlocks(UnsafeRawPointer(blocks.baseAddress!))
                hashKeys.append(MD5.hashKey(of: states.0))
                hashKeys.append(MD5.hashKey(of: states.1))
                hashKeys.append(MD5.hashKey(of: states.2))
                hashKeys.append(MD5.hashKey(of: states.3))
            }
        }
        for _ in fourAtOnce..<count {
            key.bytes.withUnsafeBytes { hashKeys.append(MD5.hashKey(forPartitionKeyBytes: $0)) }
            keyBytes.append(Int32(key.bytes.count))
            key.increment()
        }
    }

    /// The partition key string with this index: hot keys first, then the generated set.
    static func key(at index: Int, in distribution: PartitionKeyDistribution) -> String {
        switch distribution {
        case .uniform(_, let prefix), .zipf(_, _, let prefix):
            return prefix + String(index)
        case .hotKeys(let hot, _, let prefix):
            return index < hot.count ? hot[index].key : prefix + String(index - hot.count)
        }
    }

    /// The key string with this index.
    func key(at index: Int) -> String { KeySpace.key(at: index, in: distribution) }

    /// Re-routes every key for a new set of open shards.
    mutating func route(with router: HashKeyRouter, openShardIndices: [Int32]) {
        let ranges = router.shardIndices(for: hashKeys)
        for index in hashKeys.indices {
            shardIndexByKey[index] = openShardIndices[Int(ranges[index])]
        }
    }
}

/// Draws key indices in O(1): uniform, Zipf (alias table), or hot keys then uniform others.
struct KeySampler {
    enum Kind {
        case uniform(count: UInt64)
        case table(AliasTable)
        case hot(hotTable: AliasTable?, hotShare: Double, hotCount: Int, othersCount: UInt64)
    }
    /// Read by `BatchAssembler` to pick a draw loop specialized for the kind, once per batch.
    let kind: Kind

    init(distribution: PartitionKeyDistribution) {
        switch distribution {
        case .uniform(let count, _):
            kind = .uniform(count: UInt64(count))
        case .zipf(let count, let exponent, _):
            kind = .table(ZipfDistribution(count: count, exponent: exponent).aliasTable)
        case .hotKeys(let hot, let othersCount, _):
            let hotShare = hot.reduce(0) { $0 + $1.shareOfTraffic }
            let table = hot.isEmpty || hotShare <= 0 ? nil : AliasTable(weights: hot.map(\.shareOfTraffic))
            kind = .hot(hotTable: table, hotShare: hotShare, hotCount: hot.count, othersCount: UInt64(othersCount))
        }
    }

    /// One key index.
    @inline(__always)
    func sample(_ random: inout Xoshiro256StarStar) -> Int32 {
        switch kind {
        case .uniform(let count):
            return Int32(truncatingIfNeeded: random.nextInt(below: count))
        case .table(let table):
            return Int32(truncatingIfNeeded: table.sample(&random))
        case .hot(let hotTable, let hotShare, let hotCount, let othersCount):
            if let hotTable, othersCount == 0 || random.nextUnitDouble() < hotShare {
                return Int32(truncatingIfNeeded: hotTable.sample(&random))
            }
            return Int32(truncatingIfNeeded: hotCount + Int(random.nextInt(below: othersCount)))
        }
    }

    /// The probability of drawing key `index` (for hot-key analysis in reports and the planner).
    func probability(ofKey index: Int) -> Double {
        switch kind {
        case .uniform(let count): return 1 / Double(count)
        case .table(let table): return table.probability(of: index)
        case .hot(let hotTable, let hotShare, let hotCount, let othersCount):
            if index < hotCount {
                let share = othersCount == 0 ? 1.0 : hotShare
                return share * (hotTable?.probability(of: index) ?? 0)
            }
            return (1 - hotShare) / Double(othersCount)
        }
    }
}

/// A generated key's UTF-8 bytes, prefix then the decimal digits of its index, counted up in place (no division or
/// string per key).
private struct DecimalKey {
    private(set) var bytes: [UInt8]
    private let prefixCount: Int

    init(prefix: [UInt8]) {
        prefixCount = prefix.count
        bytes = prefix + [UInt8(ascii: "0")]
    }

    /// The next index: the last digit goes up, nines roll over to zeros, and "99…9" grows a leading "1".
    mutating func increment() {
        var position = bytes.count - 1
        while position >= prefixCount {
            if bytes[position] != UInt8(ascii: "9") {
                bytes[position] += 1
                return
            }
            bytes[position] = UInt8(ascii: "0")
            position -= 1
        }
        bytes.insert(UInt8(ascii: "1"), at: prefixCount)
    }
}
