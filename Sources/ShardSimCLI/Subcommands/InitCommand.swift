import Foundation
import ShardSimScenario

/// `shardsim init [--template NAME] [--out FILE] [--list]`: writes a starter scenario to edit.
enum InitCommand {
    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        let template: ScenarioTemplates.Template
        switch try InitOptions(arguments).action {
        case .list:
            let width = ScenarioTemplates.all.map(\.name.count).max() ?? 0
            return CommandOutcome(
                exitCode: 0,
                standardOutput: ScenarioTemplates.all.map {
                    $0.name + String(repeating: " ", count: width + 2 - $0.name.count) + $0.summary
                }.joined(separator: "\n") + "\n")
        case .write(let chosen): template = chosen
        }
        var outcome = CommandOutcome(exitCode: 0)
        let text = template.document(schemaPath: schemaReference(for: arguments.outputPath))
        if let path = arguments.outputPath {
            // Never overwrite: the file may be the user's edited scenario (checked again, atomically, by the link).
            try AtomicFile.write(text, to: path, replacing: false)
            outcome.standardError =
                "wrote \(path) (template \(template.name)); next: shardsim validate \(path) && shardsim run \(path)\n"
        } else {
            outcome.standardOutput = text
        }
        return outcome
    }

    /// The path of scenarios/schema.json relative to the new file's folder, when it can be found by walking up
    /// from there (a clone of the repository); otherwise, and on standard output (where the file will land is
    /// unknown), "./schema.json", right for a file in scenarios/ as the README suggests.
    static func schemaReference(for outputPath: String?) -> String {
        guard let outputPath else { return "./schema.json" }
        let start = URL(fileURLWithPath: outputPath).deletingLastPathComponent().standardizedFileURL
        var folder = start
        var ups = 0
        while ups < 12 {
            for candidate in ["schema.json", "scenarios/schema.json"] {
                let url = folder.appendingPathComponent(candidate)
                if FileManager.default.fileExists(atPath: url.path), isScenarioSchema(url) {
                    return ups == 0 ? "./" + candidate : String(repeating: "../", count: ups) + candidate
                }
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
            ups += 1
        }
        return "./schema.json"
    }

    /// Whether a file is ShardSim's scenario schema (not some other schema.json).
    /// Only its first bytes are read, from a regular file (a FIFO named schema.json would block an open forever).
    private static func isScenarioSchema(_ url: URL) -> Bool {
        guard let head = try? BoundedFile.head(url.path, bytes: 600).get() else { return false }
        return String(decoding: head, as: UTF8.self).contains("ShardSim scenario")
    }
}
