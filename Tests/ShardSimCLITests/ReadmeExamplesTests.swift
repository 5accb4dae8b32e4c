import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// The README as a new user follows it from a clone: every file a console example names is in the repository
/// (or written by an earlier example), every link stays inside the repository, and the validate example prints
/// what the README shows.
@Suite struct ReadmeExamplesTests {

    static func readme() throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    }

    /// The lines of every ```console block, joined where a line ends in a backslash.
    static func consoleLines(_ text: String) -> [String] {
        var lines: [String] = []
        var inConsole = false
        var pending = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") { inConsole = line == "```console"; continue }
            guard inConsole else { continue }
            if line.hasSuffix("\\") { pending += line.dropLast() + " "; continue }
            lines.append(pending + line)
            pending = ""
        }
        return lines
    }

    /// Words of a command line that name files: arguments ending in a file extension, `file://` paths, and
    /// (separately) the files the line writes (`--out`, `--html-out`, `> FILE`).
    static func files(in command: String) -> (read: [String], written: [String]) {
        let words = command.split(separator: " ").map(String.init)
        var read: [String] = [], written: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            if word == "#" { break }
            if ["--out", "--html-out", ">"].contains(word), index + 1 < words.count {
                written.append(words[index + 1])
                index += 2
                continue
            }
            let path = word.hasPrefix("file://") ? String(word.dropFirst("file://".count)) : word
            if [".json", ".csv", ".tf", ".yaml", ".md", ".html"].contains(where: path.hasSuffix), !path.hasPrefix("-") {
                read.append(path)
            }
            index += 1
        }
        return (read, written)
    }

    @Test func everyFileAConsoleExampleNamesIsShippedOrWrittenBeforeIt() throws {
        var written: Set<String> = []
        var checked = 0
        for line in Self.consoleLines(try Self.readme()) where line.hasPrefix("$ ") {
            let (read, writes) = Self.files(in: String(line.dropFirst(2)))
            for path in read where !written.contains(path) {
                checked += 1
                #expect(
                    FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent(path).path),
                    "README runs `\(line)` but \(path) is not in the repository")
            }
            written.formUnion(writes)
        }
        #expect(checked >= 10, "only \(checked) file names found in the README's console examples")
    }

    @Test func everyLinkStaysInsideTheRepositoryAndResolves() throws {
        for document in [
            "README.md", "docs/interface.md", "docs/facts.md", "docs/scenario-guide.md", "docs/model.md",
            "docs/tour.md",
        ] {
            let text = try String(contentsOf: repositoryRoot.appendingPathComponent(document), encoding: .utf8)
            let folder = repositoryRoot.appendingPathComponent(document).deletingLastPathComponent()
            #expect(!text.contains("../shared/"), "\(document) points at ../shared/, which a clone does not have")
            for target in Self.relativeLinks(text) {
                let resolved = folder.appendingPathComponent(target).standardizedFileURL.path
                #expect(
                    resolved.hasPrefix(repositoryRoot.standardizedFileURL.path + "/"),
                    "\(document) links outside the repository: \(target)")
                #expect(
                    FileManager.default.fileExists(atPath: resolved) || Self.isGeneratedReport(resolved),
                    "\(document) links to \(target), which does not exist")
            }
        }
    }

    /// reports/NAME.md and .html are generated from scenarios/NAME.json by scripts/generate-reports.sh (whose
    /// --check in CI fails when one is missing or stale), so a link to one holds when its scenario exists.
    static func isGeneratedReport(_ path: String) -> Bool {
        let url = URL(fileURLWithPath: path)
        guard url.deletingLastPathComponent().lastPathComponent == "reports" else { return false }
        let scenario = repositoryRoot.appendingPathComponent("scenarios").appendingPathComponent(
            url.deletingPathExtension().lastPathComponent + ".json")
        return FileManager.default.fileExists(atPath: scenario.path)
    }

    /// Targets of Markdown links `[text](target)` that are not web addresses or anchors, without their #fragment.
    static func relativeLinks(_ text: String) -> [String] {
        var targets: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "](") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: ")") else { break }
            let target =
                String(rest[..<close]).split(separator: "#", omittingEmptySubsequences: false).first.map(String.init)
                ?? ""
            if !target.isEmpty, !target.contains("://"), !target.hasPrefix("mailto:"), !target.contains(" ") {
                targets.append(target)
            }
        }
        return targets
    }

    /// The README's validate example prints exactly what the README shows.
    @Test func theValidateExamplePrintsWhatTheReadmeShows() throws {
        let lines = Self.consoleLines(try Self.readme())
        let command = "$ shardsim validate scenarios/examples/broken.json"
        let start = try #require(lines.firstIndex(of: command))
        let shown = lines[(start + 1)...].prefix { !$0.hasPrefix("$ ") }.joined(separator: "\n") + "\n"
        // Absolute path (tests share one working folder), shown as the README's relative one.
        let absolute = repositoryRoot.appendingPathComponent("scenarios/examples/broken.json").path
        let outcome = ShardSimCommand.run(["validate", absolute])
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.standardError.replacingOccurrences(of: absolute, with: "scenarios/examples/broken.json") == shown)
    }

    /// The README's at-least-once example (`producer-retries-duplicates`) prints the lines the README shows: the
    /// command's `grep -E` pattern applied to the text report.
    @Test func theDuplicatesExamplePrintsWhatTheReadmeShows() throws {
        let lines = Self.consoleLines(try Self.readme())
        let command = try #require(
            lines.first { $0.contains("shardsim run scenarios/producer-retries-duplicates.json") })
        let start = try #require(lines.firstIndex(of: command))
        let shown = Array(lines[(start + 1)...].prefix { !$0.hasPrefix("$ ") })
        let path = repositoryRoot.appendingPathComponent("scenarios/producer-retries-duplicates.json").path
        let outcome = ShardSimCommand.run(["run", path])
        #expect(outcome.exitCode == 0)
        // The pattern `records (succeeded|duplicated)|ledger`, written out.
        let printed = outcome.standardOutput.split(separator: "\n").map(String.init).filter {
            $0.contains("records succeeded") || $0.contains("records duplicated") || $0.contains("ledger")
        }
        #expect(printed == shown)
    }
}
