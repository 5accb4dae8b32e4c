/// Self-contained SVG charts for ShardSim's HTML report: line charts, heatmaps and bar charts.
///
/// Every chart is a pure function of its arguments returning one `<svg>` element with no scripts and no
/// external references, so a report is readable without JavaScript, prints, and is byte-identical for the
/// same input. Colours come from colour-blind-safe palettes, and lines are also told apart by dash pattern.
public enum SVGChart {
    /// Default chart width in pixels; fits an A4/Letter page in portrait at 100%.
    public static let defaultWidth = 760
    /// Default line-chart height in pixels; heatmaps and bar charts size themselves from their rows.
    public static let defaultHeight = 300

    /// Fonts every platform has, so text-width estimates stay close to what is rendered.
    static let fontFamily = "Helvetica, Arial, sans-serif"
    /// Near-black for text: full contrast on white, prints on any printer.
    static let ink = "#222222"
    /// Secondary text (notes, legend captions).
    static let mutedInk = "#555555"
    /// Axis lines and tick marks.
    static let axisColour = "#666666"
    /// Gridlines: visible enough to read values across, faint enough not to compete with data.
    static let gridColour = "#dddddd"
    /// Font sizes in pixels.
    static let titleFontSize = 15.0
    static let tickFontSize = 11.0
}

extension SVGChart {
    /// The rectangle data is drawn in, in pixels from the top-left corner of the chart.
    struct PlotArea {
        var left: Double
        var top: Double
        var right: Double
        var bottom: Double

        var width: Double { right - left }
        var height: Double { bottom - top }
        var centreX: Double { (left + right) / 2 }
        var centreY: Double { (top + bottom) / 2 }
    }
}
