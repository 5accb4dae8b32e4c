import Testing

@testable import ShardSimCLI

/// Colour only on a terminal and never with NO_COLOR; no progress line off a terminal.
@Suite struct TerminalTests {
    private let report = "SLO: NOT met\n  records failed 5  <- DATA LOST after retries\n"

    @Test func coloursOnlyOnATerminalWithoutNoColor() {
        let terminal = Terminal(isOutputTerminal: true, isErrorTerminal: false, isColorDisabled: false)
        #expect(terminal.colorize(report).contains("\u{1B}[31m"))
        let noColor = Terminal(isOutputTerminal: true, isErrorTerminal: false, isColorDisabled: true)
        #expect(noColor.colorize(report) == report)
        let pipe = Terminal(isOutputTerminal: false, isErrorTerminal: false, isColorDisabled: false)
        #expect(pipe.colorize(report) == report)
    }

    @Test func noProgressLineWhenStandardErrorIsNotATerminal() {
        #expect(Terminal.none.progressReporter(label: "x") == nil)
        #expect(
            Terminal(isOutputTerminal: false, isErrorTerminal: true, isColorDisabled: true).progressReporter(label: "x")
                != nil)
    }
}
