import ShardSimJSON

/// Reads the members of one JSON object with type and range checks, reporting every problem to the shared
/// `Diagnostics` under the member's JSON path, and remembering which names it knows so `finish()` can
/// flag unknown ones (a typo must never be ignored silently).
final class ObjectReader {
    let path: String
    let diagnostics: Diagnostics
    private let object: JSONObject
    private var knownNames: [String] = []

    /// A reader over `value`, or nil (with a diagnostic) when `value` is not an object.
    init?(_ value: JSONValue, path: String, diagnostics: Diagnostics) {
        guard case .object(let object) = value else {
            diagnostics.report(path, "expected an object, got \(describe(value))")
            return nil
        }
        self.object = object
        self.path = path
        self.diagnostics = diagnostics
    }

    /// The raw member, marking the name as known; reports a missing required member.
    func value(_ name: String, required: Bool = false) -> JSONValue? {
        if !knownNames.contains(name) { knownNames.append(name) }
        guard let value = object[name] else {
            if required { diagnostics.report(join(path, name), "is required") }
            return nil
        }
        return value
    }

    func has(_ name: String) -> Bool { object[name] != nil }

    func report(_ name: String, _ message: String) {
        diagnostics.report(name.isEmpty ? path : join(path, name), message)
    }

    func string(_ name: String, required: Bool = false) -> String? {
        guard let value = value(name, required: required) else { return nil }
        switch value {
        case .string(let text), .literal(let text): return text
        default:
            report(name, "expected a string, got \(describe(value))")
            return nil
        }
    }

    func boolean(_ name: String) -> Bool? {
        guard let value = value(name) else { return nil }
        if case .bool(let flag) = value { return flag }
        report(name, "expected true or false, got \(describe(value))")
        return nil
    }

    /// A whole number within `range`.
    func integer(_ name: String, in range: ClosedRange<Int64>, required: Bool = false) -> Int64? {
        guard let value = value(name, required: required) else { return nil }
        return ValueReading.integer(value, in: range, path: join(path, name), diagnostics: diagnostics)
    }

    /// A finite number within `range`.
    func number(_ name: String, in range: ClosedRange<Double>, required: Bool = false) -> Double? {
        guard let value = value(name, required: required) else { return nil }
        return ValueReading.number(value, in: range, path: join(path, name), diagnostics: diagnostics)
    }

    /// A duration (seconds as a number, or "250ms", "90s", "15m", "2h", "30d") within `range`, in nanoseconds.
    func duration(_ name: String, in range: ClosedRange<Int64>, required: Bool = false) -> Int64? {
        guard let value = value(name, required: required) else { return nil }
        return ValueReading.duration(value, in: range, path: join(path, name), diagnostics: diagnostics)
    }

    /// One of `options`, spelled exactly.
    func choice(_ name: String, _ options: [String], required: Bool = false) -> String? {
        guard let text = string(name, required: required) else { return nil }
        guard options.contains(text) else {
            diagnostics.report(
                join(path, name),
                "expected one of \(options.map { "\"\($0)\"" }.joined(separator: ", ")), got \"\(text)\"",
                suggestion: closestName(to: text, among: options)
            ) { " (did you mean \"\($0)\"?)" }
            return nil
        }
        return text
    }

    func object(_ name: String, required: Bool = false) -> ObjectReader? {
        guard let value = value(name, required: required) else { return nil }
        return ObjectReader(value, path: join(path, name), diagnostics: diagnostics)
    }

    func array(_ name: String, required: Bool = false) -> [JSONValue]? {
        guard let value = value(name, required: required) else { return nil }
        guard case .array(let items) = value else {
            report(name, "expected an array, got \(describe(value))")
            return nil
        }
        return items
    }

    /// Reports every member this reader was never asked about, with the closest known name.
    func finish() {
        diagnostics.recordKnownFields(knownNames, at: path)
        for name in object.keys where !knownNames.contains(name) {
            diagnostics.report(join(path, name), "unknown field", suggestion: closestName(to: name, among: knownNames))
            {
                "; did you mean '\($0)'?"
            }
        }
    }
}
