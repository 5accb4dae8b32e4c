extension SVGChart {
    /// Turns series points into compact SVG path data.
    enum LinePath {
        /// The finite points of a series in x order.
        ///
        /// Callers promise x order, but a stable sort costs little and keeps a mis-ordered series from
        /// drawing a scribble; non-finite points are dropped because SVG cannot draw them.
        static func cleaned(_ points: [ChartPoint]) -> [ChartPoint] {
            let finite = points.enumerated().filter { $0.element.x.isFinite && $0.element.y.isFinite }
            let sorted = finite.sorted { ($0.element.x, $0.offset) < ($1.element.x, $1.offset) }
            return sorted.map(\.element)
        }

        /// At most four points per pixel column: the first, lowest, highest and last, in x order.
        ///
        /// A 10,000-point line on a 650-pixel plot would otherwise cost hundreds of kilobytes for detail no
        /// screen shows; keeping each column's extremes means spikes (the thing a reader looks for) survive.
        static func thinned(_ points: [ChartPoint], lower: Double, upper: Double, columns: Int) -> [ChartPoint] {
            let columnCount = max(columns, 1)
            guard points.count > 2 * columnCount, upper > lower else { return points }
            let scale = Double(columnCount) / (upper - lower)
            func column(_ point: ChartPoint) -> Int {
                min(max(Int((point.x - lower) * scale), 0), columnCount - 1)
            }
            var kept: [ChartPoint] = []
            kept.reserveCapacity(4 * columnCount)
            var start = 0
            while start < points.count {
                let current = column(points[start])
                var end = start
                var lowest = start, highest = start
                while end + 1 < points.count && column(points[end + 1]) == current {
                    end += 1
                    if points[end].y < points[lowest].y { lowest = end }
                    if points[end].y > points[highest].y { highest = end }
                }
                var previous = -1
                for index in [start, lowest, highest, end].sorted() where index != previous {
                    kept.append(points[index])
                    previous = index
                }
                start = end + 1
            }
            return kept
        }

        /// Path data through pixel positions: straight segments, or step-after ("hold until the next point")
        /// segments when `step` is set.
        ///
        /// Points that land on the same tenth of a pixel as the previous one are dropped; they add bytes, not ink.
        static func data(_ pixels: [(x: Double, y: Double)], step: Bool) -> String {
            var d = ""
            var lastX = "", lastY = ""
            var hasLineTo = false  // after the first "L", further points may omit it (implicit lineto)
            for (index, pixel) in pixels.enumerated() {
                let x = Format.coordinate(pixel.x), y = Format.coordinate(pixel.y)
                if index == 0 {
                    d = "M" + x + " " + y
                } else if step {
                    if x != lastX { d += "H" + x }
                    if y != lastY { d += "V" + y }
                } else if x != lastX || y != lastY {
                    d += (hasLineTo ? " " : "L") + x + " " + y
                    hasLineTo = true
                }
                lastX = x
                lastY = y
            }
            return d
        }
    }
}
