import Foundation
import ShardSimCLI

// The executable only forwards words and streams; everything else lives in ShardSimCLI.
// First, before any thread starts: Ctrl-C and SIGTERM remove a half-written --out file and exit 130 / 143.
Interrupts.install()
let outcome = ShardSimCommand.run(Array(CommandLine.arguments.dropFirst()), terminal: .current)
FileHandle.standardOutput.write(Data(outcome.standardOutput.utf8))
FileHandle.standardError.write(Data(outcome.standardError.utf8))
exit(outcome.exitCode)
