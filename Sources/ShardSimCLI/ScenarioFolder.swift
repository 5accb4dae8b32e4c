import Foundation
import ShardSimScenario

/// The folder a scenario's referenced files (rate series, shard lists) must stay in.
///
/// A scenario is often someone else's file; the paths it names resolve relative to its own folder and, after
/// every symbolic link is resolved, must still be inside it, unless the user passes `--allow-outside-files`.
/// Without the flag a path outside is refused before the file system is asked about it (lexically), so a shared
/// scenario cannot learn whether a file elsewhere exists or how big it is; a path that leaves through a symbolic
/// link is refused once resolved. Messages quote a file's contents only when the file is inside the folder.
struct ScenarioFolder: Sendable {
    /// The scenario file's folder with every symbolic link resolved ("/" never ends it, except for the root).
    let realFolder: String
    let allowsOutside: Bool

    static let flag = "--allow-outside-files"

    init(scenarioPath: String, allowsOutside: Bool) {
        let folder = URL(fileURLWithPath: scenarioPath).deletingLastPathComponent().path
        realFolder = Self.realPath(folder) ?? Self.normalized(folder)
        self.allowsOutside = allowsOutside
    }

    /// The real path to open for `referenced` and whether it is inside the folder, or why it may not be read.
    func resolve(_ referenced: String) -> Result<(path: String, inside: Bool), ReferencedFileError> {
        // The C calls below would stop at a NUL and open a different path than the one checked.
        guard !referenced.unicodeScalars.contains("\u{0}") else {
            return .failure(ReferencedFileError("a path cannot contain U+0000"))
        }
        let absolute = referenced.hasPrefix("/") ? referenced : realFolder + "/" + referenced
        let refusal = ReferencedFileError(
            "it is outside the scenario's folder (\(realFolder)); referenced files stay beside "
                + "the scenario unless you pass \(Self.flag)")
        guard allowsOutside || contains(Self.normalized(absolute)) else { return .failure(refusal) }
        guard let real = Self.realPath(absolute) else {
            let failure = errno
            // Say "no such file" only where the folder it would be in is inside (else that answer would leak).
            let parent = Self.realPath(URL(fileURLWithPath: absolute).deletingLastPathComponent().path)
            guard allowsOutside || parent.map(contains) == true else { return .failure(refusal) }
            return .failure(
                ReferencedFileError(
                    failure == ENOENT || failure == ENOTDIR ? "no such file" : String(cString: strerror(failure))))
        }
        let inside = contains(real)
        guard inside || allowsOutside else { return .failure(refusal) }
        precondition(real.hasPrefix("/"), "realpath gives an absolute path")
        return .success((real, inside))
    }

    /// Reads `referenced` through `BoundedFile`, after `resolve`.
    func read(_ referenced: String) -> Result<[UInt8], ReferencedFileError> {
        switch resolve(referenced) {
        case .failure(let error): return .failure(error)
        case .success(let resolved):
            // Checked again on the file actually opened: a folder swapped for a link after `resolve` is caught.
            let folder = self
            return BoundedFile.read(
                resolved.path, followsFinalLink: false,
                openedPathIsAllowed: allowsOutside ? nil : { folder.contains($0) })
        }
    }

    /// The reader the scenario decoder uses.
    var referencedFiles: ReferencedFiles {
        let folder = self
        return ReferencedFiles(
            read: { folder.read($0) },
            mayQuoteContents: { path in (try? folder.resolve(path).get().inside) ?? false })
    }

    /// Whether `path` (absolute, normalized or real) is the folder or below it.
    func contains(_ path: String) -> Bool {
        realFolder == "/" || path == realFolder || path.hasPrefix(realFolder + "/")
    }

    /// `path` with every symbolic link, "." and ".." resolved, or nil (errno set) when a component is missing.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` made absolute with ".", ".." and repeated "/" removed by text alone, without the file system.
    static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
