import Foundation
import ShardSimCLI

// The executable only forwards words and streams; everything else lives in ShardSimCLI.
// First, before any file is opened: a standard stream the parent closed gets a placeholder, so no file takes its number.
StandardStreams.reserveClosedStandardDescriptors()
// Then, before any thread starts: Ctrl-C and SIGTERM remove a half-written --out file and exit 130 / 143.
Interrupts.install()
let outcome = StandardStreams.run(rawArguments: StandardStreams.rawArguments, terminal: .current)
exit(StandardStreams.finish(outcome))
