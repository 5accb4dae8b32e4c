import Foundation
import ShardSimJSON
import ShardSimScenario
import ShardSimTestSupport
import Testing

/// The scenario library: every file decodes, validates against scenarios/schema.json, and the schema names
/// exactly the fields the decoder accepts.
@Suite struct ScenarioLibraryTests {

    static func libraryFiles() -> [URL] {
        let folder = repositoryRoot.appendingPathComponent("scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && $0 != "schema.json" }.sorted().map {
            folder.appendingPathComponent($0)
        }
    }

    /// Files a library scenario refers to (rate series, shard lists), relative to the scenario's folder.
    static func filesBeside(_ scenario: URL) -> ReferencedFiles {
        let folder = scenario.deletingLastPathComponent()
        return ReferencedFiles { path in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else {
                return .failure(ReferencedFileError("no such file"))
            }
            return .success([UInt8](data))
        }
    }

    static func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("scenarios/schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func theLibraryHasTwelveWhatIfsAndFourWorkloads() {
        #expect(Self.libraryFiles().count >= 16)
    }

    @Test(arguments: ScenarioLibraryTests.libraryFiles())
    func everyLibraryScenarioDecodesAndExplainsItself(file: URL) throws {
        let scenario = try ScenarioDecoder.decode([UInt8](try Data(contentsOf: file)), files: Self.filesBeside(file))
        #expect(
            (scenario.description ?? "").count > 80,
            "\(file.lastPathComponent) needs a description with its question and lesson")
    }

    @Test(arguments: ScenarioLibraryTests.libraryFiles())
    func everyLibraryScenarioValidatesAgainstTheSchema(file: URL) throws {
        let document = try JSONSerialization.jsonObject(with: try Data(contentsOf: file))
        let schema = try Self.schema()
        var problems: [String] = []
        MiniSchemaValidator(root: schema).validate(document, against: schema, path: "", problems: &problems)
        #expect(problems.isEmpty, "\(file.lastPathComponent): \(problems.prefix(5))")
    }

    /// Every document the schema agreement is checked over: the library, `shardsim init`'s templates, and a fixture
    /// that reaches every variant (each consumer type, event action, rate profile, key distribution, size shape)
    /// and every optional object, so no object of the schema is left unchecked.
    static func agreementCorpus() throws -> [(name: String, document: JSONValue)] {
        var corpus: [(name: String, document: JSONValue)] = []
        for file in libraryFiles() {
            corpus.append((file.lastPathComponent, try JSONParser.parse([UInt8](try Data(contentsOf: file)))))
        }
        for template in ScenarioTemplates.all {
            corpus.append(
                (
                    "init template \(template.name)",
                    try JSONParser.parse(Array(template.document(schemaPath: "./schema.json").utf8))
                ))
        }
        let fixture = repositoryRoot.appendingPathComponent("Tests/ShardSimScenarioTests/Fixtures/every-object.json")
        corpus.append(("every-object.json", try JSONParser.parse([UInt8](try Data(contentsOf: fixture)))))
        return corpus
    }

    @Test func theSchemaNamesExactlyTheFieldsTheDecoderAccepts() throws {
        let schema = try Self.schema()
        let validator = MiniSchemaValidator(root: schema)
        for (file, document) in try Self.agreementCorpus() {
            for (path, decoderNames) in ScenarioDecoder.acceptedFieldNames(in: document) {
                guard let node = validator.node(at: path) else {
                    Issue.record("\(file): schema has no object at \(path.isEmpty ? "(root)" : path)")
                    continue
                }
                let schemaNames = validator.propertyNames(of: node)
                let missing = Set(decoderNames).subtracting(schemaNames)
                #expect(missing.isEmpty, "schema lacks \(missing.sorted()) at \(path.isEmpty ? "(root)" : path)")
                if !validator.hasAlternatives(node) {
                    let extra = schemaNames.subtracting(decoderNames)
                    #expect(
                        extra.isEmpty,
                        "schema has \(extra.sorted()) the decoder does not accept at \(path.isEmpty ? "(root)" : path)")
                }
            }
        }
    }
}

extension ScenarioLibraryTests {
    /// The other direction: every object the schema describes is reached by the decoder on some document of the
    /// corpus, and there the decoder accepts every field the schema names (over all variants). A field added to the
    /// schema alone, or to the decoder alone, fails one of the two tests.
    @Test func everyObjectOfTheSchemaIsReadByTheDecoderWithAllItsFields() throws {
        let schema = try Self.schema()
        let validator = MiniSchemaValidator(root: schema)
        var accepted: [String: Set<String>] = [:]
        for (_, document) in try Self.agreementCorpus() {
            for (path, names) in ScenarioDecoder.acceptedFieldNames(in: document) {
                accepted[path, default: []].formUnion(names)
            }
        }
        for path in validator.objectPaths() {
            guard let decoderNames = accepted[path] else {
                Issue.record(
                    "no document of the corpus reaches \(path.isEmpty ? "(root)" : path): add it to Fixtures/every-object.json"
                )
                continue
            }
            let schemaNames = validator.propertyNames(of: validator.node(at: path) ?? [:])
            #expect(
                schemaNames.subtracting(decoderNames).isEmpty,
                "at \(path.isEmpty ? "(root)" : path) the decoder never accepted \(schemaNames.subtracting(decoderNames).sorted())"
            )
        }
    }

    @Test func everyInitTemplateValidatesAgainstTheSchema() throws {
        let schema = try Self.schema()
        for template in ScenarioTemplates.all {
            let document = try JSONSerialization.jsonObject(
                with: Data(template.document(schemaPath: "./schema.json").utf8))
            var problems: [String] = []
            MiniSchemaValidator(root: schema).validate(document, against: schema, path: "", problems: &problems)
            #expect(problems.isEmpty, "template \(template.name): \(problems.prefix(5))")
        }
    }
}

