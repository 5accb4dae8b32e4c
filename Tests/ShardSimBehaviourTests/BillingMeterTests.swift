import ShardSimModel
import ShardSimScenario
import Testing

/// The simulation meters accepted records with the same per-record rules the cost tests check
/// (`CostModel.putPayloadUnits(forRecordBytes:)`, `CostModel.onDemandBilledBytes(forRecordBytes:)`), in both
/// fidelities.
@Suite struct BillingMeterTests {
    /// 20 records/s of 30,000 B data on one key, "k-0" (3 B): each record is 30,003 B, well within one shard
    /// (600 KB/s, 20 records/s), so every record is accepted. PUT payload units: ⌈30,003 / 25,600⌉ = 2 per record
    /// (PRICE: 25 KB chunks). On-demand data in: the data blob (the key is not billed by default)
    /// ⌈30,000 / 1,024⌉ = 30 KiB = 30,720 B per record (PRICE: rounded up to 1 KB).
    @Test(arguments: [SimulationFidelity.event, .flow])
    func acceptedRecordsAreMeteredPerRecord(fidelity: SimulationFidelity) throws {
        var configuration = try ScenarioDecoder.decode(
            Array(
                writeScenario(
                    shards: 1, recordsPerSecond: 20, recordSizeBytes: 30_000, duration: "60s", arrival: "uniform",
                    keys: #"{ "distribution": "uniform", "count": 1, "prefix": "k-" }"#
                ).utf8)
        ).configuration
        configuration.fidelity = fidelity
        let result = Simulation.run(configuration)
        let shard = try #require(result.shards.first)
        let accepted = shard.write.incomingRecords
        #expect(accepted >= 1_190 && accepted <= 1_200, "20/s for 60 s, less the last batch still buffered")
        #expect(shard.write.putPayloadUnits == 2 * accepted)
        #expect(shard.write.onDemandBilledBytes == 30_720 * accepted)
        // The rule itself, as the cost tests check it.
        #expect(CostModel.putPayloadUnits(forRecordBytes: 30_003) == 2)
        #expect(CostModel.onDemandBilledBytes(forRecordBytes: 30_000) == 30_720)
    }
}

/// Records of at most 1 KiB (data plus key) bill exactly one unit of each meter, and the write path skips metering
/// them one by one; one byte more and they are metered again. 20 records/s on key "k-0" (3 B) for 60 s, all
/// accepted. On-demand data in (PRICE: rounded up to 1 KB): by default the data blob, with
/// `onDemandBillingIncludesPartitionKey` data plus key. PUT payload units: one per record at these sizes.
@Suite struct SmallRecordMeterTests {
    @Test(arguments: [
        (1_021, true, Int64(1_024)),  // 1,024 B counted and billed: the unmetered path
        (1_022, true, 2_048),  // 1,025 B counted and billed: two increments
        (1_022, false, 1_024),  // 1,025 B counted, 1,022 B billed
        (1_021, false, 1_024),  // 1,024 B counted (unmetered), 1,021 B billed
        (1_025, false, 2_048),  // 1,028 B counted, 1,025 B billed: two increments
    ])
    func recordsAroundOneKibibyteBillWhatTheRuleSays(dataBytes: Int, billsKey: Bool, billedPerRecord: Int64) throws {
        var configuration = try ScenarioDecoder.decode(
            Array(
                writeScenario(
                    shards: 1, recordsPerSecond: 20, recordSizeBytes: dataBytes, duration: "60s", arrival: "uniform",
                    keys: #"{ "distribution": "uniform", "count": 1, "prefix": "k-" }"#
                ).utf8)
        ).configuration
        configuration.assumptions.onDemandBillingIncludesPartitionKey = billsKey
        let result = Simulation.run(configuration)
        let shard = try #require(result.shards.first)
        let accepted = shard.write.incomingRecords
        #expect(accepted >= 1_190 && accepted <= 1_200, "20/s for 60 s, less the last batch still buffered")
        #expect(shard.write.putPayloadUnits == accepted)
        #expect(shard.write.onDemandBilledBytes == billedPerRecord * accepted)
    }
}
