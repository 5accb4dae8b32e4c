/// How user-supplied text (a scenario's name, keys, producer and consumer names, description, a file name, a
/// value on the command line) is made safe in each output format: one function per format, all here.
///
/// Control characters (C0 U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F) are never written as they are: a terminal
/// acts on them (ESC starts a sequence that can recolour, retitle or clear the screen; CR and LF can forge report
/// lines) and they corrupt tables. Each is shown as `\u{1B}` instead, in every format, so the reader sees what
/// the scenario holds. Text without such characters (nearly always) is returned as it is, with no copy.
public enum OutputEscaping {
    /// C0, DEL or C1.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `\u{1B}` for ESC: visible and inert in every format.
    static func visible(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// Plain text (terminal output, text reports, error messages): every control character escaped.
    /// `keepingLineBreaks` keeps LF and TAB, for a whole message whose own lines are wanted (the user's strings in it
    /// were already escaped, or the message is ShardSim's own words).
    public static func text(_ text: String, keepingLineBreaks: Bool = false) -> String {
        escapingScalars(text) { scalar in
            guard isControl(scalar) else { return nil }
            if keepingLineBreaks && (scalar == "\n" || scalar == "\t") { return nil }
            return visible(scalar)
        }
    }

    /// GitHub-flavoured Markdown text and table cells: control characters, and the characters that start Markdown
    /// syntax, backslash-escaped. In a heading `#` is escaped too (a closing `#` sequence would be dropped).
    public static func markdown(_ text: String, inHeading: Bool = false) -> String {
        escapingScalars(text) { scalar in
            if isControl(scalar) { return visible(scalar) }
            if "|*_`<>[]\\".unicodeScalars.contains(scalar) || (inHeading && scalar == "#") {
                return "\\" + String(scalar)
            }
            return nil
        }
    }

    /// HTML and SVG (XML) content and quoted attributes.
    public static func html(_ text: String) -> String {
        escapingScalars(text) { scalar in
            switch scalar {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&apos;"
            // Whitespace to HTML; a space keeps SVG labels on one line, as before.
            case "\t", "\n", "\r": return " "
            // XML 1.0 forbids U+FFFE and U+FFFF outright.
            case "\u{FFFE}", "\u{FFFF}": return visible(scalar)
            default: return isControl(scalar) ? visible(scalar) : nil
            }
        }
    }

    /// An RFC 4180 CSV field: control characters escaped (so a row stays one line), then quoted when it holds a
    /// comma or a quote.
    public static func csv(_ text: String) -> String {
        let plain = escapingScalars(text) { isControl($0) ? visible($0) : nil }
        guard plain.contains(where: { $0 == "," || $0 == "\"" }) else { return plain }
        return "\"" + plain.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `text` with each scalar `replacement` maps replaced; the original when none is.
    private static func escapingScalars(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        guard text.unicodeScalars.contains(where: { replacement($0) != nil }) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) { result += replaced } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
