import ShardSimModel
import ShardSimReport
import ShardSimScenario
import Testing

/// Assembling producers' batches on a spare core (`ProducerPipeline`) gives byte-identical reports.
@Suite struct ProducerPipelineTests {
    @Test func aSpareCoreChangesNothingInTheReport() throws {
        // A PutRecords producer with a spike, a PutRecord producer (one-record batches) and a reader, so batches,
        // throttling and reads all show; more records than the pipeline's chunks hold, so chunks are handed over.
        let json = """
            { "name": "pipeline", "duration": "8s", "seed": 11, "stream": { "shardCount": 8 },
              "producers": [
                { "name": "batched", "recordsPerSecond": 30000, "recordSizeBytes": { "min": 10, "max": 900 },
                  "rateProfile": { "type": "spike", "at": "3s", "duration": "2s", "multiplier": 2 } },
                { "name": "single", "recordsPerSecond": 5000, "api": "PutRecord", "recordSizeBytes": 100 } ],
              "consumers": [{ "name": "reader", "type": "shared" }] }
            """
        let configuration = try ScenarioDecoder.decode(Array(json.utf8)).configuration
        let inline = Simulation.run(configuration, usesSpareCore: false)
        let pipelined = Simulation.run(configuration, usesSpareCore: true, spareCoreMinimumRecords: 0)
        #expect(inline.totals.recordsAttempted > 250_000)
        let render = { (result: SimulationResult) in RunReportJSON.document(for: result, objective: nil).rendered() }
        #expect(render(inline) == render(pipelined))
    }
}
