import Foundation
import ShardSimJSON
import ShardSimModel
import ShardSimPlanner
import ShardSimReport

/// `shardsim bench`: fixed workloads, timed on the wall clock (here, never inside the engine), with
/// simulated records per wall second and peak resident memory. Build with `-c release` for real figures.
enum BenchCommand {
    struct Workload {
        var name: String
        var summary: String
        /// One run, or many run in parallel on all cores (a sweep).
        var configurations: [SimulationConfiguration]
    }

    static var workloads: [Workload] {
        var writePath = SimulationConfiguration(name: "write-path", durationNanoseconds: 600 * 1_000_000_000)
        writePath.seed = 7
        writePath.stream.shardCount = 100
        var producer = ProducerConfiguration(name: "fleet", recordsPerSecond: 50_000)
        producer.recordSize = .fixed(bytes: 512)
        producer.partitionKeys = .zipf(count: 100_000, exponent: 0.6, prefix: "user-")
        writePath.producers = [producer]
        var readers = writePath
        readers.name = "readers"
        readers.consumers = [
            ConsumerConfiguration(name: "shared-1", type: .shared), ConsumerConfiguration(name: "shared-2", type: .shared),
            ConsumerConfiguration(name: "efo-1", type: .enhanced), ConsumerConfiguration(name: "efo-2", type: .enhanced),
        ]
        // Issue 8's workload b: 2 shared + 2 enhanced fan-out + 1 Lambda (default event source mapping settings).
        var lambda = ConsumerConfiguration(name: "lambda-1", type: .lambda)
        lambda.lambda = LambdaConfiguration()
        readers.consumers.append(lambda)
        var big = SimulationConfiguration(name: "big-hour", durationNanoseconds: 3_600 * 1_000_000_000)
        big.seed = 7
        big.stream.shardCount = 200
        var bigProducer = producer
        bigProducer.recordsPerSecond = 150_000
        big.producers = [bigProducer]
        var month = SimulationConfiguration(name: "on-demand-month", durationNanoseconds: 30 * 86_400 * 1_000_000_000)
        month.seed = 7
        month.fidelity = .flow
        month.stream.streamMode = .onDemand
        var diurnalProducer = producer
        diurnalProducer.recordsPerSecond = 12_000
        diurnalProducer.recordSize = .fixed(bytes: 1_024)
        diurnalProducer.rateProfile = .diurnal(peakRecordsPerSecond: 20_000, troughRecordsPerSecond: 4_000,
                                               periodNanoseconds: 86_400 * 1_000_000_000,
                                               peakAtNanoseconds: 14 * 3_600 * 1_000_000_000)
        month.producers = [diurnalProducer]
        let sweep = (1...100).map { point -> SimulationConfiguration in
            var configuration = SimulationConfiguration(name: "sweep-\(point)", durationNanoseconds: 60 * 1_000_000_000)
            configuration.seed = UInt64(point)
            configuration.stream.shardCount = point
            var sweepProducer = producer
            sweepProducer.recordsPerSecond = 5_000
            configuration.producers = [sweepProducer]
            return configuration
        }
        return [
            Workload(name: "a", summary: "write path: 100 shards, 50,000 rec/s, zipf keys, PutRecords, 10 min",
                     configurations: [writePath]),
            Workload(name: "b", summary: "a + 2 shared and 2 enhanced fan-out consumers and a Lambda function",
                     configurations: [readers]),
            Workload(name: "c", summary: "one hour of 200 shards at 150,000 rec/s, zipf keys", configurations: [big]),
            Workload(name: "d", summary: "30 days of an on-demand stream, diurnal 4,000-20,000 rec/s of 1 KiB, flow fidelity",
                     configurations: [month]),
            Workload(name: "e", summary: "a 100-point sweep (shard counts 1-100, 5,000 rec/s, 1 min each) on all cores",
                     configurations: sweep),
        ]
    }

    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        let selected = arguments.extra["--workload"]
        let chosen = workloads.filter { selected == nil || $0.name == selected }
        guard !chosen.isEmpty else { throw UsageError("unknown workload '\(selected ?? "")'; known: \(workloads.map(\.name).joined(separator: ", "))") }
        var rows: [JSONOutput] = []
        var table = TextTable([("workload", .left), ("user records", .right), ("wall s", .right),
                               ("records/s", .right), ("events/s", .right), ("peak RSS MiB", .right)])
        for workload in chosen {
            let start = DispatchTime.now().uptimeNanoseconds
            // Keep only what the table needs of each run, as a sweep does.
            let counts = ParallelRuns.map(workload.configurations, threads: arguments.threads) { _, result in
                (records: result.totals.recordsAttempted, events: result.eventsProcessed)
            }
            let wallSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let records = counts.reduce(0) { $0 + $1.records }
            let events = counts.reduce(UInt64(0)) { $0 + $1.events }
            let rss = peakResidentMebibytes()
            table.add([workload.name, TextFormat.count(records), TextFormat.decimal(wallSeconds, places: 2),
                       TextFormat.count(Int64(Double(records) / wallSeconds)),
                       TextFormat.count(Int64(Double(events) / wallSeconds)),
                       TextFormat.decimal(rss, places: 0)])
            rows.append(.object([
                ("workload", .string(workload.name)), ("summary", .string(workload.summary)),
                ("userRecords", .int(records)), ("events", .int(Int64(events))),
                ("wallSeconds", .double(wallSeconds)), ("recordsPerSecond", .double(Double(records) / wallSeconds)),
                ("peakResidentMiB", .double(rss)),
            ]))
        }
        let text = arguments.format == "json"
            ? JSONOutput.array(rows).rendered() + "\n"
            : chosen.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n") + "\n\n" + table.rendered() + "\n"
        var outcome = CommandOutcome(exitCode: 0)
        try ShardSimCommand.deliver(text, to: arguments.outputPath, outcome: &outcome)
        return outcome
    }

    /// VmHWM from /proc/self/status (Linux); 0 where unavailable.
    static func peakResidentMebibytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return (Double(String(digits)) ?? 0) / 1_024
        }
        return 0
    }
}
