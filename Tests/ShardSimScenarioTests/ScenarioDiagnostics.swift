import ShardSimScenario

/// What decoding `json` reports: its diagnostics, or none when it decodes (one place for the suites of this
/// target that check the messages a user sees).
func decodingDiagnostics(_ json: String, overrides: [String] = [], files: ReferencedFiles = .unavailable)
    -> [ScenarioDiagnostic]
{
    do {
        _ = try ScenarioDecoder.decode(Array(json.utf8), overrides: overrides, files: files)
        return []
    } catch {
        return error.diagnostics
    }
}
