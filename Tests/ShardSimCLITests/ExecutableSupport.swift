import Foundation
import ShardSimTestSupport
import Testing

/// The built `shardsim` executable, for tests that need a real process (signals, the environment).
///
/// SwiftPM puts it beside the test bundle (`.build/debug/shardsim` next to `ShardSimPackageTests.xctest`);
/// `swift test` builds it with the tests. Falls back to `.build/debug` under the package root.
func shardsimExecutable(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
    var folders: [URL] = []
    if let first = CommandLine.arguments.first {
        folders.append(URL(fileURLWithPath: first).deletingLastPathComponent())
    }
    folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
    folders.append(Bundle.main.bundleURL)
    folders.append(repositoryRoot.appendingPathComponent(".build/debug"))
    // A test bundle inside a .xctest folder (macOS) sits two levels further down.
    folders += folders.map { $0.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
    for folder in folders {
        let candidate = folder.appendingPathComponent("shardsim")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    Issue.record(
        "no built shardsim next to the tests (looked in \(folders.map(\.path)))", sourceLocation: sourceLocation)
    throw CancellationError()
}

/// A child `shardsim` process with its output captured to files (pipes could fill up and block it).
struct ShardsimProcess {
    let process = Process()
    let outputFile: URL
    let errorFile: URL

    init(_ words: [String], in folder: URL, environment: [String: String] = [:]) throws {
        process.executableURL = try shardsimExecutable()
        process.arguments = words
        process.currentDirectoryURL = folder
        var merged = ProcessInfo.processInfo.environment
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        outputFile = folder.appendingPathComponent("stdout.txt")
        errorFile = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
    }

    var standardOutput: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }
    var standardError: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    /// Waits until SIGINT and SIGTERM are blocked in the child's main thread, i.e. `Interrupts.install()` has
    /// run and a signal will be handled rather than kill it. Polls `/proc/PID/status` (Linux); elsewhere waits
    /// a generous fixed time. False if the process ended first or `timeout` passed.
    func waitUntilSignalsAreHandled(timeout: TimeInterval) -> Bool {
        let statusPath = "/proc/\(process.processIdentifier)/status"
        guard FileManager.default.fileExists(atPath: "/proc/self/status") else {
            Thread.sleep(forTimeInterval: 2)
            return process.isRunning
        }
        let wanted: UInt64 = (1 << (UInt64(SIGINT) - 1)) | (1 << (UInt64(SIGTERM) - 1))
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && process.isRunning {
            if let status = try? String(contentsOfFile: statusPath, encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigBlk:") }),
                let mask = UInt64(line.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16),
                mask & wanted == wanted
            {
                return true
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    /// Waits for the process to end; false (after killing it) if it is still running after `timeout`.
    func waitForExit(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return false
        }
        process.waitUntilExit()
        return true
    }
}
