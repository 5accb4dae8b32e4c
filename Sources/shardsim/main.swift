import Foundation
import ShardSimCLI

// The executable only forwards words and streams; everything else lives in ShardSimCLI.
let outcome = ShardSimCommand.run(Array(CommandLine.arguments.dropFirst()), terminal: .current)
FileHandle.standardOutput.write(Data(outcome.standardOutput.utf8))
FileHandle.standardError.write(Data(outcome.standardError.utf8))
exit(outcome.exitCode)
