import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// Issue 14: a scenario (or a command line) from someone else must never crash ShardSim, make it read files it has
/// no business reading, damage files or write escape sequences to the terminal. Every case is generated here
/// (sparse files, FIFOs, links, hostile names); nothing large is checked in.
@Suite struct HostileInputTests {
    /// 2 s of 10 records/s into one shard: valid, and quick in a debug build.
    static let small = """
        { "formatVersion": 1, "name": "small", "duration": "2s", "stream": { "shardCount": 1 },
          "producers": [{ "name": "p", "recordsPerSecond": 10, "recordSizeBytes": 100 }] }
        """

    /// A scenario whose stream starts from `shardsFile`.
    static func withShardsFile(_ path: String) -> String {
        """
        { "formatVersion": 1, "name": "files", "duration": "2s", "stream": { "shardsFile": "\(path)" },
          "producers": [{ "name": "p", "recordsPerSecond": 10, "recordSizeBytes": 100 }] }
        """
    }

    /// A scenario whose one producer replays the series in `file`.
    static func withSeries(_ file: String) -> String {
        """
        { "formatVersion": 1, "name": "series", "stream": { "shardCount": 1 },
          "producers": [{ "name": "p", "recordSizeBytes": 100, "rateProfile": { "type": "series", "file": "\(file)" } }] }
        """
    }

    static let csv = "timestamp,records\n2026-11-20T10:00:00Z,60\n2026-11-20T10:01:00Z,120\n"

    /// A fresh folder holding `files` (relative name → contents).
    static func folder(_ files: [String: String]) throws -> URL {
        try makeTemporaryFolder("shardsim-hostile", files: files)
    }

    // MARK: Bounded input

    @Test func aFIFOOrADeviceIsNeverReadAsAScenarioOrAnInput() throws {
        let base = try Self.folder(["s.json": Self.small])
        defer { try? FileManager.default.removeItem(at: base) }
        let fifo = base.appendingPathComponent("pipe.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Opened without blocking and refused on the descriptor's type: no writer ever comes.
        for words in [
            ["validate", fifo], ["run", "/dev/zero"], ["merge-results", fifo],
            ["route", "k", "--shards-file", "/dev/zero"],
        ] {
            let outcome = ShardSimCommand.run(words)
            #expect(outcome.exitCode == 2, "\(words)")
            #expect(outcome.standardError.contains("not a regular file"), "\(words): \(outcome.standardError)")
        }
        let referenced = ShardSimCommand.run([
            "validate", try Self.write(Self.withSeries("/dev/zero"), in: base), "--allow-outside-files",
        ])
        #expect(referenced.exitCode == 2)
        #expect(
            referenced.standardError.contains(
                "rateProfile.file: cannot read \"/dev/zero\": it is a character device, not a regular file"))
    }

