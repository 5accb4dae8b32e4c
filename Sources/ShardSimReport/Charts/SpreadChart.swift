extension SVGChart {
    /// One row of a spread chart: a metric's value in each replication, its mean and its 95 % interval, and the
    /// words printed beside them.
    struct SpreadRow {
        var label: String
        var values: [Double]
        var mean: Double
        var interval: ClosedRange<Double>
        /// "mean ± half-width" and "min – max" as the report's table prints them.
        var summaryText: String
        var lowText: String
        var highText: String
    }

    /// A strip plot per metric (docs/model.md section 18): each replication's value as a dot, the 95 % interval on
    /// the mean as a shaded band and the mean as a dark tick. Metrics differ in unit, so each row has its own scale,
    /// from the lower of its minimum and interval to the higher of its maximum and interval, printed at both ends.
    /// Dots are spread over five lanes by replication number, so equal values stay visible. The height follows from
    /// the number of rows.
    static func spreadChart(title: String, rows: [SpreadRow], width: Int = defaultWidth) -> String {
        let width = max(width, 480)
        let rowHeight = 44.0, top = 40.0
        let labelCharacters = max(Int(Double(width) * 0.3 / Format.textWidth("x", fontSize: 12)), 16)
        let labels = rows.map { Format.shortened($0.label, maxCharacters: labelCharacters) }
        let height = Int(top + Double(max(rows.count, 1)) * rowHeight + 24)
        var canvas = Canvas(
            width: width, height: height, title: title,
            label: title + ". Strip plot per metric: "
                + zip(labels, rows).prefix(20).map { $0 + ": " + $1.summaryText }
                .joined(separator: "; ") + ".")
        Frame.title(title, on: &canvas)
        let left = 20 + (labels.map { Format.textWidth($0, fontSize: 12) }.max() ?? 0)
        let right = Double(width) - 20
        for (index, row) in rows.enumerated() {
            let rowTop = top + Double(index) * rowHeight
            spreadRow(row, label: labels[index], top: rowTop, left: left, right: right, on: &canvas)
        }
        canvas.text(
            "dots: one replication each · band: 95% interval on the mean · dark tick: the mean",
            x: left, y: Double(height) - 8, size: tickFontSize, fill: mutedInk)
        return canvas.finished()
    }

    /// One metric's strip: its track, band, dots, mean, and the figures printed around it.
    private static func spreadRow(
        _ row: SpreadRow, label: String, top: Double, left: Double, right: Double, on canvas: inout Canvas
    ) {
        let stripTop = top + 4, stripBottom = top + 26
        let lower = min(row.values.min() ?? row.mean, row.interval.lowerBound)
        let upper = max(row.values.max() ?? row.mean, row.interval.upperBound)
        // A row whose values and interval coincide is drawn at the centre of its track.
        func x(_ value: Double) -> Double {
            guard upper > lower, value.isFinite else { return (left + right) / 2 }
            return left + (right - left) * (value - lower) / (upper - lower)
        }
        canvas.text(label, x: left - 8, y: (stripTop + stripBottom) / 2 + 4, anchor: .end)
        canvas.rect(x: left, y: stripTop, width: right - left, height: stripBottom - stripTop, fill: "#f4f4f4")
        let bandLeft = x(row.interval.lowerBound), bandRight = x(row.interval.upperBound)
        canvas.rect(
            x: bandLeft, y: stripTop, width: max(bandRight - bandLeft, 1), height: stripBottom - stripTop,
            fill: "#bcd7ea")
        for (replication, value) in row.values.enumerated() {
            let lane = Double(replication % 5) - 2
            canvas.circle(
                x: x(value), y: (stripTop + stripBottom) / 2 + lane * 3.5, radius: 2.5, fill: Palette.lineColours[1])
        }
        canvas.line(x1: x(row.mean), y1: stripTop - 2, x2: x(row.mean), y2: stripBottom + 2, stroke: ink, width: 2)
        let textY = stripBottom + 13
        canvas.text(row.lowText, x: left, y: textY, size: tickFontSize, fill: mutedInk)
        canvas.text(row.summaryText, x: (left + right) / 2, y: textY, size: tickFontSize, anchor: .middle)
        canvas.text(row.highText, x: right, y: textY, size: tickFontSize, anchor: .end, fill: mutedInk)
    }
}
