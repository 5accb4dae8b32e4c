import ShardSimEngine

/// The read path: each shard's log of accepted records, its shared read limits, and the consumers reading it
/// (shared-throughput pollers, enhanced fan-out subscriptions; Lambda and Firehose read through it too).
///
/// Owns the `consumerStart`, `sharedPoll`, `enhancedPush` and `retentionTrim` events. Takes accepted records from
/// the write path (`appendAccepted`); hands what a Lambda or Firehose reader read to `LambdaMappings` or
/// `FirehoseDelivery`. A consumer slot is one consumer on one shard; Lambda and Firehose index their per-shard
/// state by the same slot numbers.
struct ReadPath {
    var logs: [ShardLog] = []
    var readLedgers: [ShardReadLedger] = []
    var consumers: [ConsumerRuntime] = []
    /// One consumer's progress on one shard, by consumer slot.
    var slots: [ConsumerShardState] = []
    /// Per slot: an enhanced fan-out reader that needs only its busy check before a push (ReadPath+Push.swift).
    var pushesUnchecked: [Bool] = []
    /// consumer → shard → index into `slots`.
    var slotByConsumerAndShard: [[Int32]] = []
    /// Per shard: the enhanced fan-out slots caught up and waiting for new records.
    var enhancedWaiting: [[Int32]] = []
    /// The pieces the last read returned (only `readLog` writes it).
    var readPieces: [ReadPiece] = []
    /// Whether shards keep logs (not needed by a run with nothing that reads or reshapes the stream).
    let keepsLogs: Bool
    /// What an enhanced fan-out subscription may push at once: its per-shard rate for the burst seconds.
    let enhancedFanOutBurstBytes: Double
    /// Per consumer: the earlier consumer computing it (ReadPath+Twins.swift), or nil.
    private(set) var twinLeaders: [Int?] = []
    /// Per consumer: what a poll looks up, read once (`sharedPoll` ran a copy of the whole configuration, with a
    /// retain of each of its references, several times a poll).
    private(set) var pollSettings: [PollSettings] = []

    /// `computesTwinsOnce`: let a consumer identical to an earlier one take that one's results instead of reading
    /// (ReadPath+Twins.swift); the run's results are the same either way.
    init(configuration: SimulationConfiguration, computesTwinsOnce: Bool = false) {
        keepsLogs =
            !configuration.consumers.isEmpty || !configuration.events.isEmpty
            || configuration.stream.streamMode == .onDemand
        enhancedFanOutBurstBytes =
            Double(KinesisLimits.enhancedFanOutBytesPerSecondPerShard)
            * configuration.assumptions.enhancedFanOutBurstSeconds
        for (index, consumer) in configuration.consumers.enumerated() {
            var runtime = ConsumerRuntime(configuration: consumer, index: index, seed: configuration.seed)
            for event in configuration.events {
                if case .consumerOutage(let consumerIndex, let at, let duration) = event, consumerIndex == index {
                    runtime.outages.append((at, at + duration))
                }
            }
            runtime.outages.sort { $0.start < $1.start }
            consumers.append(runtime)
            slotByConsumerAndShard.append([])
            pollSettings.append(
                PollSettings(
                    type: consumer.type, intervalNanoseconds: Self.pollIntervalNanoseconds(of: consumer),
                    usesOwnSettings: consumer.pollsWithOwnSettings, maxRecordsPerCall: consumer.maxRecordsPerCall))
        }
        twinLeaders =
            computesTwinsOnce
            ? Self.twinLeaders(of: configuration, outages: consumers.map(\.outages))
            : Array(repeating: nil, count: consumers.count)
    }

    var hasConsumers: Bool { !consumers.isEmpty }

    /// Per-shard state for a shard just added to the layout.
    mutating func addShard(coalescingNanoseconds: Int64) {
        guard keepsLogs else { return }
        logs.append(ShardLog(coalescingNanoseconds: coalescingNanoseconds))
        readLedgers.append(ShardReadLedger())
        enhancedWaiting.append([])
    }

    /// Schedules each consumer's start and the first retention trim.
    func start(context: inout SimulationContext) {
        for (index, consumer) in consumers.enumerated() {
            context.schedule(.consumerStart, at: consumer.configuration.startAtNanoseconds, target: Int32(index))
        }
        if context.configuration.durationNanoseconds > context.retentionNanoseconds {
            context.schedule(.retentionTrim, at: context.retentionNanoseconds, target: 0)
        }
    }

