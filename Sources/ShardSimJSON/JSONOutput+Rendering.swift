// Turning a `JSONOutput` into text. Output is built as UTF-8 bytes and converted once, which is
// both fast and free of any locale or platform formatting.

extension JSONOutput {
    /// Pretty (2-space indent, "key": value, one member per line, empty array as [] and empty object as {}) or compact.
    ///
    /// Compact output has no whitespace at all. Neither form ends with a newline; the caller
    /// adds one when writing a file. Numbers follow `JSONNumberFormatting`, strings follow
    /// `JSONStringEscaping`.
    public func rendered(pretty: Bool = true) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.write(self, depth: 0)
        return String(decoding: writer.output, as: UTF8.self)
    }
}

/// The byte buffer and layout rules behind `rendered(pretty:)`.
///
/// Writing recurses over the value; that is safe because outputs are built by ShardSim's own
/// reports, never by parsing user input, so their depth is small and fixed.
struct JSONWriter {
    let pretty: Bool
    var output: [UInt8] = []

    init(pretty: Bool) {
        self.pretty = pretty
    }

    mutating func write(_ value: JSONOutput, depth: Int) {
        switch value {
        case .null:
            append("null")
        case .bool(let flag):
            append(flag ? "true" : "false")
        case .int(let number):
            append(String(number))
        case .double(let number):
            append(JSONNumberFormatting.fixedPoint(number))
        case .unsigned(let number):
            append(String(number))
        case .precise(let number):
            append(JSONNumberFormatting.precise(number))
        case .string(let text):
            JSONStringEscaping.appendQuoted(text, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else { return append("[]") }
            output.append(Byte.openBracket)
            for (index, element) in elements.enumerated() {
                startMember(first: index == 0, depth: depth + 1)
                write(element, depth: depth + 1)
            }
            closeContainer(Byte.closeBracket, depth: depth)
        case .object(let members):
            guard !members.isEmpty else { return append("{}") }
            output.append(Byte.openBrace)
            for (index, member) in members.enumerated() {
                startMember(first: index == 0, depth: depth + 1)
                JSONStringEscaping.appendQuoted(member.0, to: &output)
                output.append(Byte.colon)
                if pretty { output.append(Byte.space) }
                write(member.1, depth: depth + 1)
            }
            closeContainer(Byte.closeBrace, depth: depth)
        }
    }

    /// The separator before a member: a comma unless it is the first, then (pretty) a new
    /// line indented to the member's depth.
    private mutating func startMember(first: Bool, depth: Int) {
        if !first { output.append(Byte.comma) }
        newline(depth: depth)
    }

    private mutating func closeContainer(_ closer: UInt8, depth: Int) {
        newline(depth: depth)
        output.append(closer)
    }

    private mutating func newline(depth: Int) {
        guard pretty else { return }
        output.append(Byte.newline)
        output.append(contentsOf: repeatElement(Byte.space, count: 2 * depth))
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }
}
