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
/// - throttled fraction: 2 % of the event figure, or 0.005 absolute (a fraction under 0.25 is "near zero"); where one
///   seed misses it, the means over seeds 1 to 4 must meet it (near a limit one seed swings by more in both);
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

    static func run(_ configuration: SimulationConfiguration, fidelity: SimulationFidelity, seed: UInt64? = nil)
        -> SimulationResult
    {
        var configuration = configuration
        configuration.fidelity = fidelity
        if let seed { configuration.seed = seed }
        return Simulation.run(configuration)
    }

    /// The write-throttled fraction in event and in flow fidelity, each the mean over seeds 1 to 8, and the standard
    /// error of the difference of those means, from the seeds' own sample deviations (Welch).
    static func meanThrottled(_ configuration: SimulationConfiguration)
        -> (event: Double, flow: Double, standardError: Double)
    {
        let seeds: [UInt64] = Array(1...8)
        let event = seeds.map { run(configuration, fidelity: .event, seed: $0).totals.writeThrottledFraction }
        let flow = seeds.map { run(configuration, fidelity: .flow, seed: $0).totals.writeThrottledFraction }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        func variance(_ values: [Double]) -> Double {
            let centre = mean(values)
            return values.map { ($0 - centre) * ($0 - centre) }.reduce(0, +) / Double(values.count - 1)
        }
        let standardError = ((variance(event) + variance(flow)) / Double(seeds.count)).squareRoot()
        return (mean(event), mean(flow), standardError)
    }

    @Test(arguments: libraryNames)
    func flowAgreesWithEventFidelity(_ name: String) throws {
        let configuration = try Self.load(name)
        let event = Self.run(configuration, fidelity: .event)
        let flow = Self.run(configuration, fidelity: .flow)

        var eventThrottled = event.totals.writeThrottledFraction
        var flowThrottled = flow.totals.writeThrottledFraction
        var noise = 0.0
        if abs(flowThrottled - eventThrottled) > max(0.02 * eventThrottled, 0.005) {
            // Near a limit one seed's throttled fraction swings by more than the tolerance in both fidelities, and so
            // does a mean of a few seeds: `four-kib-records-bytes-limit` over seeds 1-12 has a standard deviation of
            // 0.75 points a seed in event and 1.15 in flow (means 10.98 % and 11.00 %: they agree), so the difference
            // of 4-seed means has a standard error of √((0.75² + 1.15²) / 4) = 0.69 points, more than the 0.5-point
            // tolerance; seeds 1-4 happened to give 11.35 % / 10.99 % before the ziggurat draws and 11.52 % / 10.99 %
            // after. The model is then judged on the means over seeds 1 to 8, allowing the tolerance plus 3 standard
            // errors of their difference (0.49 points here, from the seeds' own deviations): agreeing models fail
            // only when the difference exceeds about 4 standard errors (Student t, 14 degrees of freedom: 0.1 %).
            let means = Self.meanThrottled(configuration)
            (eventThrottled, flowThrottled, noise) = (means.event, means.flow, 3 * means.standardError)
        }
        #expect(
            abs(flowThrottled - eventThrottled) <= max(0.02 * eventThrottled, 0.005) + noise,
            "\(name): throttled fraction \(flowThrottled) in flow, \(eventThrottled) in event, noise \(noise)")

        // Firehose bills each Kinesis record rounded up to 5 KB, so for a KPL-aggregating producer its line depends on
        // each aggregate's size, which flow approximates (docs/model.md section 16): there it is compared on its own,
        // within 15 %, and the rest of the bill within 2 %.
        let aggregates = configuration.producers.contains { $0.aggregation.isEnabled && $0.api == .putRecords }
        func firehose(_ result: SimulationResult) -> Double {
            result.monthlyCost.lineItems.first { $0.item == .firehoseDataIngested }?.monthlyUSD ?? 0
        }
        let eventFirehose = aggregates ? firehose(event) : 0
        let flowFirehose = aggregates ? firehose(flow) : 0
        #expect(
            abs(flowFirehose - eventFirehose) <= 0.15 * eventFirehose,
            "\(name): Firehose ingestion \(flowFirehose) in flow, \(eventFirehose) in event")
        let eventCost = event.monthlyCost.monthlyTotalUSD - eventFirehose
        let flowCost = flow.monthlyCost.monthlyTotalUSD - flowFirehose
        #expect(
            abs(flowCost - eventCost) <= 0.02 * eventCost,
            "\(name): monthly cost \(flowCost) in flow, \(eventCost) in event")

        var seedRuns: [SimulationResult]?
        for (index, consumer) in event.consumers.enumerated() {
            let eventAge = Double(consumer.statistics.maxIteratorAgeNanoseconds)
            let flowAge = Double(flow.consumers[index].statistics.maxIteratorAgeNanoseconds)
            if abs(flowAge - eventAge) <= max(0.02 * eventAge, 1e9) { continue }
            if seedRuns == nil {
                seedRuns = (1...4).map { Self.run(configuration, fidelity: .event, seed: UInt64($0)) }
            }
            let ages =
                (seedRuns ?? []).map { Double($0.consumers[index].statistics.maxIteratorAgeNanoseconds) } + [eventAge]
            let low = (ages.min() ?? eventAge) * 0.98
            let high = (ages.max() ?? eventAge) * 1.02
            #expect(
                flowAge >= low && flowAge <= high,
                "\(name): '\(consumer.name)' max iterator age \(flowAge / 1e6) ms in flow, event \(ages.map { $0 / 1e6 }) ms"
            )
        }
    }

    @Test func theReportSaysWhichFidelityRan() throws {
        let configuration = try Self.load("hot-tenant-key.json")
        #expect(Self.run(configuration, fidelity: .flow).configuration.fidelity == .flow)
        #expect(Self.run(configuration, fidelity: .event).configuration.fidelity == .event)
    }

    /// Flow's books against figures worked out by hand, not against each other.
    ///
    /// Two shards; 500 records/s of 200 B, rising to 4,000/s from 30 s to 60 s, back to 500/s until 90 s; five
    /// attempts (the default backoff: 100 ms doubling, full jitter); evenly spaced arrivals, so the offered count
    /// does not vary (Poisson arrivals would, by about √count near the limits, as event fidelity's do). Offered,
    /// from the profile alone: 500 × 30 + 4,000 × 30 + 500 × 30 = 150,000 user records: attempted must be that.
    ///
    /// Accepted: before the spike everything fits (250/s a shard). During it each shard takes its 1,000 records/s
    /// (10,000 uniform keys split the two hash halves about evenly, so each gets ~2,000/s, above the limit):
    /// 2 × 1,000 × 30 = 60,000. After it, the 15,000 new records fit, plus what retries of the spike still come
    /// back: a record's four backoffs are at most 0.1 + 0.2 + 0.4 + 0.8 s, with 4 × 20 ms request latency and up to
    /// a 100 ms subtick of placement each, under 2 s, so at most 2 s × 4,000/s = 8,000. Hence accepted is within
    /// [15,000 + 60,000 + 15,000 − 1,000, 15,000 + 60,000 + 15,000 + 8,000] = [89,000, 98,000] (the 1,000 is the
    /// in-flight bound below).
    ///
    /// In flight at the horizon: only a record first offered in the last 2 s can still wait for a retry, so at
    /// most 2 s × 500/s = 1,000 (in fact none: nothing is throttled in the last 30 s). Failed is the rest.
    @Test func flowConservesTheOfferedRecords() throws {
        let json = """
            {
              "name": "flow-books", "seed": 5, "duration": "90s", "fidelity": "flow",
              "stream": { "shardCount": 2 },
              "producers": [{
                "name": "p", "recordsPerSecond": 500, "recordSizeBytes": 200, "arrival": "uniform",
                "rateProfile": { "type": "steps", "steps": [{ "at": "30s", "recordsPerSecond": 4000 },
                                                            { "at": "60s", "recordsPerSecond": 500 }] },
                "retry": { "maxAttempts": 5 }
              }]
            }
            """
        let scenario = try ScenarioDecoder.decode(Array(json.utf8))
        #expect(scenario.configuration.fidelity == .flow)
        let result = Simulation.run(scenario.configuration)
        let totals = result.totals
        #expect(abs(totals.recordsAttempted - 150_000) <= 1, "attempted \(totals.recordsAttempted)")
        #expect(
            totals.recordsSucceeded >= 89_000 && totals.recordsSucceeded <= 98_000,
            "accepted \(totals.recordsSucceeded)")
        #expect(totals.recordsInFlight >= 0 && totals.recordsInFlight <= 1_000, "in flight \(totals.recordsInFlight)")
        // Given up: what is neither accepted (89,000 to 98,000) nor in flight (at most 1,000) of the 150,000, so
        // between 150,000 - 98,000 - 1,000 = 51,000 and 150,000 - 89,000 = 61,000.
        #expect(totals.recordsFailed >= 51_000 && totals.recordsFailed <= 61_000, "failed \(totals.recordsFailed)")
        // The shards counted what the producer had accepted (Kinesis records = user records: no aggregation).
        #expect(abs(result.shards.reduce(0) { $0 + $1.write.incomingRecords } - totals.recordsSucceeded) <= 2)

        let again = Simulation.run(scenario.configuration)
        #expect(
            again.totals.recordsSucceeded == totals.recordsSucceeded
                && again.totals.recordsFailed == totals.recordsFailed)
        #expect(again.monthlyCost.monthlyTotalUSD == result.monthlyCost.monthlyTotalUSD)
    }

    /// 2,000 records/s of 1 KiB on one shard for 60 s. A record is 1,024 B + a key of 3–6 B ("k-0" … "k-9999"),
    /// so 1,000 of them are at most 1,030,000 B, under the 1,048,576 B/s limit: the records limit binds and each
    /// 1 s window accepts exactly 1,000, 60 × 1,000 = 60,000 in all (± 1 for rounding the fluid totals), while
    /// 2,000 × 60 = 120,000 are offered. With one attempt, the other 60,000 fail and nothing stays in flight;
    /// the shard's busiest second offers 2,000 records, 200 % of the limit.
    @Test func oneShardAtTwiceTheRecordsLimitAcceptsTheLimit() throws {
        var configuration = try ScenarioDecoder.decode(
            Array(
                writeScenario(
                    shards: 1, recordsPerSecond: 2_000, recordSizeBytes: 1_024, duration: "60s", arrival: "uniform"
                ).utf8)
        ).configuration
        configuration.fidelity = .flow
        let result = Simulation.run(configuration)
        #expect(abs(result.totals.recordsAttempted - 120_000) <= 1)
        #expect(abs(result.totals.recordsSucceeded - 60_000) <= 1)
        #expect(abs(result.totals.recordsFailed - 60_000) <= 1)
        #expect(result.totals.recordsInFlight == 0)
        let shard = try #require(result.shards.first)
        #expect(abs(shard.write.incomingRecords - 60_000) <= 1)
        #expect(abs(shard.write.peakRecordsUtilization(configuration.stream.limits) - 2) <= 0.001)
        expectNear(result.totals.writeThrottledFraction, 0.5, within: 0.001, "throttled fraction")
    }
}
