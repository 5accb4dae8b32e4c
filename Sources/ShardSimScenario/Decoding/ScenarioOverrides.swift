import ShardSimJSON

/// `--set PATH=VALUE`: changes the parsed document before it is decoded, so the override is typed and
/// validated by the field it lands on, exactly as if the file had said it.
public enum ScenarioOverrides {
    /// Applies one "dotted.path=value" override; array items are addressed by index.
    public static func apply(_ override: String, to document: inout JSONValue) throws(ScenarioDiagnostic) {
        guard let equals = override.firstIndex(of: "=") else {
            throw ScenarioDiagnostic(
                path: "--set \(override)", message: "expected PATH=VALUE, e.g. stream.shardCount=8")
        }
        let path = String(override[..<equals])
        let components = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.isEmpty, !components.contains(where: \.isEmpty), components.count <= 32 else {
            throw ScenarioDiagnostic(
                path: "--set \(override)", message: "expected a dotted path such as producers.0.recordsPerSecond")
        }
        var value = JSONValue.fromCommandLine(String(override[override.index(after: equals)...]))
        // A bare number on the command line stays a literal, so the field decides: `--set name=123` is a name.
        if case .number(let text) = value { value = .literal(text) }
        try set(value, at: components[...], in: &document, fullPath: path)
    }

    private static func set(
        _ value: JSONValue, at components: ArraySlice<String>, in node: inout JSONValue,
        fullPath: String
    ) throws(ScenarioDiagnostic) {
        guard let head = components.first else {
            node = value
            return
        }
        let rest = components.dropFirst()
        switch node {
        case .object(var object):
            var child = object[head] ?? .object(JSONObject())
            try set(value, at: rest, in: &child, fullPath: fullPath)
            object[head] = child
            node = .object(object)
        case .array(var items):
            guard let index = Int(head), index >= 0, index < items.count else {
                throw ScenarioDiagnostic(
                    path: fullPath,
                    message: "--set: \"\(head)\" is not an index of this array (it has \(items.count) items)")
            }
            try set(value, at: rest, in: &items[index], fullPath: fullPath)
            node = .array(items)
        default:
            throw ScenarioDiagnostic(
                path: fullPath, message: "--set: cannot set \"\(head)\" inside \(node.kindDescription)")
        }
    }
}

extension ScenarioDiagnostic: Error {}
