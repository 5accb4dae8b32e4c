import Foundation

extension SVGChart {
    /// Rows × columns of cells, viridis-like sequential scale from 0 to `maxValue` (values above are drawn in their
    /// own colour, vermillion, and marked), with a colour-scale legend labelled `valueLabel` (e.g. "write utilisation, % of limit").
    ///
    /// A heatmap is how hot shards stand out among hundreds. `columnStartSeconds` places the columns on a time
    /// axis that counts in s, min, h or d to suit the span (named in its title). Rows are labelled on the y axis,
    /// every k-th row once there are more than ~40. Up to 500 rows × 2,000 columns still make a page-sized SVG:
    /// beyond ~300 columns (fewer when there are many rows) columns are merged, each cell showing the peak of its
    /// columns so a one-column burst is not averaged away, and a note under the title says so. Ten discrete
    /// bands let a cell be matched to the legend exactly. A `height` of nil sizes the chart from the row count
    /// (16 px a row, about 640 px of cells at most). A `maxValue` that is not a positive number falls back to
    /// the largest value present; non-finite values leave their cell grey ("no data"); start times that are
    /// missing or not increasing fall back to one second a column.
    public static func heatmap(
        title: String, xLabel: String, valueLabel: String, rows: [HeatmapRow],
        columnStartSeconds: [Double], maxValue: Double,
        width: Int = defaultWidth, height: Int? = nil
    ) -> String {
        let width = max(width, 320)
        let labels = rows.map { Format.shortened($0.label, maxCharacters: 24) }
        // Whole-pixel plot edges and row heights keep crisp cell edges from leaving hairline seams.
        let left = max(48, 14 + (labels.map { Format.textWidth($0, fontSize: tickFontSize) }.max() ?? 0)).rounded(.up)
        var right = Double(width) - 20
        let rowCount = max(rows.count, 1)
        // Columns are merged to at most ~2 px each and at most ~50,000 cells in all: beyond that the extra
        // detail is invisible yet costs megabytes.
        let maxCells = max(min(300, Int((right - left) / 2), 50_000 / rowCount), 20)
        let grid = HeatmapGrid(rows: rows, columnStartSeconds: columnStartSeconds, maxCells: maxCells)
        let rowHeight = Self.rowHeight(rowCount: rowCount, chartHeight: height)
        let plotHeight = grid == nil ? 120 : rowHeight * Double(rowCount)
        let top = grid.map { $0.columnsPerCell > 1 } == true ? 52.0 : 38.0
        let chartHeight = height ?? Int((top + plotHeight + bottomBlock).rounded(.up))

        var canvas = Canvas(
            width: width, height: chartHeight, title: title,
            label: description(
                title: title, xLabel: xLabel, valueLabel: valueLabel,
                rows: rows.count, grid: grid))
        Frame.title(title, on: &canvas)
        var plot = PlotArea(left: left, top: top, right: right, bottom: top + plotHeight)
        guard let grid, grid.edgesSeconds[0] < grid.edgesSeconds[grid.cellCount] else {
            Frame.emptyPlot(plot: plot, xTitle: xLabel, yTitle: "", on: &canvas)
            return canvas.finished()
        }
        if grid.columnsPerCell > 1 {
            canvas.text(
                "Each cell shows the peak of up to \(grid.columnsPerCell) consecutive columns.",
                x: Frame.outerMargin, y: 40, size: tickFontSize, fill: mutedInk)
        }

        let start = grid.edgesSeconds[0], end = grid.edgesSeconds[grid.cellCount]
        func timeAxis() -> Axis {
            Axes.fitted(length: right - left, horizontal: true, fontSize: tickFontSize) {
                Axes.time(
                    lowerSeconds: start, upperSeconds: end, title: timeTitle(xLabel), maxCount: $0,
                    snapFraction: 0)
            }
        }
        var axis = timeAxis()
        if let lastTick = axis.ticks.last, let lastLabel = axis.labels.last {
            let labelEnd =
                axis.position(lastTick, from: left, to: right)
                + Format.textWidth(lastLabel, fontSize: tickFontSize) / 2
            if labelEnd > Double(width) - 4 {
                right = (right - (labelEnd - (Double(width) - 4))).rounded(.down)
                plot.right = right
                axis = timeAxis()
            }
        }

        let scaleMax = maxValue.isFinite && maxValue > 0 ? maxValue : (grid.largestValue > 0 ? grid.largestValue : 1)
        HeatmapCells.draw(grid, plot: plot, axis: axis, rowHeight: rowHeight, maxValue: scaleMax, on: &canvas)
        drawRowLabels(labels, plot: plot, rowHeight: rowHeight, on: &canvas)
        Frame.xAxis(axis, plot: plot, gridlines: false, on: &canvas)
        HeatmapLegend.draw(
            valueLabel: valueLabel, maxValue: scaleMax,
            showsMissing: grid.values.contains { $0.contains(nil) },
            left: plot.left, top: plot.bottom + 46, on: &canvas)
        return canvas.finished()
    }

    /// Space under the cells: x tick labels, x title, and the colour legend.
    private static let bottomBlock = 46 + HeatmapLegend.height + 8

    /// Pixels per row: 16 for up to 40 rows, then as many whole pixels as fit in about 640, so 500 shards
    /// still make a page-sized chart. A caller's `chartHeight` is honoured, with whole pixels where possible.
    private static func rowHeight(rowCount: Int, chartHeight: Int?) -> Double {
        let available = chartHeight.map { Double($0) - 52 - bottomBlock } ?? 640
        let exact = max(available, 40) / Double(rowCount)
        return exact >= 1 ? min(exact.rounded(.down), 16) : exact
    }

    /// Row labels on the left, thinned to every k-th row so labels never overlap and at most ~40 are drawn.
    private static func drawRowLabels(_ labels: [String], plot: PlotArea, rowHeight: Double, on canvas: inout Canvas) {
        let byCount = (labels.count + 39) / 40
        let bySpace = Int((14 / rowHeight).rounded(.up))
        let every = max(byCount, bySpace, 1)
        for index in stride(from: 0, to: labels.count, by: every) {
            let y = plot.top + (Double(index) + 0.5) * rowHeight
            if every > 1 { canvas.line(x1: plot.left - 3, y1: y, x2: plot.left, y2: y, stroke: axisColour) }
            canvas.text(labels[index], x: plot.left - 6, y: y + 4, size: tickFontSize, anchor: .end)
        }
    }

    /// The x title for a time axis: the caller's label, or "time" if it is empty once its unit is removed.
    private static func timeTitle(_ xLabel: String) -> String {
        let base = Axes.secondsTitleBase(xLabel)
        return base.trimmingCharacters(in: .whitespaces).isEmpty ? "time" : base
    }

    /// What a screen reader announces for a heatmap: its title, shape, axis and colour scale.
    private static func description(
        title: String, xLabel: String, valueLabel: String, rows: Int,
        grid: HeatmapGrid?
    ) -> String {
        guard let grid else { return title + ". Heatmap with no data." }
        return title + ". Heatmap of \(rows) rows by \(grid.cellCount) time cells; x axis: " + xLabel
            + "; colour: " + valueLabel + ", from 0 to the maximum, with cells above the maximum marked."
    }
}
