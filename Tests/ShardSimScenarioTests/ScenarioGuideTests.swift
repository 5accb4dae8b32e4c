import Foundation
import ShardSimTestSupport
import Testing

/// docs/scenario-guide.md is generated from scenarios/schema.json (scripts/generate-scenario-guide.py) and must
/// match it; ScenarioLibraryTests ties the schema to the decoder. Together: guide = schema = decoder.
@Suite struct ScenarioGuideTests {
    static func guide() throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent("docs/scenario-guide.md"), encoding: .utf8)
    }

    /// Every field path of the schema, as the guide spells it ("producers[].rateProfile.peakRecordsPerSecond").
    static func schemaFieldPaths() throws -> [String] {
        let validator = MiniSchemaValidator(root: try ScenarioLibraryTests.schema())
        var paths: Set<String> = []
        for objectPath in validator.objectPaths() {
            let node = validator.node(at: objectPath) ?? [:]
            let prefix = objectPath.replacingOccurrences(of: ".*", with: "[]")
            for name in validator.propertyNames(of: node) { paths.insert(prefix.isEmpty ? name : prefix + "." + name) }
        }
        return paths.sorted()
    }

    @Test func everyFieldOfTheSchemaHasARowInTheGuide() throws {
        let guide = try Self.guide()
        let paths = try Self.schemaFieldPaths()
        #expect(paths.count > 150, "the walk found only \(paths.count) fields")
        for path in paths {
            #expect(guide.contains("| `\(path)` |"), "docs/scenario-guide.md has no row for \(path)")
        }
    }

    /// Each row gives meaning, unit, default, range and example: six cells, none empty.
    @Test func everyRowIsComplete() throws {
        let rows = try Self.guide().split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(!rows.isEmpty)
        for row in rows {
            let cells = row.replacingOccurrences(of: "\\|", with: "").split(
                separator: "|", omittingEmptySubsequences: false
            )
            .dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells.count == 6 && !cells.contains(""), "incomplete row: \(row.prefix(120))")
        }
    }

    @Test func theGuideIsWhatTheGeneratorWritesFromTheSchema() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", repositoryRoot.appendingPathComponent("scripts/generate-scenario-guide.py").path, "--check",
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(message)")
    }
}
