import Testing

@testable import ShardSimReport

@Suite struct AveragedSeriesTests {
    @Test func longRunsAreAveragedIntoAtMostEightyPoints() {
        // 160 one-second values alternating 0 and 10 MiB/s: ceil(160 / 80) = 2 seconds a point, each the mean 5.
        let starts = (0..<160).map(Double.init)
        let averaged = Averaged(starts: starts, values: starts.map { Int($0) % 2 == 0 ? 0 : 10 })
        #expect(averaged.points.count == 80 && averaged.bucketSeconds == 2)
        #expect(averaged.points.allSatisfy { $0.y == 5 })
        #expect(averaged.points[1].x == 2)
        #expect(Averaged.note(2) == ", 2 s means")
        // 81 values: 2 a point, the last point alone (its own mean).
        let odd = Averaged(starts: (0..<81).map(Double.init), values: (0..<81).map(Double.init))
        #expect(odd.points.count == 41 && odd.points.last?.y == 80)
        // Short runs are left alone.
        let short = Averaged(starts: [0, 1, 2], values: [1, 2, 3])
        #expect(short.points.map(\.y) == [1, 2, 3] && short.bucketSeconds == 1 && Averaged.note(1).isEmpty)
    }
}
