import ShardSimEngine

extension Simulation {
    /// Gathers what the run measured.
    func result() -> SimulationResult {
        var totals = TotalsResult()
        var producerResults: [ProducerResult] = []
        let configuration = context.configuration
        let layout = context.layout
        let inFlightByProducer = writePath.userRecordsInRequests()
        for (index, producer) in writePath.producers.enumerated() {
            let statistics = producer.statistics
            totals.recordsAttempted += statistics.recordsAttempted
            totals.recordsSucceeded += statistics.recordsSucceeded
            totals.recordsFailed += statistics.recordsFailed
            totals.recordsDuplicated += statistics.recordsDuplicated
            let inFlight =
                context.configuration.fidelity == .flow
                ? FlowWritePath.recordsInFlight(statistics)
                : inFlightByProducer[index] + Int64(producer.userRecordsBuffered)
            // Conservation, per producer: every record created is accepted, given up, or still on its way. Flow's
            // in-flight figure is that remainder by definition; its own invariants check it against the retry rings.
            precondition(
                context.configuration.fidelity == .flow
                    || statistics.recordsAttempted == statistics.recordsSucceeded + statistics.recordsFailed + inFlight,
                "record conservation violated for producer \(index)")
            totals.recordsInFlight += inFlight
            totals.kinesisRecordAttempts += statistics.kinesisRecordAttempts
            totals.writeProvisionedThroughputExceeded += statistics.kinesisRecordAttemptsThrottled
            producerResults.append(
                ProducerResult(
                    name: producer.configuration.name, configuration: producer.configuration,
                    statistics: statistics,
                    heaviestKeys: heaviestKeys(of: producer), recordsInFlight: inFlight))
        }
        // Conservation: every record created is accepted, given up, or still on its way.
        precondition(
            totals.recordsAttempted == totals.recordsSucceeded + totals.recordsFailed + totals.recordsInFlight,
            "record conservation violated")
        var shardResults: [ShardResult] = []
        for (index, description) in layout.shards.enumerated() {
            let write = writePath.ledger.statistics[index]
            totals.incomingRecords += write.incomingRecords
            totals.incomingBytes += write.incomingBytes
            var shard = ShardResult(description: description, write: write)
            if index < readPath.readLedgers.count { shard.read = readPath.readLedgers[index].statistics }
            shardResults.append(shard)
        }
        let consumerResults = consumerResultsAtEnd()
        totals.readProvisionedThroughputExceeded = consumerResults.reduce(0) {
            $0 + $1.statistics.readProvisionedThroughputExceeded
        }
        var result = SimulationResult(
            configuration: configuration, simulatedNanoseconds: configuration.durationNanoseconds,
            shardCountStart: shardCountAtStart,
            shardCountEnd: layout.openShardCount,
            shardCountTimeWeighted: resharding.openShardNanoseconds
                / Double(configuration.durationNanoseconds),
            shardCountTimeline: resharding.shardCountTimeline,
            totals: totals, producers: producerResults,
            shards: shardResults, consumers: consumerResults, eventsProcessed: eventsProcessed,
            notes: notes())
        result.onDemandReachedMaximumThroughput = context.isOnDemand && onDemand.isAtMaximum
        return result
    }

    var shardCountAtStart: Int {
        let configuration = context.configuration
        return context.isOnDemand
            ? configuration.assumptions.onDemand.initialShardCount(configuration.stream)
            : configuration.stream.shardCount
    }

