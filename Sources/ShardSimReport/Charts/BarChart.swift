extension SVGChart {
    /// Horizontal bars with their values printed (e.g. monthly cost by line item, "$43.80").
    ///
    /// Horizontal so long labels read without rotation, and with printed values because a cost breakdown is
    /// read for its numbers as much as its proportions. Bars keep the caller's order. Non-finite values get no
    /// bar and print "n/a"; an empty list gives a "no data" chart. The height follows from the number of bars.
    public static func barChart(
        title: String, valueLabel: String, bars: [(label: String, value: Double)],
        valueFormat: (Double) -> String, width: Int = defaultWidth
    ) -> String {
        let width = max(width, 320)
        let rowHeight = 24.0, top = 40.0
        // Labels up to 45 % of the width print whole (every AWS price dimension name at the default width);
        // only longer ones lose their middle.
        let labelCharacters = max(Int(Double(width) * 0.45 / Format.textWidth("x", fontSize: 12)), 20)
        let labels = bars.map { Format.shortened($0.label, maxCharacters: labelCharacters) }
        let texts = bars.map { $0.value.isFinite ? valueFormat($0.value) : "n/a" }
        let plotBottom = top + Double(max(bars.count, 3)) * rowHeight + 6
        let height = Int(plotBottom + 46)
        var canvas = Canvas(
            width: width, height: height, title: title,
            label: description(title: title, valueLabel: valueLabel, labels: labels, texts: texts))
        Frame.title(title, on: &canvas)

        let left = 20 + (labels.map { Format.textWidth($0, fontSize: 12) }.max() ?? 0)
        let right = Double(width) - 12 - (texts.map { Format.textWidth($0, fontSize: 12) }.max() ?? 0)
        let finite = bars.map(\.value).filter(\.isFinite)
        guard !finite.isEmpty, right - left > 40 else {
            let plot = PlotArea(
                left: min(left, Double(width) / 2), top: top, right: Double(width) - 20, bottom: plotBottom)
            Frame.emptyPlot(plot: plot, xTitle: valueLabel, yTitle: "", on: &canvas)
            return canvas.finished()
        }
        let plot = PlotArea(left: left, top: top, right: right, bottom: plotBottom)
        let lower = min(finite.min() ?? 0, 0)
        let upper = max(finite.max() ?? 0, 0)
        let axis = Axes.fitted(length: plot.width, horizontal: true, fontSize: tickFontSize) {
            Axes.numeric(
                lower: lower, upper: upper > lower ? upper : lower + 1, title: valueLabel,
                extendToTicks: true, maxCount: $0)
        }
        Frame.xAxis(axis, plot: plot, gridlines: true, on: &canvas)

        let zero = axis.position(0, from: plot.left, to: plot.right)
        for (index, bar) in bars.enumerated() {
            let rowTop = plot.top + Double(index) * rowHeight
            let centre = rowTop + rowHeight / 2
            canvas.text(labels[index], x: plot.left - 8, y: centre + 4, anchor: .end)
            var textX = zero + 5
            if bar.value.isFinite {
                let end = axis.position(bar.value, from: plot.left, to: plot.right)
                canvas.rect(
                    x: min(zero, end), y: rowTop + 4, width: abs(end - zero), height: rowHeight - 8,
                    fill: Palette.bar)
                textX = max(end, zero) + 5
            }
            canvas.text(texts[index], x: textX, y: centre + 4)
        }
        canvas.line(x1: zero, y1: plot.top, x2: zero, y2: plot.bottom, stroke: axisColour)
        return canvas.finished()
    }

    /// What a screen reader announces for a bar chart: the title and every bar's label and printed value,
    /// since those numbers are the point of the chart.
    private static func description(title: String, valueLabel: String, labels: [String], texts: [String]) -> String {
        guard !labels.isEmpty else { return title + ". Bar chart with no data." }
        let pairs = zip(labels, texts).prefix(20).map { $0 + ": " + $1 }
        let more = labels.count > 20 ? "; and \(labels.count - 20) more" : ""
        return title + ". Bar chart of " + valueLabel + ": " + pairs.joined(separator: "; ") + more + "."
    }
}
