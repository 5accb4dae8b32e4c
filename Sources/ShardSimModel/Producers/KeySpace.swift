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
        for index in 0..<keyCount {
            let key = KeySpace.key(at: index, in: distribution)
            hashKeys.append(MD5.hashKey(forPartitionKey: key))
            keyBytesByKey.append(Int32(key.utf8.count))
        }
        shardIndexByKey = Array(repeating: 0, count: keyCount)
        sampler = KeySampler(distribution: distribution)
    }

    var count: Int { hashKeys.count }

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
        for index in hashKeys.indices {
            shardIndexByKey[index] = openShardIndices[router.shardIndex(for: hashKeys[index])]
        }
    }
}

/// Draws key indices in O(1): uniform, Zipf (alias table), or hot keys then uniform others.
struct KeySampler {
    private enum Kind {
        case uniform(count: UInt64)
        case table(AliasTable)
        case hot(hotTable: AliasTable?, hotShare: Double, hotCount: Int, othersCount: UInt64)
    }
    private let kind: Kind

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
