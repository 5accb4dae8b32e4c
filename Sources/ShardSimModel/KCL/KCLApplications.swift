import ShardSimEngine

/// The KCL applications of a run: each application's workers and its lease table (facts sheet section 11;
/// docs/model.md section 19). Owns the `kclLeaseTaker`, `kclLeaseRenewer`, `kclCheckpoint`, `kclShardSync` and
/// `kclWorkerEvent` events.
///
/// The read path reads a KCL application's shards as it reads any application's (a poller or a subscription per
/// shard); this component decides which of them may read: a slot reads only while a running worker holds its lease
/// (`ReadPath.grantLease` / `revokeLease`). A worker that takes a lease another worker had resumes after the
/// lease's last checkpoint, so what was read since is delivered again (`recordsReprocessed`).
struct KCLApplications {
    var applications: [KCLApplication] = []
    /// consumer index → index into `applications`, or -1.
    var applicationByConsumer: [Int32] = []

    init(configuration: SimulationConfiguration) {
        for (index, consumer) in configuration.consumers.enumerated() {
            guard let kcl = consumer.kcl else {
                applicationByConsumer.append(-1)
                continue
            }
            applicationByConsumer.append(Int32(applications.count))
            applications.append(KCLApplication(consumerIndex: index, configuration: kcl))
        }
    }

    var isEmpty: Bool { applications.isEmpty }

    /// A lease for a shard just added to the layout (children after resharding start unowned).
    mutating func addShard() {
        for index in applications.indices { applications[index].leases.append(KCLLease()) }
    }

    /// Every worker's lease taker and renewer start with the application (initial delay 0 in the KCL), the
    /// checkpoint and shard-sync cadences with it, and the scenario's worker events at their times.
    func start(context: inout SimulationContext) {
        for (appIndex, application) in applications.enumerated() {
            let startAt = context.configuration.consumers[application.consumerIndex].startAtNanoseconds
            for worker in application.workers.indices {
                let argument = Self.workerArgument(worker: worker, generation: 0)
                context.schedule(.kclLeaseTaker, at: startAt, target: Int32(appIndex), argument: argument)
                context.schedule(.kclLeaseRenewer, at: startAt, target: Int32(appIndex), argument: argument)
            }
            if case .interval(let interval) = application.configuration.checkpoint {
                context.schedule(.kclCheckpoint, at: startAt + interval, target: Int32(appIndex))
            }
            context.schedule(.kclShardSync, at: startAt, target: Int32(appIndex))
        }
        for (index, event) in context.configuration.events.enumerated() where event.kclConsumerIndex != nil {
            context.schedule(.kclWorkerEvent, at: event.atNanoseconds, target: Int32(index))
        }
    }

    /// Events carry the worker and its generation in one argument.
    static func workerArgument(worker: Int, generation: Int64) -> Int64 { generation << 20 | Int64(worker) }

    /// The worker an event is for, or nil when the worker has stopped or restarted since it was scheduled.
    func worker(of argument: Int64, application appIndex: Int) -> Int? {
        let worker = Int(argument & 0xF_FFFF)
        let current = applications[appIndex].workers[worker]
        return current.isRunning && current.generation == argument >> 20 ? worker : nil
    }

    /// A workerFailure, workerRecovery or applicationRestart from the scenario's timeline.
    mutating func applyWorkerEvent(
        eventIndex: Int, at time: Int64, context: inout SimulationContext, readPath: inout ReadPath
    ) {
        let event = context.configuration.events[eventIndex]
        guard let consumerIndex = event.kclConsumerIndex else { return }
        let appIndex = Int(applicationByConsumer[consumerIndex])
        switch event {
        case .workerFailure(_, let worker, _):
            stop(worker: worker - 1, application: appIndex, readPath: &readPath)
        case .workerRecovery(_, let worker, _):
            startAgain(worker: worker - 1, application: appIndex, at: time, context: &context)
        case .applicationRestart:
            // New worker identities: the old ones' leases expire and are taken again from their checkpoints.
            for worker in applications[appIndex].workers.indices {
                if applications[appIndex].workers[worker].isRunning {
                    stop(worker: worker, application: appIndex, readPath: &readPath)
                }
                startAgain(worker: worker, application: appIndex, at: time, context: &context)
            }
        default: return
        }
    }

    /// A worker stops: it no longer renews its leases, and their shards are not read until another worker
    /// takes them.
    mutating func stop(worker: Int, application appIndex: Int, readPath: inout ReadPath) {
        applications[appIndex].workers[worker].isRunning = false
        applications[appIndex].workers[worker].generation += 1
        let consumerIndex = applications[appIndex].consumerIndex
        for shard in applications[appIndex].leases.indices where applications[appIndex].leases[shard].owner == worker {
            applications[appIndex].leases[shard].isOrphaned = true
            readPath.revokeLease(slot: readPath.slot(consumer: consumerIndex, shard: shard))
        }
    }

    /// A worker (re)starts with a new identity and no leases; its taker and renewer run from now.
    mutating func startAgain(worker: Int, application appIndex: Int, at time: Int64, context: inout SimulationContext) {
        var state = applications[appIndex].workers[worker]
        state.isRunning = true
        state.generation += 1
        state.lastScanAt = .min
        state.scanBeforeLastAt = .min
        state.renewalsFailingSince = nil
        applications[appIndex].workers[worker] = state
        let argument = Self.workerArgument(worker: worker, generation: state.generation)
        context.schedule(.kclLeaseTaker, at: time, target: Int32(appIndex), argument: argument)
        context.schedule(.kclLeaseRenewer, at: time, target: Int32(appIndex), argument: argument)
    }
}

extension KCLApplications {
    /// Idle and down workers at the end of the run, into each application's consumer result.
    func noteWorkersAtEnd(into results: inout [ConsumerResult]) {
        for (appIndex, application) in applications.enumerated() {
            var idle: Int64 = 0
            var down: Int64 = 0
            for worker in application.workers.indices {
                if !application.workers[worker].isRunning {
                    down += 1
                } else if heldShards(application: appIndex, worker: worker).isEmpty {
                    idle += 1
                }
            }
            results[application.consumerIndex].statistics.kcl.workersIdle = idle
            results[application.consumerIndex].statistics.kcl.workersDown = down
        }
    }
}
