import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// Issue 14, the output side: `--out` never follows a planted link or replaces a device, a failed write is a
/// message and exit 74 (never a trap), SIGPIPE ends quietly, and no user-supplied control character reaches the
/// terminal or a report.
@Suite struct HostileOutputTests {
    /// Runs `script` with /bin/sh in `folder`, `$0` being the built shardsim; exit status and standard error.
    static func shell(_ script: String, in folder: URL) throws -> (status: Int32, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, try shardsimExecutable().path]
        process.currentDirectoryURL = folder
        let errorFile = folder.appendingPathComponent("sh-stderr.txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
    }

    static func kind(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    @Test func outReplacesARegularFileKeepingItsModeAndNeverFollowsAPlantedLink() throws {
        let base = try HostileInputTests.folder([
            "s.json": HostileInputTests.small, "victim.txt": "victim", "out.txt": "old",
        ])
        defer { try? FileManager.default.removeItem(at: base) }
        let target = base.appendingPathComponent("out.txt").path
        #expect(chmod(target, 0o640) == 0)
        // The name the old code used for its temporary file: a link there must not redirect the write.
        let planted = base.appendingPathComponent(".out.txt.tmp-\(getpid())").path
        #expect(symlink(base.appendingPathComponent("victim.txt").path, planted) == 0)
        let outcome = ShardSimCommand.run(["run", base.appendingPathComponent("s.json").path, "--out", target])
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("ShardSim run: small"))
        var status = stat()
        #expect(stat(target, &status) == 0 && status.st_mode & 0o777 == 0o640)
        #expect(try String(contentsOf: base.appendingPathComponent("victim.txt"), encoding: .utf8) == "victim")
        #expect(Self.kind(planted) == S_IFLNK)
        // No temporary file is left beside the target (the planted link is the only dot file).
        let dotFiles = try FileManager.default.contentsOfDirectory(atPath: base.path).filter { $0.hasPrefix(".") }
        #expect(dotFiles == [".out.txt.tmp-\(getpid())"])
    }

