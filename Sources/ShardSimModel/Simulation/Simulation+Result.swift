import ShardSimEngine

extension Simulation {
    /// Gathers what the run measured.
    func result() -> SimulationResult {
        var totals = TotalsResult()
        var producerResults: [ProducerResult] = []
        var inFlightByProducer = Array(repeating: Int64(0), count: producers.count)
        for slot in pool.slots.indices where pool.isInUse(Int32(slot)) {
            let request = pool.slots[slot]
            inFlightByProducer[Int(request.producerIndex)] += Int64(request.userRecords.count)
        }
        for (index, producer) in producers.enumerated() {
            let statistics = producer.statistics
            totals.recordsAttempted += statistics.recordsAttempted
            totals.recordsSucceeded += statistics.recordsSucceeded
            totals.recordsFailed += statistics.recordsFailed
            let inFlight = configuration.fidelity == .flow ? FlowWritePath.recordsInFlight(statistics)
                : inFlightByProducer[index] + Int64(producer.userRecordsBuffered)
            // Conservation, per producer: every record created is accepted, given up, or still on its way.
            precondition(statistics.recordsAttempted == statistics.recordsSucceeded + statistics.recordsFailed + inFlight,
                         "record conservation violated for producer \(index)")
            totals.recordsInFlight += inFlight
            totals.kinesisRecordAttempts += statistics.kinesisRecordAttempts
            totals.writeProvisionedThroughputExceeded += statistics.kinesisRecordAttemptsThrottled
            producerResults.append(ProducerResult(name: producer.configuration.name, configuration: producer.configuration,
                                                  statistics: statistics,
                                                  heaviestKeys: heaviestKeys(of: producer), recordsInFlight: inFlight))
        }
        // Conservation: every record created is accepted, given up, or still on its way.
        precondition(totals.recordsAttempted == totals.recordsSucceeded + totals.recordsFailed + totals.recordsInFlight,
                     "record conservation violated")
        var shardResults: [ShardResult] = []
        for (index, description) in layout.shards.enumerated() {
            let write = ledger.statistics[index]
            totals.incomingRecords += write.incomingRecords
            totals.incomingBytes += write.incomingBytes
            var shard = ShardResult(description: description, write: write)
            if index < readLedgers.count { shard.read = readLedgers[index].statistics }
            shardResults.append(shard)
        }
        let consumerResults = consumerResultsAtEnd()
        totals.readProvisionedThroughputExceeded = consumerResults.reduce(0) { $0 + $1.statistics.readProvisionedThroughputExceeded }
        var result = SimulationResult(configuration: configuration, simulatedNanoseconds: configuration.durationNanoseconds,
                                      shardCountStart: shardCountAtStart,
                                      shardCountEnd: layout.openShardCount,
                                      shardCountTimeWeighted: openShardNanoseconds / Double(configuration.durationNanoseconds),
                                      shardCountTimeline: shardCountTimeline,
                                      totals: totals, producers: producerResults,
                                      shards: shardResults, consumers: consumerResults, eventsProcessed: eventsProcessed,
                                      notes: notes())
        result.onDemandReachedMaximumThroughput = isOnDemand && isOnDemandAtMaximum
        return result
    }

    var shardCountAtStart: Int {
        isOnDemand ? configuration.assumptions.onDemand.initialShardCount(configuration.stream) : configuration.stream.shardCount
    }

