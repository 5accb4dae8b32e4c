// An order-preserving JSON object. A Dictionary would lose the user's key order, which messages
// and re-rendered documents rely on.

/// A JSON object: ordered (key, value) entries; keys are unique (the parser rejects duplicates).
///
/// Lookups are linear, which is the right trade for scenario files whose objects hold a handful
/// of members. Equality is order-sensitive: two objects with the same members in a different
/// order are different documents.
public struct JSONObject: Sendable, Equatable {
    /// The members in document order. Callers that assign this directly must keep keys unique.
    public var entries: [(key: String, value: JSONValue)]

    /// Create an object from ordered entries.
    ///
    /// To keep the unique-key invariant, a key that repeats keeps its first value and later
    /// repeats are dropped (the parser never passes repeats; it reports them as errors).
    public init(_ entries: [(key: String, value: JSONValue)] = []) {
        var seen = Set<String>()
        var unique: [(key: String, value: JSONValue)] = []
        unique.reserveCapacity(entries.count)
        for entry in entries where seen.insert(entry.key).inserted {
            unique.append(entry)
        }
        self.entries = unique
    }

    /// Create an object whose keys the caller has already proved unique (the parser's path),
    /// skipping the de-duplication pass.
    init(uniqueEntries entries: [(key: String, value: JSONValue)]) {
        self.entries = entries
    }

    /// The keys in document order.
    public var keys: [String] {
        entries.map(\.key)
    }

    /// The value for `key`, or nil when absent.
    ///
    /// Setting a key that exists replaces its value in place (keeping its position); setting a
    /// missing key appends it; setting nil removes it.
    public subscript(key: String) -> JSONValue? {
        get {
            entries.first(where: { $0.key == key })?.value
        }
        set {
            let index = entries.firstIndex(where: { $0.key == key })
            switch (index, newValue) {
            case let (index?, value?):
                entries[index].value = value
            case let (nil, value?):
                entries.append((key: key, value: value))
            case let (index?, nil):
                entries.remove(at: index)
            case (nil, nil):
                break
            }
        }
    }

    /// Order-sensitive equality (tuples cannot synthesise `Equatable`).
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.entries.count == rhs.entries.count else { return false }
        for (left, right) in zip(lhs.entries, rhs.entries) {
            guard left.key == right.key, left.value == right.value else { return false }
        }
        return true
    }
}
