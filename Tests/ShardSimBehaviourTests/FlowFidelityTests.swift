import Foundation
import ShardSimModel
import ShardSimScenario
import ShardSimTestSupport
import Testing

/// Flow fidelity against event fidelity on every scenario of the library: the write-throttled fraction, each
/// consumer's maximum iterator age and the monthly cost agree within 2 %, or within a stated absolute
/// tolerance where a figure is near zero.
///
/// Tolerances (docs/model.md, "Flow fidelity"):
/// - throttled fraction: 2 % of the event figure, or 0.005 absolute (a fraction under 0.25 is "near zero");
/// - monthly cost: 2 % of the event figure; with KPL aggregation, the Firehose ingestion line is held apart, within
///   15 % (its 5 KB rounding of each aggregate depends on aggregate sizes, which flow approximates);
/// - maximum iterator age: 2 %, or 1 s absolute: flow resolves arrivals to 100 ms subticks and a reader's age
///   includes its poll interval and jitter, which flow does not reproduce record by record. Where readers are
///   read-throttled (several pollers contending for 5 calls/s), event fidelity's own figure swings by far more than
///   2 % from seed to seed; there flow must fall within the range event fidelity gives over seeds 1 to 4, widened
///   by 2 %.
@Suite struct FlowFidelityTests {

    static var libraryNames: [String] {
        let folder = repositoryRoot.appendingPathComponent("scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && $0 != "schema.json" }.sorted()
    }

    static func load(_ name: String) throws -> SimulationConfiguration {
        let url = repositoryRoot.appendingPathComponent("scenarios").appendingPathComponent(name)
        let folder = url.deletingLastPathComponent()
        let files = ReferencedFiles { path in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else {
                return .failure(ReferencedFileError("no such file"))
            }
            return .success([UInt8](data))
        }
        return try ScenarioDecoder.decode([UInt8](try Data(contentsOf: url)), files: files).configuration
    }

    static func run(_ configuration: SimulationConfiguration, fidelity: SimulationFidelity, seed: UInt64? = nil) -> SimulationResult {
        var configuration = configuration
        configuration.fidelity = fidelity
        if let seed { configuration.seed = seed }
        return Simulation.run(configuration)
    }

    @Test(arguments: libraryNames)
    func flowAgreesWithEventFidelity(_ name: String) throws {
        let configuration = try Self.load(name)
        let event = Self.run(configuration, fidelity: .event)
        let flow = Self.run(configuration, fidelity: .flow)

        let eventThrottled = event.totals.writeThrottledFraction
        let flowThrottled = flow.totals.writeThrottledFraction
        #expect(abs(flowThrottled - eventThrottled) <= max(0.02 * eventThrottled, 0.005),
                "\(name): throttled fraction \(flowThrottled) in flow, \(eventThrottled) in event")

        // Firehose bills each Kinesis record rounded up to 5 KB, so for a KPL-aggregating producer its line depends on
        // each aggregate's size, which flow approximates (docs/model.md section 16): there it is compared on its own,
        // within 15 %, and the rest of the bill within 2 %.
        let aggregates = configuration.producers.contains { $0.aggregation.isEnabled && $0.api == .putRecords }
        func firehose(_ result: SimulationResult) -> Double {
            result.monthlyCost.lineItems.first { $0.item == .firehoseDataIngested }?.monthlyUSD ?? 0
        }
        let eventFirehose = aggregates ? firehose(event) : 0
        let flowFirehose = aggregates ? firehose(flow) : 0
        #expect(abs(flowFirehose - eventFirehose) <= 0.15 * eventFirehose,
                "\(name): Firehose ingestion \(flowFirehose) in flow, \(eventFirehose) in event")
        let eventCost = event.monthlyCost.monthlyTotalUSD - eventFirehose
        let flowCost = flow.monthlyCost.monthlyTotalUSD - flowFirehose
        #expect(abs(flowCost - eventCost) <= 0.02 * eventCost, "\(name): monthly cost \(flowCost) in flow, \(eventCost) in event")

        var seedRuns: [SimulationResult]?
        for (index, consumer) in event.consumers.enumerated() {
            let eventAge = Double(consumer.statistics.maxIteratorAgeNanoseconds)
            let flowAge = Double(flow.consumers[index].statistics.maxIteratorAgeNanoseconds)
            if abs(flowAge - eventAge) <= max(0.02 * eventAge, 1e9) { continue }
            if seedRuns == nil { seedRuns = (1...4).map { Self.run(configuration, fidelity: .event, seed: UInt64($0)) } }
            let ages = (seedRuns ?? []).map { Double($0.consumers[index].statistics.maxIteratorAgeNanoseconds) } + [eventAge]
            let low = (ages.min() ?? eventAge) * 0.98
            let high = (ages.max() ?? eventAge) * 1.02
            #expect(flowAge >= low && flowAge <= high,
                    "\(name): '\(consumer.name)' max iterator age \(flowAge / 1e6) ms in flow, event \(ages.map { $0 / 1e6 }) ms")
        }
    }

    @Test func theReportSaysWhichFidelityRan() throws {
        let configuration = try Self.load("hot-tenant-key.json")
        #expect(Self.run(configuration, fidelity: .flow).configuration.fidelity == .flow)
        #expect(Self.run(configuration, fidelity: .event).configuration.fidelity == .event)
    }

    @Test func flowConservesRecordsAndIsDeterministic() throws {
        let configuration = try Self.load("small-records-at-5000-per-second.json")
        let first = Self.run(configuration, fidelity: .flow)
        let second = Self.run(configuration, fidelity: .flow)
        let totals = first.totals
        #expect(totals.recordsAttempted == totals.recordsSucceeded + totals.recordsFailed + totals.recordsInFlight)
        #expect(totals.recordsAttempted == second.totals.recordsAttempted)
        #expect(totals.recordsFailed == second.totals.recordsFailed)
        #expect(first.monthlyCost.monthlyTotalUSD == second.monthlyCost.monthlyTotalUSD)
    }
}
