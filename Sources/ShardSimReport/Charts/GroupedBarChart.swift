extension SVGChart {
    /// Horizontal bars grouped by category, one bar per group in each (e.g. a cost line item with one bar for
    /// PROVISIONED and one for ON_DEMAND), a legend naming the groups, and every value printed.
    ///
    /// `values[category][group]`; a non-finite value means the figure does not apply to that group (no bar,
    /// "n/a"). Category labels wrap onto as many lines as they need, at word boundaries, and are never cut:
    /// the label column takes at most a third of the width unless a single word needs more.
    public static func groupedBarChart(
        title: String, valueLabel: String, categories: [String], groupNames: [String],
        values: [[Double]], valueFormat: (Double) -> String,
        width: Int = defaultWidth
    ) -> String {
        let width = max(width, 320)
        let barHeight = 14.0, barGap = 3.0, lineHeight = 14.0, blockGap = 10.0
        let wrapped = categories.map { Format.wrapped($0, maxWidth: Double(width) / 3, fontSize: 12) }
        let texts = values.map { row in
            groupNames.indices.map { index in
                index < row.count && row[index].isFinite ? valueFormat(row[index]) : "n/a"
            }
        }
        let blockHeights = wrapped.map { lines in
            max(Double(groupNames.count) * (barHeight + barGap), Double(lines.count) * lineHeight) + blockGap
        }
        let legendRows = (legendLayout(groupNames, width: Double(width) - 2 * Frame.outerMargin).last?.row ?? 0) + 1
        let top = 36 + Double(legendRows) * LineLegend.rowHeight + 8
        let plotBottom = top + max(blockHeights.reduce(0, +), 3 * lineHeight)
        var canvas = Canvas(
            width: width, height: Int(plotBottom + 46), title: title,
            label: description(title: title, categories: categories, groups: groupNames, texts: texts))
        Frame.title(title, on: &canvas)
        drawLegend(groupNames, top: 30, width: Double(width), on: &canvas)

        let left = 20 + (wrapped.joined().map { Format.textWidth($0, fontSize: 12) }.max() ?? 0)
        let right = Double(width) - 12 - (texts.joined().map { Format.textWidth($0, fontSize: 12) }.max() ?? 0)
        let finite = values.joined().filter(\.isFinite)
        guard !finite.isEmpty, right - left > 40 else {
            let plot = PlotArea(
                left: min(left, Double(width) / 2), top: top, right: Double(width) - 20, bottom: plotBottom)
            Frame.emptyPlot(plot: plot, xTitle: valueLabel, yTitle: "", on: &canvas)
            return canvas.finished()
        }
        let plot = PlotArea(left: left, top: top, right: right, bottom: plotBottom)
        let upper = max(finite.max() ?? 0, 0), lower = min(finite.min() ?? 0, 0)
        let axis = Axes.fitted(length: plot.width, horizontal: true, fontSize: tickFontSize) {
            Axes.numeric(
                lower: lower, upper: upper > lower ? upper : lower + 1, title: valueLabel, extendToTicks: true,
                maxCount: $0)
        }
        Frame.xAxis(axis, plot: plot, gridlines: true, on: &canvas)
        let zero = axis.position(0, from: plot.left, to: plot.right)
        var blockTop = plot.top
        for (category, lines) in wrapped.enumerated() {
            let barsHeight = Double(groupNames.count) * (barHeight + barGap)
            let labelTop =
                blockTop + (max(barsHeight, Double(lines.count) * lineHeight) - Double(lines.count) * lineHeight) / 2
            for (index, line) in lines.enumerated() {
                canvas.text(line, x: plot.left - 8, y: labelTop + Double(index) * lineHeight + 11, anchor: .end)
            }
            for group in groupNames.indices {
                let barTop = blockTop + Double(group) * (barHeight + barGap)
                var textX = zero + 5
                if group < values[category].count, values[category][group].isFinite {
                    let end = axis.position(values[category][group], from: plot.left, to: plot.right)
                    canvas.rect(
                        x: min(zero, end), y: barTop, width: abs(end - zero), height: barHeight,
                        fill: Palette.lineStyle(group).colour)
                    textX = max(end, zero) + 5
                }
                canvas.text(texts[category][group], x: textX, y: barTop + 11, size: tickFontSize)
            }
            blockTop += blockHeights[category]
        }
        canvas.line(x1: zero, y1: plot.top, x2: zero, y2: plot.bottom, stroke: axisColour)
        return canvas.finished()
    }

    /// Left offset and row of each legend entry (a filled swatch and the group's full name) within `width`.
    private static func legendLayout(_ names: [String], width: Double) -> [(x: Double, row: Int)] {
        LineLegend.flow(entryWidths: names.map { 18 + Format.textWidth($0, fontSize: 12) + 16 }, width: width)
    }

    private static func drawLegend(_ names: [String], top: Double, width: Double, on canvas: inout Canvas) {
        for (index, position) in legendLayout(names, width: width - 2 * Frame.outerMargin).enumerated() {
            let x = Frame.outerMargin + position.x, y = top + Double(position.row) * LineLegend.rowHeight
            canvas.rect(x: x, y: y + 1, width: 12, height: 12, fill: Palette.lineStyle(index).colour)
            canvas.text(names[index], x: x + 18, y: y + 11)
        }
    }

    /// What a screen reader announces: the title and each category's printed values by group.
    private static func description(title: String, categories: [String], groups: [String], texts: [[String]]) -> String
    {
        guard !categories.isEmpty else { return title + ". Bar chart with no data." }
        let items = zip(categories, texts).prefix(20).map { category, row in
            category + ": " + zip(groups, row).map { $0 + " " + $1 }.joined(separator: ", ")
        }
        return title + ". Grouped bar chart: " + items.joined(separator: "; ") + "."
    }
}

extension SVGChart.Format {
    /// `text` broken at spaces into lines no wider than `maxWidth` (estimated), never cutting a word: a word
    /// wider than `maxWidth` gets a line of its own.
    static func wrapped(_ text: String, maxWidth: Double, fontSize: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if !current.isEmpty && textWidth(candidate, fontSize: fontSize) > maxWidth {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