/// Just enough JSON Schema (draft 2020-12) for the scenario schema: $ref to #/$defs, type, properties,
/// required, additionalProperties: false, enum, minimum, maximum, items, oneOf/anyOf (one must pass).
struct MiniSchemaValidator {
    let root: [String: Any]

    func resolve(_ node: [String: Any]) -> [String: Any] {
        guard let reference = node["$ref"] as? String, reference.hasPrefix("#/") else { return node }
        var current: Any = root
        for part in reference.dropFirst(2).split(separator: "/") {
            current = (current as? [String: Any])?[String(part)] as Any
        }
        return (current as? [String: Any]).map(resolve) ?? node
    }

    func validate(_ value: Any, against rawNode: [String: Any], path: String, problems: inout [String]) {
        let node = resolve(rawNode)
        for key in ["oneOf", "anyOf"] {
            if let options = node[key] as? [[String: Any]] {
                let passing = options.filter { option in
                    var scratch: [String] = []
                    validate(value, against: option, path: path, problems: &scratch)
                    return scratch.isEmpty
                }
                if passing.isEmpty { problems.append("\(path): matches none of \(key)") }
            }
        }
        if let types = (node["type"] as? String).map({ [$0] }) ?? node["type"] as? [String],
            !types.contains(where: { matches(value, $0) })
        {
            problems.append("\(path): expected \(types)")
            return
        }
        if let allowed = node["enum"] as? [Any], !allowed.contains(where: { "\($0)" == "\(value)" }) {
            problems.append("\(path): not in enum")
        }
        if !isBoolean(value), let number = (value as? NSNumber)?.doubleValue {
            if let minimum = node["minimum"] as? Double, number < minimum { problems.append("\(path): below minimum") }
            if let maximum = node["maximum"] as? Double, number > maximum { problems.append("\(path): above maximum") }
        }
        if let object = value as? [String: Any] {
            let properties = node["properties"] as? [String: Any] ?? [:]
            for required in node["required"] as? [String] ?? [] where object[required] == nil {
                problems.append("\(path).\(required): required")
            }
            for (key, member) in object {
                if let property = properties[key] as? [String: Any] {
                    validate(member, against: property, path: path + "." + key, problems: &problems)
                } else if node["additionalProperties"] as? Bool == false {
                    problems.append("\(path).\(key): not allowed")
                }
            }
        }
        if let array = value as? [Any], let items = node["items"] as? [String: Any] {
            for (index, item) in array.enumerated() {
                validate(item, against: items, path: "\(path).\(index)", problems: &problems)
            }
        }
    }

    private func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return isBoolean(value)
        case "integer":
            return !isBoolean(value) && (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": return value is NSNumber && !isBoolean(value)
        case "null": return value is NSNull
        default: return true
        }
    }

    /// JSONSerialization gives NSNumber for both; `is Bool` is true for any 0 or 1, so look at the type code.
    private func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    /// The schema node for a decoder path pattern ("producers.*.retry").
    func node(at path: String) -> [String: Any]? {
        var current = resolve(root)
        for part in path.split(separator: ".").map(String.init) {
            if part == "*" {
                guard let items = current["items"] as? [String: Any] else { return nil }
                current = resolve(items)
            } else {
                let candidates = [current] + alternatives(current)
                guard
                    let next = candidates.lazy.compactMap({
                        ($0["properties"] as? [String: Any])?[part] as? [String: Any]
                    }).first
                else { return nil }
                current = resolve(next)
            }
        }
        return current
    }

    /// Every path of the schema that holds an object with properties, as the decoder spells paths
    /// ("producers.*.retry"; "" is the root), through variants and array items.
    func objectPaths() -> [String] {
        var paths: Set<String> = []
        func walk(_ raw: [String: Any], _ path: String) {
            let node = resolve(raw)
            let shapes = [node] + alternatives(node)
            if shapes.contains(where: { !(($0["properties"] as? [String: Any]) ?? [:]).isEmpty }) { paths.insert(path) }
            for shape in shapes {
                if let items = shape["items"] as? [String: Any] { walk(items, path.isEmpty ? "*" : path + ".*") }
                for (name, member) in (shape["properties"] as? [String: Any]) ?? [:] {
                    if let member = member as? [String: Any] { walk(member, path.isEmpty ? name : path + "." + name) }
                }
            }
        }
        walk(root, "")
        return paths.sorted()
    }

    func alternatives(_ node: [String: Any]) -> [[String: Any]] {
        ((node["oneOf"] as? [[String: Any]] ?? []) + (node["anyOf"] as? [[String: Any]] ?? [])
            + (node["allOf"] as? [[String: Any]] ?? []))
            .map(resolve)
    }

    func hasAlternatives(_ node: [String: Any]) -> Bool { !alternatives(node).isEmpty }

    func propertyNames(of node: [String: Any]) -> Set<String> {
        var names = Set((node["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
        for alternative in alternatives(node) { names.formUnion(propertyNames(of: alternative)) }
        return names
    }
}
