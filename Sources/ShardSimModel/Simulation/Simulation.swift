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
    /// A KCL worker's lease taker runs (target: KCL application; argument: worker and generation).
    case kclLeaseTaker = 13
    /// A KCL worker's lease renewer runs (target: KCL application; argument: worker and generation).
    case kclLeaseRenewer = 14
    /// A KCL application checkpoints its leases (target: KCL application).
    case kclCheckpoint = 15
    /// A KCL application's shard sync (target: KCL application).
    case kclShardSync = 16
    /// A workerFailure, workerRecovery or applicationRestart (target: index into the scenario's events).
    case kclWorkerEvent = 17
}

/// Runs one scenario: producers writing into a stream, in integer virtual time.
///
/// A small loop: it pops the next event and hands it to the component that owns it, with the context (scenario,
/// queue, layout). Components own their state and talk through small typed APIs (docs/architecture.md):
/// the write path hands accepted records to the read path's shard logs; the read path hands what Lambda and
/// Firehose consumers read to `LambdaMappings` and `FirehoseDelivery`; resharding and the on-demand scaler
/// hand back a `LayoutChange`, which the loop passes to every component.
///
/// Deterministic: one seed; every random stream derives from it by a fixed sub-stream number; ties in the
/// event queue pop in insertion order; nothing iterates a Dictionary or Set.
public struct Simulation {
    var context: SimulationContext
    var writePath: WritePath
    var readPath: ReadPath
    var lambda: LambdaMappings
    var firehose: FirehoseDelivery
    var resharding: ReshardingSchedule
    var onDemand: OnDemandScaler
    var kcl: KCLApplications
    /// Flow fidelity's write path (nil in event mode).
    var flow: FlowWritePath?
    var eventsProcessed: UInt64 = 0
    /// Called every `progressInterval` events with the simulated fraction done (the CLI draws a progress line;
    /// the engine itself never looks at a clock).
    var progress: ((Double) -> Void)?
    static let progressInterval: UInt64 = 1 << 16

    /// Prepares a run; the configuration must have passed scenario validation.
    ///
    /// `computesTwinConsumersOnce`: a consumer identical to an earlier one takes that one's results instead of
    /// reading (ReadPath+Twins.swift). The results are the same either way; tests compare the two.
    init(configuration: SimulationConfiguration, computesTwinConsumersOnce: Bool) {
        precondition(configuration.stream.shardCount >= 1, "validated scenarios have at least one shard")
        precondition(configuration.durationNanoseconds > 0, "validated scenarios have a positive duration")
        precondition(
            configuration.stream.initialLayout.map { $0.shards.count == configuration.stream.shardCount } ?? true,
            "an existing layout's shard count is the stream's shardCount")
        let layout =
            configuration.stream.streamMode == .onDemand
            ? ShardLayout(shardCount: configuration.assumptions.onDemand.initialShardCount(configuration.stream))
            : ShardLayout(stream: configuration.stream)
        context = SimulationContext(configuration: configuration, layout: layout)
        writePath = WritePath(configuration: configuration, layout: layout)
        readPath = ReadPath(configuration: configuration, computesTwinsOnce: computesTwinConsumersOnce)
        lambda = LambdaMappings(configuration: configuration)
        firehose = FirehoseDelivery(configuration: configuration)
        resharding = ReshardingSchedule(initialOpenShards: layout.openShardCount)
        onDemand = OnDemandScaler(configuration: configuration)
        kcl = KCLApplications(configuration: configuration)
        for _ in layout.shards { addShardState() }
        lambda.countDistinctKeys(producers: writePath.producers, shardCount: layout.shards.count)
        for consumer in readPath.consumers.indices {
            for shard in layout.shards.indices { addConsumerSlot(consumer: consumer, shard: shard, at: 0) }
        }
        readPath.start(context: &context)
        kcl.start(context: &context)
        resharding.schedule(context: &context)
        onDemand.start(context: &context)
    }

    /// Prepares a run; the configuration must have passed scenario validation.
    public init(configuration: SimulationConfiguration) {
        self.init(configuration: configuration, computesTwinConsumersOnce: true)
    }

    /// Simulates the whole duration and returns what it measured.
    ///
    /// `usesSpareCore`: assemble big producers' batches on threads of their own (`ProducerPipeline`). The result
    /// is the same either way; it pays when a core is idle, i.e. for a single run, not inside a parallel sweep.
    /// Producers drawing fewer than `spareCoreMinimumRecords` keep to the run's thread.
    public static func run(
        _ configuration: SimulationConfiguration, progress: ((Double) -> Void)? = nil,
        usesSpareCore: Bool = false,
        spareCoreMinimumRecords: Double = Simulation.pipelineMinimumRecords
    ) -> SimulationResult {
        var simulation = Simulation(configuration: configuration)
        simulation.progress = progress
        if usesSpareCore && configuration.fidelity == .event {
            simulation.writePath.startPipelines(
                minimumRecords: spareCoreMinimumRecords,
                durationNanoseconds: configuration.durationNanoseconds)
        }
        simulation.runToHorizon()
        for producer in simulation.writePath.producers { producer.stopPipeline() }
        return simulation.result()
    }

    /// Producers drawing at least this many records get a pipeline; below it a thread costs more than it saves.
    public static let pipelineMinimumRecords: Double = 2_000_000

