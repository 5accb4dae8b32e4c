import Dispatch
import Foundation

/// What the process is attached to: colours only on a terminal and never with NO_COLOR; a progress line only
/// when standard error is a terminal.
public struct Terminal: Sendable {
    public var isOutputTerminal: Bool
    public var isErrorTerminal: Bool
    public var isColorDisabled: Bool

    public init(isOutputTerminal: Bool, isErrorTerminal: Bool, isColorDisabled: Bool) {
        self.isOutputTerminal = isOutputTerminal
        self.isErrorTerminal = isErrorTerminal
        self.isColorDisabled = isColorDisabled
    }

    /// Not a terminal: plain bytes, no progress (tests, pipes, CI).
    public static let none = Terminal(isOutputTerminal: false, isErrorTerminal: false, isColorDisabled: true)

    /// The real standard streams and the NO_COLOR convention (https://no-color.org).
    public static var current: Terminal {
        Terminal(
            isOutputTerminal: isatty(STDOUT_FILENO) == 1, isErrorTerminal: isatty(STDERR_FILENO) == 1,
            isColorDisabled: ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false)
    }

    /// Highlights the words that matter in a text report (red for loss and misses, green for a met SLO).
    func colorize(_ text: String) -> String {
        guard isOutputTerminal && !isColorDisabled else { return text }
        let red = "\u{1B}[31m", green = "\u{1B}[32m", yellow = "\u{1B}[33m", reset = "\u{1B}[0m"
        return
            text
            .replacingOccurrences(of: "DATA LOST", with: red + "DATA LOST" + reset)
            .replacingOccurrences(of: "SLO: NOT met", with: red + "SLO: NOT met" + reset)
            .replacingOccurrences(of: "SLO: met", with: green + "SLO: met" + reset)
            .replacingOccurrences(of: "INFEASIBLE", with: red + "INFEASIBLE" + reset)
            .replacingOccurrences(of: " falls behind ", with: " " + yellow + "falls behind" + reset + " ")
    }

    /// A progress callback that draws "simulating… 42%" on standard error once a run has taken over a second.
    func progressReporter(label: String) -> ((Double) -> Void)? {
        guard isErrorTerminal else { return nil }
        let start = DispatchTime.now().uptimeNanoseconds
        var lastDrawn: UInt64 = 0
        return { fraction in
            let now = DispatchTime.now().uptimeNanoseconds
            guard now - start > 1_000_000_000, now - lastDrawn > 200_000_000 else { return }
            lastDrawn = now
            let percent = Int((min(1, max(0, fraction)) * 100).rounded(.down))
            // A terminal that went away is no reason to stop a run: write errors are ignored (no trap).
            _ = AtomicFile.writeAll("\r\(label) \(percent)%", to: STDERR_FILENO)
        }
    }

    /// Clears the progress line before the report appears.
    func clearProgress() {
        guard isErrorTerminal else { return }
        _ = AtomicFile.writeAll("\r\u{1B}[2K", to: STDERR_FILENO)
    }
}
