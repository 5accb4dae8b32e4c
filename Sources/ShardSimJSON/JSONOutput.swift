// The writer's document model. It is separate from `JSONValue` because reports hold machine
// numbers (not literal text) and must render them the same way on every platform.

/// A JSON document to write, with object keys in the order given (reports decide the order; never a Dictionary).
///
/// Rendering is deterministic: the same value always renders to the same bytes, on every
/// platform, so reports can be compared byte for byte.
public indirect enum JSONOutput: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer, written in plain decimal.
    case int(Int64)
    /// A floating-point number, written rounded to 6 decimal places in fixed-point notation;
    /// NaN and infinities are written as `null` (JSON has no spelling for them).
    case double(Double)
    /// An unsigned integer (seeds up to 2^64 − 1), in plain decimal.
    case unsigned(UInt64)
    /// A number given with its exact significant digits (prices like 0.0000166667), written as `%.12g`-style
    /// plain decimal without exponent; non-finite values are written as `null`.
    case precise(Double)
    /// A string, escaped minimally (see `rendered(pretty:)`).
    case string(String)
    /// An array, in the order given.
    case array([JSONOutput])
    /// An object, members in the order given. Keys should be unique; the writer does not check.
    case object([(String, JSONOutput)])

    /// Structural equality, member order included (tuples cannot synthesise `Equatable`).
    ///
    /// Doubles compare with IEEE semantics, so a value holding NaN is not equal to itself.
    public static func == (lhs: JSONOutput, rhs: JSONOutput) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(left), .bool(right)): return left == right
        case let (.int(left), .int(right)): return left == right
        case let (.double(left), .double(right)): return left == right
        case let (.unsigned(left), .unsigned(right)): return left == right
        case let (.precise(left), .precise(right)): return left == right
        case let (.string(left), .string(right)): return left == right
        case let (.array(left), .array(right)): return left == right
        case let (.object(left), .object(right)):
            guard left.count == right.count else { return false }
            for (l, r) in zip(left, right) {
                guard l.0 == r.0, l.1 == r.1 else { return false }
            }
            return true
        default: return false
        }
    }
}