    @Test func aLinkToAFileIsWrittenThroughAndStaysALink() throws {
        let base = try HostileInputTests.folder(["s.json": HostileInputTests.small, "real.txt": "old"])
        defer { try? FileManager.default.removeItem(at: base) }
        let link = base.appendingPathComponent("link.txt").path
        #expect(symlink(base.appendingPathComponent("real.txt").path, link) == 0)
        #expect(ShardSimCommand.run(["run", base.appendingPathComponent("s.json").path, "--out", link]).exitCode == 0)
        #expect(Self.kind(link) == S_IFLNK)
        #expect(
            try String(contentsOf: base.appendingPathComponent("real.txt"), encoding: .utf8).hasPrefix("ShardSim run"))
    }

    @Test func aDeviceOrFIFOTargetIsWrittenInPlaceNeverReplaced() throws {
        let base = try HostileInputTests.folder(["s.json": HostileInputTests.small])
        defer { try? FileManager.default.removeItem(at: base) }
        let scenario = base.appendingPathComponent("s.json").path
        // /dev/zero rather than /dev/null: as root the old code replaced the device with a regular file, and on a
        // shared machine another process may have done so to /dev/null already.
        #expect(Self.kind("/dev/zero") == S_IFCHR)
        #expect(ShardSimCommand.run(["run", scenario, "--out", "/dev/zero"]).exitCode == 0)
        #expect(Self.kind("/dev/zero") == S_IFCHR)
        let fifo = base.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = LockedText()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            if let handle = FileHandle(forReadingAtPath: fifo) {
                received.set(String(decoding: handle.readDataToEndOfFile(), as: UTF8.self))
            }
            done.signal()
        }
        #expect(ShardSimCommand.run(["run", scenario, "--out", fifo]).exitCode == 0)
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(received.get().hasPrefix("ShardSim run: small"))
        #expect(Self.kind(fifo) == S_IFIFO)
        // A full device: a message and the output-failure status.
        let full = ShardSimCommand.run(["run", scenario, "--out", "/dev/full"])
        #expect(full.exitCode == documentedOutputFailureExitCode)
        #expect(full.standardError.contains("cannot write /dev/full"))
    }

    @Test func aFullOrClosedStandardStreamIsAMessageAndExit74NeverACrash() throws {
        let base = try HostileInputTests.folder(["s.json": HostileInputTests.small])
        defer { try? FileManager.default.removeItem(at: base) }
        let full = try Self.shell(#""$0" run s.json > /dev/full"#, in: base)
        #expect(full.status == 74)
        #expect(full.error == "shardsim: cannot write standard output: No space left on device\n")
        let closed = try Self.shell(#""$0" run s.json >&-"#, in: base)
        #expect(closed.status == 74)
        #expect(closed.error.contains("cannot write standard output"))
        // Standard error closed while an error is reported: the input's exit status, no trap.
        let quiet = try Self.shell(#""$0" validate missing.json 2>&-"#, in: base)
        #expect(quiet.status == 2)
    }

    @Test(arguments: ["", "trap '' PIPE; "])
    func aReaderThatGoesAwayEndsTheRunQuietly(prefix: String) throws {
        // An hour of CSV (about 10,800 rows, far more than a pipe holds) into `head -1`; with SIGPIPE at its
        // default the signal ends shardsim, ignored (as some parents leave it) the EPIPE does: 141 either way.
        let base = try HostileInputTests.folder(["s.json": HostileInputTests.small])
        defer { try? FileManager.default.removeItem(at: base) }
        let script =
            prefix + #"{ "$0" run s.json --format csv --set duration=1h; echo $? > status.txt; } | head -1 > first.txt"#
        let piped = try Self.shell(script, in: base)
        #expect(piped.status == 0)
        #expect(piped.error == "")
        #expect(
            try String(contentsOf: base.appendingPathComponent("first.txt"), encoding: .utf8)
                == "time_s,bucket_s,entity,metric,value\n")
        #expect(try String(contentsOf: base.appendingPathComponent("status.txt"), encoding: .utf8) == "141\n")
    }

    // MARK: Text hygiene

    /// Every user-supplied string carries ESC, a C1 control (CSI U+009B, NEL U+0085), DEL or BEL.
    static let hostileNames = #"""
        { "formatVersion": 1, "name": "evil\u001b[31m\u009b2J\u007f # x ##", "description": "d \u001b]0;title\u0007 e",
          "duration": "3s", "stream": { "shardCount": 2 },
          "producers": [{ "name": "p\u001b[2J", "recordsPerSecond": 50, "recordSizeBytes": 100,
            "partitionKeys": { "distribution": "hotKeys", "hot": [{ "key": "k\u001b[31mhot\u0085", "share": 0.6 }],
                               "others": { "count": 10, "prefix": "t\u001b-" } } }],
          "consumers": [{ "name": "c\u001b[5m", "type": "shared" }] }
        """#

    static func controls(_ text: String) -> [UInt32] {
        text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }.map(\.value)
    }

    @Test(arguments: ["text", "markdown", "csv", "html"])
    func controlCharactersAreEscapedInEveryFormat(format: String) throws {
        let base = try HostileInputTests.folder(["s.json": Self.hostileNames])
        defer { try? FileManager.default.removeItem(at: base) }
        let outcome = ShardSimCommand.run(["run", base.appendingPathComponent("s.json").path, "--format", format])
        #expect(outcome.exitCode == 0, "\(outcome.standardError)")
        #expect(Self.controls(outcome.standardOutput) == [])
        if format != "csv" { #expect(outcome.standardOutput.contains(#"evil\u{1B}"#)) }
        if format == "markdown" {
            // The heading too: its '#' are escaped, so "##" cannot close or nest a heading.
            #expect(outcome.standardOutput.hasPrefix(##"# ShardSim run: evil\u{1B}\[31m\u{9B}2J\u{7F} \# x \#\#"##))
        }
        if format == "csv" { #expect(outcome.standardOutput.contains(#"c\u{1B}[5m,iterator_age_ms"#)) }
        let validated = ShardSimCommand.run(["validate", base.appendingPathComponent("s.json").path])
        #expect(validated.exitCode == 0)
        #expect(Self.controls(validated.standardOutput) == [] && validated.standardOutput.contains(#"evil\u{1B}"#))
    }

    @Test(arguments: ["text", "markdown", "csv"])
    func sweepValuesAndMessagesAreEscapedToo(format: String) throws {
        let base = try HostileInputTests.folder(["s.json": HostileInputTests.small])
        defer { try? FileManager.default.removeItem(at: base) }
        let scenario = base.appendingPathComponent("s.json").path
        let sweep = ShardSimCommand.run([
            "sweep", scenario, "--vary", "producers.0.name=a\u{1B}[2Jb,c\u{9B}", "--format", format,
        ])
        #expect(sweep.exitCode == 0, "\(sweep.standardError)")
        #expect(Self.controls(sweep.standardOutput) == [])
        let message = ShardSimCommand.run(["run", scenario, "--format", "\u{1B}[2J", "--out", "\u{1B}]0;x\u{7}"])
        #expect(message.exitCode == 2)
        #expect(Self.controls(message.standardError) == [])
        #expect(message.standardError.contains(#"got '\u{1B}[2J'"#))
    }
}

/// Text handed from a reading thread to the test.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func set(_ value: String) { lock.lock(); text = value; lock.unlock() }
    func get() -> String { lock.lock(); defer { lock.unlock() }; return text }
}
