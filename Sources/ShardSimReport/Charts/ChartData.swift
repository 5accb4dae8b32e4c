/// One line of a chart: (x, y) points in x order.
///
/// Plain values rather than a protocol so reports can build series from any metric without adapters,
/// and so equal inputs are visibly equal (the chart output is a pure function of them).
public struct ChartSeries: Sendable, Equatable {
    /// Shown in the legend when a chart has more than one series.
    public var name: String
    /// The line's points; non-finite coordinates are skipped when drawing.
    public var points: [ChartPoint]

    /// A named line.
    public init(name: String, points: [ChartPoint]) {
        self.name = name
        self.points = points
    }
}

/// One (x, y) sample of a line.
///
/// Doubles in the caller's units (e.g. seconds, records per second); the chart only scales them.
public struct ChartPoint: Sendable, Equatable {
    /// Horizontal position, e.g. time in seconds.
    public var x: Double
    /// Vertical position in the y axis's unit.
    public var y: Double

    /// A point at (x, y).
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A heatmap row (e.g. one shard), values in 0...∞ drawn on a sequential scale clipped at `maxValue`.
///
/// A row keeps its own label so reports can order rows however they like without a side table.
public struct HeatmapRow: Sendable, Equatable {
    /// Drawn on the y axis (every k-th label when there are many rows).
    public var label: String
    /// One value per column; non-finite values leave their cell empty.
    public var values: [Double]

    /// A labelled row of cell values.
    public init(label: String, values: [Double]) {
        self.label = label
        self.values = values
    }
}
