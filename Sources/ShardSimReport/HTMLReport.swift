/// One self-contained HTML page: inline CSS and SVG, no scripts, nothing fetched from the network.
public enum HTMLReport {
    public static func page(_ document: ReportDocument, description: String?, charts: [String]) -> String {
        var body: [String] = [
            "<h1>\(escape(document.title))</h1>", "<p class=\"subtitle\">\(escape(document.subtitle))</p>",
        ]
        if let description, !description.isEmpty { body.append("<blockquote>\(escape(description))</blockquote>") }
        if !charts.isEmpty {
            body.append("<h2>Charts</h2>")
            body.append(contentsOf: charts.map { "<figure>\($0)</figure>" })
        }
        for section in document.sections {
            body.append("<h2>\(escape(section.title))</h2>")
            for block in section.blocks { body.append(html(block)) }
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(document.title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <main>
            \(body.joined(separator: "\n"))
            </main>
            </body>
            </html>

            """
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0}
        main{max-width:980px;margin:0 auto;padding:24px}
        h1{font-size:1.6em;margin-bottom:0}h2{font-size:1.2em;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:2em}
        .subtitle{color:#555;margin-top:4px}blockquote{border-left:4px solid #999;margin:1em 0;padding:0 1em;color:#333}
        table{border-collapse:collapse;margin:0.5em 0;font-size:0.92em}th,td{border:1px solid #ccc;padding:3px 8px}
        th{background:#f2f2f2;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
        figure{margin:1em 0}svg{max-width:100%;height:auto}ul{margin:0.4em 0}
        @media print{main{max-width:none}h2{page-break-after:avoid}figure{page-break-inside:avoid}}
        """

    static func html(_ block: ReportBlock) -> String {
        switch block {
        case .keyValues(let pairs):
            return "<table>" + pairs.map { "<tr><th>\(escape($0.0))</th><td>\(escape($0.1))</td></tr>" }.joined()
                + "</table>"
        case .table(let table):
            let head = "<tr>" + table.headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"
            let rows = table.rows.map { row in
                "<tr>"
                    + zip(row, table.alignments).map { cell, alignment in
                        alignment == .right ? "<td class=\"num\">\(escape(cell))</td>" : "<td>\(escape(cell))</td>"
                    }.joined() + "</tr>"
            }
            return "<table>" + head + rows.joined() + "</table>"
        case .notes(let notes):
            let items = notes.filter { $0.hasPrefix("- ") }
            let sentences = notes.filter { !$0.hasPrefix("- ") }
            var parts = sentences.map { "<p>\(escape($0))</p>" }
            if !items.isEmpty {
                parts.append("<ul>" + items.map { "<li>\(escape(String($0.dropFirst(2))))</li>" }.joined() + "</ul>")
            }
            return parts.joined(separator: "\n")
        }
    }

    /// Escapes text for HTML element content and attribute values (the charts' XML escaping, which also
    /// drops control characters a terminal or parser would choke on).
    public static func escape(_ text: String) -> String { SVGChart.Format.escaped(text) }
}
