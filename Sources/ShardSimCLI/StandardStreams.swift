import Foundation
import ShardSimReport

/// The executable's side of a command: its words as the kernel gave them, and its output written with every
/// error handled (no trap on a full disk, a closed stream or a reader that went away).
public enum StandardStreams {
    /// Exit status when the reader of standard output went away (`shardsim run … | head -1`): 128 + SIGPIPE, what
    /// a shell shows for a program the signal ended; nothing is printed.
    public static let brokenPipeStatus: Int32 = 128 + SIGPIPE

    /// Occupies each of descriptors 0, 1 and 2 that the parent left closed (`shardsim run … >&-`) with a read-only
    /// descriptor of the root folder, before anything else opens a file. Otherwise the next file opened (a scenario, an
    /// --out temporary file, a runtime's internal descriptor) would take number 1 or 2 and the report would be written
    /// into it; a write to the placeholder fails with EBADF, so a closed stream still ends in the usual message and
    /// exit 74. Call first thing in the executable.
    public static func reserveClosedStandardDescriptors() {
        for descriptor in STDIN_FILENO...STDERR_FILENO where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            // open returns the lowest free number: this one, as the lower ones are open by now.
            let placeholder = open("/", O_RDONLY | O_DIRECTORY)
            if placeholder >= 0 && placeholder != descriptor {
                _ = dup2(placeholder, descriptor)
                close(placeholder)
            }
        }
    }

    /// Runs the command line given as raw bytes (`CommandLine.unsafeArgv` without the program name). Every word
    /// must be UTF-8: a partition key is hashed as its UTF-8 bytes, so a key that is not UTF-8 would silently be
    /// hashed as U+FFFD and two different keys would land together.
    public static func run(rawArguments: [[UInt8]], terminal: Terminal) -> CommandOutcome {
        var words: [String] = []
        for (index, bytes) in rawArguments.enumerated() {
            guard let word = String(validating: bytes, as: UTF8.self) else {
                let command = words.first.map { "shardsim \($0)" } ?? "shardsim"
                let hex = bytes.prefix(32).map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")
                let why =
                    words.first == "route"
                    ? "a partition key is Unicode text, hashed as its UTF-8 bytes (a key that is not UTF-8 cannot be sent to Kinesis)"
                    : "shardsim reads its arguments as UTF-8 text"
                return CommandOutcome(
                    exitCode: 2,
                    standardError:
                        "\(command): argument \(index + 1) is not valid UTF-8 (bytes \(hex)\(bytes.count > 32 ? " …" : "")); \(why)\n"
                )
            }
            words.append(word)
        }
        return ShardSimCommand.run(words, terminal: terminal)
    }

    /// The process's arguments as raw bytes, without the program name.
    public static var rawArguments: [[UInt8]] {
        (1..<Int(CommandLine.argc)).map { index in
            guard let pointer = CommandLine.unsafeArgv[index] else { return [] }
            return Array(
                UnsafeBufferPointer(
                    start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                    count: strlen(pointer)))
        }
    }

    /// Writes the outcome to standard output and standard error and returns the exit status: the command's, or
    /// `ShardSimCommand.outputFailureStatus` when a stream could not be written (said on standard error if it still
    /// works), or `brokenPipeStatus`, silently, when standard output's reader has gone.
    public static func finish(_ outcome: CommandOutcome) -> Int32 {
        var status = outcome.exitCode
        var errorText = outcome.standardError
        switch AtomicFile.writeAll(outcome.standardOutput, to: STDOUT_FILENO) {
        case 0: break
        case EPIPE: status = brokenPipeStatus
        case let code:
            status = ShardSimCommand.outputFailureStatus
            errorText += "shardsim: cannot write standard output: \(AtomicFile.reason(code))\n"
        }
        let errorCode = AtomicFile.writeAll(errorText, to: STDERR_FILENO)
        if errorCode != 0 && status == 0 {
            status = errorCode == EPIPE ? brokenPipeStatus : ShardSimCommand.outputFailureStatus
        }
        return status
    }
}
