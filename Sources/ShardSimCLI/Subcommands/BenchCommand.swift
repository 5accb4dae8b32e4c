import Foundation
import ShardSimJSON
import ShardSimPlanner
import ShardSimReport

/// `shardsim bench`: the fixed workloads (`ShardSimPlanner.BenchWorkload`), timed on the wall clock and the process's
/// processor clock (here, never inside the engine), with simulated records per wall second, nanoseconds of processor
/// time per record (per core: every thread's time counts) and peak resident memory. Build with `-c release` for
/// real figures.
enum BenchCommand {
    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        let chosen = try BenchOptions(arguments).workloads
        var rows: [JSONOutput] = []
        var table = TextTable([
            ("workload", .left), ("user records", .right), ("wall s", .right),
            ("records/s", .right), ("CPU s", .right), ("ns/record/core", .right), ("events/s", .right),
            ("peak RSS MiB", .right),
        ])
        for workload in chosen {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = processorSeconds()
            let counts = workload.run(threads: arguments.threads)
            let wallSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let cpuSeconds = processorSeconds() - cpuStart
            let records = counts.records, events = counts.events
            let nanosecondsPerRecord = counts.nanosecondsPerRecord(cpuSeconds: cpuSeconds)
            let rss = peakResidentMebibytes()
            table.add([
                workload.name, TextFormat.count(records), TextFormat.decimal(wallSeconds, places: 2),
                TextFormat.count(Int64(Double(records) / wallSeconds)), TextFormat.decimal(cpuSeconds, places: 2),
                TextFormat.decimal(nanosecondsPerRecord, places: 1),
                TextFormat.count(Int64(Double(events) / wallSeconds)),
                TextFormat.decimal(rss, places: 0),
            ])
            rows.append(
                .object([
                    ("workload", .string(workload.name)), ("summary", .string(workload.summary)),
                    ("userRecords", .int(records)), ("events", .int(Int64(events))),
                    ("wallSeconds", .double(wallSeconds)), ("recordsPerSecond", .double(Double(records) / wallSeconds)),
                    ("cpuSeconds", .double(cpuSeconds)), ("nanosecondsPerRecordPerCore", .double(nanosecondsPerRecord)),
                    ("peakResidentMiB", .double(rss)),
                ]))
        }
        let text =
            arguments.format == .json
            ? JSONOutput.array(rows).rendered() + "\n"
            : chosen.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n") + "\n\n" + table.rendered() + "\n"
        var outcome = CommandOutcome(exitCode: 0)
        try ShardSimCommand.deliver(text, to: arguments.outputPath, outcome: &outcome)
        return outcome
    }

    /// Processor time of the whole process so far (every thread, user + system), in seconds; 0 where unavailable.
    static func processorSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
            let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
            let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
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
