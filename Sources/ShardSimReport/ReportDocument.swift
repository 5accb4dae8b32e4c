/// A report as sections of tables, key–value lines and notes, rendered the same way as plain text, Markdown
/// or HTML, so every format says the same thing.
public struct ReportSection {
    public var title: String
    public var blocks: [ReportBlock]

    public init(title: String, blocks: [ReportBlock]) {
        self.title = title
        self.blocks = blocks
    }
}

public enum ReportBlock {
    case keyValues([(String, String)])
    case table(TextTable)
    /// Sentences; a leading "- " marks a list item.
    case notes([String])
}

public struct ReportDocument {
    public var title: String
    public var subtitle: String
    public var sections: [ReportSection]

    public init(title: String, subtitle: String, sections: [ReportSection]) {
        self.title = title
        self.subtitle = subtitle
        self.sections = sections
    }

    /// Aligned plain text, sections separated by a blank line.
    public func text() -> String {
        let safe = { (text: String) in OutputEscaping.text(text) }
        var lines = [safe(title), "  " + safe(subtitle)]
        for section in sections {
            lines.append("")
            lines.append(safe(section.title))
            for block in section.blocks {
                switch block {
                case .keyValues(let pairs):
                    let keys = pairs.map { safe($0.0) }
                    let width = keys.map(\.count).max() ?? 0
                    for (key, (_, value)) in zip(keys, pairs) {
                        lines.append("  " + key + String(repeating: " ", count: width - key.count + 2) + safe(value))
                    }
                case .table(let table): lines.append(table.rendered())
                case .notes(let notes): lines.append(contentsOf: notes.map { "  " + safe($0) })
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// GitHub-flavoured Markdown: `#` title, `##` sections, pipe tables, lists.
    public func markdown(description: String? = nil) -> String {
        var lines = [
            "# " + OutputEscaping.markdown(title, inHeading: true), "", "_" + MarkdownText.escape(subtitle) + "_",
        ]
        if let description, !description.isEmpty { lines += ["", "> " + MarkdownText.escape(description)] }
        for section in sections {
            lines += ["", "## " + OutputEscaping.markdown(section.title, inHeading: true)]
            for block in section.blocks {
                lines.append("")
                switch block {
                case .keyValues(let pairs):
                    var table = TextTable([("", .left), ("", .left)])
                    for (key, value) in pairs { table.add([key, value]) }
                    lines.append(table.markdown())
                case .table(let table): lines.append(table.markdown())
                case .notes(let notes):
                    lines.append(
                        contentsOf: notes.map {
                            $0.hasPrefix("- ")
                                ? "- " + MarkdownText.escape(String($0.dropFirst(2))) : MarkdownText.escape($0) + "  "
                        })
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

enum MarkdownText {
    /// `OutputEscaping.markdown`.
    static func escape(_ text: String) -> String { OutputEscaping.markdown(text) }
}

extension TextTable {
    /// A GitHub-flavoured Markdown pipe table; numbers right-aligned as in the text.
    public func markdown() -> String {
        let header = "| " + headers.map { $0.isEmpty ? " " : MarkdownText.escape($0) }.joined(separator: " | ") + " |"
        let rule = "|" + alignments.map { $0 == .right ? " ---: " : " --- " }.joined(separator: "|") + "|"
        let body = rows.map { "| " + $0.map(MarkdownText.escape).joined(separator: " | ") + " |" }
        return ([header, rule] + body).joined(separator: "\n")
    }
}
