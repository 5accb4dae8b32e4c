// Command-line overrides (`--set path=VALUE`). Shell users should not have to quote a plain word
// twice, so a value that is not JSON is kept as a literal for the field to interpret.

extension JSONValue {
    /// Parse a command-line override value: valid JSON (number, true/false/null, quoted string, object, array)
    /// becomes that value; anything else becomes `.literal(text)` (so `--set name=web` and `--set duration=15m` work).
    ///
    /// Parsing is the same strict parser used for files, so "8" is a number and "\"8\"" is a
    /// string; the literal keeps the text exactly as typed, including any surrounding spaces.
    public static func fromCommandLine(_ text: String) -> JSONValue {
        (try? JSONParser.parse(text)) ?? .literal(text)
    }
}
