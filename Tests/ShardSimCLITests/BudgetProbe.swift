import Foundation
import ShardSimTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One run of the built `shardsim` as a child process: its exit status, the CPU time and peak resident memory the
/// kernel counted for it (wait4's rusage), the wall time, and what it printed.
struct ProbeRun {
    var exitStatus: Int32
    var cpuSeconds: Double
    var peakResidentMiB: Double
    var wallSeconds: Double
    var standardOutput: String
    var standardError: String
}

/// Runs the built `shardsim` with a lowered run-size budget and reads its estimates, for `HostileBudgetTests`.
struct BudgetProbe {
    let folder: URL
    /// `SHARDSIM_MAX_WORK` and `SHARDSIM_MAX_MEMORY_MIB` for every run (nil: the standard budget).
    var maxWork: Double?
    var maxMemoryMiB: Double?

    init(_ prefix: String) throws {
        folder = try makeTemporaryFolder(prefix)
    }

    /// Writes `json` as NAME.json in the folder and returns its path.
    func write(_ name: String, _ json: String) throws -> String {
        let path = folder.appendingPathComponent("\(name).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ words: [String], threads: Int = 1) throws -> ProbeRun {
        let executable = try shardsimExecutable().path
        var environment = ProcessInfo.processInfo.environment
        environment["SHARDSIM_THREADS"] = String(threads)
        if let maxWork { environment["SHARDSIM_MAX_WORK"] = String(maxWork) }
        if let maxMemoryMiB { environment["SHARDSIM_MAX_MEMORY_MIB"] = String(maxMemoryMiB) }
        let outPath = folder.appendingPathComponent("probe-stdout.txt").path
        let errPath = folder.appendingPathComponent("probe-stderr.txt").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + words).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        let start = Date()
        var pid: pid_t = 0
        try #require(posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0)
        var status: Int32 = 0
        var usage = rusage()
        // wait4's ru_maxrss would not do: the child starts as a copy of this (large) test process and Linux keeps
        // that high-water mark across exec. The child's own VmHWM is read until it ends, every 2 ms.
        var peakKiB = 0
        while true {
            let waited = wait4(pid, &status, WNOHANG, &usage)
            try #require(waited >= 0)
            if waited == pid { break }
            peakKiB = max(peakKiB, Self.highWaterMarkKiB(pid))
            usleep(2_000)
        }
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(
                usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        // WIFEXITED / WEXITSTATUS by hand (macros are not imported): a signal shows as 128 + its number.
        let exitStatus = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProbeRun(
            exitStatus: exitStatus, cpuSeconds: cpu, peakResidentMiB: Double(peakKiB) / 1_024,
            wallSeconds: Date().timeIntervalSince(start),
            standardOutput: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// VmHWM of a running process, in KiB (0 once it has exited or where /proc is missing).
    static func highWaterMarkKiB(_ pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return Int(line.filter(\.isNumber)) ?? 0
    }

    /// `validate`'s run-size line: estimated units of work and MiB in the fidelity the scenario resolves to.
    func estimate(_ path: String, fidelity: String? = nil) throws -> (work: Double, memoryMiB: Double, fidelity: String)
    {
        let outcome = try run(["validate", path] + (fidelity.map { ["--fidelity", $0] } ?? []))
        let line = try #require(
            outcome.standardOutput.split(separator: "\n").first { $0.hasPrefix("run size: about ") },
            "validate printed no run size: \(outcome.standardOutput) \(outcome.standardError)")
        let words = line.split(separator: " ")
        // "run size: about W units of work and M MiB in F fidelity (…"
        let work = try #require(Double(words[3].replacingOccurrences(of: ",", with: "")))
        let memory = try #require(Double(words[8].replacingOccurrences(of: ",", with: "")))
        return (work, memory, String(words[11]))
    }
}