    /// A consumer's state for a new shard, as slot number `slots.count`. A consumer already reading starts on
    /// it at `time` (after its parents); returns whether it did, so its Lambda state can be prepared.
    mutating func addSlot(consumer consumerIndex: Int, shard: Int, at time: Int64) -> Bool {
        let slot = slots.count
        var state = ConsumerShardState(consumerIndex: Int32(consumerIndex), shardIndex: Int32(shard))
        // A KCL application reads a shard only once a worker has taken its lease.
        state.isLeaseHeld = consumers[consumerIndex].configuration.type != .kcl
        slots.append(state)
        pushesUnchecked.append(false)
        slotByConsumerAndShard[consumerIndex].append(Int32(slot))
        guard consumers[consumerIndex].hasStarted else { return false }
        state.hasStarted = true
        state.startedAt = time
        state.pushTokens = enhancedFanOutBurstBytes
        state.pushTokensAt = time
        slots[slot] = state
        return true
    }

    /// Schedules the first read of a slot added while its consumer was reading.
    func scheduleFirstRead(slot: Int, at time: Int64, context: inout SimulationContext) {
        guard !isTwinFollower(Int(slots[slot].consumerIndex)) else { return }
        let configuration = consumers[Int(slots[slot].consumerIndex)].configuration
        let kind = configuration.type.readsWithGetRecords(configuration) ? EventKind.sharedPoll : EventKind.enhancedPush
        context.schedule(kind, at: time, target: Int32(slot))
    }

    /// A consumer starts: position each shard's cursor and begin polling or subscribing.
    mutating func startConsumer(
        _ consumerIndex: Int, at time: Int64, context: inout SimulationContext,
        lambda: inout LambdaMappings
    ) {
        let consumer = consumers[consumerIndex].configuration
        consumers[consumerIndex].hasStarted = true
        let usesGetRecords = consumer.type.readsWithGetRecords(consumer)
        // A twin follower positions its cursors (as its leader does) but reads nothing itself.
        let schedulesReads = !isTwinFollower(consumerIndex)
        for slot in slots.indices where slots[slot].consumerIndex == Int32(consumerIndex) {
            let log = logs[Int(slots[slot].shardIndex)]
            switch consumer.startingPosition {
            case .trimHorizon: slots[slot].cursor = LogCursor()
            case .latest: slots[slot].cursor = log.tipCursor
            case .atTimestamp(let timestamp): slots[slot].cursor = log.cursor(atTimestamp: timestamp)
            }
            // A KCL lease's first checkpoint is the starting position (a lease taken before the start holds none).
            slots[slot].checkpoint = slots[slot].cursor
            slots[slot].hasStarted = true
            slots[slot].startedAt = time
            if consumer.type == .lambda { lambda.prepare(consumerSlot: slot) }
            if !schedulesReads { continue }
            if usesGetRecords {
                // Readers on different hosts do not poll in lockstep: a random phase within one interval.
                let interval = Self.pollIntervalNanoseconds(of: consumer)
                let phase = Int64(consumers[consumerIndex].random.nextInt(below: UInt64(interval)))
                context.schedule(.sharedPoll, at: time + phase, target: Int32(slot))
            } else {
                slots[slot].pushTokens = enhancedFanOutBurstBytes
                slots[slot].pushTokensAt = time
                context.schedule(.enhancedPush, at: time, target: Int32(slot))
            }
        }
    }

    /// Appends what a request put on each shard to that shard's log (emptying `runs`) and wakes the enhanced
    /// fan-out readers waiting on those shards.
    ///
    /// Runs for every shard a request touched (callgrind, workload b: 100 a request): the logs are appended to
    /// through one buffer pointer (each `logs[shard]` write paid a uniqueness check), and the waiting list is
    /// looked at here, so the wake call is made only when a reader waits (it rarely does on a busy shard).
    mutating func appendAccepted(_ runs: inout AcceptedRuns, at time: Int64, context: inout SimulationContext) {
        logs.withUnsafeMutableBufferPointer { logs in
            for shard in runs.touchedShards {
                let totals = runs.byShard[Int(shard)]
                logs[Int(shard)].append(
                    at: time, kinesisRecords: totals.kinesisRecords, userRecords: totals.userRecords,
                    bytes: totals.bytes)
            }
        }
        for shard in runs.touchedShards where !enhancedWaiting[Int(shard)].isEmpty {
            wakeEnhancedConsumers(shard: Int(shard), acceptedAt: time, context: &context)
        }
        runs.removeAll()
    }

