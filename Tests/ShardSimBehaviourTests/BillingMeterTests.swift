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
