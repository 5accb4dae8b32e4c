extension SVGChart {
    /// Colours and dash patterns that stay distinguishable for colour-blind readers and in greyscale print.
    enum Palette {
        /// The Okabe–Ito palette, reordered so the colours with most contrast on white come first and
        /// yellow, the faintest, comes last.
        static let lineColours = [
            "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
        ]

        /// Dash arrays paired with the colours, so series differ even when colour is lost (greyscale print).
        static let dashPatterns: [String?] = [
            nil, "7 3", "2 2", "9 3 2 3", "4 4", "1 3", "12 4", "6 2 2 2 2 2",
        ]

        /// Colour and dash for the `index`-th series.
        ///
        /// Past eight series, colours repeat but with a shifted dash pattern, so the first 64 pairs are unique.
        static func lineStyle(_ index: Int) -> (colour: String, dash: String?) {
            let colour = lineColours[index % lineColours.count]
            let dash = dashPatterns[(index + index / lineColours.count) % dashPatterns.count]
            return (colour, dash)
        }

        /// Ten viridis colours from low to high, one per tenth of the heatmap scale.
        ///
        /// Viridis is perceptually uniform and readable with every common colour-vision deficiency; discrete
        /// bands let readers match a cell to the legend exactly.
        static let sequential = [
            "#440154", "#482878", "#3E4A89", "#31688E", "#26828E",
            "#1F9E89", "#35B779", "#6DCD59", "#B4DE2C", "#FDE725",
        ]

        /// The band a value falls in on a 0...`maxValue` scale, or nil above it (drawn in `overflowCell`, marked).
        static func band(_ value: Double, maxValue: Double) -> Int? {
            guard value <= maxValue else { return nil }
            let fraction = max(value, 0) / maxValue
            return min(Int(fraction * Double(sequential.count)), sequential.count - 1)
        }

        /// Bars: one colour, since bars are told apart by their labels.
        static let bar = "#0072B2"
        /// Cells above the heatmap's maximum (e.g. over 100 % of a limit): Okabe–Ito vermillion, a hue viridis
        /// never reaches, so "over the limit" never reads as the 90–100 % (yellow) band.
        static let overflowCell = "#D55E00"
        /// Marks on cells above the heatmap's maximum: black dashes, so overflow also survives greyscale print.
        static let overflowMark = "#000000"
        /// Cells with no (finite) value: a light grey that no viridis band resembles.
        static let missingCell = "#eeeeee"
    }
}
