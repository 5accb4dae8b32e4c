extension SVGChart {
    /// Lines over x (e.g. time in seconds). `step` draws step-after lines (for counts that change at instants, like
    /// shard count). `yAxisStartsAtZero` defaults true. Empty or all-empty series give a chart with a centred
    /// "no data" note, never a crash. Up to 8 series in the Okabe–Ito palette, also distinguished by dash patterns.
    ///
    /// An `xLabel` ending in a seconds unit ("time (s)", "time, s") or naming time with no unit ("simulated
    /// time") marks x as seconds: the axis then counts in s, min, h or d, whichever suits the span, and the title
    /// names that unit ("simulated time (min)"). Other labels ("latency, ms") get a plain numeric axis.
    /// Lines with more points than the plot has pixel columns keep each column's extremes, so spikes survive.
    /// Beyond eight series, colours repeat with different dashes; a legend too long for `height` makes the
    /// chart taller rather than the plot smaller.
    ///
    /// `logarithmicX` draws x on a log-10 scale (ticks at powers of ten), for data spanning decades such as
    /// latency from 5 ms to 40 s; points at x ≤ 0 are drawn at the smallest positive x. See `spansDecades`.
    public static func lineChart(
        title: String, xLabel: String, yLabel: String, series: [ChartSeries],
        step: Bool = false, yAxisStartsAtZero: Bool = true, logarithmicX: Bool = false,
        width: Int = defaultWidth, height: Int = defaultHeight
    ) -> String {
        let width = max(width, 240)
        let names = series.map(\.name)
        var lines = series.map { LinePath.cleaned($0.points) }
        if logarithmicX { lines = LogScale.transformed(lines) }
        let legendWidth = Double(width) - 2 * Frame.outerMargin
        let legendRows = LineLegend.rowCount(names: names, width: legendWidth)
        let top = 36 + Double(legendRows) * LineLegend.rowHeight + (legendRows > 0 ? 8 : 0)
        // A long legend grows the chart rather than squashing the plot below 120 px.
        let height = max(height, Int(top) + 120 + 46)
        let bottom = Double(height) - 46

        var canvas = Canvas(
            width: width, height: height, title: title,
            label: description(title: title, xLabel: xLabel, yLabel: yLabel, names: names))
        Frame.title(title, on: &canvas)
        LineLegend.draw(names: names, left: Frame.outerMargin, top: 30, width: legendWidth, on: &canvas)

        guard let ranges = DataRanges(lines: lines, yAxisStartsAtZero: yAxisStartsAtZero) else {
            let plot = PlotArea(left: 48, top: top, right: Double(width) - 20, bottom: bottom)
            Frame.emptyPlot(plot: plot, xTitle: xLabel, yTitle: yLabel, on: &canvas)
            return canvas.finished()
        }

        let yAxis = Axes.fitted(length: bottom - top, horizontal: false, fontSize: tickFontSize) {
            Axes.numeric(lower: ranges.yLower, upper: ranges.yUpper, title: yLabel, extendToTicks: true, maxCount: $0)
        }
        let left = Frame.yAxisMargin(labels: yAxis.labels)
        let isTime = Axes.isSecondsLabel(xLabel)
        func xAxis(right: Double) -> Axis {
            if logarithmicX {
                return LogScale.axis(lowerExponent: ranges.xLower, upperExponent: ranges.xUpper, title: xLabel)
            }
            return Axes.fitted(length: right - left, horizontal: true, fontSize: tickFontSize) { maxCount in
                isTime
                    ? Axes.time(
                        lowerSeconds: ranges.xLower, upperSeconds: ranges.xUpper, title: xLabel, maxCount: maxCount)
                    : Axes.numeric(
                        lower: ranges.xLower, upper: ranges.xUpper, title: xLabel,
                        extendToTicks: false, maxCount: maxCount)
            }
        }
        // The last tick label is centred on its tick; pull the plot in if it would run off the right edge.
        var right = Double(width) - 20
        var axis = xAxis(right: right)
        if let lastTick = axis.ticks.last, let lastLabel = axis.labels.last {
            let labelEnd =
                axis.position(lastTick, from: left, to: right)
                + Format.textWidth(lastLabel, fontSize: tickFontSize) / 2
            if labelEnd > Double(width) - 4 {
                right -= labelEnd - (Double(width) - 4)
                axis = xAxis(right: right)
            }
        }

        let plot = PlotArea(left: left, top: top, right: right, bottom: bottom)
        Frame.yAxis(yAxis, plot: plot, on: &canvas)
        Frame.xAxis(axis, plot: plot, gridlines: false, on: &canvas)
        drawLines(lines, step: step, xAxis: axis, yAxis: yAxis, plot: plot, on: &canvas)
        return canvas.finished()
    }

    /// Each series in its palette style: a path thinned to the plot's pixel columns, or a dot for a single point.
    private static func drawLines(
        _ lines: [[ChartPoint]], step: Bool, xAxis: Axis, yAxis: Axis, plot: PlotArea,
        on canvas: inout Canvas
    ) {
        for (index, points) in lines.enumerated() where !points.isEmpty {
            let style = Palette.lineStyle(index)
            let kept = LinePath.thinned(points, lower: xAxis.lower, upper: xAxis.upper, columns: Int(plot.width))
            let pixels = kept.map { point in
                (
                    x: xAxis.position(point.x, from: plot.left, to: plot.right),
                    y: yAxis.position(point.y, from: plot.bottom, to: plot.top)
                )
            }
            if pixels.count == 1 {
                canvas.circle(x: pixels[0].x, y: pixels[0].y, radius: 3, fill: style.colour)
            } else {
                canvas.strokedPath(LinePath.data(pixels, step: step), stroke: style.colour, width: 2, dash: style.dash)
            }
        }
    }

    /// What a screen reader announces for a line chart: the title, both axes and the series names.
    private static func description(title: String, xLabel: String, yLabel: String, names: [String]) -> String {
        var text = title + ". Line chart; x axis: " + xLabel + "; y axis: " + yLabel
        if names.count > 1 {
            let shown = names.prefix(8).joined(separator: ", ")
            text += "; series: " + shown + (names.count > 8 ? " and \(names.count - 8) more" : "")
        }
        return text + "."
    }

    /// The x and y extent of all drawable points, widened where it would otherwise be a single value.
    private struct DataRanges {
        var xLower: Double, xUpper: Double, yLower: Double, yUpper: Double

        /// Nil when there is no finite point at all.
        init?(lines: [[ChartPoint]], yAxisStartsAtZero: Bool) {
            guard let first = lines.first(where: { !$0.isEmpty })?.first else { return nil }
            var xs = (first.x, first.x), ys = (first.y, first.y)
            for point in lines.joined() {
                xs = (min(xs.0, point.x), max(xs.1, point.x))
                ys = (min(ys.0, point.y), max(ys.1, point.y))
            }
            // A single x still needs a visible axis; one unit either side is centred and honest.
            if xs.0 == xs.1 { xs = (xs.0 - 1, xs.1 + 1) }
            if yAxisStartsAtZero { ys = (min(ys.0, 0), max(ys.1, 0)) }
            if ys.0 == ys.1 {
                let pad = ys.0 == 0 ? 1 : abs(ys.0) * 0.1
                ys = yAxisStartsAtZero && ys.0 >= 0 ? (0, ys.1 + pad) : (ys.0 - pad, ys.1 + pad)
            }
            (xLower, xUpper, yLower, yUpper) = (xs.0, xs.1, ys.0, ys.1)
        }
    }
}
