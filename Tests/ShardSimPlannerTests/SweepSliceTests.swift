import ShardSimPlanner
import ShardSimReport
import Testing

/// `merge-results`: slices of one sweep read back from their JSON and joined in grid order; slices that do not fit
/// together are refused, saying which.
@Suite struct SweepSliceTests {
    private func row(_ point: Int) -> SweepRow {
        SweepRow(
            point: point, values: ["\(point + 1)"], shardCountEnd: Int64(point + 1), writeThrottledFraction: 0,
            recordsFailed: 0, putLatencyP99Milliseconds: 20, maxIteratorAgeMilliseconds: 0, monthlyTotal: 10,
            sloMet: nil)
    }

    /// A 3-point grid cut in 2: partition 1/2 holds points 0 and 2, partition 2/2 point 1.
    private func slice(_ index: Int, of count: Int = 2, points: Int = 3, axes: [String] = ["stream.shardCount"])
        -> SweepSlice
    {
        let partition = SweepPartition(index: index, count: count)
        return SweepSlice(
            axes: axes, points: points, partition: partition,
            rows: (0..<points).filter { partition.contains(point: $0) }.map(row))
    }

    @Test func slicesJoinInGridOrderWhateverOrderTheyComeIn() throws {
        #expect(try SweepSlice.merge([slice(2), slice(1)]).map(\.point) == [0, 1, 2])
        #expect(try SweepSlice.merge([slice(1, of: 1)]).map(\.point) == [0, 1, 2])
    }

    @Test func slicesThatDoNotFitAreRefusedNamingWhich() {
        #expect(throws: SweepSlice.MergeProblem.missingPartitions([2], count: 2)) { try SweepSlice.merge([slice(1)]) }
        #expect(throws: SweepSlice.MergeProblem.samePartition(slice: 2, earlier: 0)) {
            try SweepSlice.merge([slice(1), slice(2), slice(1)])
        }
        #expect(throws: SweepSlice.MergeProblem.differentSweep(slice: 1)) {
            try SweepSlice.merge([slice(1), slice(2, points: 4)])
        }
        #expect(throws: SweepSlice.MergeProblem.differentSweep(slice: 1)) {
            try SweepSlice.merge([slice(1), slice(2, of: 3)])
        }
        #expect(throws: SweepSlice.MergeProblem.differentSweep(slice: 1)) {
            try SweepSlice.merge([slice(1), slice(2, axes: ["seed"])])
        }
        var short = slice(2)
        short.rows = []
        #expect(throws: SweepSlice.MergeProblem.pointsNotEachOnce(points: 3)) {
            try SweepSlice.merge([slice(1), short])
        }
    }

    /// `sweep`'s default auto: a slice that ran some point in flow prints every row's fidelity; a slice whose points
    /// all ran in event fidelity prints none. Joined, the second slice's rows say event, as one sweep's would.
    @Test func aSliceWithoutFidelityBesideOneWithItReadsAsEvent() throws {
        var flowSlice = slice(1)
        for index in flowSlice.rows.indices { flowSlice.rows[index].fidelity = .flow }
        let merged = try SweepSlice.merge([flowSlice, slice(2)])
        #expect(merged.map(\.fidelity) == [.flow, .event, .flow])
        // Neither slice ran anything in flow: no fidelity anywhere, the table as before.
        #expect(try SweepSlice.merge([slice(1), slice(2)]).allSatisfy { $0.fidelity == nil })
        let json = SweepReport.json(
            axes: ["stream.shardCount"], rows: merged, points: 3, fidelityNote: "why"
        ).rendered()
        let read = try SweepSlice(Array(json.utf8))
        #expect(read.rows.map(\.fidelity) == [.flow, .event, .flow])
        #expect(read.fidelityNote == "why")
        #expect(SweepReport.csv(axes: ["stream.shardCount"], rows: merged).hasPrefix("stream.shardCount,"))
        #expect(SweepReport.csv(axes: ["stream.shardCount"], rows: merged).split(separator: "\n")[1].hasSuffix(",flow"))
    }

    /// A slice as `sweep --partition 2/2 --format json` prints it (written by hand), read back.
    @Test func aSliceIsReadFromTheSweepsJSON() throws {
        let json = """
            {"axes": ["stream.shardCount"], "points": 3, "partition": "2/2",
             "rows": [{"point": 1, "stream.shardCount": "2", "shardCountEnd": 2, "writeThrottledFraction": 0.25,
                       "recordsFailed": 7, "putLatencyP99Ms": 119.5, "maxIteratorAgeMs": 0, "monthlyTotal": 72.64, "sloMet": false,
                       "consumers": [{"name": "c", "maxIteratorAgeMs": 1500, "getRecordsThrottled": 3, "lambdaConcurrencyPeak": null}]}]}
            """
        let slice = try SweepSlice(Array(json.utf8))
        #expect(slice.axes == ["stream.shardCount"])
        #expect(slice.points == 3)
        #expect(slice.partition == SweepPartition(index: 2, count: 2))
        #expect(slice.rows.count == 1)
        #expect(slice.rows.first?.values == ["2"])
        #expect(slice.rows.first?.recordsFailed == 7)
        #expect(slice.rows.first?.writeThrottledFraction == 0.25)
        #expect(slice.rows.first?.sloMet == false)
        #expect(
            slice.rows.first?.consumers == [
                SweepConsumerFigures(
                    name: "c", maxIteratorAgeMilliseconds: 1500,
                    getRecordsThrottled: 3, lambdaConcurrencyPeak: nil)
            ])
    }

    /// Point 0 is partition 1's (0 mod 2 = 0), not partition 2's.
    @Test func aRowOutsideItsPartitionIsRefusedAtItsPath() {
        let json = #"{"axes": [], "points": 3, "partition": "2/2", "rows": [{"point": 0}]}"#
        do {
            _ = try SweepSlice(Array(json.utf8))
            Issue.record("a row outside its partition was accepted")
        } catch {
            guard case .notSweepOutput(let what) = error else {
                Issue.record("expected notSweepOutput, got \(error)"); return
            }
            #expect(what == "rows.0.point 0 is not in partition 2/2 of 3 points")
        }
    }
}
