import ShardSimModel
import Testing

/// The binary-search router must agree with the obvious linear scan, on initial layouts and on
/// uneven layouts such as resharding leaves behind.
@Suite struct RoutingRouterTests {
    /// SplitMix64: a tiny seeded generator, so every run probes the same keys.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }

        mutating func nextHashKey() -> UInt128 {
            UInt128(next()) << 64 | UInt128(next())
        }
    }

    /// The reference answer: the first range that holds the key.
    static func linearScan(_ ranges: [HashKeyRange], _ hashKey: UInt128) -> Int? {
        ranges.firstIndex { $0.contains(hashKey) }
    }

    /// Random keys plus every boundary key and its neighbours.
    static func probeKeys(for ranges: [HashKeyRange], generator: inout SplitMix64) -> [UInt128] {
        var keys = (0..<500).map { _ in generator.nextHashKey() }
        for range in ranges {
            keys += [range.startingHashKey, range.endingHashKey]
            if range.startingHashKey > 0 { keys.append(range.startingHashKey - 1) }
            if range.endingHashKey < .max { keys.append(range.endingHashKey + 1) }
        }
        return keys
    }

    @Test(arguments: [1, 2, 3, 5, 7, 16, 100, 500, 1000])
    func agreesWithLinearScanOnInitialLayouts(shardCount: Int) {
        var generator = SplitMix64(state: UInt64(shardCount))
        let ranges = HashKeyRange.initialRanges(shardCount: shardCount)
        let router = HashKeyRouter(ranges: ranges)
        for key in Self.probeKeys(for: ranges, generator: &generator) {
            #expect(router.shardIndex(for: key) == Self.linearScan(ranges, key))
        }
    }

    /// Uneven tilings from random cut points, the shape splits and merges produce.
    @Test(arguments: 0..<20)
    func agreesWithLinearScanOnRandomLayouts(seed: Int) {
        var generator = SplitMix64(state: 0xC0FFEE &+ UInt64(seed))
        let cutCount = Int(generator.next() % 64)
        let cuts = Set((0..<cutCount).map { _ in max(1, generator.nextHashKey()) }).sorted()
        let starts = [UInt128(0)] + cuts
        let ranges = starts.indices.map { index in
            HashKeyRange(
                startingHashKey: starts[index],
                endingHashKey: index + 1 < starts.count ? starts[index + 1] - 1 : .max)
        }
        let router = HashKeyRouter(ranges: ranges)
        for key in Self.probeKeys(for: ranges, generator: &generator) {
            #expect(router.shardIndex(for: key) == Self.linearScan(ranges, key))
        }
    }

    @Test func singleKeyWideRangesAtBothEdges() {
        let ranges = [
            HashKeyRange(startingHashKey: 0, endingHashKey: 0),
            HashKeyRange(startingHashKey: 1, endingHashKey: UInt128.max - 1),
            HashKeyRange(startingHashKey: .max, endingHashKey: .max),
        ]
        let router = HashKeyRouter(ranges: ranges)
        #expect(router.shardIndex(for: 0) == 0)
        #expect(router.shardIndex(for: 1) == 1)
        #expect(router.shardIndex(for: UInt128.max - 1) == 1)
        #expect(router.shardIndex(for: .max) == 2)
    }

    /// The bulk router (a table over the keys' leading 16 bits) must give every key the linear scan's range: on
    /// even layouts, on random cuts (several ranges inside one prefix, ranges spanning many), and on boundary keys.
    @Test(arguments: [1, 3, 100, 1000, 5_000])
    func bulkRoutingAgreesWithLinearScan(shardCount: Int) {
        var generator = SplitMix64(state: 0xB0B &+ UInt64(shardCount))
        var ranges = HashKeyRange.initialRanges(shardCount: shardCount)
        if shardCount == 3 {
            // Cuts a few keys apart inside one prefix, as repeated splits of one shard leave.
            let base = UInt128(0x1234) << 112
            let starts: [UInt128] = [0, base, base + 1, base + 5, base + (1 << 100), UInt128(0x1235) << 112]
            ranges = starts.indices.map { index in
                HashKeyRange(
                    startingHashKey: starts[index],
                    endingHashKey: index + 1 < starts.count ? starts[index + 1] - 1 : .max)
            }
        }
        let router = HashKeyRouter(ranges: ranges)
        var keys = (0..<5_000).map { _ in generator.nextHashKey() }
        for range in ranges.prefix(2_000) {
            keys += [range.startingHashKey, range.endingHashKey]
        }
        let bulk = router.shardIndices(for: keys)
        var mismatches = 0
        for (key, range) in zip(keys, bulk) where Self.linearScan(ranges, key) != Int(range) { mismatches += 1 }
        #expect(keys.count >= 4_096)
        #expect(mismatches == 0)
    }
}