    /// Consumer statistics with what only the end of the run settles: records that expired unread,
    /// records still behind, and subscriptions (one per shard per 5 minutes of reading).
    private func consumerResultsAtEnd() -> [ConsumerResult] {
        var results = readPath.consumers.map {
            ConsumerResult(configuration: $0.configuration, statistics: $0.statistics, recordsBehindAtEnd: 0)
        }
        for index in results.indices where results[index].configuration.type == .lambda {
            results[index].lambdaConcurrencyLimit = lambda.pools[Int(lambda.poolByConsumer[index])].limit
        }
        kcl.noteWorkersAtEnd(into: &results)
        let end = context.configuration.durationNanoseconds
        for state in readPath.slots where state.hasStarted {
            let log = readPath.logs[Int(state.shardIndex)]
            let index = Int(state.consumerIndex)
            var position = state.cursor.userRecordPosition
            if state.cursor.run < log.firstRetainedRun {
                results[index].statistics.recordsExpired += max(0, log.trimmedUserRecords - position)
                position = max(position, log.trimmedUserRecords)
            }
            results[index].recordsBehindAtEnd += max(0, log.totalUserRecords - position)
            if results[index].configuration.isEnhancedFanOutApplication {
                let lifetime = KinesisLimits.subscriptionLifetimeNanoseconds
                results[index].statistics.subscriptions += (end - state.startedAt + lifetime - 1) / lifetime
            }
        }
        return results
    }

    /// The three keys with the largest expected share, heaviest first (ties: lower index first).
    private func heaviestKeys(of producer: ProducerRuntime) -> [HotKeyShare] {
        var best: [(index: Int, share: Double)] = []
        for index in 0..<producer.keys.count {
            let share = producer.keys.sampler.probability(ofKey: index)
            if best.count < 3 || share > best[best.count - 1].share {
                best.append((index, share))
                best.sort { $0.share > $1.share || ($0.share == $1.share && $0.index < $1.index) }
                if best.count > 3 { best.removeLast() }
            }
        }
        let configuration = producer.configuration
        let meanRate = configuration.rateProfile.meanRecordsPerSecond(
            baseRecordsPerSecond: configuration.recordsPerSecond,
            durationNanoseconds: context.configuration.durationNanoseconds)
        return best.map { entry in
            let shard = context.layout.shards[Int(producer.keys.shardIndexByKey[entry.index])]
            return HotKeyShare(
                partitionKey: producer.keys.key(at: entry.index), shardId: shard.shardId,
                shareOfTraffic: entry.share, recordsPerSecond: meanRate * entry.share)
        }
    }

    /// What the run has to say about the scenario as given (the report layer words them).
    private func notes() -> [RunNote] {
        let configuration = context.configuration
        var notes: [RunNote] = []
        if context.isOnDemand {
            notes.append(
                .onDemandSizedItself(startShardCount: shardCountAtStart, endShardCount: context.layout.openShardCount))
        }
        if context.isOnDemand && onDemand.isAtMaximum {
            let rules = configuration.assumptions.onDemand
            notes.append(
                .onDemandAboveMaximumThroughput(
                    peakBytesPerSecond: Int64(onDemand.peakBytesPerSecond),
                    peakRecordsPerSecond: Int64(onDemand.peakRecordsPerSecond),
                    maxBytesPerSecond: rules.maxStreamWriteBytesPerSecond,
                    maxRecordsPerSecond: rules.maxStreamWriteRecordsPerSecond,
                    maxShardCount: rules.maxShardCount(configuration.stream.limits)))
        }
        let stream = configuration.stream
        if !context.isOnDemand && (stream.onDemandPriorPeakIsStated || stream.onDemandComparedStream == .newStream) {
            notes.append(.onDemandSettingsUnused)
        }
        for (index, event) in configuration.events.enumerated()
        where event.atNanoseconds >= configuration.durationNanoseconds {
            notes.append(.eventAfterEnd(eventIndex: index, atNanoseconds: event.atNanoseconds))
        }
        for producer in configuration.producers {
            guard case .diurnal(let peak, let trough, _, _) = producer.rateProfile else { continue }
            let mean = (peak + trough) / 2
            if abs(mean - producer.recordsPerSecond) > 0.01 * max(mean, 1) {
                notes.append(
                    .diurnalRecordsPerSecondUnused(
                        producer: producer.name, meanRecordsPerSecond: mean,
                        recordsPerSecond: producer.recordsPerSecond))
            }
        }
        for producer in configuration.producers
        where producer.api == .putRecord && producer.batching != BatchingConfiguration() {
            notes.append(.putRecordIgnoresBatching(producer: producer.name))
        }
        return notes
    }
}
