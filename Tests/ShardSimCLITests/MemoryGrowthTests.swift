import Foundation
import ShardSimTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Memory stays flat as the simulated duration grows: nothing is kept per record or per second beyond what
/// retention requires (shard logs are 100 ms runs trimmed at retention; series and histograms are fixed-size).
/// Each run is a real `shardsim` process, so its peak resident set is its own (its VmHWM).
@Suite struct MemoryGrowthTests {
    /// Runs `shardsim` and returns its own peak resident memory in KiB: VmHWM read while it runs (wait4's
    /// ru_maxrss would carry over this test process's high-water mark, which grows as other suites run beside
    /// it, so two runs spawned at different moments could not be compared).
    private func peakResidentKiB(_ words: [String]) throws -> Int {
        let run = try BudgetProbe("shardsim-memory-probe").run(words)
        #expect(run.exitStatus == 0, "shardsim \(words.joined(separator: " ")) exited with status \(run.exitStatus)")
        return Int(run.peakResidentMiB * 1_024)
    }

    private func scenario(
        in folder: URL, name: String, duration: String, fidelity: String, recordsPerSecond: Int,
        shards: Int = 4, reader: Bool = true
    ) throws -> String {
        let path = folder.appendingPathComponent("\(name).json").path
        let consumers = reader ? #", "consumers": [{ "name": "reader", "type": "shared" }]"# : ""
        try """
        { "name": "\(name)", "duration": "\(duration)", "fidelity": "\(fidelity)",
          "stream": { "shardCount": \(shards), "retentionPeriodHours": 24 },
          "producers": [{ "name": "p", "recordsPerSecond": \(recordsPerSecond), "recordSizeBytes": 200,
                          "partitionKeys": { "distribution": "uniform", "count": 1000, "prefix": "k" } }]\(consumers) }
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func tenTimesTheDurationDoesNotTakeTenTimesTheMemory() throws {
        let folder = try makeTemporaryFolder("shardsim-memory")
        let out = folder.appendingPathComponent("report.json").path
        // Event fidelity: 1 and 10 minutes of 4,000 records/s (240,000 and 2,400,000 records), read by one consumer.
        let short = try peakResidentKiB([
            "run",
            try scenario(
                in: folder, name: "short", duration: "1m", fidelity: "event",
                recordsPerSecond: 4_000), "--format", "json", "--out", out,
        ])
        let long = try peakResidentKiB([
            "run",
            try scenario(
                in: folder, name: "long", duration: "10m", fidelity: "event",
                recordsPerSecond: 4_000), "--format", "json", "--out", out,
        ])
        // Kept per record, 2.16 M more records would add at least 24 B each, 52 MB; we allow 16 MiB of growth.
        // A measurement of 0 (no /proc) would make the comparison below vacuous.
        #expect(short > 8 * 1_024 && long > 8 * 1_024, "event: \(short) KiB for 1 min, \(long) KiB for 10 min")
        #expect(long < short + 16 * 1_024, "event: \(short) KiB for 1 min, \(long) KiB for 10 min")
        // Flow fidelity, write path: 1 hour and 10 hours. (With readers, flow keeps the same retention-bounded
        // logs as event fidelity: 10 runs a second per shard until the retention period.)
        let shortFlow = try peakResidentKiB([
            "run",
            try scenario(
                in: folder, name: "short-flow", duration: "1h", fidelity: "flow",
                recordsPerSecond: 4_000, shards: 1, reader: false),
            "--format", "json", "--out", out,
        ])
        let longFlow = try peakResidentKiB([
            "run",
            try scenario(
                in: folder, name: "long-flow", duration: "10h", fidelity: "flow",
                recordsPerSecond: 4_000, shards: 1, reader: false),
            "--format", "json", "--out", out,
        ])
        #expect(longFlow < shortFlow + 4 * 1_024, "flow: \(shortFlow) KiB for 1 h, \(longFlow) KiB for 10 h")
    }
}