    /// Consumer statistics with what only the end of the run settles: records that expired unread,
    /// records still behind, and subscriptions (one per shard per 5 minutes of reading).
    private func consumerResultsAtEnd() -> [ConsumerResult] {
        var results = consumers.map { ConsumerResult(configuration: $0.configuration, statistics: $0.statistics, recordsBehindAtEnd: 0) }
        for index in results.indices where results[index].configuration.type == .lambda {
            results[index].lambdaConcurrencyLimit = lambdaPools[Int(lambdaPoolByConsumer[index])].limit
        }
        let end = configuration.durationNanoseconds
        for state in consumerSlots where state.hasStarted {
            let log = logs[Int(state.shardIndex)]
            let index = Int(state.consumerIndex)
            var position = state.cursor.userRecordPosition
            if state.cursor.run < log.firstRetainedRun {
                results[index].statistics.recordsExpired += max(0, log.trimmedUserRecords - position)
                position = max(position, log.trimmedUserRecords)
            }
            results[index].recordsBehindAtEnd += max(0, log.totalUserRecords - position)
            if results[index].configuration.type == .enhanced {
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
            baseRecordsPerSecond: configuration.recordsPerSecond, durationNanoseconds: self.configuration.durationNanoseconds)
        return best.map { entry in
            let shard = layout.shards[Int(producer.keys.shardIndexByKey[entry.index])]
            return HotKeyShare(partitionKey: producer.keys.key(at: entry.index), shardId: shard.shardId,
                               shareOfTraffic: entry.share, recordsPerSecond: meanRate * entry.share)
        }
    }

    /// Bytes as MiB for a note: whole when exact, else two decimals.
    static func mebibytes(_ bytes: Int64) -> String {
        bytes % 1_048_576 == 0 ? String(bytes / 1_048_576) : String(Double(Int(Double(bytes) / 1_048_576 * 100)) / 100)
    }

    /// A whole number with thousands separators, for notes.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(character)
        }
        return (value < 0 ? "-" : "") + text
    }

    private func notes() -> [String] {
        var notes: [String] = []
        if isOnDemand {
            notes.append("ON_DEMAND stream: started with \(shardCountAtStart) shards and sized itself (shardCount is not used); "
                + "ended with \(layout.openShardCount)")
        }
        if isOnDemand && isOnDemandAtMaximum {
            let rules = configuration.assumptions.onDemand
            notes.append("ON_DEMAND stream: the offered writes (peak \(Self.mebibytes(Int64(onDemandPeakBytesPerSecond))) MiB/s, "
                + "\(Self.grouped(Int64(onDemandPeakRecordsPerSecond))) records/s) are above its maximum write throughput of "
                + "\(Self.mebibytes(rules.maxStreamWriteBytesPerSecond)) MiB/s and \(Self.grouped(rules.maxStreamWriteRecordsPerSecond)) records/s "
                + "(assumptions.onDemand.maxStreamWriteBytesPerSecond, maxStreamWriteRecordsPerSecond), so it scales no further than "
                + "\(rules.maxShardCount(configuration.stream.limits)) shards and writes above the maximum are throttled. AWS documents "
                + "10 GB/s in us-east-1, us-west-2 and eu-west-1 and 200 MB/s elsewhere, raised by a support request")
        }
        let stream = configuration.stream
        if !isOnDemand && (stream.onDemandPriorPeakIsStated || stream.onDemandComparedStream == .newStream) {
            notes.append("stream.onDemand describes the on-demand side of `shardsim compare`; this PROVISIONED run does not use it")
        }
        for (index, event) in configuration.events.enumerated() where event.atNanoseconds >= configuration.durationNanoseconds {
            notes.append("events.\(index) at \(Double(event.atNanoseconds) / 1e9) s is after the end of the run and never happens")
        }
        for producer in configuration.producers {
            guard case .diurnal(let peak, let trough, _, _) = producer.rateProfile else { continue }
            let mean = (peak + trough) / 2
            if abs(mean - producer.recordsPerSecond) > 0.01 * max(mean, 1) {
                notes.append("producer '\(producer.name)': a diurnal profile runs between troughRecordsPerSecond and "
                    + "peakRecordsPerSecond (mean \(mean)/s); its recordsPerSecond (\(producer.recordsPerSecond)) is not used")
            }
        }
        for producer in configuration.producers where producer.api == .putRecord && producer.batching != BatchingConfiguration() {
            notes.append("producer '\(producer.name)' uses PutRecord, one record per call: its batching settings do not apply")
        }
        return notes
    }
}
