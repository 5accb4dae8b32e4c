import Foundation
import ShardSimEngine

/// The kinds of events the Kinesis model schedules on the engine's queue.
enum EventKind: Int32 {
    /// A producer's pending batch leaves (target: producer index).
    case producerSend = 0
    /// A request reaches the stream (target: request slot).
    case requestArrival = 1
    /// A consumer begins reading (target: consumer index).
    case consumerStart = 2
    /// A shared consumer's GetRecords call on one shard (target: consumer-shard slot).
    case sharedPoll = 3
    /// An enhanced fan-out push to one consumer on one shard (target: consumer-shard slot).
    case enhancedPush = 4
    /// Records past the retention period expire (target unused).
    case retentionTrim = 5
    /// A Lambda shard buffer's batching window ends (target: consumer-shard slot).
    case lambdaWindow = 6
    /// A Lambda invocation ends (target: Lambda slot).
    case lambdaDone = 7
    /// A Firehose shard buffer's interval ends (target: consumer-shard slot; argument: buffer generation).
    case firehoseFlush = 8
    /// A resharding action completes (target: index into the scenario's events).
    case reshardComplete = 9
    /// On-demand: look at the last interval's write rates (target unused).
    case onDemandObserve = 10
    /// On-demand: a scale-up completes (target unused).
    case onDemandScale = 11
    /// Flow fidelity: the write path of one accounting window (target unused).
    case flowWindow = 12
}

/// Runs one scenario: producers writing into a stream, in integer virtual time.
///
/// Deterministic: one seed; every random stream derives from it by a fixed sub-stream number; ties in the
/// event queue pop in insertion order; nothing iterates a Dictionary or Set.
///
/// Speed: small non-mutating helpers that event handlers call are `@inline(__always)`. Called out of line
/// from a mutating method, Swift passes them a copy of the whole struct (over 700 bytes, measured with
/// callgrind as a `memcpy` per call), which on the per-push and per-poll paths cost more than the work.
public struct Simulation {
    let configuration: SimulationConfiguration
    var queue = EventQueue(reservingCapacity: 4_096)
    var layout: ShardLayout
    var ledger: ShardWriteLedger
    var producers: [ProducerRuntime] = []
    var pool = PutRequestPool()
    var packer = KinesisRecordPacker()
    var eventsProcessed: UInt64 = 0
    // Read path: present only when the scenario has consumers, so the write path pays nothing otherwise.
    var logs: [ShardLog] = []
    var readLedgers: [ShardReadLedger] = []
    var consumers: [ConsumerRuntime] = []
    var consumerSlots: [ConsumerShardState] = []
    var enhancedWaiting: [[Int32]] = []
    var readPieces: [ReadPiece] = []
    var lastRead = LogReadMemo()
    /// Per-shard totals of one request's accepted records, appended to the shard logs after the request.
    var acceptedByShard: [(kinesisRecords: Int64, userRecords: Int64, bytes: Int64)] = []
    var touchedShards: [Int32] = []
    /// Per Kinesis record of the request being applied: the shard that accepted it, or -1 (reused buffer).
    var acceptedShardScratch: [Int32] = []
    var hasConsumers: Bool { !consumers.isEmpty }
    var lambdaShards: [LambdaShardState] = []
    var lambdaSlots: [LambdaSlot] = []
    var lambdaRunningByConsumer: [Int64] = []
    /// Concurrency pools (index 0: the account's unreserved concurrency; then one per reserved function) and
    /// each consumer's pool.
    var lambdaPools: [LambdaConcurrencyPool] = []
    var lambdaPoolByConsumer: [Int32] = []
    /// Firehose buffers by consumer-shard slot (one per shard of the source; empty for other consumers).
    var firehoseBuffers: [FirehoseBuffer] = []
    /// consumer → shard → index into `consumerSlots`.
    var slotByConsumerAndShard: [[Int32]] = []
    var openShardNanoseconds: Double = 0
    var onDemandPeakBytesPerSecond: Double = 0
    var onDemandPeakRecordsPerSecond: Double = 0
    var isOnDemandScalingPending = false
    /// Set when the peak offered write rate was above the per-stream maximum write throughput.
    var isOnDemandAtMaximum = false
    var lastIntervalOfferedBytes: [Double] = []
    var lastLayoutChangeAt: Int64 = 0
    var shardCountTimeline: [ShardCountChange] = []
    /// Distinct partition keys routed to each shard, capped at 10 (Lambda runs at most one batch per key at a time).
    var distinctKeysByShard: [Int] = []
    /// Flow fidelity's write path (nil in event mode).
    var flow: FlowWritePath?
    /// Called every `progressInterval` events with the simulated fraction done (the CLI draws a progress line;
    /// the engine itself never looks at a clock).
    var progress: ((Double) -> Void)?
    static let progressInterval: UInt64 = 1 << 16

