import Foundation

extension SVGChart {
    /// Evenly spaced axis values and the domain the axis spans.
    struct TickScale: Equatable {
        /// Tick positions in axis units, ascending.
        var values: [Double]
        /// Distance between ticks, used to pick how many decimals labels need.
        var step: Double
        /// The axis's first value: the data minimum, or a tick at or just below it when extended or snapped.
        var lower: Double
        /// The axis's last value.
        var upper: Double
    }

    /// Chooses "nice" tick steps: 1, 2 or 5 × 10^k (2.5 × 10^k when nothing else fits).
    ///
    /// Readers interpolate between round numbers far more easily than between 0, 173, 346; a fixed
    /// search order with explicit tie-breaks keeps the choice deterministic.
    enum Ticks {
        /// Ticks covering `lower...upper` with between 4 and `maxCount` values where possible.
        ///
        /// - Parameters:
        ///   - extendToTicks: widen the domain out to the enclosing ticks, so the top gridline is labelled
        ///     (value axes); otherwise only ticks inside the data range are kept (time axes, which should
        ///     not show empty time after the run).
        ///   - maxCount: fewer ticks when space is short; labels must not collide.
        ///   - extraSteps: additional round steps in this unit, e.g. 15 and 30 for minutes.
        ///   - snapFraction: without `extendToTicks`, how far (as a share of the span) the domain may still
        ///     widen to end on a round tick; 0 keeps the data range exactly (heatmap cells must fill the plot).
        static func nice(
            lower: Double, upper: Double, extendToTicks: Bool, maxCount: Int = 7,
            extraSteps: [Double] = [], snapFraction: Double = 0.02
        ) -> TickScale {
            let low = lower.isFinite ? lower : 0
            let high = upper.isFinite && upper > low ? upper : low + 1
            let span = high - low
            // Spans past Double's range (values near ±1e308) have no nice step; two ticks still draw.
            guard span.isFinite else { return TickScale(values: [low, high], step: high, lower: low, upper: high) }
            let most = max(maxCount, 2)
            let fewest = min(4, most)
            let target = Double(min(6, most))
            let decade = Int(floor(log10(span)))

            var candidates: [(step: NiceStep, penalty: Double)] = []
            for exponent in (decade - 2)...(decade + 1) {
                for mantissa in [1.0, 2.0, 2.5, 5.0] {
                    candidates.append((NiceStep(mantissa: mantissa, exponent: exponent), mantissa == 2.5 ? 0.5 : 0))
                }
            }
            for extra in extraSteps where extra > 0 {
                candidates.append((NiceStep(mantissa: extra, exponent: 0), 0.25))
            }

            var best: (score: Double, step: NiceStep, first: Double, last: Double)?
            for (step, penalty) in candidates {
                let size = step.size
                let first = extendToTicks ? floor(low / size + 1e-9) : ceil(low / size - 1e-9)
                let last = extendToTicks ? ceil(high / size - 1e-9) : floor(high / size + 1e-9)
                let count = last - first + 1
                guard count >= 1 else { continue }
                let outside = count < Double(fewest) || count > Double(most) ? 100.0 : 0
                let score = outside + abs(count - target) + penalty
                // Ties go to the larger step: fewer labels, more room for each.
                if let current = best, score > current.score || (score == current.score && size < current.step.size) {
                    continue
                }
                best = (score, step, first, last)
            }
            guard let chosen = best else {
                return TickScale(values: [low, high], step: span, lower: low, upper: high)
            }
            var (first, last) = (chosen.first, chosen.last)
            var (lowerBound, upperBound) = (low, high)
            if !extendToTicks {
                // Data ending a hair short of a round value (the last sample at 3,599 s of an hour) still
                // deserves the round label at its end: widen by a small share of the span to reach it.
                let size = chosen.step.size
                if last - first + 2 <= Double(most) && (last + 1) * size - high <= snapFraction * span {
                    last += 1
                    upperBound = chosen.step.value(at: last)
                }
                if last - first + 2 <= Double(most) && low - (first - 1) * size <= snapFraction * span {
                    first -= 1
                    lowerBound = chosen.step.value(at: first)
                }
            }
            let values = stride(from: first, through: last, by: 1).map { chosen.step.value(at: $0) }
            return TickScale(
                values: values, step: chosen.step.size,
                lower: extendToTicks ? values.first ?? low : lowerBound,
                upper: extendToTicks ? values.last ?? high : upperBound)
        }
    }

    /// A step kept as mantissa × 10^exponent so tick values avoid accumulated error (0.6, not 0.6000000000000001).
    struct NiceStep: Equatable {
        var mantissa: Double
        var exponent: Int

        /// The step as a plain number.
        var size: Double { value(at: 1) }

        /// The `index`-th multiple of the step, computed in one rounding.
        func value(at index: Double) -> Double {
            let power = pow(10, Double(abs(exponent)))
            let result = exponent >= 0 ? index * mantissa * power : index * mantissa / power
            return result == 0 ? 0 : result  // never "-0"
        }
    }
}
