extension SVGChart {
    /// The parts every chart shares: title, axes, gridlines and axis titles.
    ///
    /// Drawn the same way in every chart so a report reads as one consistent document.
    enum Frame {
        /// Baseline of the chart title, in pixels from the top.
        static let titleBaseline = 22.0
        /// Left edge of the title and legends.
        static let outerMargin = 12.0

        /// The bold chart title, top left.
        static func title(_ title: String, on canvas: inout Canvas) {
            canvas.text(
                Format.shortened(title, maxCharacters: 90), x: outerMargin, y: titleBaseline,
                size: titleFontSize, bold: true)
        }

        /// A horizontal axis under the plot, with tick labels and the axis title below them.
        static func xAxis(_ axis: Axis, plot: PlotArea, gridlines: Bool, on canvas: inout Canvas) {
            for (tick, label) in zip(axis.ticks, axis.labels) {
                let x = axis.position(tick, from: plot.left, to: plot.right)
                if gridlines { canvas.line(x1: x, y1: plot.top, x2: x, y2: plot.bottom, stroke: gridColour) }
                canvas.line(x1: x, y1: plot.bottom, x2: x, y2: plot.bottom + 4, stroke: axisColour)
                canvas.text(label, x: x, y: plot.bottom + 17, size: tickFontSize, anchor: .middle)
            }
            canvas.line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: axisColour)
            canvas.text(axis.title, x: plot.centreX, y: plot.bottom + 35, anchor: .middle)
        }

        /// A vertical axis left of the plot with horizontal gridlines, and its title turned to read upwards.
        static func yAxis(_ axis: Axis, plot: PlotArea, on canvas: inout Canvas) {
            for (tick, label) in zip(axis.ticks, axis.labels) {
                let y = axis.position(tick, from: plot.bottom, to: plot.top)
                canvas.line(x1: plot.left, y1: y, x2: plot.right, y2: y, stroke: gridColour)
                canvas.line(x1: plot.left - 4, y1: y, x2: plot.left, y2: y, stroke: axisColour)
                canvas.text(label, x: plot.left - 7, y: y + 4, size: tickFontSize, anchor: .end)
            }
            canvas.line(x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom, stroke: axisColour)
            yTitle(axis.title, plot: plot, on: &canvas)
        }

        /// A y-axis title alone, for charts whose y axis is categories rather than numbers.
        static func yTitle(_ title: String, plot: PlotArea, on canvas: inout Canvas) {
            canvas.text(
                Format.shortened(title, maxCharacters: Int(plot.height / 7)), x: 16, y: plot.centreY,
                anchor: .middle, rotated: true)
        }

        /// Width to leave left of a plot for y tick labels plus the rotated axis title.
        static func yAxisMargin(labels: [String]) -> Double {
            let widest = labels.map { Format.textWidth($0, fontSize: tickFontSize) }.max() ?? 0
            return 30 + widest
        }

        /// Axes with titles but no ticks, plus the "no data" note: an empty chart still says what it would show.
        static func emptyPlot(plot: PlotArea, xTitle: String, yTitle: String, on canvas: inout Canvas) {
            canvas.line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: axisColour)
            canvas.line(x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom, stroke: axisColour)
            canvas.text(xTitle, x: plot.centreX, y: plot.bottom + 35, anchor: .middle)
            if !yTitle.isEmpty { self.yTitle(yTitle, plot: plot, on: &canvas) }
            canvas.noDataNote(centreX: plot.centreX, centreY: plot.centreY)
        }
    }
}