    /// Appends flow fidelity's accepted runs of one window, each spread over the span it was accepted in, and wakes
    /// the enhanced fan-out readers waiting on their shards, as `appendAccepted` does for event fidelity.
    mutating func appendFlowRuns(_ runs: [FlowAcceptedRun], context: inout SimulationContext) {
        for run in runs {
            logs[run.shard].appendSpread(
                from: run.firstAcceptedAt, through: run.lastAcceptedAt, kinesisRecords: run.kinesisRecords,
                userRecords: run.userRecords, bytes: run.bytes)
            wakeEnhancedConsumers(shard: run.shard, acceptedAt: run.firstAcceptedAt, context: &context)
        }
    }

    /// New records on a shard (or its closing) wake the enhanced fan-out consumers waiting on it.
    mutating func wakeEnhancedConsumers(shard: Int, acceptedAt time: Int64, context: inout SimulationContext) {
        guard !enhancedWaiting[shard].isEmpty else { return }
        let delay = context.assumptions.enhancedFanOutPropagationNanoseconds
        let interval = context.assumptions.enhancedFanOutPushIntervalNanoseconds
        for slot in enhancedWaiting[shard] {
            slots[Int(slot)].isWaitingForData = false
            context.schedule(
                .enhancedPush,
                at: max(time + delay, slots[Int(slot)].busyUntil, slots[Int(slot)].lastPushAt + interval),
                target: slot)
        }
        enhancedWaiting[shard].removeAll(keepingCapacity: true)
    }

    /// Drops records older than the retention period from every shard, then checks again in a minute.
    mutating func trimRetention(at time: Int64, context: inout SimulationContext) {
        for shard in logs.indices { logs[shard].trim(acceptedBefore: time - context.retentionNanoseconds) }
        context.schedule(.retentionTrim, at: time + 60 * nanosecondsPerSecond, target: 0)
        checkInvariants()
    }

    /// How often a GetRecords reader polls an idle shard: its own setting, or AWS's documented once a
    /// second for Lambda (LK) and Firehose (FH-KDS).
    static func pollIntervalNanoseconds(of consumer: ConsumerConfiguration) -> Int64 {
        consumer.pollsWithOwnSettings ? consumer.pollIntervalNanoseconds : nanosecondsPerSecond
    }
}

/// The KCL's say over which slots read (KCLApplications decides; the read path reads).
extension ReadPath {
    /// How soon an enhanced fan-out slot without a lease looks again (as it does for unfinished parents).
    static let leaseWaitRecheckNanoseconds: Int64 = 200_000_000

    /// The slot of `consumer` on `shard`.
    func slot(consumer: Int, shard: Int) -> Int { Int(slotByConsumerAndShard[consumer][shard]) }

    /// The lease's worker stopped or lost it: the slot stops reading.
    mutating func revokeLease(slot: Int) { slots[slot].isLeaseHeld = false }

    /// A worker takes the slot's lease at `time`: it resumes after the last checkpoint (a lease held before) or
    /// starts where the slot stands (its starting position) and records that as the first checkpoint. Its own
    /// processing starts now; an enhanced fan-out slot parked waiting for data is woken.
    mutating func grantLease(slot: Int, resumingFromCheckpoint: Bool, at time: Int64, context: inout SimulationContext)
    {
        if resumingFromCheckpoint {
            slots[slot].cursor = slots[slot].checkpoint
        } else {
            slots[slot].checkpoint = slots[slot].cursor
        }
        slots[slot].isLeaseHeld = true
        slots[slot].busyUntil = min(slots[slot].busyUntil, time)
        guard slots[slot].isWaitingForData else { return }
        let shard = Int(slots[slot].shardIndex)
        enhancedWaiting[shard].removeAll { $0 == Int32(slot) }
        slots[slot].isWaitingForData = false
        context.schedule(.enhancedPush, at: time, target: Int32(slot))
    }
}

/// What a GetRecords poll needs of its consumer's configuration (`ReadPath.pollSettings`).
struct PollSettings {
    let type: ConsumerType
    /// `ReadPath.pollIntervalNanoseconds(of:)`.
    let intervalNanoseconds: Int64
    /// `ConsumerConfiguration.pollsWithOwnSettings`.
    let usesOwnSettings: Bool
    let maxRecordsPerCall: Int64
}
