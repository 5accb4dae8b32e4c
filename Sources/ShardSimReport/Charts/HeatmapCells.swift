extension SVGChart {
    /// Draws heatmap cells compactly: one path per colour band, each run of equal cells in a row being one
    /// horizontal stroke as thick as the row.
    ///
    /// A rect per cell costs about 60 bytes; a stroke segment with relative moves costs about 12, and runs of
    /// equal bands (idle shards, steady load) collapse to one segment. That is what keeps 500 shards × 2,000
    /// columns to a page-sized SVG.
    enum HeatmapCells {
        /// What a cell shows: a colour band, the overflow colour plus a mark (above the maximum), or nothing.
        enum Kind: Equatable {
            case band(Int)
            case overflow
            case missing
        }

        /// The kind of a cell holding `value` on a 0...`maxValue` scale.
        static func kind(_ value: Double?, maxValue: Double) -> Kind {
            guard let value else { return .missing }
            return Palette.band(value, maxValue: maxValue).map(Kind.band) ?? .overflow
        }

        /// Paints every cell of `grid` into `plot`, rows `rowHeight` pixels tall, using `axis` to place cell edges.
        static func draw(
            _ grid: HeatmapGrid, plot: PlotArea, axis: Axis, rowHeight: Double, maxValue: Double,
            on canvas: inout Canvas
        ) {
            let bandCount = Palette.sequential.count
            // One path per band, then "missing", then the overflow cells (drawn in their own colour).
            var fills = Array(repeating: RunPath(), count: bandCount + 2)
            var marks = RunPath()
            // Edges on whole pixels: crisp rendering then neither overlaps nor separates neighbouring cells.
            let edges = grid.edgesSeconds.map { 10 * Int(axis.position($0, from: plot.left, to: plot.right).rounded()) }
            // Rows at least 8 px tall get a 1 px white gap so neighbouring shards read as separate.
            let thickness = rowHeight >= 8 ? rowHeight - 1 : rowHeight
            for (rowIndex, row) in grid.values.enumerated() {
                let y = tenths(plot.top + Double(rowIndex) * rowHeight + thickness / 2)
                var start = 0
                while start < row.count {
                    let current = kind(row[start], maxValue: maxValue)
                    var end = start + 1
                    while end < row.count && kind(row[end], maxValue: maxValue) == current { end += 1 }
                    let from = edges[start], to = edges[end]
                    switch current {
                    case .band(let band): fills[band].addRun(from: from, to: to, y: y)
                    case .missing: fills[bandCount].addRun(from: from, to: to, y: y)
                    case .overflow:
                        fills[bandCount + 1].addRun(from: from, to: to, y: y)
                        // The dashed mark spans the whole run, so a long stretch above the maximum
                        // reads as one marked stretch rather than a mark in its middle.
                        let inset = min((to - from) / 5, 10)
                        marks.addRun(from: from + inset, to: to - inset, y: y)
                    }
                    start = end
                }
            }
            let colours = Palette.sequential + [Palette.missingCell, Palette.overflowCell]
            for (index, path) in fills.enumerated() {
                canvas.strokedPath(path.d, stroke: colours[index], width: thickness, crisp: true)
            }
            canvas.strokedPath(
                marks.d, stroke: Palette.overflowMark, width: markThickness(rowHeight: thickness),
                dash: markDash, crisp: true)
        }

        /// Dashes make the overflow mark read as a mark, not as a thin line of data.
        static let markDash = "3 2"

        /// Thickness of the overflow mark: a third of the row, but always visible and never a blot.
        static func markThickness(rowHeight: Double) -> Double {
            min(max(rowHeight * 0.35, 0.6), 3)
        }

        private static func tenths(_ pixels: Double) -> Int {
            Int((pixels * 10).rounded(.toNearestOrAwayFromZero))
        }
    }

    /// Path data made of horizontal segments, using a relative move when the pen is already on the same row.
    struct RunPath {
        private(set) var d = ""
        private var penX = 0
        private var penY: Int?

        /// Adds a segment from `from` to `to` at height `y`, all in tenths of a pixel.
        mutating func addRun(from: Int, to: Int, y: Int) {
            guard to > from else { return }
            if penY == y {
                d += "m" + Format.tenths(from - penX) + " 0"
            } else {
                d += "M" + Format.tenths(from) + " " + Format.tenths(y)
            }
            d += "h" + Format.tenths(to - from)
            penX = to
            penY = y
        }
    }
}
