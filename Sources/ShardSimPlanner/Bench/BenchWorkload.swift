import ShardSimEngine
import ShardSimModel

/// One fixed benchmark workload of `shardsim bench`: one run, or many run in parallel on all cores (a sweep).
/// The workloads are fixed so their figures compare across versions and machines; the wall clock that times them
/// is read by the command, never inside a run.
public struct BenchWorkload: Sendable {
    public var name: String
    public var summary: String
    public var configurations: [SimulationConfiguration]

    /// What a run of the workload simulated: user records attempted and events processed, over all its runs.
    public struct Counts: Sendable, Equatable {
        public var records: Int64
        public var events: UInt64

        public init(records: Int64, events: UInt64) {
            self.records = records
            self.events = events
        }

        /// Processor time per simulated user record, in nanoseconds: the CPU seconds of every thread the workload
        /// ran on (user + system), so it compares across core counts where records per wall second does not.
        /// 0 when no records were simulated.
        public func nanosecondsPerRecord(cpuSeconds: Double) -> Double {
            records > 0 ? cpuSeconds * 1e9 / Double(records) : 0
        }
    }

    /// Runs every configuration on `threads` threads, keeping only the counts of each run, as a sweep does.
    public func run(threads: Int) -> Counts {
        let counts = ParallelRuns.map(configurations, threads: threads) { _, result in
            (records: result.totals.recordsAttempted, events: result.eventsProcessed)
        }
        return Counts(
            records: counts.reduce(0) { $0 + $1.records }, events: counts.reduce(UInt64(0)) { $0 + $1.events })
    }

    /// The workloads, in the order `bench` runs them: a (write path), b (a + readers, issue 8's workload b),
    /// c (one big hour), d (a month on demand, flow fidelity), e (a 100-point sweep), f (a big stream's plan
    /// candidates, flow fidelity).
    public static var all: [BenchWorkload] {
        let producer = fleetProducer
        let writePath = writePathRun(producer)
        return [
            BenchWorkload(
                name: "a", summary: "write path: 100 shards, 50,000 rec/s, zipf keys, PutRecords, 10 min",
                configurations: [writePath]),
            BenchWorkload(
                name: "b", summary: "a + 2 shared and 2 enhanced fan-out consumers and a Lambda function",
                configurations: [readersRun(writePath)]),
            BenchWorkload(
                name: "c", summary: "one hour of 200 shards at 150,000 rec/s, zipf keys",
                configurations: [bigHourRun(producer)]),
            BenchWorkload(
                name: "d",
                summary: "30 days of an on-demand stream, diurnal 4,000-20,000 rec/s of 1 KiB, flow fidelity",
                configurations: [onDemandMonthRun(producer)]),
            BenchWorkload(
                name: "e", summary: "a 100-point sweep (shard counts 1-100, 5,000 rec/s, 1 min each) on all cores",
                configurations: sweepRuns(producer)),
            BenchWorkload(
                name: "f",
                summary: "big stream: plan's first 8 candidates (1,500-1,507 shards) of 1,500,000 rec/s of 1,000 B, "
                    + "uniform keys, 10 min, flow fidelity, on all cores",
                configurations: bigStreamCandidates()),
        ]
    }

    /// Issue 19's big stream (docs/speed/workload-big-plan.json): the two linear rounds `plan --fidelity flow` runs
    /// first, from its analytic bound of 1,500 shards (1,500,000 records/s against 1,000 records/s a shard).
    static func bigStreamCandidates() -> [SimulationConfiguration] {
        var producer = ProducerConfiguration(name: "fleet", recordsPerSecond: 1_500_000)
        producer.recordSize = .fixed(bytes: 1_000)
        producer.partitionKeys = .uniform(count: 100_000, prefix: "device-")
        return (1_500..<1_508).map { shards -> SimulationConfiguration in
            var candidate = SimulationConfiguration(
                name: "big-stream-\(shards)", durationNanoseconds: 600 * nanosecondsPerSecond)
            candidate.seed = 7
            candidate.fidelity = .flow
            candidate.stream.shardCount = shards
            candidate.producers = [producer]
            return candidate
        }
    }

    /// 50,000 records/s of 512 bytes over 100,000 zipf-distributed keys: the producer every workload starts from.
    static var fleetProducer: ProducerConfiguration {
        var producer = ProducerConfiguration(name: "fleet", recordsPerSecond: 50_000)
        producer.recordSize = .fixed(bytes: 512)
        producer.partitionKeys = .zipf(count: 100_000, exponent: 0.6, prefix: "user-")
        return producer
    }

    static func writePathRun(_ producer: ProducerConfiguration) -> SimulationConfiguration {
        var writePath = SimulationConfiguration(name: "write-path", durationNanoseconds: 600 * nanosecondsPerSecond)
        writePath.seed = 7
        writePath.stream.shardCount = 100
        writePath.producers = [producer]
        return writePath
    }

    /// Issue 8's workload b: 2 shared + 2 enhanced fan-out + 1 Lambda (default event source mapping settings).
    static func readersRun(_ writePath: SimulationConfiguration) -> SimulationConfiguration {
        var readers = writePath
        readers.name = "readers"
        readers.consumers = [
            ConsumerConfiguration(name: "shared-1", type: .shared),
            ConsumerConfiguration(name: "shared-2", type: .shared),
            ConsumerConfiguration(name: "efo-1", type: .enhanced),
            ConsumerConfiguration(name: "efo-2", type: .enhanced),
        ]
        var lambda = ConsumerConfiguration(name: "lambda-1", type: .lambda)
        lambda.lambda = LambdaConfiguration()
        readers.consumers.append(lambda)
        return readers
    }

    static func bigHourRun(_ producer: ProducerConfiguration) -> SimulationConfiguration {
        var big = SimulationConfiguration(name: "big-hour", durationNanoseconds: 3_600 * nanosecondsPerSecond)
        big.seed = 7
        big.stream.shardCount = 200
        var bigProducer = producer
        bigProducer.recordsPerSecond = 150_000
        big.producers = [bigProducer]
        return big
    }

    static func onDemandMonthRun(_ producer: ProducerConfiguration) -> SimulationConfiguration {
        var month = SimulationConfiguration(
            name: "on-demand-month", durationNanoseconds: 30 * 86_400 * nanosecondsPerSecond)
        month.seed = 7
        month.fidelity = .flow
        month.stream.streamMode = .onDemand
        var diurnalProducer = producer
        diurnalProducer.recordsPerSecond = 12_000
        diurnalProducer.recordSize = .fixed(bytes: 1_024)
        diurnalProducer.rateProfile = .diurnal(
            peakRecordsPerSecond: 20_000, troughRecordsPerSecond: 4_000,
            periodNanoseconds: 86_400 * nanosecondsPerSecond,
            peakAtNanoseconds: 14 * 3_600 * nanosecondsPerSecond)
        month.producers = [diurnalProducer]
        return month
    }

    static func sweepRuns(_ producer: ProducerConfiguration) -> [SimulationConfiguration] {
        (1...100).map { point -> SimulationConfiguration in
            var configuration = SimulationConfiguration(
                name: "sweep-\(point)", durationNanoseconds: 60 * nanosecondsPerSecond)
            configuration.seed = UInt64(point)
            configuration.stream.shardCount = point
            var sweepProducer = producer
            sweepProducer.recordsPerSecond = 5_000
            configuration.producers = [sweepProducer]
            return configuration
        }
    }
}
