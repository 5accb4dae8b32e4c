import Foundation
import ShardSimJSON
import ShardSimPlanner
import ShardSimReport

/// `shardsim bench`: the fixed workloads (`ShardSimPlanner.BenchWorkload`), timed on the wall clock and the process's
/// processor clock (here, never inside the engine), with simulated records per wall second, nanoseconds of processor
/// time per record (per core: every thread's time counts) and peak resident memory while each ran; workload g runs
/// whole command lines (`BenchCommandWorkload`). Build with `-c release` for real figures.
enum BenchCommand {
    /// One workload's figures: wall and processor seconds, and the peak resident memory while it ran.
    struct Measured {
        var wallSeconds: Double
        var cpuSeconds: Double
        var peakResidentMiB: Double
    }

    static func execute(_ arguments: CommandLineArguments) throws(UsageError) -> CommandOutcome {
        let options = try BenchOptions(arguments)
        var rows: [JSONOutput] = []
        var table = TextTable([
            ("workload", .left), ("user records", .right), ("wall s", .right),
            ("records/s", .right), ("CPU s", .right), ("ns/record/core", .right), ("events/s", .right),
            ("peak RSS MiB", .right),
        ])
        for workload in options.workloads {
            var counts = BenchWorkload.Counts(records: 0, events: 0)
            let measured = measure { counts = workload.run(threads: arguments.threads) }
            let records = counts.records, wallSeconds = measured.wallSeconds
            let nanosecondsPerRecord = counts.nanosecondsPerRecord(cpuSeconds: measured.cpuSeconds)
            table.add([
                workload.name, TextFormat.count(records), TextFormat.decimal(wallSeconds, places: 2),
                TextFormat.count(Int64(Double(records) / wallSeconds)),
                TextFormat.decimal(measured.cpuSeconds, places: 2),
                TextFormat.decimal(nanosecondsPerRecord, places: 1),
                TextFormat.count(Int64(Double(counts.events) / wallSeconds)),
                TextFormat.decimal(measured.peakResidentMiB, places: 0),
            ])
            rows.append(
                .object([
                    ("workload", .string(workload.name)), ("summary", .string(workload.summary)),
                    ("userRecords", .int(records)), ("events", .int(Int64(counts.events))),
                    ("wallSeconds", .double(wallSeconds)), ("recordsPerSecond", .double(Double(records) / wallSeconds)),
                    ("cpuSeconds", .double(measured.cpuSeconds)),
                    ("nanosecondsPerRecordPerCore", .double(nanosecondsPerRecord)),
                    ("peakResidentMiB", .double(measured.peakResidentMiB)),
                ]))
        }
        for workload in options.commands {
            var failure: UsageError?
            let measured = measure {
                do throws(UsageError) { try workload.run(threads: arguments.threads) } catch { failure = error }
            }
            if let failure { throw failure }
            addCommandRow(workload, measured, table: &table, rows: &rows)
        }
        let summaries =
            options.workloads.map { "  \($0.name): \($0.summary)" }
            + options.commands.map { "  \($0.name): \($0.summary)" }
        let text =
            arguments.format == .json
            ? JSONOutput.array(rows).rendered() + "\n"
            : summaries.joined(separator: "\n") + "\n\n" + table.rendered() + "\n"
        var outcome = CommandOutcome(exitCode: 0)
        try ShardSimCommand.deliver(text, to: arguments.outputPath, outcome: &outcome)
        return outcome
    }

    /// A command workload's row: it counts no records (a plan runs many candidates, some in flow), so the per-record
    /// columns are "-" in the table and null in JSON.
    static func addCommandRow(
        _ workload: BenchCommandWorkload, _ measured: Measured, table: inout TextTable, rows: inout [JSONOutput]
    ) {
        table.add([
            workload.name, "-", TextFormat.decimal(measured.wallSeconds, places: 2), "-",
            TextFormat.decimal(measured.cpuSeconds, places: 2), "-", "-",
            TextFormat.decimal(measured.peakResidentMiB, places: 0),
        ])
        rows.append(
            .object([
                ("workload", .string(workload.name)), ("summary", .string(workload.summary)),
                ("userRecords", .null), ("events", .null), ("wallSeconds", .double(measured.wallSeconds)),
                ("recordsPerSecond", .null), ("cpuSeconds", .double(measured.cpuSeconds)),
                ("nanosecondsPerRecordPerCore", .null), ("peakResidentMiB", .double(measured.peakResidentMiB)),
            ]))
    }

    /// Times `body` on the wall clock and the process's processor clock; the peak resident memory is the process's
    /// peak while `body` ran (the peak is reset first where Linux allows it, so each workload has its own).
    static func measure(_ body: () -> Void) -> Measured {
        resetPeakResident()
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = processorSeconds()
        body()
        let wallSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Measured(
            wallSeconds: wallSeconds, cpuSeconds: processorSeconds() - cpuStart,
            peakResidentMiB: peakResidentMebibytes())
    }

    /// Writing 5 to /proc/self/clear_refs resets VmHWM to the current resident size (Linux 4.0 and later); where
    /// that fails, the peak is the process's since it started.
    static func resetPeakResident() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
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
