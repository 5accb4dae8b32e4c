import ShardSimModel
import Testing

/// Properties of CreateStream's initial layout for every shard count from 1 to 1000.
@Suite struct RoutingRangeTests {
    /// Contiguous, covering 0 ... 2^128 − 1, equal steps of floor(2^128 / n), remainder on the last.
    @Test(arguments: 1...1000)
    func initialRangesTileTheSpace(shardCount: Int) {
        let ranges = HashKeyRange.initialRanges(shardCount: shardCount)
        #expect(ranges.count == shardCount)
        #expect(ranges.first?.startingHashKey == 0)
        #expect(ranges.last?.endingHashKey == UInt128.max)
        for (earlier, later) in zip(ranges, ranges.dropFirst()) {
            #expect(earlier.endingHashKey < UInt128.max)
            #expect(later.startingHashKey == earlier.endingHashKey + 1)
        }
        guard shardCount > 1 else {
            #expect(ranges == [HashKeyRange.fullSpace])
            return
        }
        // The stdlib's 256-by-128-bit division gives 2^128 / n independently of the code under test.
        let (step, remainder) = UInt128(shardCount).dividingFullWidth((high: 1, low: 0))
        for range in ranges.dropLast() {
            #expect(range.endingHashKey - range.startingHashKey + 1 == step)
        }
        let last = ranges[shardCount - 1]
        #expect(last.endingHashKey - last.startingHashKey + 1 == step + remainder)
    }

    @Test func twoShardsSplitAtTwoToThe127th() {
        let half = UInt128(1) << 127
        #expect(
            HashKeyRange.initialRanges(shardCount: 2) == [
                HashKeyRange(startingHashKey: 0, endingHashKey: half - 1),
                HashKeyRange(startingHashKey: half, endingHashKey: .max),
            ])
    }

    @Test func fullSpaceCoversEverything() {
        #expect(HashKeyRange.fullSpace.startingHashKey == 0)
        #expect(HashKeyRange.fullSpace.endingHashKey == UInt128.max)
        #expect(HashKeyRange.fullSpace.contains(0))
        #expect(HashKeyRange.fullSpace.contains(.max))
    }

    @Test func containsIncludesBothEnds() {
        let range = HashKeyRange(startingHashKey: 10, endingHashKey: 20)
        #expect(!range.contains(9))
        #expect(range.contains(10))
        #expect(range.contains(15))
        #expect(range.contains(20))
        #expect(!range.contains(21))
        #expect(HashKeyRange(startingHashKey: 7, endingHashKey: 7).contains(7))
    }
}
