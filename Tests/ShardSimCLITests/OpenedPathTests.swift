import Foundation
import ShardSimScenario
import Testing

@testable import ShardSimCLI

/// Issue 14 (review): a referenced file is checked by path, then opened; the check is repeated on the file the
/// kernel actually opened, so a folder swapped for a symbolic link in between cannot lead the read out of the
/// scenario's folder.
@Suite struct OpenedPathTests {
    @Test func theOpenedPathIsTheRealFileEvenThroughALinkedFolder() throws {
        let base = try HostileInputTests.folder(["real/data.csv": HostileInputTests.csv])
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createSymbolicLink(
            atPath: base.appendingPathComponent("via").path,
            withDestinationPath: base.appendingPathComponent("real").path)
        let descriptor = open(base.appendingPathComponent("via/data.csv").path, O_RDONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        // The real path by Foundation's own symbolic-link resolution, not the code under test's realpath(3).
        let expected = base.resolvingSymlinksInPath().appendingPathComponent("real/data.csv").path
        #expect(BoundedFile.openedPath(descriptor) == expected)
    }

    @Test func aFileWhoseOpenedPathIsNotAllowedIsRefusedUnread() throws {
        let base = try HostileInputTests.folder(["data.csv": HostileInputTests.csv])
        defer { try? FileManager.default.removeItem(at: base) }
        let path = base.appendingPathComponent("data.csv").path
        let refused = BoundedFile.read(path, openedPathIsAllowed: { _ in false })
        #expect(throws: ReferencedFileError.self) { try refused.get() }
        let read = try BoundedFile.read(path, openedPathIsAllowed: { $0.hasSuffix("/data.csv") }).get()
        #expect(read == Array(HostileInputTests.csv.utf8))
    }

    @Test func theScenarioFolderChecksTheOpenedFile() throws {
        // The folder the scenario lives in, and a secret one beside it; a file inside reads, and the rule that
        // decides (the opened path must be below the real folder) refuses the secret's real path.
        let base = try HostileInputTests.folder(["scenario/data.csv": HostileInputTests.csv, "secret/key.csv": "x\n"])
        defer { try? FileManager.default.removeItem(at: base) }
        let folder = ScenarioFolder(
            scenarioPath: base.appendingPathComponent("scenario/s.json").path, allowsOutside: false)
        #expect((try? folder.read("data.csv").get()) == Array(HostileInputTests.csv.utf8))
        let secret = try #require(ScenarioFolder.realPath(base.appendingPathComponent("secret/key.csv").path))
        #expect(!folder.contains(secret))
    }
}

/// Issue 14 (review): a path repeated in `--vary` is said once, and `explore`'s grid cap names `explore`.
@Suite struct VaryRepetitionTests {
    @Test func aRepeatedVaryPathIsReportedOnce() throws {
        let base = try HostileInputTests.folder(["s.json": HostileInputTests.small])
        defer { try? FileManager.default.removeItem(at: base) }
        let scenario = base.appendingPathComponent("s.json").path
        let words =
            ["sweep", scenario] + Array(repeating: ["--vary", "stream.shardCount=1,2"], count: 64).flatMap { $0 }
        let outcome = ShardSimCommand.run(words)
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.components(separatedBy: "given more than once").count - 1 == 1)
    }

    @Test func exploresGridCapNamesExplore() throws {
        let base = try HostileInputTests.folder(["s.json": HostileInputTests.small])
        defer { try? FileManager.default.removeItem(at: base) }
        let scenario = base.appendingPathComponent("s.json").path
        // 2^14 = 16,384 points, over the 10,000 cap.
        let words = ["explore", scenario] + (1...14).flatMap { ["--vary", "x\($0)=1,2"] }
        let outcome = ShardSimCommand.run(words)
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("16,384 points (14 --vary axes); explore runs at most 10,000"))
    }
}