    @Test func aFileOverTheCapIsRefusedNamingTheCap() throws {
        // A sparse regular file one byte over 16 MiB: no disk used, and the cap is what refuses it.
        let base = try Self.folder(["s.json": Self.withShardsFile("big.json")])
        defer { try? FileManager.default.removeItem(at: base) }
        let big = base.appendingPathComponent("big.json").path
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, 16 * 1_048_576 + 1) == 0)
        for words in [
            ["validate", base.appendingPathComponent("s.json").path], ["validate", big], ["merge-results", big],
            ["route", "k", "--shards-file", big],
        ] {
            let outcome = ShardSimCommand.run(words)
            #expect(outcome.exitCode == 2, "\(words)")
            #expect(
                outcome.standardError.contains("larger than the 16 MiB limit (16,777,216 bytes)"),
                "\(words): \(outcome.standardError)")
        }
    }

    @Test func aProcFileThatReportsSizeZeroIsCutAtTheCapWhileReading() throws {
        // /proc/self/pagemap: stat says 0 bytes, reading never ends within memory; the cap applies while reading.
        guard FileManager.default.fileExists(atPath: "/proc/self/pagemap") else { return }
        let base = try Self.folder(["s.json": Self.withShardsFile("/proc/self/pagemap")])
        defer { try? FileManager.default.removeItem(at: base) }
        let scenario = base.appendingPathComponent("s.json").path
        let confined = ShardSimCommand.run(["validate", scenario])
        #expect(confined.exitCode == 2)
        #expect(confined.standardError.contains("outside the scenario's folder"))
        let allowed = ShardSimCommand.run(["validate", scenario, "--allow-outside-files"])
        #expect(allowed.exitCode == 2)
        #expect(allowed.standardError.contains("16 MiB limit"), "\(allowed.standardError)")
    }

    // MARK: Referenced files stay with the scenario

    @Test func pathsOutsideTheScenarioFolderNeedTheFlag() throws {
        let elsewhere = try Self.folder(["traffic.csv": Self.csv])
        let base = try Self.folder(["inside/traffic.csv": Self.csv])
        defer { for url in [elsewhere, base] { try? FileManager.default.removeItem(at: url) } }
        #expect(
            symlink(
                elsewhere.appendingPathComponent("traffic.csv").path,
                base.appendingPathComponent("inside/link.csv").path) == 0)
        #expect(
            symlink(
                base.appendingPathComponent("inside/traffic.csv").path,
                base.appendingPathComponent("inside/near.csv").path) == 0)
        let outside = [
            "../../\(elsewhere.lastPathComponent)/traffic.csv", elsewhere.appendingPathComponent("traffic.csv").path,
            "link.csv", "/etc/passwd", "/no/such/file.csv",
        ]
        for path in outside {
            let scenario = try Self.write(Self.withSeries(path), in: base.appendingPathComponent("inside"))
            let refused = ShardSimCommand.run(["validate", scenario])
            #expect(refused.exitCode == 2, "\(path)")
            #expect(
                refused.standardError.contains("it is outside the scenario's folder"),
                "\(path): \(refused.standardError)")
            #expect(refused.standardError.contains("--allow-outside-files"))
            // Whether the file exists is not revealed: the same words for /etc/passwd and a missing file.
            #expect(!refused.standardError.contains("no such file"))
        }
        for path in outside.prefix(3) {
            let scenario = try Self.write(Self.withSeries(path), in: base.appendingPathComponent("inside"))
            #expect(ShardSimCommand.run(["validate", scenario, "--allow-outside-files"]).exitCode == 0, "\(path)")
        }
        for path in ["traffic.csv", "near.csv", "./traffic.csv"] {
            let scenario = try Self.write(Self.withSeries(path), in: base.appendingPathComponent("inside"))
            #expect(ShardSimCommand.run(["validate", scenario]).exitCode == 0, "\(path)")
        }
    }

    @Test func aFileFromElsewhereIsNeverQuoted() throws {
        let secret = "root:x:0:0:SECRET-TOKEN-1234:/root:/bin/bash\n"
        let elsewhere = try Self.folder(["credentials": secret])
        let base = try Self.folder(["credentials": secret])
        defer { for url in [elsewhere, base] { try? FileManager.default.removeItem(at: url) } }
        let outsidePath = elsewhere.appendingPathComponent("credentials").path
        for scenario in [Self.withShardsFile(outsidePath), Self.withSeries(outsidePath)] {
            let outcome = ShardSimCommand.run(["validate", try Self.write(scenario, in: base), "--allow-outside-files"])
            #expect(outcome.exitCode == 2)
            #expect(
                !outcome.standardError.contains("root") && !outcome.standardError.contains("SECRET"),
                "\(outcome.standardError)")
            #expect(outcome.standardError.contains("details are not shown"))
        }
        // Beside the scenario, the same file's problem is quoted to help fix it.
        let inside = ShardSimCommand.run(["validate", try Self.write(Self.withShardsFile("credentials"), in: base)])
        #expect(inside.exitCode == 2)
        #expect(inside.standardError.contains("'root'"), "\(inside.standardError)")
    }

    @Test func libraryScenariosStillReadTheirDataFiles() throws {
        for name in ["existing-stream-uneven-shards.json", "checkout-sale-cloudwatch-replay.json"] {
            let outcome = ShardSimCommand.run([
                "validate", repositoryRoot.appendingPathComponent("scenarios/\(name)").path,
            ])
            #expect(outcome.exitCode == 0, "\(name): \(outcome.standardError)")
        }
    }

    /// Writes `text` as a new scenario file in `folder`; its path.
    static func write(_ text: String, in folder: URL) throws -> String {
        let file = folder.appendingPathComponent("scenario-\(UUID().uuidString).json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}
