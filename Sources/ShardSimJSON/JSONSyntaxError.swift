// The one error the parser throws. It carries a position a person can find in an editor.

/// A document that is not strict JSON, with the place it goes wrong.
///
/// `line` and `column` are 1-based. Columns count Unicode scalars (characters as an editor
/// shows them for most text), not bytes, so "é" or a tab is one column. A byte order mark at the
/// start of the document is not counted. Lines break at "\n", "\r\n" or a lone "\r".
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the offending character.
    public var line: Int
    /// The 1-based column of the offending character, in Unicode scalars.
    public var column: Int
    /// What is wrong, phrased for the person who wrote the file (no position inside).
    public var message: String

    /// Create an error at a known position.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// "line L, column C: message", the form every caller shows to the user.
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}