    mutating func runToHorizon() {
        let horizon = context.configuration.durationNanoseconds
        if context.configuration.fidelity == .flow {
            flow = FlowWritePath(
                configuration: context.configuration, ledger: writePath.ledger,
                producers: writePath.producers, writesLogs: readPath.hasConsumers)
            context.schedule(.flowWindow, at: 0, target: 0)
        } else {
            writePath.start(context: &context)
        }
        // Bounded: every event either ends a producer's batch (finite arrivals before the horizon) or
        // retires a request whose retries are capped by maxAttempts. The first event at or past the horizon is popped
        // and dropped (nothing reads the queue after the run): popping without peeking first saves a look at the
        // heap's top per event.
        while let event = context.queue.popNext(), event.time < horizon {
            eventsProcessed += 1
            if eventsProcessed % Self.progressInterval == 0, let progress {
                progress(Double(event.time) / Double(horizon))
            }
            // Most events of a run with enhanced fan-out readers are their pushes: dispatched before decoding the
            // kind (`EventKind(rawValue:)` is a call, and then a jump table): 3.8 M instructions of workload b.
            if event.kind == EventKind.enhancedPush.rawValue {
                readPath.enhancedPush(
                    slot: event.target, at: event.time, context: &context, lambda: &lambda, firehose: &firehose)
            } else {
                handle(event)
            }
        }
        writePath.ledger.finish()
        readPath.settleTwins()
        flow?.finish(producers: &writePath.producers, ledger: &writePath.ledger)
        resharding.accountOpenShardTime(until: horizon, context: context)
        checkInvariants()
    }

    /// Hands one event to the component that owns its kind.
    @inline(__always)
    private mutating func handle(_ event: ScheduledEvent) {
        let time = event.time
        let target = Int(event.target)
        switch EventKind(rawValue: event.kind) {
        case .producerSend: writePath.sendPendingBatch(producerIndex: target, at: time, context: &context)
        case .requestArrival: applyRequest(slot: event.target, at: time)
        case .consumerStart: readPath.startConsumer(target, at: time, context: &context, lambda: &lambda)
        case .sharedPoll:
            readPath.sharedPoll(slot: event.target, at: time, context: &context, lambda: &lambda, firehose: &firehose)
        case .enhancedPush:
            readPath.enhancedPush(slot: event.target, at: time, context: &context, lambda: &lambda, firehose: &firehose)
        case .retentionTrim: readPath.trimRetention(at: time, context: &context)
        case .lambdaWindow:
            lambda.windowExpired(consumerSlot: target, at: time, consumers: &readPath.consumers, context: &context)
        case .lambdaDone:
            lambda.finishInvocation(slot: target, at: time, consumers: &readPath.consumers, context: &context)
        case .firehoseFlush:
            firehose.intervalElapsed(
                consumerSlot: target, generation: event.argument, at: time, consumers: &readPath.consumers)
        case .reshardComplete:
            if let change = resharding.complete(eventIndex: target, at: time, context: &context) {
                applyLayoutChange(change, at: time)
            }
        case .onDemandObserve: onDemand.observe(writePath.ledger.takeIntervalTotals(), at: time, context: &context)
        case .onDemandScale:
            resharding.accountOpenShardTime(until: time, context: context)
            if let change = onDemand.scale(layout: &context.layout) { applyLayoutChange(change, at: time) }
        case .flowWindow: runFlowWindow(at: time)
        case .kclLeaseTaker:
            kcl.runTaker(
                application: target, argument: event.argument, at: time, context: &context, readPath: &readPath)
        case .kclLeaseRenewer:
            kcl.runRenewer(
                application: target, argument: event.argument, at: time, context: &context, readPath: &readPath)
        case .kclCheckpoint: kcl.checkpointAll(application: target, at: time, context: &context, readPath: &readPath)
        case .kclShardSync: kcl.syncShards(application: target, at: time, context: &context, readPath: &readPath)
        case .kclWorkerEvent:
            kcl.applyWorkerEvent(eventIndex: target, at: time, context: &context, readPath: &readPath)
        case nil: preconditionFailure("unknown event kind \(event.kind)")
        }
    }

    /// A request reaches the stream: the write path applies it, the shard logs take what it accepted, and its
    /// throttled records go out again (scheduled after the logs woke their readers, so ties keep their order).
    private mutating func applyRequest(slot: Int32, at time: Int64) {
        let retry = writePath.applyRequest(slot: slot, at: time, assumptions: context.assumptions)
        if readPath.hasConsumers { readPath.appendAccepted(&writePath.acceptedRuns, at: time, context: &context) }
        if let retry { context.schedule(.requestArrival, at: retry.arrivesAt, target: retry.slot) }
        if !writePath.pendingResends.isEmpty {
            for resend in writePath.pendingResends {
                context.schedule(.requestArrival, at: resend.arrivesAt, target: resend.slot)
            }
            writePath.pendingResends.removeAll(keepingCapacity: true)
        }
    }

    /// Flow fidelity: the flow component's accounting window at `time`, then its accepted runs into the shard logs,
    /// where readers see them as in event mode, and the next window.
    private mutating func runFlowWindow(at time: Int64) {
        guard flow != nil else { preconditionFailure("flow windows run only in flow fidelity") }
        let next = flow!.runWindow(
            startingAt: time, layout: context.layout, producers: &writePath.producers,
            ledger: &writePath.ledger)
        readPath.appendFlowRuns(flow!.acceptedRuns, context: &context)
        if let next { context.schedule(.flowWindow, at: next, target: 0) }
    }
}
