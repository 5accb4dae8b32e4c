import ShardSimModel
import Testing

/// Per-record billing sizes: 25 KB PUT payload units (provisioned) and 1 KB rounding (on-demand), with
/// AWS's KB = 1,024 B (facts sheet section 5, PRICE).
@Suite struct CostRecordSizeTests {
    @Test(arguments: [
        (Int64(1), Int64(1)),  // any record is at least one unit
        (5_120, 1),  // AWS: "5 KB" → 1
        (25_600, 1),  // exactly 25 KB
        (25_601, 2),  // one byte over
        (46_080, 2),  // AWS: "45 KB" → 2
        (35_840, 2),  // the pricing example's 35 KB record
        (1_024_000, 40),  // AWS: "1 MB" (1,000 KB) → 40
        (1_048_576, 41),  // a full 1 MiB record
    ])
    func putPayloadUnits(bytes: Int64, units: Int64) {
        #expect(CostModel.putPayloadUnits(forRecordBytes: bytes) == units)
    }

    @Test(arguments: [
        (Int64(4_608), Int64(5_120)),  // AWS: 4.5 KB bills as 5 KB
        (1_024, 1_024),  // already a whole KB
        (1, 1_024),  // the smallest record bills a full KB
        (1_025, 2_048),
        (10_485_760, 10_485_760),  // a 10 MiB record is whole KBs
    ])
    func onDemandBilledBytes(bytes: Int64, billed: Int64) {
        #expect(CostModel.onDemandBilledBytes(forRecordBytes: bytes) == billed)
    }

    /// Nonsensical sizes must not trap: the floor is one unit / 1 KB, and the top saturates.
    @Test func extremeSizesDoNotTrap() {
        #expect(CostModel.putPayloadUnits(forRecordBytes: 0) == 1)
        #expect(CostModel.putPayloadUnits(forRecordBytes: -5) == 1)
        #expect(CostModel.putPayloadUnits(forRecordBytes: .max) == Int64.max / 25_600 + 1)
        #expect(CostModel.onDemandBilledBytes(forRecordBytes: 0) == 1_024)
        #expect(CostModel.onDemandBilledBytes(forRecordBytes: .max) == .max)
    }

    @Test func gigabyteIsBinary() {
        #expect(CostModel.bytesPerGB == 1_073_741_824)
        #expect(CostBreakdown.hoursPerMonth == 730)
    }
}