    /// Prepares a run; the configuration must have passed scenario validation.
    public init(configuration: SimulationConfiguration) {
        precondition(configuration.stream.shardCount >= 1, "validated scenarios have at least one shard")
        precondition(configuration.durationNanoseconds > 0, "validated scenarios have a positive duration")
        self.configuration = configuration
        precondition(configuration.stream.initialLayout.map { $0.shards.count == configuration.stream.shardCount } ?? true,
                     "an existing layout's shard count is the stream's shardCount")
        layout = configuration.stream.streamMode == .onDemand
            ? ShardLayout(shardCount: configuration.assumptions.onDemand.initialShardCount(configuration.stream))
            : ShardLayout(stream: configuration.stream)
        // Firehose's 5 KB ingestion meter is kept only when a Firehose delivery stream reads the stream.
        let hasFirehose = configuration.consumers.contains { $0.type == .firehose }
        ledger = ShardWriteLedger(limits: configuration.stream.limits,
                                  windowNanoseconds: configuration.assumptions.writeAccountingWindowNanoseconds,
                                  firehoseBillingIncrementBytes: hasFirehose ? configuration.assumptions.firehoseBillingIncrementBytes : 0)
        for _ in layout.shards { addShardState() }
        for (index, producer) in configuration.producers.enumerated() {
            var runtime = ProducerRuntime(configuration: producer, index: index, seed: configuration.seed,
                                          stream: configuration.stream,
                                          horizonNanoseconds: configuration.durationNanoseconds)
            runtime.keys.route(with: layout.router, openShardIndices: layout.openShardIndices)
            producers.append(runtime)
        }
        shardCountTimeline.append(ShardCountChange(atNanoseconds: 0, openShards: layout.openShardCount))
        countDistinctKeysByShard()
        prepareConsumers()
        scheduleResharding()
        scheduleOnDemandObservation()
    }

    /// Per-shard state for a shard just added to the layout.
    mutating func addShardState() {
        ledger.addShard()
        guard !configuration.consumers.isEmpty || !configuration.events.isEmpty
            || configuration.stream.streamMode == .onDemand else { return }
        logs.append(ShardLog(coalescingNanoseconds: configuration.assumptions.logCoalescingNanoseconds))
        readLedgers.append(ShardReadLedger())
        enhancedWaiting.append([])
        acceptedByShard.append((0, 0, 0))
    }

    /// Simulates the whole duration and returns what it measured.
    ///
    /// `usesSpareCore`: assemble big producers' batches on threads of their own (`ProducerPipeline`). The result
    /// is the same either way; it pays when a core is idle, i.e. for a single run, not inside a parallel sweep.
    /// Producers drawing fewer than `spareCoreMinimumRecords` keep to the run's thread.
    public static func run(_ configuration: SimulationConfiguration, progress: ((Double) -> Void)? = nil,
                           usesSpareCore: Bool = false,
                           spareCoreMinimumRecords: Double = Simulation.pipelineMinimumRecords) -> SimulationResult {
        var simulation = Simulation(configuration: configuration)
        simulation.progress = progress
        if usesSpareCore && configuration.fidelity == .event {
            // One pipeline per spare core at most (each holds a thread and a few MiB of batches), for the
            // producers with the most records.
            let spareCores = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
            var candidates: [(index: Int, records: Double)] = []
            for index in simulation.producers.indices {
                let records = simulation.expectedRecords(ofProducer: index)
                if records >= spareCoreMinimumRecords { candidates.append((index, records)) }
            }
            candidates.sort { left, right in
                left.records > right.records || (left.records == right.records && left.index < right.index)
            }
            for candidate in candidates.prefix(spareCores) { simulation.producers[candidate.index].startPipeline() }
        }
        simulation.runToHorizon()
        for producer in simulation.producers { producer.stopPipeline() }
        return simulation.result()
    }

