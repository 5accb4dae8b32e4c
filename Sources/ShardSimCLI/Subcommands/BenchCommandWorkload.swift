import Foundation

/// A `bench` workload that runs a whole `shardsim` command line end to end, as a user types it: reading the
/// scenario file, settling fidelity and the budget, simulating and rendering the report (which is then dropped).
/// Workload g is issue 19's big stream (docs/speed/workload-big-plan.json, held here so the binary needs no file):
/// `plan`, `compare` and a 10-point `sweep` of it with no flags, so each runs in the fidelity `auto` gives it.
struct BenchCommandWorkload: Sendable {
    var name: String
    var summary: String
    /// The command line after `shardsim`; `SCENARIO` stands for the big stream's scenario file.
    var words: [String]

    /// The scenario of docs/speed/workload-big-plan.json (BenchCommandWorkloadTests check they are the same).
    static let bigStreamScenario = """
        {
          "formatVersion": 1,
          "name": "bench-big-plan",
          "description": "Issue 19's big stream: 1,500,000 records/s of 1,000 B with uniform keys on a starting stream of 1,000 shards for 10 minutes. `shardsim plan docs/speed/workload-big-plan.json --fidelity flow` sizes it; `/usr/bin/time -v` shows its peak resident memory.",
          "seed": 7,
          "duration": "10m",
          "stream": {
            "shardCount": 1000
          },
          "producers": [
            {
              "name": "fleet",
              "recordsPerSecond": 1500000,
              "recordSizeBytes": 1000,
              "partitionKeys": {
                "distribution": "uniform",
                "count": 100000,
                "prefix": "device-"
              }
            }
          ]
        }

        """

    /// The sweep's shard counts: 1,400 to 1,850 in steps of 50, around the analytic bound of 1,500.
    static let sweepShardCounts = stride(from: 1_400, through: 1_850, by: 50).map(String.init)

    static let all: [BenchCommandWorkload] = [
        BenchCommandWorkload(
            name: "g-plan", summary: "shardsim plan docs/speed/workload-big-plan.json (no flags: fidelity auto)",
            words: ["plan", "SCENARIO"]),
        BenchCommandWorkload(
            name: "g-compare", summary: "shardsim compare docs/speed/workload-big-plan.json (no flags)",
            words: ["compare", "SCENARIO"]),
        BenchCommandWorkload(
            name: "g-sweep",
            summary: "shardsim sweep docs/speed/workload-big-plan.json --vary stream.shardCount=1400,1450,…,1850 "
                + "(10 points, no other flags)",
            words: ["sweep", "SCENARIO", "--vary", "stream.shardCount=" + sweepShardCounts.joined(separator: ",")]),
    ]

    /// Runs the command line with the scenario written to a fresh temporary folder (removed afterwards); a command
    /// that fails (it should not) is a usage error naming it and its message.
    func run(threads: Int) throws(UsageError) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "shardsim-bench-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("workload-big-plan.json").path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Self.bigStreamScenario.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw UsageError("workload \(name): cannot write its scenario under \(folder.path): \(error)")
        }
        let outcome = ShardSimCommand.dispatch(
            words.map { $0 == "SCENARIO" ? path : $0 }, terminal: .none, threads: threads)
        guard outcome.exitCode == 0 else {
            throw UsageError("workload \(name) failed (exit \(outcome.exitCode)): \(outcome.standardError)")
        }
    }
}
