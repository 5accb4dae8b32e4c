extension SVGChart {
    /// Accumulates SVG markup, sending every number through `Format.coordinate` and every string through
    /// `Format.escaped`.
    ///
    /// Funnelling all output through one writer is what makes the byte-identical and no-NaN promises
    /// checkable in one place rather than in every chart.
    struct Canvas {
        /// Where `text` hangs relative to its x coordinate.
        enum Anchor: String { case start, middle, end }

        private var markup = ""
        let width: Int
        let height: Int

        /// Starts a document with the accessibility metadata every chart needs and a white, printable background.
        ///
        /// `label` is what screen readers announce, so it should say what the chart shows, not just its title.
        init(width: Int, height: Int, title: String, label: String) {
            self.width = max(width, 1)
            self.height = max(height, 1)
            let w = String(self.width), h = String(self.height)
            markup.reserveCapacity(16_384)
            markup +=
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
            markup += " role=\"img\" aria-label=\"\(Format.escaped(label))\""
            markup += " font-family=\"\(SVGChart.fontFamily)\" font-size=\"12\" style=\"max-width:100%;height:auto\">\n"
            markup += "<title>\(Format.escaped(title))</title>\n"
            markup += "<rect width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>\n"
        }

        /// A line of text; `rotated` turns it to read bottom-to-top, as y-axis titles do.
        mutating func text(
            _ content: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
            bold: Bool = false, rotated: Bool = false, fill: String = SVGChart.ink
        ) {
            let cx = Format.coordinate(x), cy = Format.coordinate(y)
            markup += "<text x=\"\(cx)\" y=\"\(cy)\""
            if anchor != .start { markup += " text-anchor=\"\(anchor.rawValue)\"" }
            if size != 12 { markup += " font-size=\"\(Format.coordinate(size))\"" }
            if bold { markup += " font-weight=\"bold\"" }
            if rotated { markup += " transform=\"rotate(-90 \(cx) \(cy))\"" }
            markup += " fill=\"\(fill)\">\(Format.escaped(content))</text>\n"
        }

        /// A straight line segment.
        mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1) {
            markup += "<line x1=\"\(Format.coordinate(x1))\" y1=\"\(Format.coordinate(y1))\""
            markup += " x2=\"\(Format.coordinate(x2))\" y2=\"\(Format.coordinate(y2))\""
            markup += " stroke=\"\(stroke)\" stroke-width=\"\(Format.coordinate(width))\"/>\n"
        }

        /// A filled rectangle, optionally outlined.
        mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil) {
            markup += "<rect x=\"\(Format.coordinate(x))\" y=\"\(Format.coordinate(y))\""
            markup += " width=\"\(Format.coordinate(max(width, 0)))\" height=\"\(Format.coordinate(max(height, 0)))\""
            markup += " fill=\"\(fill)\""
            if let stroke { markup += " stroke=\"\(stroke)\"" }
            markup += "/>\n"
        }

        /// A stroked, unfilled path, e.g. a data line; `dash` is an SVG dash array or nil for solid.
        ///
        /// `d` must already be built from `Format.coordinate` output.
        mutating func strokedPath(
            _ d: String, stroke: String, width: Double, dash: String? = nil,
            crisp: Bool = false
        ) {
            guard !d.isEmpty else { return }
            markup += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Format.coordinate(width))\""
            if let dash { markup += " stroke-dasharray=\"\(dash)\"" }
            markup += crisp ? " shape-rendering=\"crispEdges\"/>\n" : " stroke-linejoin=\"round\"/>\n"
        }

        /// A filled circle, used where a series has a single point and a path would draw nothing.
        mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
            markup += "<circle cx=\"\(Format.coordinate(x))\" cy=\"\(Format.coordinate(y))\""
            markup += " r=\"\(Format.coordinate(radius))\" fill=\"\(fill)\"/>\n"
        }

        /// The centred note shown instead of data when there is nothing to draw.
        mutating func noDataNote(centreX: Double, centreY: Double) {
            text("no data", x: centreX, y: centreY, size: 14, anchor: .middle, fill: SVGChart.mutedInk)
        }

        /// The finished document.
        func finished() -> String {
            markup + "</svg>\n"
        }
    }
}