    /// Producers drawing at least this many records get a pipeline; below it a thread costs more than it saves.
    public static let pipelineMinimumRecords: Double = 2_000_000

    func expectedRecords(ofProducer index: Int) -> Double {
        let producer = configuration.producers[index]
        let mean = producer.rateProfile.meanRecordsPerSecond(baseRecordsPerSecond: producer.recordsPerSecond,
                                                             durationNanoseconds: configuration.durationNanoseconds)
        return mean * Double(configuration.durationNanoseconds) / 1e9
    }

    mutating func runToHorizon() {
        let horizon = configuration.durationNanoseconds
        if configuration.fidelity == .flow {
            flow = FlowWritePath(configuration: configuration, ledger: ledger, producers: producers, writesLogs: hasConsumers)
            queue.schedule(at: 0, kind: EventKind.flowWindow.rawValue, target: 0)
        } else {
            for index in producers.indices where producers[index].assembleNextBatch() {
                queue.schedule(at: producers[index].pendingSendNanoseconds, kind: EventKind.producerSend.rawValue,
                               target: Int32(index))
            }
        }
        // Bounded: every event either ends a producer's batch (finite arrivals before the horizon) or
        // retires a request whose retries are capped by maxAttempts.
        while let time = queue.peekTime(), time < horizon, let event = queue.popNext() {
            eventsProcessed += 1
            if eventsProcessed % Self.progressInterval == 0, let progress { progress(Double(time) / Double(horizon)) }
            switch EventKind(rawValue: event.kind) {
            case .producerSend: sendPendingBatch(producerIndex: Int(event.target), at: event.time)
            case .requestArrival: applyRequest(slot: event.target, at: event.time)
            case .consumerStart: startConsumer(Int(event.target), at: event.time)
            case .sharedPoll: sharedPoll(slot: event.target, at: event.time)
            case .enhancedPush: enhancedPush(slot: event.target, at: event.time)
            case .retentionTrim: trimRetention(at: event.time)
            case .lambdaWindow: lambdaWindowExpired(consumerSlot: Int(event.target), at: event.time)
            case .lambdaDone: finishInvocation(slot: Int(event.target), at: event.time)
            case .firehoseFlush: firehoseIntervalElapsed(consumerSlot: Int(event.target), generation: event.argument, at: event.time)
            case .reshardComplete: completeResharding(eventIndex: Int(event.target), at: event.time)
            case .onDemandObserve: observeOnDemandTraffic(at: event.time)
            case .onDemandScale: scaleOnDemandStream(at: event.time)
            case .flowWindow: runFlowWindow(at: event.time)
            case nil: preconditionFailure("unknown event kind \(event.kind)")
            }
        }
        ledger.finish()
        flow?.finish(producers: &producers, ledger: &ledger)
        accountOpenShardTime(until: horizon)
    }

    /// Flow fidelity: the write path's accounting window at `time` (the component's), then its accepted runs into
    /// the shard logs, where readers see them as in event mode, and the next window.
    mutating func runFlowWindow(at time: Int64) {
        guard flow != nil else { preconditionFailure("flow windows run only in flow fidelity") }
        let next = flow!.runWindow(startingAt: time, layout: layout, producers: &producers, ledger: &ledger)
        for run in flow!.acceptedRuns {
            logs[run.shard].appendSpread(from: run.firstAcceptedAt, through: run.lastAcceptedAt,
                                         kinesisRecords: run.kinesisRecords, userRecords: run.userRecords, bytes: run.bytes)
            wakeEnhancedConsumers(shard: run.shard, acceptedAt: run.firstAcceptedAt)
        }
        if let next { queue.schedule(at: next, kind: EventKind.flowWindow.rawValue, target: 0) }
    }
}
