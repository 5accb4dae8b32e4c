import Foundation

/// Writing a file so that it is either the old one or the complete new one, never a partial file.
///
/// The text goes to a temporary file beside the target (`.NAME.tmp-PID`, same folder so `rename` is atomic),
/// which is renamed over the target only when every byte is written and closed. On an error the temporary file
/// is removed and the target is left as it was. The temporary file is created and renamed under
/// `TemporaryFiles.shared`'s lock, so an interrupt (`Interrupts`) either finds it registered and removes it, or
/// there is none: an interrupted run never leaves one behind and never replaces the target.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws(UsageError) {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())").path
        let files = TemporaryFiles.shared
        let descriptor = files.create(temporary)
        guard descriptor >= 0 else { throw UsageError("cannot write \(path): \(reason(-descriptor))") }
        let writeError = writeAll(text, to: descriptor)
        let closeError = close(descriptor) == 0 ? 0 : errno
        if writeError != 0 || closeError != 0 {
            files.discard(temporary)
            throw UsageError("cannot write \(path): \(reason(writeError != 0 ? writeError : closeError))")
        }
        let renameError = files.commit(temporary, to: target.path)
        guard renameError == 0 else { throw UsageError("cannot write \(path): \(reason(renameError))") }
    }

    /// Writes every byte of `text` to `descriptor`, retrying short writes and EINTR; 0 or the errno.
    private static func writeAll(_ text: String, to descriptor: Int32) -> Int32 {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { buffer -> Int32 in
            var offset = 0
            // Bounded: each pass writes at least one byte or fails; EINTR retries are bounded by the signals sent.
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                precondition(written > 0 || buffer.count - offset == 0, "write(2) made no progress")
                offset += written
            }
            return 0
        }
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// The temporary files `AtomicFile` is writing, shared with the interrupt handler.
///
/// Invariant: while the lock is free, a temporary file exists on disk exactly when `paths` names it (only
/// `create` makes one, only `commit` and `discard` end one, each under the lock). `stop` takes the lock and never
/// gives it back, so no rename can follow an interrupt. The command line writes one file at a time; tests run
/// commands in parallel in one process, hence a list.
final class TemporaryFiles: @unchecked Sendable {
    static let shared = TemporaryFiles()

    private let lock = NSLock()
    private var paths: [String] = []

    /// Creates (or truncates) `temporary` and registers it; the descriptor, or minus the errno.
    func create(_ temporary: String) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        precondition(!paths.contains(temporary), "\(temporary) is already being written")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { return -errno }
        paths.append(temporary)
        return descriptor
    }

    /// Renames the registered temporary file over `target`; 0, or the errno after removing the temporary file.
    func commit(_ temporary: String, to target: String) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        unregister(temporary)
        guard rename(temporary, target) == 0 else {
            let failure = errno
            unlink(temporary)
            return failure
        }
        return 0
    }

    /// Removes the registered temporary file after an error.
    func discard(_ temporary: String) {
        lock.lock()
        defer { lock.unlock() }
        unregister(temporary)
        unlink(temporary)
    }

    /// Removes the temporary files being written, if any, and ends the process with `status`, writing
    /// `message` to standard error. Holds the lock until the process is gone.
    func stop(status: Int32, message: String) -> Never {
        lock.lock()
        for path in paths { unlink(path) }
        var bytes = Array(message.utf8)
        _ = bytes.withUnsafeMutableBytes { Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        _exit(status)
    }

    /// Call with the lock held.
    private func unregister(_ temporary: String) {
        guard let index = paths.firstIndex(of: temporary) else { preconditionFailure("\(temporary) is not registered") }
        paths.remove(at: index)
    }
}
