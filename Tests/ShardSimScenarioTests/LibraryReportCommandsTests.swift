import Foundation
import ShardSimTestSupport
import Testing

/// scripts/report-commands.txt: which command writes a library scenario's committed report. Every entry names a
/// library scenario and a command the script knows, and a scenario whose lesson is a comparison gets one.
@Suite struct LibraryReportCommandsTests {
    static func entries() throws -> [(scenario: String, command: String)] {
        let text = try String(
            contentsOf: repositoryRoot.appendingPathComponent("scripts/report-commands.txt"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0].split(
                separator: " ")
            return words.isEmpty ? nil : (String(words[0]), words.count == 2 ? String(words[1]) : "")
        }
    }

    @Test func everyEntryNamesALibraryScenarioAndAKnownCommand() throws {
        let entries = try Self.entries()
        #expect(!entries.isEmpty)
        for entry in entries {
            let path = repositoryRoot.appendingPathComponent("scenarios/\(entry.scenario).json").path
            #expect(FileManager.default.fileExists(atPath: path), "no scenarios/\(entry.scenario).json")
            #expect(["run", "plan", "compare"].contains(entry.command), "\(entry.scenario): '\(entry.command)'")
        }
        #expect(Set(entries.map(\.scenario)).count == entries.count, "a scenario listed twice")
    }

    @Test func theSpikyComparisonIsReportedAsAComparison() throws {
        // Its lesson is "provisioned or on-demand?": the committed report must be `compare`, not a 1-shard run.
        let entries = try Self.entries()
        #expect(entries.contains { $0.scenario == "on-demand-vs-provisioned-spiky" && $0.command == "compare" })
        let script = try String(
            contentsOf: repositoryRoot.appendingPathComponent("scripts/generate-reports.sh"), encoding: .utf8)
        #expect(script.contains("scripts/report-commands.txt"))
    }
}
