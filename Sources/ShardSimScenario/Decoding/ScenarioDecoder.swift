import ShardSimEngine
import ShardSimJSON
import ShardSimModel

/// Turns a scenario file (plus `--set` overrides) into a validated `Scenario`, or a `ScenarioError`
/// listing every problem with its JSON path.
public enum ScenarioDecoder {
    /// Largest scenario file read, so a huge file fails fast with a message instead of exhausting memory.
    public static let maxFileBytes = 16 * 1_048_576

    /// Decodes `bytes`, applying `overrides` ("path=value" strings) first; files the scenario refers to (rate
    /// series, shard lists) are read through `files`.
    public static func decode(
        _ bytes: [UInt8], overrides: [String] = [],
        files: ReferencedFiles = .unavailable
    ) throws(ScenarioError) -> Scenario {
        guard bytes.count <= maxFileBytes else {
            throw ScenarioError(diagnostics: [
                ScenarioDiagnostic(
                    path: "",
                    message:
                        "the scenario file is \(formatted(Int64(bytes.count))) bytes; the limit is \(formatted(Int64(maxFileBytes)))"
                )
            ])
        }
        var document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw ScenarioError(diagnostics: [
                ScenarioDiagnostic(path: "", message: "not valid JSON: \(error.description)")
            ])
        }
        var overrideProblems: [ScenarioDiagnostic] = []
        for override in overrides {
            do {
                try ScenarioOverrides.apply(override, to: &document)
            } catch {
                overrideProblems.append(error)
            }
        }
        guard overrideProblems.isEmpty else {
            // Every bad --set is reported: a path that cannot be set left the document as it was, so decoding it
            // (with the other overrides applied) names the rest, e.g. an unknown field set beside a bad index.
            do {
                _ = try decode(document, files: files)
            } catch {
                overrideProblems += error.diagnostics
            }
            throw ScenarioError(diagnostics: overrideProblems)
        }
        return try decode(document, files: files)
    }

    /// Decodes a parsed document.
    public static func decode(_ document: JSONValue, files: ReferencedFiles = .unavailable) throws(ScenarioError)
        -> Scenario
    {
        let diagnostics = Diagnostics(files: files)
        let scenario = read(document, diagnostics: diagnostics)
        if let scenario, diagnostics.isEmpty { return scenario }
        throw ScenarioError(diagnostics: diagnostics.items)
    }

    /// The field names the decoder accepts in each object of `document`, by path pattern ("producers.*.retry"),
    /// merged over repeated objects and sorted. Lets a test check that scenarios/schema.json names the same fields.
    public static func acceptedFieldNames(in document: JSONValue) -> [(path: String, names: [String])] {
        let diagnostics = Diagnostics()
        _ = read(document, diagnostics: diagnostics)
        var merged: [(path: String, names: [String])] = []
        for entry in diagnostics.knownFields {
            if let index = merged.firstIndex(where: { $0.path == entry.path }) {
                merged[index].names = Array(Set(merged[index].names + entry.names)).sorted()
            } else {
                merged.append((entry.path, entry.names.sorted()))
            }
        }
        return merged.sorted { $0.path < $1.path }
    }

    private static func read(_ document: JSONValue, diagnostics: Diagnostics) -> Scenario? {
        guard let root = ObjectReader(document, path: "", diagnostics: diagnostics) else { return nil }
        _ = root.integer("formatVersion", in: 1...1)
        // Editors point at the JSON Schema with "$schema"; it is accepted and ignored.
        _ = root.string("$schema")
        let name = root.string("name", required: true)
        if let name, name.isEmpty || name.count > 200 { root.report("name", "expected 1 to 200 characters") }
        let description = root.string("description")
        let seed = readSeed(root)
        var duration = root.duration("duration", in: 1_000_000...ModelCaps.maxDurationNanoseconds)
        // Without a duration, a run imported from real traffic lasts as long as its longest series; otherwise it is
        // required (reported here, so messages keep the file's order).
        let hasSeries = declaresSeriesProfile(document)
        if !root.has("duration") && !hasSeries {
            root.report(
                "duration",
                "is required (it may be left out when a producer's rateProfile is a series, whose length it then takes)"
            )
        }
        var configuration = SimulationConfiguration(name: name ?? "", durationNanoseconds: duration ?? 1)
        configuration.seed = seed ?? 1
        let statedFidelity =
            root.choice("fidelity", FidelityChoice.allCases.map(\.rawValue)).flatMap(FidelityChoice.init(rawValue:))
        let fidelityChoice = statedFidelity ?? .event
        configuration.fidelity = fidelityChoice == .flow ? .flow : .event
        if let stream = root.object("stream", required: true) {
            configuration.stream = StreamReading.read(stream)
        }
        if let assumptions = root.object("assumptions") {
            configuration.assumptions = AssumptionsReading.read(assumptions)
        }
        var seriesLengths: [Int64] = []
        if let items = root.array("producers", required: true) {
            configuration.producers = ProducerReading.readAll(
                items, path: "producers", stream: configuration.stream,
                diagnostics: diagnostics, seriesLengthsNanoseconds: &seriesLengths)
        }
        if !root.has("duration"), let longest = seriesLengths.max() {
            duration = longest
            configuration.durationNanoseconds = longest
        }
        if let items = root.array("consumers") {
            configuration.consumers = ConsumerReading.readAll(items, path: "consumers", diagnostics: diagnostics)
        }
        if let items = root.array("events") {
            configuration.events = EventReading.readAll(
                items, path: "events", consumers: configuration.consumers,
                diagnostics: diagnostics)
        }
        let pricingRegion = readPricing(root, into: &configuration)
        let objective = root.object("slo").map(SloReading.read)
        root.finish()
        checkTimeline(configuration, diagnostics: diagnostics)
        return Scenario(
            configuration: configuration, description: description, serviceLevelObjective: objective,
            pricingRegion: pricingRegion, fidelityChoice: fidelityChoice,
            fidelityStated: statedFidelity != nil)
    }

    private static func readSeed(_ root: ObjectReader) -> UInt64? {
        root.value("seed").flatMap { value -> UInt64? in
            guard let seed = value.uint64Value else {
                root.report(
                    "seed", "expected a whole number from 0 to 18,446,744,073,709,551,615, got \(describe(value))")
                return nil
            }
            return seed
        }
    }

    /// `pricing`: the region (only us-east-1) and any price overrides; returns the region.
    private static func readPricing(_ root: ObjectReader, into configuration: inout SimulationConfiguration) -> String {
        var pricingRegion = "us-east-1"
        if let pricing = root.object("pricing") {
            pricingRegion = pricing.choice("region", ["us-east-1"]) ?? pricingRegion
            for field in PricingFields.overridable {
                if let price = pricing.number(field.name, in: 0...1_000_000) {
                    configuration.prices[keyPath: field.keyPath] = price
                }
            }
            pricing.finish()
        }
        return pricingRegion
    }

    /// The timeline replays on the stream's layout: check it whenever the stream and events themselves decoded.
    private static func checkTimeline(_ configuration: SimulationConfiguration, diagnostics: Diagnostics) {
        let blocking = diagnostics.items.contains {
            $0.path.hasPrefix("stream") || $0.path.hasPrefix("events") || $0.path.hasPrefix("consumers")
        }
        guard !blocking else { return }
        for problem in TimelineValidation.problems(in: configuration) {
            diagnostics.report(TimelineProblemText.path(problem), TimelineProblemText.message(problem.kind))
        }
    }

    /// Whether any producer's rateProfile has type "series" (looked at before the producers are read).
    private static func declaresSeriesProfile(_ document: JSONValue) -> Bool {
        guard case .object(let root) = document, case .array(let producers)? = root["producers"] else { return false }
        return producers.contains { producer in
            guard case .object(let fields) = producer, case .object(let profile)? = fields["rateProfile"] else {
                return false
            }
            switch profile["type"] {
            case .string("series")?, .literal("series")?: return true
            default: return false
            }
        }
    }
}
