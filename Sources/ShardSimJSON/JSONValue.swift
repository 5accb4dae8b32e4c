// The parsed form of a JSON document, as the scenario reader sees it.

/// A parsed JSON document, keeping object key order and number literals exactly as written.
///
/// Numbers stay as their literal text so that no precision is lost before the field that reads
/// them decides what they mean (a seed needs all 64 bits, a rate wants a `Double`); see
/// `int64Value`, `uint64Value` and `doubleValue`. Object key order is kept so that messages and
/// re-rendered documents follow the user's own layout.
public indirect enum JSONValue: Sendable, Equatable {
    /// The JSON `null` literal.
    case null
    /// The JSON `true` or `false` literal.
    case bool(Bool)
    /// A number: the literal text, already checked against the JSON number grammar.
    case number(String)
    /// A string with every escape decoded.
    case string(String)
    /// An array, elements in document order.
    case array([JSONValue])
    /// An object, members in document order with unique keys.
    case object(JSONObject)
    /// A bare value typed on the command line (`--set path=VALUE`) that is not JSON: the field that
    /// reads it decides whether it is a string, number or duration.
    case literal(String)

    /// A short name of the kind for messages: "null", "a boolean", "a number", "a string", "an array", "an object", "a value".
    ///
    /// The article is included so callers can write "expected a string, found \(kindDescription)".
    /// A command-line literal is "a value" because its kind is not known until a field reads it.
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        case .literal: return "a value"
        }
    }
}
