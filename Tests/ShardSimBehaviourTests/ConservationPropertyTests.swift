import Foundation
import ShardSimModel
import ShardSimReport
import ShardSimScenario
import ShardSimTestSupport
import Testing

/// Property: no random scenario creates or loses records in the books. Every user record a producer created is
/// accepted, given up, or still on its way at the horizon; shards count exactly the Kinesis records producers
/// had accepted; throttled attempts never exceed attempts; no reader delivers more than the stream accepted.
@Suite struct ConservationPropertyTests {
    /// Cases per run: fixed, so the suite's time and its coverage never vary.
    static let caseCount = 60

    @Test func randomScenariosConserveRecords() throws {
        for caseNumber in 0..<Self.caseCount {
            var generator = RandomScenarioGenerator(caseNumber: caseNumber)
            let json = generator.scenario()
            let scenario: Scenario
            do {
                scenario = try ScenarioDecoder.decode(Array(json.utf8))
            } catch {
                Issue.record("case \(caseNumber): the generator wrote an invalid scenario: \(error)\n\(json)")
                continue
            }
            let result = Simulation.run(scenario.configuration)
            checkConservation(result, caseNumber: caseNumber, json: json)
            try checkReportAgrees(result, caseNumber: caseNumber)
        }
    }

    private func checkConservation(_ result: SimulationResult, caseNumber: Int, json: String) {
        let context = "case \(caseNumber):\n\(json)"
        var accepted: Int64 = 0
        for producer in result.producers {
            let statistics = producer.statistics
            #expect(statistics.recordsAttempted == statistics.recordsSucceeded + statistics.recordsFailed + producer.recordsInFlight,
                    "\(producer.name) attempted ≠ succeeded + failed + in flight; \(context)")
            #expect(producer.recordsInFlight >= 0, "\(producer.name) negative in flight; \(context)")
            #expect(statistics.userRecordAttemptsThrottled <= statistics.userRecordAttempts, "\(producer.name); \(context)")
            #expect(statistics.kinesisRecordAttemptsThrottled <= statistics.kinesisRecordAttempts, "\(producer.name); \(context)")
            // Every settled record was attempted at least once, and every failure was throttled on its last try.
            #expect(statistics.recordsSucceeded + statistics.recordsFailed <= statistics.userRecordAttempts, "\(producer.name); \(context)")
            #expect(statistics.recordsFailed <= statistics.userRecordAttemptsThrottled, "\(producer.name); \(context)")
            if producer.configuration.retry.maxAttempts == 1 {
                #expect(statistics.recordsFailed == statistics.userRecordAttemptsThrottled, "\(producer.name); \(context)")
            }
            accepted += statistics.kinesisRecordAttempts - statistics.kinesisRecordAttemptsThrottled
        }
        let totals = result.totals
        #expect(totals.recordsAttempted == result.producers.reduce(0) { $0 + $1.statistics.recordsAttempted }, "\(context)")
        #expect(totals.recordsInFlight == result.producers.reduce(0) { $0 + $1.recordsInFlight }, "\(context)")
        #expect(totals.recordsAttempted == totals.recordsSucceeded + totals.recordsFailed + totals.recordsInFlight, "\(context)")
        #expect(totals.writeProvisionedThroughputExceeded <= totals.kinesisRecordAttempts, "\(context)")
        // Shards count Kinesis records (an aggregate once), exactly those the producers had accepted.
        #expect(result.shards.reduce(0) { $0 + $1.write.incomingRecords } == accepted, "Σ shard incomingRecords; \(context)")
        #expect(totals.incomingRecords == accepted, "\(context)")
        #expect(result.shards.reduce(0) { $0 + $1.write.writeProvisionedThroughputExceeded } == totals.writeProvisionedThroughputExceeded,
                "Σ shard throttles; \(context)")
        for consumer in result.consumers {
            let statistics = consumer.statistics
            #expect(statistics.recordsDelivered <= totals.recordsSucceeded, "\(consumer.name) delivered more than accepted; \(context)")
            #expect(statistics.readProvisionedThroughputExceeded <= statistics.getRecordsCalls, "\(consumer.name); \(context)")
            if consumer.configuration.type == .shared || consumer.configuration.type == .enhanced {
                // A reader from the start of the run accounts for every accepted record: read, behind, or expired.
                #expect(statistics.recordsDelivered + consumer.recordsBehindAtEnd + statistics.recordsExpired == totals.recordsSucceeded,
                        "\(consumer.name) delivered + behind + expired ≠ accepted; \(context)")
            }
        }
    }

    /// The JSON report carries the same books, per producer and in totals (`recordsInFlight` included).
    private func checkReportAgrees(_ result: SimulationResult, caseNumber: Int) throws {
        let text = RunReportJSON.document(for: result, objective: nil).rendered()
        let report = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "case \(caseNumber)")
        let producers = try #require(report["producers"] as? [[String: Any]], "case \(caseNumber)")
        var books = producers.map { ($0["recordsAttempted"] as? Int ?? -1, $0["recordsSucceeded"] as? Int ?? -1,
                                     $0["recordsFailed"] as? Int ?? -1, $0["recordsInFlight"] as? Int ?? -1) }
        let totals = try #require(report["totals"] as? [String: Any], "case \(caseNumber)")
        books.append((totals["recordsAttempted"] as? Int ?? -1, totals["recordsSucceeded"] as? Int ?? -1,
                      totals["recordsFailed"] as? Int ?? -1, totals["recordsInFlight"] as? Int ?? -1))
        for (attempted, succeeded, failed, inFlight) in books {
            #expect(inFlight >= 0 && attempted == succeeded + failed + inFlight, "case \(caseNumber): JSON books do not balance")
        }
    }
}
