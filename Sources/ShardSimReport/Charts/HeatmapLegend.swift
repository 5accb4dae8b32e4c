extension SVGChart {
    /// The heatmap's colour key: the ten bands with their boundary values, the marked "above maximum" swatch,
    /// and a "no data" swatch when some cells are empty.
    ///
    /// Without the key a heatmap only says "more" and "less"; with labelled bands a reader can say
    /// "this shard ran at 80–90 % of its limit".
    enum HeatmapLegend {
        /// Vertical space the legend needs below its top edge, in pixels.
        static let height = 42.0
        private static let swatchWidth = 28.0
        private static let swatchHeight = 12.0

        /// Draws the legend with its caption's baseline at `top + 11`, starting at `left`.
        static func draw(
            valueLabel: String, maxValue: Double, showsMissing: Bool, left: Double, top: Double,
            on canvas: inout Canvas
        ) {
            let bandCount = Palette.sequential.count
            canvas.text(Format.shortened(valueLabel, maxCharacters: 90), x: left, y: top + 11)
            let swatchTop = top + 17
            for (index, colour) in Palette.sequential.enumerated() {
                canvas.rect(
                    x: left + Double(index) * swatchWidth, y: swatchTop, width: swatchWidth,
                    height: swatchHeight, fill: colour)
            }
            // Every other boundary: six labels fit under ten 28 px swatches without touching.
            let labelStep = maxValue / Double(bandCount) * 2
            let decimals = Format.decimals(forStep: roundedStep(labelStep))
            let grouped = maxValue >= 10_000
            for boundary in stride(from: 0, through: bandCount, by: 2) {
                let value = maxValue * Double(boundary) / Double(bandCount)
                canvas.text(
                    Format.number(value, decimals: decimals, grouped: grouped),
                    x: left + Double(boundary) * swatchWidth, y: swatchTop + swatchHeight + 13,
                    size: tickFontSize, anchor: .middle)
            }

            var x = left + Double(bandCount) * swatchWidth + 22
            let maxText = Format.number(maxValue, decimals: decimals, grouped: grouped)
            canvas.rect(x: x, y: swatchTop, width: swatchWidth, height: swatchHeight, fill: Palette.overflowCell)
            let markY = Format.coordinate(swatchTop + swatchHeight / 2)
            canvas.strokedPath(
                "M" + Format.coordinate(x + swatchWidth / 5) + " " + markY
                    + "h" + Format.coordinate(swatchWidth * 3 / 5),
                stroke: Palette.overflowMark, width: HeatmapCells.markThickness(rowHeight: 6),
                dash: HeatmapCells.markDash)
            let overflowText = "above " + maxText
            canvas.text(overflowText, x: x + swatchWidth + 5, y: swatchTop + 10, size: tickFontSize)
            x += swatchWidth + 5 + Format.textWidth(overflowText, fontSize: tickFontSize) + 18

            guard showsMissing else { return }
            canvas.rect(
                x: x, y: swatchTop, width: swatchWidth, height: swatchHeight, fill: Palette.missingCell,
                stroke: gridColour)
            canvas.text("no data", x: x + swatchWidth + 5, y: swatchTop + 10, size: tickFontSize)
        }

        /// `step` rounded to three significant figures, so a maximum like 1/3 does not ask for nine decimals.
        private static func roundedStep(_ step: Double) -> Double {
            guard step > 0, step.isFinite else { return 1 }
            var scale = 1.0
            while step * scale < 100 { scale *= 10 }
            while step * scale >= 1000 { scale /= 10 }
            return (step * scale).rounded() / scale
        }
    }
}
