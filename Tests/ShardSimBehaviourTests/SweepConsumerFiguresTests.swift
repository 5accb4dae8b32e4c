import ShardSimModel
import ShardSimReport
import Testing

/// Sweep tables and CSV carry each consumer's own figures, "n/a" where a figure does not apply to its type.
@Suite struct SweepConsumerFiguresTests {
    /// Two shards at 200 records/s of 1 KB; a polling app, an enhanced fan-out reader, and a Lambda function
    /// whose 1 s batches keep both shards busy.
    static let scenario = """
        {
          "name": "three-kinds", "seed": 5, "duration": "1m",
          "stream": { "shardCount": 2 },
          "producers": [{ "name": "p", "recordsPerSecond": 200, "arrival": "uniform", "recordSizeBytes": 1000,
                          "partitionKeys": { "distribution": "uniform", "count": 1000, "prefix": "k-" } }],
          "consumers": [
            { "name": "app", "type": "shared", "pollInterval": "1s" },
            { "name": "fan", "type": "enhanced" },
            { "name": "fn", "type": "lambda", "batchSize": 100, "parallelizationFactor": 1,
              "duration": { "base": "1s", "perRecord": "0ms" } }
          ]
        }
        """

    @Test func csvHasPerConsumerColumnsWithNotApplicable() throws {
        let result = try runScenario(Self.scenario)
        let row = SweepRow(point: 0, values: ["2"], result: result, objective: nil)
        let lines = SweepReport.csv(axes: ["stream.shardCount"], rows: [row]).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func cell(_ column: String) -> String? { header.firstIndex(of: column).map { cells[$0] } }
        // Enhanced fan-out makes no GetRecords calls; only Lambda has concurrency.
        #expect(cell("fan.getRecordsThrottled") == "n/a")
        #expect(cell("app.lambdaConcurrencyPeak") == "n/a" && cell("fan.lambdaConcurrencyPeak") == "n/a")
        // Two polling readers (app, fn) on each shard: 2 calls/s of the 5 allowed, so none throttled.
        #expect(cell("app.getRecordsThrottled") == "0" && cell("fn.getRecordsThrottled") == "0")
        // Parallelization factor 1: one batch per shard at a time, and 1 s batches keep both of the 2 shards busy: 2.
        #expect(cell("fn.lambdaConcurrencyPeak") == "2")
        #expect(["app", "fan", "fn"].allSatisfy { cell($0 + ".maxIteratorAgeMs").flatMap(Double.init) != nil })
    }

    @Test func aConsumerAbsentAtAPointIsNotApplicableThere() throws {
        let full = SweepRow(point: 0, values: ["a"], result: try runScenario(Self.scenario), objective: nil)
        var without = full
        without.point = 1
        without.consumers.removeAll { $0.name == "fn" }
        let text = SweepReport.text(axes: ["x"], rows: [full, without])
        #expect(text.contains("fn: Lambda concurrency"))
        let csv = SweepReport.csv(axes: ["x"], rows: [full, without])
        #expect(csv.split(separator: "\n")[2].hasSuffix(",n/a,n/a,n/a"))
    }
}
