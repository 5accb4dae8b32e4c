extension SVGChart {
    /// A finished axis: where the ticks go, what they say, and a title that names the unit.
    struct Axis {
        /// Tick positions in data units (seconds for time axes, whatever unit the labels use).
        var ticks: [Double]
        /// One label per tick.
        var labels: [String]
        /// The axis title, with the chosen time unit appended for time axes.
        var title: String
        /// The data range the axis spans.
        var lower: Double
        var upper: Double

        /// Where `value` falls along an axis drawn from `start` to `end` pixels.
        func position(_ value: Double, from start: Double, to end: Double) -> Double {
            start + (value - lower) / (upper - lower) * (end - start)
        }

        /// The narrowest gap between neighbouring ticks on an axis `length` pixels long.
        func tickSpacing(length: Double) -> Double {
            guard ticks.count > 1 else { return .infinity }
            return (ticks[1] - ticks[0]) / (upper - lower) * length
        }
    }

    /// Builds axes whose labels fit the space they are drawn in.
    enum Axes {
        /// A plain numeric axis.
        ///
        /// Separators are used for every label once any label reaches 10,000, so a column of labels
        /// never mixes "5000" with "10,000".
        static func numeric(
            lower: Double, upper: Double, title: String, extendToTicks: Bool,
            maxCount: Int
        ) -> Axis {
            let scale = Ticks.nice(lower: lower, upper: upper, extendToTicks: extendToTicks, maxCount: maxCount)
            let decimals = Format.decimals(forStep: scale.step)
            let grouped = scale.values.contains { abs($0) >= 10_000 }
            let labels = scale.values.map { Format.number($0, decimals: decimals, grouped: grouped) }
            return Axis(ticks: scale.values, labels: labels, title: title, lower: scale.lower, upper: scale.upper)
        }

        /// A time axis over seconds that switches to minutes, hours or days for long spans.
        ///
        /// "0, 600, 1,200 … 3,600 s" is hard to read as an hour; "0, 10 … 60 min" is not. The unit goes in
        /// the title so each tick label stays short.
        static func time(
            lowerSeconds: Double, upperSeconds: Double, title: String, maxCount: Int,
            snapFraction: Double = 0.02
        ) -> Axis {
            let span = upperSeconds - lowerSeconds
            let unit: (name: String, seconds: Double, extraSteps: [Double]) =
                span <= 180
                ? ("s", 1, [15, 30])
                : span <= 180 * 60
                    ? ("min", 60, [15, 30])
                    : span <= 72 * 3600
                        ? ("h", 3600, [3, 6, 12, 24])
                        : ("d", 86_400, [])
            let scale = Ticks.nice(
                lower: lowerSeconds / unit.seconds, upper: upperSeconds / unit.seconds,
                extendToTicks: false, maxCount: maxCount, extraSteps: unit.extraSteps,
                snapFraction: snapFraction)
            let decimals = Format.decimals(forStep: scale.step)
            let grouped = scale.values.contains { abs($0) >= 10_000 }
            return Axis(
                ticks: scale.values.map { $0 * unit.seconds },
                labels: scale.values.map { Format.number($0, decimals: decimals, grouped: grouped) },
                title: secondsTitleBase(title) + " (" + unit.name + ")",
                lower: scale.lower * unit.seconds, upper: scale.upper * unit.seconds)
        }

        /// The most ticks (7 down to 2) whose labels do not collide along `length` pixels.
        ///
        /// Horizontal labels need their own width plus a gap; vertical ones only a line height.
        static func fitted(
            length: Double, horizontal: Bool, fontSize: Double,
            build: (_ maxCount: Int) -> Axis
        ) -> Axis {
            var axis = build(7)
            for maxCount in stride(from: 6, through: 2, by: -1) {
                let needed =
                    horizontal
                    ? (axis.labels.map { Format.textWidth($0, fontSize: fontSize) }.max() ?? 0) + 10
                    : fontSize + 6
                if axis.tickSpacing(length: length) >= needed { break }
                axis = build(maxCount)
            }
            return axis
        }

        /// Whether an x label says its values are seconds: it ends in a seconds unit ("time (s)",
        /// "elapsed [seconds]", "time, s"), or it names time without any unit ("simulated time").
        ///
        /// The line chart's API has no unit parameter, so the label is the only signal that lets a long time
        /// axis switch to minutes or hours. A label naming another unit ("latency, ms", "time (ms)") is left alone.
        static func isSecondsLabel(_ label: String) -> Bool {
            if secondsTitleBase(label) != label { return true }
            let lowered = label.lowercased()
            let namesAUnit = lowered.hasSuffix(")") || lowered.hasSuffix("]") || lowered.contains(",")
            return !namesAUnit && lowered.split { !$0.isLetter }.contains("time")
        }

        /// `label` without a trailing seconds unit, so the chosen unit can replace it.
        static func secondsTitleBase(_ label: String) -> String {
            let lowered = label.lowercased()
            for suffix in ["(s)", "[s]", "(sec)", "[sec]", "(seconds)", "[seconds]", ", s", ", sec", ", seconds"]
            where lowered.hasSuffix(suffix) {
                var base = String(label.dropLast(suffix.count))
                while base.last == " " || base.last == "," { base.removeLast() }
                return base
            }
            return label
        }
    }
}
