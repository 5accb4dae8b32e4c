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

    /// Hashes the generated keys `prefix + String(i)` for i in 0..<count from their UTF-8 bytes, four keys at a time
    /// (`MD5.finalStatesOfFourPaddedBlocks`): the same digests as the strings', without building 100,000s of strings
    /// at start-up (that cost more than the hashing). The key is kept as a padded MD5 block (`PaddedDecimalKey`)
    /// whose digits count up in place, so each lane's block is a 64-byte copy of it.
    private static func hashGeneratedKeys(
        prefix: String, count: Int, hashKeys: inout [UInt128], keyBytes: inout [Int32]
    ) {
        guard count > 0 else { return }
        let prefixBytes = Array(prefix.utf8)
        // An Int has at most 19 digits; longer prefixes are hashed one string at a time.
        guard prefixBytes.count + 19 <= MD5.maxSingleBlockMessageBytes else {
            for index in 0..<count {
                let key = prefix + String(index)
                hashKeys.append(MD5.hashKey(forPartitionKey: key))
                keyBytes.append(Int32(key.utf8.count))
            }
            return
        }
        withUnsafeTemporaryAllocation(byteCount: 5 * 64, alignment: 16) { buffer in
            var key = PaddedDecimalKey(
                prefix: prefixBytes, block: UnsafeMutableRawBufferPointer(rebasing: buffer[(4 * 64)..<(5 * 64)]))
            let blocks = buffer.baseAddress!
            for _ in 0..<(count / 4) {
                for lane in 0..<4 {
                    key.copyBlock(to: blocks + lane * 64)
                    keyBytes.append(Int32(truncatingIfNeeded: key.length))
                    key.increment()
                }
                let states = MD5.finalStatesOfFourPaddedBlocks(UnsafeRawPointer(blocks))
                hashKeys.append(MD5.hashKey(of: states.0))
                hashKeys.append(MD5.hashKey(of: states.1))
                hashKeys.append(MD5.hashKey(of: states.2))
                hashKeys.append(MD5.hashKey(of: states.3))
            }
            for _ in 0..<(count % 4) {
                hashKeys.append(
                    MD5.hashKey(forPartitionKeyBytes: UnsafeRawBufferPointer(rebasing: key.block[0..<key.length])))
                keyBytes.append(Int32(truncatingIfNeeded: key.length))
                key.increment()
            }
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

/// A generated key, prefix then the decimal digits of its index, as a padded single-block MD5 message in `block`:
/// the digits count up in place (no division or string per key) and the padding is redone only when the key
/// grows a digit.
private struct PaddedDecimalKey {
    let block: UnsafeMutableRawBufferPointer
    private let prefixCount: Int
    /// The key's bytes: `block[0..<length]`.
    private(set) var length: Int

    /// The key with index 0, `prefix` + "0". The prefix leaves room for 19 digits in one block (checked).
    init(prefix: [UInt8], block: UnsafeMutableRawBufferPointer) {
        precondition(prefix.count + 19 <= MD5.maxSingleBlockMessageBytes && block.count == 64, "one block per key")
        self.block = block
        prefixCount = prefix.count
        length = prefix.count + 1
        block.copyBytes(from: prefix)
        block[prefix.count] = UInt8(ascii: "0")
        MD5.padSingleBlock(block, messageBytes: length)
    }

    /// Copies the padded block to `destination` (64 bytes), eight bytes at a time: a call to `memcpy` for so few
    /// bytes cost more than the copy.
    func copyBlock(to destination: UnsafeMutableRawPointer) {
        let source = UnsafeRawPointer(block.baseAddress!)
        for offset in stride(from: 0, to: 64, by: 8) {
            destination.storeBytes(
                of: source.load(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
        }
    }

    /// The next index: the last digit goes up, nines roll over to zeros, and "99…9" grows a leading "1".
    mutating func increment() {
        var position = length - 1
        while position >= prefixCount {
            if block[position] != UInt8(ascii: "9") {
                block[position] += 1
                return
            }
            block[position] = UInt8(ascii: "0")
            position -= 1
        }
        // All nines: "1" then as many zeros, one digit longer (an Int has at most 19 digits, so it fits).
        block[prefixCount] = UInt8(ascii: "1")
        block[length] = UInt8(ascii: "0")
        length += 1
        MD5.padSingleBlock(block, messageBytes: length)
    }
}
