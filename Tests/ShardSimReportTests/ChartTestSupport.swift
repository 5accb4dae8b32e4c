import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Checks shared by the chart tests: is the output well-formed XML, and does it keep the output promises
/// (accessibility metadata, no scripts or external references, no NaN or exponent notation).
enum SVGCheck {
    /// The root element of `svg` parsed as XML, or nil if it is not well-formed.
    static func root(_ svg: String) -> XMLElement? {
        guard let document = try? XMLDocument(xmlString: svg, options: []) else { return nil }
        return document.rootElement()
    }

    /// Every way the output contract can be broken, as readable strings (empty when all is well).
    static func problems(_ svg: String) -> [String] {
        var found: [String] = []
        guard let root = root(svg) else { return ["not well-formed XML"] }
        if root.name != "svg" { found.append("root is \(root.name ?? "?")") }
        if attribute("role", of: root) != "img" { found.append("no role=img") }
        if (attribute("aria-label", of: root) ?? "").isEmpty { found.append("no aria-label") }
        if attribute("viewBox", of: root) == nil { found.append("no viewBox") }
        if root.elements(forName: "title").first == nil { found.append("no <title>") }
        let lowered = svg.lowercased()
        for forbidden in ["<script", "href", "url(", "nan", "inf\""] where lowered.contains(forbidden) {
            found.append("contains \(forbidden)")
        }
        if svg.range(of: #"[0-9]e[+-]?[0-9]"#, options: .regularExpression) != nil {
            found.append("exponent notation")
        }
        return found
    }

    /// The value of `root`'s attribute `name`, matched by local name (the SVG namespace hides plain lookups).
    static func attribute(_ name: String, of element: XMLElement) -> String? {
        element.attributes?.first { $0.localName == name || $0.name == name }?.stringValue
    }

    /// The text content of every `<text>` element, in document order.
    static func texts(_ svg: String) -> [String] {
        guard let root = root(svg) else { return [] }
        return (try? root.nodes(forXPath: "//*[local-name()='text']"))?.compactMap(\.stringValue) ?? []
    }

    /// Each `<text>` element's content with its x and font size (12 when not given), in document order.
    static func textBoxes(_ svg: String) -> [(text: String, x: Double, size: Double, anchor: String)] {
        guard let root = root(svg), let nodes = try? root.nodes(forXPath: "//*[local-name()='text']") else { return [] }
        return nodes.compactMap { node in
            guard let element = node as? XMLElement else { return nil }
            let x = attribute("x", of: element).flatMap(Double.init) ?? 0
            let size = attribute("font-size", of: element).flatMap(Double.init) ?? 12
            return (element.stringValue ?? "", x, size, attribute("text-anchor", of: element) ?? "start")
        }
    }

    /// Number of non-overlapping occurrences of `needle` in `haystack`.
    static func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }
}

/// A deterministic pseudo-random sequence (64-bit LCG) so test data is the same on every run.
struct TestNoise {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next value in 0..<1.
    mutating func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(UInt64(1) << 53)
    }
}
