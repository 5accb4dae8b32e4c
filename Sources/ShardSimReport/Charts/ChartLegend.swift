extension SVGChart {
    /// The series key of a line chart: a dashed, coloured swatch per series, wrapped into rows.
    ///
    /// Placed above the plot rather than over it so it never hides data, and showing the dash as well
    /// as the colour so it still works in greyscale.
    enum LineLegend {
        /// Height of one legend row in pixels.
        static let rowHeight = 18.0
        private static let swatchWidth = 26.0
        private static let maxNameCharacters = 40

        /// Left offset and row of each entry when laid out within `width` pixels.
        static func layout(names: [String], width: Double) -> [(x: Double, row: Int)] {
            flow(
                entryWidths: names.map { swatchWidth + 6 + Format.textWidth(shortName($0), fontSize: 12) + 18 },
                width: width)
        }

        /// Left offset and row of entries of these widths laid out left to right, a new row when one would cross
        /// `width` (an entry wider than `width` gets a row of its own).
        static func flow(entryWidths: [Double], width: Double) -> [(x: Double, row: Int)] {
            var positions: [(x: Double, row: Int)] = []
            var x = 0.0, row = 0
            for entryWidth in entryWidths {
                if x > 0 && x + entryWidth > width {
                    x = 0
                    row += 1
                }
                positions.append((x, row))
                x += entryWidth
            }
            return positions
        }

        /// Number of rows the legend needs; zero for a single series, whose name the title already gives.
        static func rowCount(names: [String], width: Double) -> Int {
            guard names.count > 1 else { return 0 }
            return (layout(names: names, width: width).last?.row ?? 0) + 1
        }

        /// Draws the legend with its first row's centre line at `top + rowHeight / 2`.
        static func draw(names: [String], left: Double, top: Double, width: Double, on canvas: inout Canvas) {
            guard names.count > 1 else { return }
            for (index, position) in layout(names: names, width: width).enumerated() {
                let style = Palette.lineStyle(index)
                let x = left + position.x
                let y = top + Double(position.row) * rowHeight + rowHeight / 2
                let d = "M" + Format.coordinate(x) + " " + Format.coordinate(y) + "h" + Format.coordinate(swatchWidth)
                canvas.strokedPath(d, stroke: style.colour, width: 2.5, dash: style.dash)
                canvas.text(shortName(names[index]), x: x + swatchWidth + 6, y: y + 4)
            }
        }

        private static func shortName(_ name: String) -> String {
            Format.shortened(name.isEmpty ? "(unnamed)" : name, maxCharacters: maxNameCharacters)
        }
    }
}
