import ShardSimJSON

/// One problem with a scenario, at a dotted JSON path (`producers.0.recordsPerSecond`), the same form
/// `--set` takes.
public struct ScenarioDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// The whole message, with any did-you-mean hint, as the text output shows it.
    public var message: String
    /// The message without the did-you-mean hint (for `validate --format json`, which gives the hint apart).
    public var problem: String
    /// What was probably meant (a field name, an allowed value, a consumer's name), or nil.
    public var suggestion: String?

    public init(path: String, message: String) {
        self.path = path
        self.message = message
        self.problem = message
        self.suggestion = nil
    }

    /// A problem with a suggested replacement; `hint` is how the text message spells the suggestion.
    public init(path: String, problem: String, suggestion: String?, hint: (String) -> String) {
        self.path = path
        self.problem = problem
        self.suggestion = suggestion
        self.message = problem + (suggestion.map(hint) ?? "")
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// A scenario that cannot be run, with every problem found (validation does not stop at the first).
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    public var diagnostics: [ScenarioDiagnostic]

    public init(diagnostics: [ScenarioDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while a scenario is read; shared by every reader of one document.
final class Diagnostics {
    private(set) var items: [ScenarioDiagnostic] = []
    /// Where files the scenario refers to are read from.
    let files: ReferencedFiles

    init(files: ReferencedFiles = .unavailable) {
        self.files = files
    }
    /// Field names each object accepted, by path with array indices as "*" (for the schema agreement test).
    private(set) var knownFields: [(path: String, names: [String])] = []

    func recordKnownFields(_ names: [String], at path: String) {
        let pattern = path.split(separator: ".", omittingEmptySubsequences: false)
            .map { $0.allSatisfy(\.isNumber) && !$0.isEmpty ? "*" : String($0) }.joined(separator: ".")
        knownFields.append((pattern, names))
    }

    func report(_ path: String, _ message: String) {
        items.append(ScenarioDiagnostic(path: path, message: message))
    }

    /// Reports a problem with the name or value probably meant (nil: none close enough).
    func report(_ path: String, _ problem: String, suggestion: String?, hint: (String) -> String) {
        items.append(ScenarioDiagnostic(path: path, problem: problem, suggestion: suggestion, hint: hint))
    }

    var isEmpty: Bool { items.isEmpty }
}

/// Joins a JSON path and a member name or index with ".".
func join(_ path: String, _ member: String) -> String {
    path.isEmpty ? member : path + "." + member
}

/// Formats a number for messages: integers with thousands separators, others as written.
func formatted(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return formatted(Int64(value)) }
    return String(value)
}

/// Formats an integer for messages with thousands separators (10,000).
func formatted(_ value: Int64) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (offset, character) in digits.enumerated() {
        if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(",") }
        grouped.append(character)
    }
    return value < 0 ? "-" + grouped : grouped
}

/// Describes a JSON value for "got …" in messages, without dumping large documents.
func describe(_ value: JSONValue) -> String {
    switch value {
    case .number(let text), .literal(let text): return text.count > 40 ? String(text.prefix(40)) + "…" : text
    case .string(let text): return "\"" + (text.count > 40 ? String(text.prefix(40)) + "…" : text) + "\""
    case .bool(let flag): return flag ? "true" : "false"
    default: return value.kindDescription
    }
}

/// Levenshtein distance, for "did you mean" suggestions on unknown fields.
func editDistance(_ a: String, _ b: String) -> Int {
    let left = Array(a.lowercased().unicodeScalars), right = Array(b.lowercased().unicodeScalars)
    if left.isEmpty { return right.count }
    if right.isEmpty { return left.count }
    var previous = Array(0...right.count)
    var current = Array(repeating: 0, count: right.count + 1)
    for i in 1...left.count {
        current[0] = i
        for j in 1...right.count {
            let substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[right.count]
}

/// The known name closest to `name`, if it is close enough to be a plausible typo.
/// Names longer than `maxHintLength` get no hint: the distance costs the product of the two lengths.
func closestName(to name: String, among known: [String]) -> String? {
    let maxHintLength = 256
    guard name.utf8.count <= maxHintLength else { return nil }
    var best: (name: String, distance: Int)?
    for candidate in known where candidate.utf8.count <= maxHintLength {
        let distance = editDistance(name, candidate)
        if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    guard let best, best.distance <= max(2, name.count / 3) else { return nil }
    return best.name
}
