extension SVGChart {
    /// Heatmap input reduced to what will be drawn: rows of cell values and the time each cell spans.
    struct HeatmapGrid {
        /// Row labels, top to bottom.
        var labels: [String]
        /// `values[row][cell]`; nil where the row has no finite value in that cell.
        var values: [[Double?]]
        /// Cell edges in seconds: `cellCount + 1` ascending values.
        var edgesSeconds: [Double]
        /// How many input columns the widest cell merges (1 when nothing was merged).
        var columnsPerCell: Int
        /// The largest finite value present, used when the caller's `maxValue` is unusable.
        var largestValue: Double

        var cellCount: Int { edgesSeconds.count - 1 }

        /// Nil when there is nothing to draw (no rows, or no columns in any row).
        ///
        /// Columns beyond `maxCells` are merged into equal groups, each cell taking its group's peak:
        /// a heatmap is read for hot spots, and an average would hide a one-column burst.
        init?(rows: [HeatmapRow], columnStartSeconds: [Double], maxCells: Int) {
            let columnCount = rows.map(\.values.count).max() ?? 0
            guard columnCount > 0 else { return nil }
            let edges = Self.columnEdges(columnStartSeconds, count: columnCount)
            let cellCount = min(columnCount, max(maxCells, 1))
            // Group boundaries in column indices, spread as evenly as integer division allows.
            let bounds = (0...cellCount).map { $0 * columnCount / cellCount }

            labels = rows.map(\.label)
            edgesSeconds = bounds.map { edges[$0] }
            columnsPerCell = (0..<cellCount).map { bounds[$0 + 1] - bounds[$0] }.max() ?? 1
            var largest = 0.0
            values = rows.map { row in
                (0..<cellCount).map { cell in
                    var peak: Double?
                    // Rows may be shorter than the widest one; their missing columns stay empty.
                    for column in bounds[cell]..<max(bounds[cell], min(bounds[cell + 1], row.values.count)) {
                        let value = row.values[column]
                        guard value.isFinite else { continue }
                        peak = max(peak ?? value, value)
                    }
                    if let peak { largest = max(largest, peak) }
                    return peak
                }
            }
            largestValue = largest
        }

        /// `count + 1` ascending column edges in seconds.
        ///
        /// The last column is assumed as long as the one before it. Missing, non-finite or non-increasing
        /// start times cannot place a column honestly, so then columns fall back to one second each from
        /// the first usable start (or 0), keeping the chart drawable.
        static func columnEdges(_ starts: [Double], count: Int) -> [Double] {
            let given = Array(starts.prefix(count))
            var usable = given.allSatisfy(\.isFinite) && !given.isEmpty
            for index in given.indices.dropFirst() where given[index] <= given[index - 1] { usable = false }
            guard usable else {
                let origin = starts.first(where: \.isFinite) ?? 0
                return (0...count).map { origin + Double($0) }
            }
            var edges = given
            let lastStep = given.count > 1 ? given[given.count - 1] - given[given.count - 2] : 1
            while edges.count < count + 1 { edges.append(edges[edges.count - 1] + lastStep) }
            return edges
        }
    }
}
