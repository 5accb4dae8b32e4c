import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// Parallel runs never change an answer: `plan`, `compare` and `sweep` print the same JSON bytes on 1, 2 or 4
/// threads (three runs of the same scenario and seed, so also the same bytes run after run; `run` itself is
/// checked twice per format in `FormatDeterminismTests`).
@Suite struct ThreadCountDeterminismTests {
    /// Near the limits, so candidates differ (throttling, hot shard) and a result put in the wrong slot would show.
    private static let scenario = """
        { "name": "threads", "duration": "5s", "seed": 9, "stream": { "shardCount": 2 },
          "producers": [{ "name": "web", "recordsPerSecond": 2600, "recordSizeBytes": 400,
                          "partitionKeys": { "distribution": "zipf", "count": 3000, "exponent": 0.8 } },
                        { "name": "jobs", "recordsPerSecond": 300, "recordSizeBytes": { "min": 100, "max": 4000 },
                          "retry": { "maxAttempts": 2 } }],
          "consumers": [{ "name": "reader", "type": "shared" }],
          "slo": { "maxWriteThrottledFraction": 0.001 } }
        """

    private static let commands: [[String]] = [
        ["plan"],
        ["compare"],
        ["sweep", "--vary", "stream.shardCount=1,2,3,5", "--vary", "producers.0.recordsPerSecond=1000,4000"],
    ]

    private func scenarioFile() throws -> String {
        try writeTemporaryFile(Self.scenario, prefix: "threads")
    }

    @Test(arguments: commands)
    func jsonIsTheSameOnAnyThreadCountAndRepeats(command: [String]) throws {
        let words = [command[0], try scenarioFile()] + command.dropFirst() + ["--format", "json"]
        let one = ShardSimCommand.run(words, threads: 1)
        #expect(one.exitCode == 0, "\(one.standardError)")
        #expect(one.standardOutput.hasPrefix("{"))
        for threads in [2, 4] {
            #expect(
                ShardSimCommand.run(words, threads: threads).standardOutput == one.standardOutput,
                "\(command[0]) on \(threads) threads")
        }
    }

    @Test func theEnvironmentVariablePicksTheThreadsOfTheRealExecutable() throws {
        // The same through SHARDSIM_THREADS in a child process, as CI and users set it.
        let folder = try makeTemporaryFolder("shardsim-threads")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.scenario.write(to: folder.appendingPathComponent("threads.json"), atomically: true, encoding: .utf8)
        let words = ["sweep", "threads.json", "--vary", "stream.shardCount=1,2,3,4", "--format", "json"]
        var outputs: [String] = []
        for threads in ["1", "4"] {
            let run = try makeTemporaryFolder("shardsim-threads-\(threads)")
            defer { try? FileManager.default.removeItem(at: run) }
            try FileManager.default.copyItem(
                at: folder.appendingPathComponent("threads.json"), to: run.appendingPathComponent("threads.json"))
            let child = try ShardsimProcess(words, in: run, environment: ["SHARDSIM_THREADS": threads])
            #expect(child.waitForExit(timeout: 120))
            #expect(child.process.terminationStatus == 0, "\(child.standardError)")
            outputs.append(child.standardOutput)
        }
        #expect(outputs[0].hasPrefix("{"))
        #expect(outputs[0] == outputs[1])
        // And the executable prints what the library prints.
        let inProcess = ShardSimCommand.run(
            ["sweep", folder.appendingPathComponent("threads.json").path] + words.dropFirst(2), threads: 2)
        #expect(inProcess.standardOutput == outputs[0])
    }
}
