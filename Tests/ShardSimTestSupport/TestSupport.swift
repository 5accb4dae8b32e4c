import Foundation
import Testing

// Helpers every test target shares, written once (issue 15: tests used to carry their own copies).
// This target depends on Foundation and Swift Testing only, so any test target can use it without
// linking layers it does not test.

/// The package's root folder (the one holding Package.swift), found from this file's place:
/// Tests/ShardSimTestSupport/TestSupport.swift is three levels down.
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Tests/ShardSimTestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // the package

/// Asserts |actual − expected| ≤ tolerance, naming both in the message.
public func expectNear(
    _ actual: Double, _ expected: Double, within tolerance: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        abs(actual - expected) <= tolerance, "\(what): expected \(expected) ± \(tolerance), got \(actual)",
        sourceLocation: sourceLocation)
}

/// The folders `makeTemporaryFolder` made, removed when the test process exits. A test keeps using its folder after
/// the helper returns it (and a suite's static scenario file outlives every test), so neither the helper nor the test
/// can remove it with `defer` at the right moment; the process's end is that moment. Tests left hundreds of
/// `plan-…`, `threads-…`, `shardsim-cli-…` folders in /tmp a run before.
private final class TemporaryFolders: @unchecked Sendable {
    static let shared = TemporaryFolders()
    private let lock = NSLock()
    private var folders: [URL] = []

    private init() {
        // A C function pointer: no captures, so it reaches the folders through `shared`.
        atexit { TemporaryFolders.shared.removeAll() }
    }

    func add(_ folder: URL) {
        lock.lock()
        folders.append(folder)
        lock.unlock()
    }

    func removeAll() {
        lock.lock()
        let all = folders
        folders = []
        lock.unlock()
        for folder in all { try? FileManager.default.removeItem(at: folder) }
    }
}

/// A fresh, empty folder under the temporary directory, named `prefix-UUID`; removed with everything in it when the
/// test process exits.
public func makeTemporaryFolder(_ prefix: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    TemporaryFolders.shared.add(folder)
    return folder
}

/// A fresh folder holding `files` (path relative to the folder → contents); subfolders are made as needed.
public func makeTemporaryFolder(_ prefix: String, files: [String: String]) throws -> URL {
    let folder = try makeTemporaryFolder(prefix)
    for (name, text) in files {
        let file = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }
    return folder
}

/// Writes `contents` to a file `name` in a fresh temporary folder; returns the file's path.
public func writeTemporaryFile(_ contents: String, prefix: String = "shardsim-test", name: String = "scenario.json")
    throws -> String
{
    let folder = try makeTemporaryFolder(prefix)
    let path = folder.appendingPathComponent(name).path
    try contents.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// `text` parsed as a JSON object by Foundation (a reader independent of the project's own JSON code).
public func jsonObject(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    try #require(
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
        "not a JSON object: \(text.prefix(200))", sourceLocation: sourceLocation)
}

/// Lower-case hexadecimal, two digits a byte.
public func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

/// The exit status the documentation promises when an output cannot be written (standard output or error,
/// `--out`, `--html-out`): 74, sysexits' EX_IOERR (docs/interface.md, README "Exit codes"). Written here from
/// the documentation, so a test fails if the code's constant drifts from it.
public let documentedOutputFailureExitCode: Int32 = 74

/// Decodes `Fixtures/NAME.json` from a test target's resource `bundle` (pass `Bundle.module`); the Python
/// generators' snake_case keys map to camelCase properties.
public func decodeFixture<T: Decodable>(
    _ type: T.Type, named name: String, in bundle: Bundle,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> T {
    let url = try #require(
        bundle.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
        "no Fixtures/\(name).json", sourceLocation: sourceLocation)
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(type, from: Data(contentsOf: url))
}
