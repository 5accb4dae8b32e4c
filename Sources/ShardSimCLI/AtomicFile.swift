import Foundation

/// Writing `--out` (and `--html-out`) so that the target is either the old file or the complete new one.
///
/// A regular target (or a new one) is replaced by rename: the text goes to a temporary file beside it
/// (`.NAME.tmp-RANDOM`, same folder so `rename` is atomic), created exclusively and without following a link
/// (O_CREAT | O_EXCL | O_NOFOLLOW, an unpredictable name: a link planted there cannot redirect the write), given the
/// target's permission bits, written, fsynced and closed, then renamed over the target; the folder is fsynced
/// so the rename survives a crash. A link to a regular file is written through: its target is replaced, the link
/// stays. A target that exists and is not a regular file is never replaced: a FIFO or a character device
/// (/dev/null, a terminal) is written in place, anything else (a folder, a socket) is refused. On an error the
/// temporary file is removed, the target is left as it was, and the command exits `ShardSimCommand.outputFailureStatus`.
/// Temporary files are created and renamed under `TemporaryFiles.shared`'s lock, so an interrupt (`Interrupts`)
/// either finds one registered and removes it, or there is none.
enum AtomicFile {
    /// `replacing: false` (init, which must never overwrite the user's work) refuses a target that exists in any form,
    /// a dangling link included, and installs the file with link(2), which fails rather than replace anything created
    /// meanwhile.
    static func write(_ text: String, to path: String, replacing: Bool = true) throws(UsageError) {
        func failure(_ code: Int32) -> UsageError { failure(reason(code)) }
        func failure(_ why: String) -> UsageError {
            UsageError("cannot write \(path): \(why)", exitCode: ShardSimCommand.outputFailureStatus)
        }
        var status = stat()
        var target = path
        var keptMode: mode_t?
        if !replacing {
            guard lstat(path, &status) != 0 else { throw exists(path) }
        } else if stat(path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG:
                keptMode = status.st_mode & 0o777
                // Through a link: replace the file it names, keep the link.
                target = ScenarioFolder.realPath(path) ?? path
            case S_IFIFO, S_IFCHR:
                let error = writeInPlace(text, to: path)
                guard error == 0 else { throw failure(error) }
                return
            case S_IFDIR: throw failure("it is a folder; give a file path")
            default: throw failure("it exists and is not a regular file, a FIFO or a device; it is left as it is")
            }
        }
        let files = TemporaryFiles.shared
        let (temporary, descriptor) = files.create(besides: target)
        guard descriptor >= 0 else { throw failure(-descriptor) }
        var error = keptMode.map { fchmod(descriptor, $0) == 0 ? 0 : errno } ?? 0
        if error == 0 { error = writeAll(text, to: descriptor) }
        if error == 0, fsync(descriptor) != 0 { error = errno }
        if close(descriptor) != 0, error == 0 { error = errno }
        if error != 0 {
            files.discard(temporary)
            throw failure(error)
        }
        let renameError = files.commit(temporary, to: target, replacing: replacing)
        guard renameError != EEXIST || replacing else { throw exists(path) }
        guard renameError == 0 else { throw failure(renameError) }
        syncFolder(of: target)
    }

    /// The refusal to overwrite (exit 2: the user chose an existing path).
    private static func exists(_ path: String) -> UsageError {
        UsageError("'\(path)' already exists; choose another --out or remove it first")
    }

    /// Writes `text` into an existing FIFO or device, without creating, truncating or replacing it.
    private static func writeInPlace(_ text: String, to path: String) -> Int32 {
        let descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno }
        let error = writeAll(text, to: descriptor)
        let closeError = close(descriptor) == 0 ? 0 : errno
        return error != 0 ? error : closeError
    }

    /// Makes the rename durable; a folder that cannot be opened or synced (some file systems) is not an error.
    private static func syncFolder(of path: String) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// Writes every byte of `text` to `descriptor`, retrying short writes and EINTR; 0 or the errno.
    static func writeAll(_ text: String, to descriptor: Int32) -> Int32 {
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
                if written == 0 { return EIO }
                offset += written
            }
            return 0
        }
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
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

    /// Creates a new temporary file beside `target` (`.NAME.tmp-` and 16 random hex digits; exclusively, never
    /// through a link) and registers it: its path and descriptor, or minus the errno.
    func create(besides target: String) -> (path: String, descriptor: Int32) {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent()
        lock.lock()
        defer { lock.unlock() }
        var lastError = EEXIST
        // Bounded: a few names; a clash on a 64-bit random name means someone is planting files.
        for _ in 0..<8 {
            let suffix = String(UInt64.random(in: .min ... .max), radix: 16)
            let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(suffix)").path
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if descriptor >= 0 {
                paths.append(temporary)
                return (temporary, descriptor)
            }
            lastError = errno
            guard lastError == EEXIST else { break }
        }
        return ("", -lastError)
    }

    /// Renames the registered temporary file over `target` (or, not `replacing`, links it there, failing with EEXIST
    /// when anything is there, then removes the temporary name); 0, or the errno after removing the temporary file.
    func commit(_ temporary: String, to target: String, replacing: Bool = true) -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        unregister(temporary)
        let installed = replacing ? rename(temporary, target) : link(temporary, target)
        let failure = installed == 0 ? 0 : errno
        if installed != 0 || !replacing { unlink(temporary) }
        return failure
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
