import Foundation

extension SVGChart {
    /// Deterministic text for numbers and labels inside the SVG.
    ///
    /// Reports must be byte-identical for the same input, so nothing here consults a locale or prints a
    /// Double through `description` (which switches to exponents and varies in digit count).
    enum Format {
        /// A coordinate with at most one decimal place ("12", "12.5", "-3.1").
        ///
        /// Tenths of a pixel are below what a screen or printer resolves, and shorter numbers keep big charts small.
        static func coordinate(_ value: Double) -> String {
            // Clamping keeps a wild input from overflowing Int64; nothing legitimate is drawn this far out.
            let clamped = value.isFinite ? min(max(value, -1e7), 1e7) : 0
            return tenths(Int((clamped * 10).rounded(.toNearestOrAwayFromZero)))
        }

        /// A whole number of tenths as a coordinate (123 → "12.3", 120 → "12").
        ///
        /// Heatmaps work in integer tenths so relative path moves add up exactly, with no drift across a row.
        static func tenths(_ value: Int) -> String {
            let sign = value < 0 ? "-" : ""
            let whole = value.magnitude / 10, fraction = value.magnitude % 10
            return fraction == 0 ? sign + String(whole) : sign + String(whole) + "." + String(fraction)
        }

        /// A value with a fixed number of decimals, rounded half away from zero, never in exponent notation.
        ///
        /// `grouped` adds thousands separators; axes decide it once for all their labels so they stay aligned.
        static func number(_ value: Double, decimals: Int, grouped: Bool) -> String {
            guard value.isFinite else { return "n/a" }
            let places = min(max(decimals, 0), 9)
            var scale = 1.0
            for _ in 0..<places { scale *= 10 }
            let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
            let sign = value < 0 && scaled > 0 ? "-" : ""
            guard scaled < 9e15 else {
                // Beyond Int64's exact range: C formatting is locale-free and still prints every digit.
                let digits = String(format: "%.0f", abs(value).rounded())
                return sign + (grouped ? groupThousands(digits) : digits)
            }
            let units = Int64(scaled)
            let divisor = Int64(scale)
            let wholeDigits = String(units / divisor)
            let whole = grouped ? groupThousands(wholeDigits) : wholeDigits
            guard places > 0 else { return sign + whole }
            var fraction = String(units % divisor)
            while fraction.count < places { fraction = "0" + fraction }
            return sign + whole + "." + fraction
        }

        /// The fewest decimals that print every multiple of `step` exactly (0.2 → 1, 0.25 → 2, 500 → 0).
        static func decimals(forStep step: Double) -> Int {
            guard step.isFinite, step > 0 else { return 0 }
            var scaled = step
            for places in 0...9 {
                if abs(scaled - scaled.rounded()) <= 1e-6 * max(1, scaled) { return places }
                scaled *= 10
            }
            return 9
        }

        /// "1234567" → "1,234,567".
        static func groupThousands(_ digits: String) -> String {
            var grouped = ""
            for (offset, character) in digits.enumerated() {
                if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(",") }
                grouped.append(character)
            }
            return grouped
        }

        /// Text safe inside XML content and double- or single-quoted attributes.
        ///
        /// Labels come from user scenarios (stream names, shard ids), so they are hostile until escaped;
        /// control characters XML 1.0 forbids are dropped rather than producing an unparsable document.
        static func escaped(_ text: String) -> String { OutputEscaping.html(text) }

        /// Estimated rendered width of `text` in pixels.
        ///
        /// SVG has no text metrics without a renderer; 0.62 em per character errs wide for common sans fonts,
        /// which keeps labels from colliding at the cost of a little spare margin.
        static func textWidth(_ text: String, fontSize: Double) -> Double {
            Double(text.count) * fontSize * 0.62
        }

        /// `text` cut to at most `maxCharacters`, keeping both ends.
        ///
        /// Shard ids and stream names differ at the end ("shardId-000000000123"), so the middle is what goes.
        static func shortened(_ text: String, maxCharacters: Int) -> String {
            guard text.count > maxCharacters, maxCharacters >= 5 else { return text }
            let tail = (maxCharacters - 1) * 3 / 5
            let head = maxCharacters - 1 - tail
            return String(text.prefix(head)) + "…" + String(text.suffix(tail))
        }
    }
}
