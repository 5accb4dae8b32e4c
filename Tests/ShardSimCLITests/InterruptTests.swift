import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// `--out PATH` is all or nothing: an interrupt (Ctrl-C, SIGTERM) or an error never leaves a partial file or a
/// temporary file, and never replaces a file already at PATH.
@Suite struct InterruptTests {
    /// Long enough that no machine finishes it before the signal (about 90 million records: seconds even in a
    /// release build), small in memory.
    private static let longScenario = """
        { "name": "long", "duration": "6h", "stream": { "shardCount": 4 },
          "producers": [{ "name": "p", "recordsPerSecond": 4000, "recordSizeBytes": 200,
                          "partitionKeys": { "distribution": "uniform", "count": 1000 } }] }
        """

    private static let shortScenario = """
        { "name": "short", "duration": "5s", "stream": { "shardCount": 1 },
          "producers": [{ "name": "p", "recordsPerSecond": 100, "recordSizeBytes": 200 }] }
        """

    /// Names in `folder` that look like AtomicFile's temporary files.
    private func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
    }

    @Test(arguments: [(SIGINT, Int32(130), false), (SIGTERM, Int32(143), true)])
    func aSignalMidRunExitsWithItsStatusAndLeavesNoFile(signal: Int32, status: Int32, isFileAlreadyThere: Bool) throws {
        let folder = try makeTemporaryFolder("shardsim-interrupt")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.longScenario.write(to: folder.appendingPathComponent("long.json"), atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("report.json")
        let previous = "the previous report\n"
        if isFileAlreadyThere { try previous.write(to: output, atomically: true, encoding: .utf8) }
        let child = try ShardsimProcess(["run", "long.json", "--format", "json", "--out", output.path], in: folder)
        // Generous timeouts: the machine may be loaded; the poll returns as soon as the handler is installed.
        #expect(child.waitUntilSignalsAreHandled(timeout: 30), "shardsim never blocked SIGINT/SIGTERM")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(child.process.isRunning, "the long scenario ended before the signal")
        kill(child.process.processIdentifier, signal)
        #expect(child.waitForExit(timeout: 60), "shardsim did not stop after the signal")
        // Handled, not killed: a normal exit with 128 + the signal number.
        #expect(child.process.terminationReason == .exit)
        #expect(child.process.terminationStatus == status)
        let message = child.standardError.split(separator: "\n")
        #expect(message.count == 1)
        #expect(message.first?.hasPrefix("shardsim: interrupted by SIG") == true)
        #expect(child.standardOutput.isEmpty)
        if isFileAlreadyThere {
            #expect(try String(contentsOf: output, encoding: .utf8) == previous)
        } else {
            #expect(!FileManager.default.fileExists(atPath: output.path))
        }
        #expect(try leftovers(in: folder) == [])
    }

    @Test func anUnrenamableTargetLeavesNoTemporaryFile() throws {
        // The target is a non-empty folder: it is refused (an existing target that is not a file is never replaced),
        // with the output-failure exit status, and no temporary file is left.
        let folder = try makeTemporaryFolder("shardsim-out-error")
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = folder.appendingPathComponent("short.json")
        try Self.shortScenario.write(to: scenario, atomically: true, encoding: .utf8)
        let target = folder.appendingPathComponent("report")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try "kept".write(to: target.appendingPathComponent("inside.txt"), atomically: true, encoding: .utf8)
        let outcome = ShardSimCommand.run(["run", scenario.path, "--format", "json", "--out", target.path])
        #expect(outcome.exitCode == documentedOutputFailureExitCode)
        #expect(outcome.standardError.contains("cannot write \(target.path)"))
        #expect(try leftovers(in: folder) == [])
        #expect(try String(contentsOf: target.appendingPathComponent("inside.txt"), encoding: .utf8) == "kept")
    }

    @Test func aMissingOrUnwritableFolderIsAnErrorAndLeavesNothing() throws {
        let folder = try makeTemporaryFolder("shardsim-out-missing")
        defer {
            chmod(folder.path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        let scenario = folder.appendingPathComponent("short.json")
        try Self.shortScenario.write(to: scenario, atomically: true, encoding: .utf8)
        let missing = folder.appendingPathComponent("no-such-folder/report.json").path
        let outcome = ShardSimCommand.run(["run", scenario.path, "--out", missing])
        #expect(outcome.exitCode == documentedOutputFailureExitCode)
        #expect(outcome.standardError.contains("cannot write \(missing)"))
        // A read-only folder stops everyone but root (who may write anywhere), so only check it when not root.
        if getuid() != 0 {
            let locked = folder.appendingPathComponent("locked")
            try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
            try "old".write(to: locked.appendingPathComponent("report.txt"), atomically: true, encoding: .utf8)
            chmod(locked.path, 0o555)
            defer { chmod(locked.path, 0o755) }
            let denied = ShardSimCommand.run([
                "run", scenario.path, "--out", locked.appendingPathComponent("report.txt").path,
            ])
            #expect(denied.exitCode == documentedOutputFailureExitCode)
            #expect(try leftovers(in: locked) == [])
            #expect(try String(contentsOf: locked.appendingPathComponent("report.txt"), encoding: .utf8) == "old")
        }
        #expect(try leftovers(in: folder) == [])
    }
}
