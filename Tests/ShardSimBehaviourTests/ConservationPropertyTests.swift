import Foundation
import ShardSimModel
import ShardSimReport
import ShardSimScenario
import ShardSimTestSupport
import Testing

/// Property: no random scenario creates or loses records in the books. The records in a producer's books
/// (accepted, given up, or still on its way at the horizon) are the records its arrival process must have
/// created, worked out from the scenario alone; shards count exactly the Kinesis records producers had accepted;
/// throttled attempts never exceed attempts; no reader delivers more than the stream accepted.
///
/// Not checked here: attempted = succeeded + failed + in flight, per producer and in totals. The simulation
/// checks that itself with a precondition when it gathers its result (Simulation+Result.swift), which traps
/// before any #expect could see it fail; the expected count below is independent of the simulation's counters.
@Suite struct ConservationPropertyTests {
    /// Cases per run: fixed, so the suite's time and its coverage never vary.
    static let caseCount = 60

    @Test func randomScenariosConserveRecords() throws {
        for caseNumber in 0..<Self.caseCount {
            var generator = RandomScenarioGenerator(caseNumber: caseNumber)
            let json = generator.scenario()
            let arrivals = generator.arrivals
            let scenario: Scenario
            do {
                scenario = try ScenarioDecoder.decode(Array(json.utf8))
            } catch {
                Issue.record("case \(caseNumber): the generator wrote an invalid scenario: \(error)\n\(json)")
                continue
            }
            let result = Simulation.run(scenario.configuration)
            checkCreatedRecords(result, arrivals: arrivals, caseNumber: caseNumber, json: json)
            checkConservation(result, caseNumber: caseNumber, json: json)
            try checkReportAgrees(result, caseNumber: caseNumber)
        }
    }

    /// Each producer's books hold the records its arrivals created: a `uniform` producer's arrivals fall at
    /// k / rate (docs/model.md section 3.2), so a run over [0, D) with ∫ rate dt = N (a whole number here) creates
    /// N − 1 records (the N-th lands on the end and is not generated), or N if rounding puts it a nanosecond
    /// early; a `poisson` producer creates a Poisson(N) count, within 5 standard deviations (√N) of N.
    private func checkCreatedRecords(
        _ result: SimulationResult, arrivals: [RandomScenarioGenerator.Arrivals], caseNumber: Int,
        json: String
    ) {
        #expect(result.producers.count == arrivals.count, "case \(caseNumber)")
        for (producer, arrival) in zip(result.producers, arrivals) {
            let statistics = producer.statistics
            let booked = statistics.recordsSucceeded + statistics.recordsFailed + producer.recordsInFlight
            let expected = Int64(arrival.expectedRecords)
            if arrival.isPoisson {
                let allowed = 5 * Double(expected).squareRoot()
                #expect(
                    abs(Double(booked - expected)) <= allowed,
                    "\(producer.name): \(booked) records booked, \(expected) ± \(allowed) created; case \(caseNumber):\n\(json)"
                )
            } else {
                #expect(
                    (expected - 1...expected).contains(booked),
                    "\(producer.name): \(booked) records booked, \(expected - 1) created; case \(caseNumber):\n\(json)")
            }
        }
    }

    private func checkConservation(_ result: SimulationResult, caseNumber: Int, json: String) {
        let context = "case \(caseNumber):\n\(json)"
        var accepted: Int64 = 0
        for producer in result.producers {
            let statistics = producer.statistics
            #expect(producer.recordsInFlight >= 0, "\(producer.name) negative in flight; \(context)")
            #expect(
                statistics.userRecordAttemptsThrottled <= statistics.userRecordAttempts, "\(producer.name); \(context)")
            #expect(
                statistics.kinesisRecordAttemptsThrottled <= statistics.kinesisRecordAttempts,
                "\(producer.name); \(context)")
            // Every settled record was attempted at least once, and every failure was throttled on its last try.
            #expect(
                statistics.recordsSucceeded + statistics.recordsFailed <= statistics.userRecordAttempts,
                "\(producer.name); \(context)")
            #expect(statistics.recordsFailed <= statistics.userRecordAttemptsThrottled, "\(producer.name); \(context)")
            if producer.configuration.retry.maxAttempts == 1 {
                #expect(
                    statistics.recordsFailed == statistics.userRecordAttemptsThrottled, "\(producer.name); \(context)")
            }
            accepted += statistics.kinesisRecordAttempts - statistics.kinesisRecordAttemptsThrottled
        }
        let totals = result.totals
        #expect(
            totals.recordsAttempted == result.producers.reduce(0) { $0 + $1.statistics.recordsAttempted }, "\(context)")
        #expect(totals.recordsInFlight == result.producers.reduce(0) { $0 + $1.recordsInFlight }, "\(context)")
        #expect(
            totals.recordsSucceeded == result.producers.reduce(0) { $0 + $1.statistics.recordsSucceeded }, "\(context)")
        #expect(totals.recordsFailed == result.producers.reduce(0) { $0 + $1.statistics.recordsFailed }, "\(context)")
        #expect(totals.writeProvisionedThroughputExceeded <= totals.kinesisRecordAttempts, "\(context)")
        // Shards count Kinesis records (an aggregate once), exactly those the producers had accepted.
        #expect(
            result.shards.reduce(0) { $0 + $1.write.incomingRecords } == accepted, "Σ shard incomingRecords; \(context)"
        )
        #expect(totals.incomingRecords == accepted, "\(context)")
        #expect(
            result.shards.reduce(0) { $0 + $1.write.writeProvisionedThroughputExceeded }
                == totals.writeProvisionedThroughputExceeded,
            "Σ shard throttles; \(context)")
        for consumer in result.consumers {
            let statistics = consumer.statistics
            #expect(
                statistics.recordsDelivered <= totals.recordsSucceeded,
                "\(consumer.name) delivered more than accepted; \(context)")
            #expect(
                statistics.readProvisionedThroughputExceeded <= statistics.getRecordsCalls,
                "\(consumer.name); \(context)")
            if consumer.configuration.type == .shared || consumer.configuration.type == .enhanced {
                // A reader from the start of the run accounts for every accepted record: read, behind, or expired.
                #expect(
                    statistics.recordsDelivered + consumer.recordsBehindAtEnd + statistics.recordsExpired
                        == totals.recordsSucceeded,
                    "\(consumer.name) delivered + behind + expired ≠ accepted; \(context)")
            }
        }
    }

    /// The JSON report carries the same books as the result, per producer and in totals (`recordsInFlight`
    /// included), each number under its own key.
    private func checkReportAgrees(_ result: SimulationResult, caseNumber: Int) throws {
        let report = try jsonObject(RunReportJSON.document(for: result, objective: nil).rendered())
        let producers = try #require(report["producers"] as? [[String: Any]], "case \(caseNumber)")
        let totals = try #require(report["totals"] as? [String: Any], "case \(caseNumber)")
        func books(_ object: [String: Any]) -> [Int64] {
            ["recordsAttempted", "recordsSucceeded", "recordsFailed", "recordsInFlight"].map {
                (object[$0] as? NSNumber)?.int64Value ?? -1
            }
        }
        var expected = result.producers.map {
            [
                $0.statistics.recordsAttempted, $0.statistics.recordsSucceeded,
                $0.statistics.recordsFailed, $0.recordsInFlight,
            ]
        }
        expected.append([
            result.totals.recordsAttempted, result.totals.recordsSucceeded, result.totals.recordsFailed,
            result.totals.recordsInFlight,
        ])
        #expect(
            producers.map(books) + [books(totals)] == expected, "case \(caseNumber): JSON books differ from the run's")
    }
}
