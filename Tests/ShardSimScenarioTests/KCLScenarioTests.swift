import ShardSimEngine
import ShardSimModel
import ShardSimScenario
import Testing

/// A `"type": "kcl"` consumer as a user writes it: defaults from the KCL's documented configuration, and every
/// mistake named by its JSON path (issue 17).
@Suite struct KCLScenarioTests {
    private static func scenario(consumer: String, events: String = "[]") -> String {
        """
        { "name": "kcl", "duration": "5m", "stream": { "shardCount": 4 },
          "producers": [{ "name": "p", "recordsPerSecond": 100 }],
          "consumers": [\(consumer), { "name": "plain", "type": "shared" }],
          "events": \(events) }
        """
    }

    @Test func defaultsAreTheKCLsDocumentedOnes() throws {
        let json = Self.scenario(consumer: #"{ "name": "app", "type": "kcl", "fanOut": "shared" }"#)
        let consumer = try ScenarioDecoder.decode(Array(json.utf8)).configuration.consumers[0]
        let kcl = try #require(consumer.kcl)
        #expect(consumer.type == .kcl)
        #expect(kcl.workers == 1)
        #expect(!kcl.enhancedFanOut)
        // failoverTimeMillis 10,000; maxLeasesForWorker unlimited; billingMode PAY_PER_REQUEST (kcl-configuration).
        #expect(kcl.failoverTimeNanoseconds == 10_000_000_000)
        #expect(kcl.maxLeasesForWorker == nil)
        #expect(kcl.leaseTable == .payPerRequest)
        // AWS's KCL sample checkpoints every 60 s; KCL 2.x polls every 1,500 ms (idleTimeBetweenReadsInMillis).
        #expect(kcl.checkpoint == .interval(nanoseconds: 60_000_000_000))
        #expect(consumer.pollIntervalNanoseconds == 1_500_000_000)
        // Renewer every 10,000 / 3 - 25 = 3,308 ms; taker every (10,000 + 25) × 2 = 20,050 ms (KCL source).
        #expect(kcl.renewerIntervalNanoseconds == 3_308_000_000)
        #expect(kcl.takerIntervalNanoseconds == 20_050_000_000)
    }

    @Test func everyFieldIsRead() throws {
        let json = Self.scenario(
            consumer: """
                { "name": "app", "type": "kcl", "workers": 6, "fanOut": "enhanced", "checkpointEveryRecords": 500,
                  "failoverTime": "30s", "maxLeasesForWorker": 3, "processingTimePerRecord": "2ms",
                  "leaseTable": { "billingMode": "PROVISIONED", "writeCapacityUnits": 5 } }
                """)
        let consumer = try ScenarioDecoder.decode(Array(json.utf8)).configuration.consumers[0]
        let kcl = try #require(consumer.kcl)
        #expect(kcl.workers == 6 && kcl.enhancedFanOut && kcl.maxLeasesForWorker == 3)
        #expect(kcl.checkpoint == .everyRecords(500))
        #expect(kcl.failoverTimeNanoseconds == 30_000_000_000)
        #expect(consumer.processingTimePerRecordNanoseconds == 2_000_000)
        // Read capacity not given: the KCL's initialLeaseTableReadCapacity, 10.
        #expect(kcl.leaseTable == .provisioned(readCapacityUnits: 10, writeCapacityUnits: 5))
        #expect(consumer.isEnhancedFanOutApplication && !consumer.pollsWithOwnSettings)
    }

    @Test(arguments: [
        (#""workers": 0, "fanOut": "shared""#, "consumers.0.workers", "1 to 10,000"),
        (#""workers": 2"#, "consumers.0.fanOut", "is required"),
        (#""fanOut": "efo""#, "consumers.0.fanOut", "expected one of \"shared\", \"enhanced\""),
        (
            #""fanOut": "shared", "checkpointInterval": "10s", "checkpointEveryRecords": 5"#,
            "consumers.0.checkpointEveryRecords", "not both"
        ),
        (#""fanOut": "shared", "failoverTime": "500ms""#, "consumers.0.failoverTime", "expected a duration"),
        (#""fanOut": "shared", "maxLeasesForWorker": 0"#, "consumers.0.maxLeasesForWorker", "1 to 100,000"),
        (#""fanOut": "enhanced", "pollInterval": "1s""#, "consumers.0.pollInterval", "fanOut \"shared\" only"),
        (
            #""fanOut": "shared", "leaseTable": { "readCapacityUnits": 5 }"#,
            "consumers.0.leaseTable.readCapacityUnits", "only with billingMode PROVISIONED"
        ),
        (
            #""fanOut": "shared", "leaseTable": { "billingMode": "ONDEMAND" }"#,
            "consumers.0.leaseTable.billingMode", "PAY_PER_REQUEST"
        ),
        (
            #""fanOut": "shared", "leaseTable": { "billingMode": "PROVISIONED", "writeCapacityUnits": 0 }"#,
            "consumers.0.leaseTable.writeCapacityUnits", "1 to 40,000"
        ),
        (#""fanOut": "shared", "checkpointEvery": 5"#, "consumers.0.checkpointEvery", "unknown field"),
    ])
    func consumerMistakesNameTheField(members: String, path: String, fragment: String) {
        let json = Self.scenario(consumer: #"{ "name": "app", "type": "kcl", \#(members) }"#)
        let found = decodingDiagnostics(json)
        #expect(found.contains { $0.path == path && $0.message.contains(fragment) }, "\(found)")
    }

    @Test func workerEventsDecode() throws {
        let json = Self.scenario(
            consumer: #"{ "name": "app", "type": "kcl", "workers": 3, "fanOut": "shared" }"#,
            events: """
                [{ "at": "1m", "action": "workerFailure", "consumer": "app", "worker": 2 },
                 { "at": "2m", "action": "workerRecovery", "consumer": "app", "worker": 2 },
                 { "at": "3m", "action": "applicationRestart", "consumer": "app" }]
                """)
        let events = try ScenarioDecoder.decode(Array(json.utf8)).configuration.events
        #expect(
            events == [
                .workerFailure(consumerIndex: 0, worker: 2, atNanoseconds: 60_000_000_000),
                .workerRecovery(consumerIndex: 0, worker: 2, atNanoseconds: 120_000_000_000),
                .applicationRestart(consumerIndex: 0, atNanoseconds: 180_000_000_000),
            ])
    }

    @Test(arguments: [
        (#"{ "at": "1m", "action": "workerFailure", "consumer": "app", "worker": 4 }"#, "events.0.worker", "1 to 3"),
        (#"{ "at": "1m", "action": "workerFailure", "consumer": "app" }"#, "events.0.worker", "is required"),
        (
            #"{ "at": "1m", "action": "workerFailure", "consumer": "plain", "worker": 1 }"#, "events.0.consumer",
            "applies to KCL applications"
        ),
        (
            #"{ "at": "1m", "action": "applicationRestart", "consumer": "ap" }"#, "events.0.consumer",
            "did you mean 'app'?"
        ),
        (
            #"{ "at": "1m", "action": "applicationRestart", "consumer": "app", "worker": 1 }"#, "events.0.worker",
            "unknown field"
        ),
        (#"{ "at": "1m", "action": "workerRecovery", "consumer": "app", "worker": 1 }"#, "events.0.worker", "running"),
        (
            #"{ "at": "1m", "action": "workerFailure", "consumer": "app", "worker": 1 }, { "at": "2m", "action": "workerFailure", "consumer": "app", "worker": 1 }"#,
            "events.1.worker", "down since 1m"
        ),
    ])
    func eventMistakesNameTheField(event: String, path: String, fragment: String) {
        let json = Self.scenario(
            consumer: #"{ "name": "app", "type": "kcl", "workers": 3, "fanOut": "shared" }"#, events: "[\(event)]")
        let found = decodingDiagnostics(json)
        #expect(found.contains { $0.path == path && $0.message.contains(fragment) }, "\(found)")
    }

    @Test func aRestartBringsAFailedWorkerBack() {
        let json = Self.scenario(
            consumer: #"{ "name": "app", "type": "kcl", "workers": 2, "fanOut": "shared" }"#,
            events: """
                [{ "at": "1m", "action": "workerFailure", "consumer": "app", "worker": 1 },
                 { "at": "2m", "action": "applicationRestart", "consumer": "app" },
                 { "at": "3m", "action": "workerFailure", "consumer": "app", "worker": 1 }]
                """)
        #expect(decodingDiagnostics(json).isEmpty)
    }
}
