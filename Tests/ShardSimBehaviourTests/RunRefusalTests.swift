import ShardSimModel
import ShardSimScenario
import Testing

/// The run-size budget's verdicts as values: which limit a scenario breaks, with the estimate's figures, and how
/// `auto` settles the fidelity. Figures are worked by hand from the terms in docs/model.md section 14: a user record
/// attempt is 1 unit, a default key hashed 4 units, a shard set up 350 units plus 0.7 a simulated second of its series
/// (up to 2,048 s), a throttled flow shard-window (1 s by default) 15 units, an unthrottled one 1; memory is 24 MiB for the process,
/// 32 B a key and 16 KiB a shard plus 40 B a series second.
@Suite struct RunRefusalTests {
    private func estimate(_ json: String) throws -> RunSizeEstimate {
        RunSizeEstimate(try ScenarioDecoder.decode(Array(json.utf8)).configuration)
    }

    /// 30 days of 50,000 records/s on 20 shards: 60 % over the records limit, far beyond event fidelity's budget.
    private static let month = """
        { "name": "month", "duration": "30d", "stream": { "shardCount": 20 },
          "producers": [{ "name": "p", "recordsPerSecond": 50000 }] }
        """

    @Test func aMonthAtFiftyThousandRecordsASecondIsTooMuchWorkForEventFidelityButFitsInFlow() throws {
        let refusal = try #require(RunBudget.refusal(try estimate(Self.month), fidelity: .event))
        guard case .tooMuchWork(let excess) = refusal else {
            Issue.record("expected too much work, got \(refusal)")
            return
        }
        #expect(excess.fidelity == .event)
        // 50,000 records/s × 2,592,000 s.
        #expect(excess.userRecords == 129_600_000_000)
        #expect(excess.readerEvents == 0)
        #expect(excess.readerWork == 0)
        // 10,000 default keys × 4 units; 20 shards × (350 + 0.7 × 2,048).
        #expect(excess.keyWork == 40_000)
        #expect(abs(excess.setupWork - 35_672) < 1e-6)
        // Every record is attempted at least once.
        #expect(excess.writeWork >= 129_600_000_000)
        #expect(excess.work > 2_000_000_000)
        // 20,000 of 50,000 records/s accepted: 60 % cannot be at peak.
        #expect(excess.overloadedShare == 0.6)
        #expect(excess.limits.maxWork == 2_000_000_000)
        // Flow: 2,592,000 one-second windows × 20 shards, every one throttled (15 units), plus keys and setup.
        let flowWork = try #require(excess.flowWorkIfWithinBudget)
        #expect(abs(flowWork - (51_840_000 * 15 + 40_000 + 35_672)) < 1e-3)
        #expect(RunBudget.refusal(try estimate(Self.month), fidelity: .flow) == nil)
    }

    @Test func fourHundredDaysOnTenThousandShardsIsTooMuchWorkInEitherFidelity() throws {
        let huge = """
            { "name": "huge", "duration": "400d", "stream": { "shardCount": 10000 },
              "producers": [{ "name": "p", "recordsPerSecond": 10000000 }] }
            """
        let size = try estimate(huge)
        guard case .tooMuchWork(let event)? = RunBudget.refusal(size, fidelity: .event) else {
            Issue.record("expected event fidelity to be refused for its work")
            return
        }
        // 10,000,000 records/s × 34,560,000 s; flow's 34,560,000 windows × 10,000 shards (exactly at the records limit, so
        // unthrottled: 1 unit each) are over the budget too.
        #expect(event.userRecords == 345_600_000_000_000)
        #expect(event.flowWorkIfWithinBudget == nil)
        guard case .tooMuchWork(let flow)? = RunBudget.refusal(size, fidelity: .flow) else {
            Issue.record("expected flow fidelity to be refused for its work")
            return
        }
        #expect(flow.fidelity == .flow)
        #expect(flow.work >= 345_600_000_000)
    }

    @Test func aRunOverTheMemoryBudgetIsRefusedWithItsEstimate() throws {
        // One minute of 1,000 records/s on 2 shards: 24 MiB + 10,000 keys × 32 B + 2 × (16,384 B + 60 s × 48 B:
        // three series of 16 B a second) = 25,524,352 B, over a 20 MiB budget; nothing waits for a retry, so flow
        // holds as much.
        let small =
            #"{ "name": "small", "duration": "1m", "stream": { "shardCount": 2 }, "producers": [{ "name": "p", "recordsPerSecond": 1000 }] }"#
        let limits = RunBudget.Limits(maxMemoryBytes: 20 * 1_048_576)
        let refusal = RunBudget.refusal(try estimate(small), fidelity: .event, limits: limits)
        guard case .tooMuchMemory(let excess)? = refusal else {
            Issue.record("expected too much memory, got \(String(describing: refusal))")
            return
        }
        #expect(excess.fidelity == .event)
        #expect(excess.memoryBytes == 25_524_352)
        #expect(excess.limits == limits)
        #expect(excess.flowMemoryBytesIfWithinBudget == nil)
    }

    @Test func noLogCoalescingCountsARunPerAcceptedRecordNotPerNanosecond() throws {
        // Ten minutes of 5 records/s on one shard with a reader and `logCoalescingWindow` 0: each log entry holds one
        // record, so the log keeps at most the shard's 1,000 accepted records a second, not 1e9 runs a second. Memory:
        // 24 MiB + 10,000 keys × 32 B + 16,384 B + 600 s × 48 B for the shard + 67,584 B for the consumer + 256 B for
        // its shard state + 600 s × 1,000 runs × 64 B = 63,998,848 B, far under the 4 GiB budget (before: about 38 TB,
        // and the run was refused).
        let unCoalesced = """
            { "name": "uncoalesced", "duration": "10m", "stream": { "shardCount": 1 },
              "assumptions": { "logCoalescingWindow": "0s" },
              "producers": [{ "name": "p", "recordsPerSecond": 5 }],
              "consumers": [{ "name": "c", "type": "shared" }] }
            """
        let size = try estimate(unCoalesced)
        #expect(size.memoryBytes == 63_998_848)
        #expect(RunBudget.refusal(size, fidelity: .event) == nil)
    }

    @Test func autoSaysWhyItPicksEachFidelity() throws {
        // One minute of 1,000 records/s on 2 shards: 60,000 records + 40,000 for keys + 2 × (350 + 0.7 × 60) for shards.
        let small =
            #"{ "name": "small", "duration": "1m", "stream": { "shardCount": 2 }, "producers": [{ "name": "p", "recordsPerSecond": 1000 }] }"#
        let kept = RunBudget.resolve(.auto, for: try estimate(small))
        #expect(kept.fidelity == .event)
        guard case .eventFits(let eventWork, let autoLimit) = kept.reason else {
            Issue.record("expected event to fit, got \(kept.reason)")
            return
        }
        #expect(abs(eventWork - 100_784) < 1e-6)
        #expect(autoLimit == 100_000_000)
        let switched = RunBudget.resolve(.auto, for: try estimate(Self.month))
        #expect(switched.fidelity == .flow)
        guard case .eventWorkAboveAutoLimit(let monthWork, 100_000_000) = switched.reason else {
            Issue.record("expected flow for the event work, got \(switched.reason)")
            return
        }
        #expect(monthWork >= 129_600_000_000)
        let requested = RunBudget.resolve(.event, for: try estimate(Self.month))
        #expect(requested.fidelity == .event)
        #expect(requested.reason == .requested)
    }
}
