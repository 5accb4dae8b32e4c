import ShardSimPlanner
import Testing

/// The grid `sweep` and `explore` run, and the partitions that share it out: every value below is counted by hand.
@Suite struct SweepGridTests {
    /// `--vary a=1,2,3 --vary b=x,y`: 3 × 2 = 6 points, the first axis changing slowest, so the points read
    /// (1,x) (1,y) (2,x) (2,y) (3,x) (3,y).
    @Test func theFirstAxisChangesSlowest() throws {
        let grid = try SweepGrid(variations: ["a=1,2,3", "b=x,y"])
        #expect(grid.pointCount == 6)
        #expect(
            grid.axes == [SweepAxis(path: "a", values: ["1", "2", "3"]), SweepAxis(path: "b", values: ["x", "y"])])
        #expect(grid.values(at: 0) == ["1", "x"])
        #expect(grid.values(at: 1) == ["1", "y"])
        #expect(grid.values(at: 2) == ["2", "x"])
        #expect(grid.values(at: 5) == ["3", "y"])
    }

    /// Partition I/N runs the points p with p mod N = I − 1: of 6 points, 2/3 runs 1 and 4; 1/1 runs all six;
    /// the three slices of 3 together hold each point once.
    @Test func partitionsShareTheGridOut() throws {
        let grid = try SweepGrid(variations: ["a=1,2,3", "b=x,y"])
        #expect(grid.points(in: SweepPartition(index: 2, count: 3)) == [1, 4])
        #expect(grid.points(in: .whole) == [0, 1, 2, 3, 4, 5])
        let slices = (1...3).flatMap { grid.points(in: SweepPartition(index: $0, count: 3)) }
        #expect(slices.sorted() == [0, 1, 2, 3, 4, 5])
    }

    @Test(arguments: [("2/3", 2, 3), ("1/1", 1, 1), ("10000/10000", 10_000, 10_000)])
    func partitionTextIsIndexOverCount(text: String, index: Int, count: Int) {
        #expect(SweepPartition(text) == SweepPartition(index: index, count: count))
        #expect(SweepPartition(text)?.text == text)
    }

    /// I must be 1 to N and N 1 to 10,000; anything else is no partition.
    @Test(arguments: ["4/3", "0/3", "1/0", "1/10001", "x", "2", "1/2/3", "/3", "2/", "-1/3"])
    func partitionTextOutOfRangeIsRefused(text: String) {
        #expect(SweepPartition(text) == nil)
    }

    /// Every mistake at once, in command-line order: an empty value, a word with no "=", a path given twice (said
    /// once), a word with nothing before "=".
    @Test func everyMalformedVariationIsReportedAtOnce() {
        #expect(
            throws: SweepGrid.Problems(problems: [
                .emptyValue(variation: "a=1,,2"), .malformed(variation: "b"),
                .repeatedPath("a"), .malformed(variation: "=4"),
            ])
        ) {
            try SweepGrid(variations: ["a=1,,2", "b", "a=3", "=4", "a=5"])
        }
        #expect(throws: SweepGrid.Problems(problems: [.noAxes])) { try SweepGrid(variations: []) }
    }

    /// 13 axes of 2 values are 2^13 = 8,192 points (within 10,000); 14 are 16,384 (refused); 64 are 2^64, which
    /// overflows Int and must be refused, not wrapped to 0.
    @Test func gridsBeyondTenThousandPointsAreRefusedWithoutOverflow() throws {
        let axes = (1...64).map { "x\($0)=1,2" }
        #expect(try SweepGrid(variations: Array(axes.prefix(13))).pointCount == 8_192)
        #expect(throws: SweepGrid.Problems(problems: [.tooManyPoints(valueCounts: Array(repeating: 2, count: 14))])) {
            try SweepGrid(variations: Array(axes.prefix(14)))
        }
        #expect(throws: SweepGrid.Problems(problems: [.tooManyPoints(valueCounts: Array(repeating: 2, count: 64))])) {
            try SweepGrid(variations: axes)
        }
    }
}
