import Foundation

/// SIGINT (Ctrl-C) and SIGTERM: remove the `--out` temporary file being written, leave any file already at the
/// path untouched, print one line on standard error and exit 130 (SIGINT) or 143 (SIGTERM), the shell's
/// 128 + signal convention.
///
/// Both signals are blocked in every thread and taken by one thread that waits in `sigwait`, so the cleanup
/// runs as ordinary code rather than in a signal handler (no async-signal-safety rules), and it coordinates
/// with `AtomicFile` through `TemporaryFiles`' lock. Not installed by `ShardSimCommand.run` (tests call it
/// in-process); only the executable installs it, before any other thread exists, so every thread inherits
/// the blocked mask.
public enum Interrupts {
    /// Exit status for a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM).
    public static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

    /// Blocks SIGINT and SIGTERM in the calling thread (and the threads it starts) and starts the thread that
    /// handles them. Call once, first thing in `main`.
    public static func install() {
        var signals = sigset_t()
        sigemptyset(&signals)
        // A signal the parent left ignored stays ignored (a shell's background job ignores SIGINT), as is usual.
        let handled = [SIGINT, SIGTERM].filter { !isIgnored($0) }
        guard !handled.isEmpty else { return }
        for signalNumber in handled { sigaddset(&signals, signalNumber) }
        let blocked = pthread_sigmask(SIG_BLOCK, &signals, nil)
        precondition(blocked == 0, "pthread_sigmask failed")
        let waited = signals
        // On a terminal a progress line may be showing: clear it so the message stands on its own line.
        let clearLine = isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[2K" : ""
        let thread = Thread {
            var mask = waited
            // Bounded: the first signal taken ends the process; an error (only for an invalid set) ends the loop.
            var received: Int32 = 0
            while sigwait(&mask, &received) == 0 {
                let name = received == SIGINT ? "SIGINT" : "SIGTERM"
                TemporaryFiles.shared.stop(
                    status: exitStatus(for: received),
                    message: clearLine + "shardsim: interrupted by \(name) (no partial --out file is left)\n")
            }
        }
        thread.name = "shardsim-interrupts"
        thread.start()
    }

    /// Whether `signalNumber`'s disposition is SIG_IGN (read by setting it and putting the old one back).
    private static func isIgnored(_ signalNumber: Int32) -> Bool {
        let previous = signal(signalNumber, SIG_IGN)
        signal(signalNumber, previous)
        return unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
