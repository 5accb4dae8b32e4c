import ShardSimModel
import ShardSimPlanner
import ShardSimScenario
import ShardSimTestSupport
import Testing

/// `plan`'s default `auto`: each candidate runs in event fidelity when its event work is within
/// min(the auto limit, the work budget ÷ the runs the plan may simulate), else in flow. Work figures by hand from
/// docs/model.md section 14 (as RunRefusalTests): a user record attempt 1 unit, a default key hashed 4 units (10,000
/// default keys), a shard set up 350 units plus 0.7 a simulated second of its series.
@Suite struct CandidateFidelityTests {
    /// 1,000 records/s of the default size on 2 shards for 10 minutes: half the records limit, so no retries.
    private static let tenMinutes = """
        { "name": "ten", "duration": "10m", "stream": { "shardCount": 2 },
          "producers": [{ "name": "p", "recordsPerSecond": 1000 }] }
        """

    private func configuration() throws -> SimulationConfiguration {
        try ScenarioDecoder.decode(Array(Self.tenMinutes.utf8)).configuration
    }

    @Test func theThresholdIsTheSmallerOfTheAutoLimitAndTheCandidatesShareOfTheWorkBudget() {
        // Standard: 2,000,000,000 ÷ 12 = 166,666,667 > the 100,000,000 auto limit.
        #expect(CandidateFidelity.auto(.standard, runs: 12).eventWorkLimit == 100_000_000)
        // 40 runs: 2,000,000,000 ÷ 40 = 50,000,000, below the auto limit.
        #expect(CandidateFidelity.auto(.standard, runs: 40).eventWorkLimit == 50_000_000)
        // A lowered budget keeps auto's ratio: 10,000,000 ÷ 20 = 500,000 auto limit; ÷ 4 runs = 2,500,000.
        #expect(CandidateFidelity.auto(RunBudget.Limits(maxWork: 10_000_000), runs: 4).eventWorkLimit == 500_000)
        #expect(CandidateFidelity.fixed.eventWorkLimit == nil)
    }

    @Test func aCandidateRunsInEventFidelityOnlyWithinItsShare() throws {
        let candidate = try configuration()
        // 600,000 records + 40,000 for keys + 2 × (350 + 0.7 × 600) for shards = 641,540 units.
        #expect(abs(RunSizeEstimate(candidate).eventWork - 641_540) < 1)
        // Budget 20,000,000: auto limit 1,000,000; 4 runs' share 5,000,000: event.
        #expect(CandidateFidelity.auto(RunBudget.Limits(maxWork: 20_000_000), runs: 4).decide(candidate) == .event)
        // 40 runs' share is 500,000 < 641,540: flow.
        #expect(CandidateFidelity.auto(RunBudget.Limits(maxWork: 20_000_000), runs: 40).decide(candidate) == .flow)
        // Budget 10,000,000: auto limit 500,000 < 641,540: flow.
        #expect(CandidateFidelity.auto(RunBudget.Limits(maxWork: 10_000_000), runs: 4).decide(candidate) == .flow)
        // Fixed keeps the configuration's own.
        #expect(CandidateFidelity.fixed.decide(candidate) == .event)
    }

    @Test func aPlanSaysWhichCandidatesRanInFlowAndWhy() throws {
        let base = try configuration()
        // Within the standard budget every candidate runs in event fidelity: the plan reads as before, no note.
        let standard = Planner.plan(base, objective: nil, threads: 2, fidelity: .auto(.standard, runs: 12))
        #expect(standard.candidates.allSatisfy { $0.fidelity == .event })
        #expect(standard.fidelityNote == nil)
        // A budget of 10,000,000 leaves each candidate at most 500,000 units: every one (≥ 600,000 records) in flow.
        let small = Planner.plan(
            base, objective: nil, threads: 2, fidelity: .auto(RunBudget.Limits(maxWork: 10_000_000), runs: 12))
        #expect(!small.candidates.isEmpty)
        #expect(small.candidates.allSatisfy { $0.fidelity == .flow })
        let note = try #require(small.fidelityNote)
        #expect(note.contains("500000 units"))
        #expect(note.contains("event: none"))
    }

    /// A sweep shares the budget over the whole grid. 100,000 records/s for 10 minutes on 200 shards (500 records/s
    /// a shard, half the limit: no retries): 60,000,000 records + 40,000 for the 10,000 default keys + 200 × (350 +
    /// 0.7 × 600) = 154,000 for the shards = 60,194,000 units. Ten points: each share 2,000,000,000 ÷ 10 =
    /// 200,000,000, capped at the 100,000,000 auto limit: event. Forty points: 50,000,000 < 60,194,000: flow.
    @Test func aSweepPointsShareIsOfTheWholeGrid() throws {
        let json = """
            { "name": "sixty-million", "duration": "10m", "stream": { "shardCount": 200 },
              "producers": [{ "name": "p", "recordsPerSecond": 100000 }] }
            """
        let point = try ScenarioDecoder.decode(Array(json.utf8)).configuration
        #expect(abs(RunSizeEstimate(point).eventWork - 60_194_000) < 1)
        #expect(CandidateFidelity.auto(.standard, runs: 10).decide(point) == .event)
        #expect(CandidateFidelity.auto(.standard, runs: 40).decide(point) == .flow)
        let note = try #require(CandidateFidelity.auto(.standard, runs: 80).sweepNote(points: 40, replications: 2))
        // 2,000,000,000 ÷ 80 = 25,000,000.
        #expect(note.contains("at most 25000000 units (its share of the work budget over the grid's 40 points × 2 "))
        #expect(CandidateFidelity.fixed.sweepNote(points: 40, replications: 2) == nil)
    }

    /// Issue 19's big stream: 1,500,000 records/s for 600 s is 900,000,000 records, nine times the auto limit, so
    /// every candidate of its plan and both sides of its comparison run in flow.
    @Test func theBigStreamOfDocsSpeedRunsInFlow() throws {
        let bytes = try String(
            contentsOf: repositoryRoot.appendingPathComponent("docs/speed/workload-big-plan.json"), encoding: .utf8)
        let big = try ScenarioDecoder.decode(Array(bytes.utf8)).configuration
        #expect(RunSizeEstimate(big).eventWork >= 900_000_000)
        #expect(CandidateFidelity.auto(.standard, runs: 1).decide(big) == .flow)
        for candidate in Planner.worstCaseCandidates(big) {
            #expect(CandidateFidelity.auto(.standard, runs: 1).decide(candidate) == .flow)
        }
    }
}
