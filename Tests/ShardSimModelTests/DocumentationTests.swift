import Foundation
import ShardSimTestSupport
import Testing

/// docs/model.md names every constant, price and assumption the code has: adding one without documenting it
/// fails here.
@Suite struct DocumentationTests {

    private func source(_ path: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// Names declared as `static let NAME` or `public var NAME` in `text` (within `enclosing` when given).
    private func names(in text: String, declaredBy keyword: String) -> [String] {
        text.components(separatedBy: "\n").compactMap { line in
            guard let range = line.range(of: keyword + " ") else { return nil }
            let rest = line[range.upperBound...]
            let name = rest.prefix { $0.isLetter || $0.isNumber }
            return name.isEmpty ? nil : String(name)
        }
    }

    @Test func everyConstantHasARow() throws {
        let model = try source("docs/model.md")
        let limits = try source("Sources/ShardSimModel/Limits/KinesisLimits.swift")
        let flow = try source("Sources/ShardSimModel/Flow/FlowWritePath.swift")
        let budget = try ["RunSize.swift", "RunSize+Terms.swift", "RunBudget.swift"]
            .map { try source("Sources/ShardSimModel/Simulation/" + $0) }.joined(separator: "\n")
        // The planner's and the reports' thresholds are constants too: the formula's divisors and when a diagnosis appears.
        let thresholds = try [
            "Sources/ShardSimPlanner/SizingFormula.swift", "Sources/ShardSimPlanner/LoadBounds+Computing.swift",
            "Sources/ShardSimReport/WriteDiagnosis.swift",
            "Sources/ShardSimPlanner/Replications/ReplicationSeeds.swift",
            "Sources/ShardSimPlanner/Replications/StudentT.swift",
            "Sources/ShardSimPlanner/Planner+Confidence.swift",
        ].map(source).joined()
        let lambda = try source("Sources/ShardSimModel/Limits/LambdaLimits.swift")
        var missing: [String] = []
        for name in names(in: limits + flow + budget + lambda + thresholds, declaredBy: "static let")
        where name != "current" && name != "whole" {
            if !model.contains(name) { missing.append(name) }
        }
        #expect(missing.isEmpty, "docs/model.md does not name: \(missing)")
    }

    @Test func everyPriceAndAssumptionIsDocumented() throws {
        let model = try source("docs/model.md")
        let prices = try source("Sources/ShardSimModel/Cost/PriceTable.swift")
        let stream = try source("Sources/ShardSimModel/Configuration/StreamConfiguration.swift")
        let assumptions = stream.components(separatedBy: "public struct ModelAssumptions").last ?? ""
        var missing: [String] = []
        for name in names(in: prices, declaredBy: "public var") where !model.contains(name) { missing.append(name) }
        // Scenario paths drop the unit suffix of durations ("writeAccountingWindow": "250ms").
        for name in names(in: assumptions, declaredBy: "public var") {
            let path = name.hasSuffix("Nanoseconds") ? String(name.dropLast("Nanoseconds".count)) : name
            if !model.contains(path) { missing.append(name) }
        }
        #expect(missing.isEmpty, "docs/model.md does not name: \(missing)")
    }
}
