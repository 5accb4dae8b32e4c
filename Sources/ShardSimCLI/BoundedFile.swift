import Foundation
import ShardSimScenario

/// Reading a file the user named (a scenario, a file it refers to, `--shards-file`, `merge-results` inputs):
/// opened once, accepted only if the opened descriptor is a regular file, and read with a hard cap checked while
/// reading, never after.
///
/// Why each rule: a FIFO or a device (`/dev/zero`) never ends, and `/proc` files report size 0 but can hold
/// gigabytes (`/proc/self/pagemap`), so neither the name nor the size `stat` gives can be trusted; the checks are
/// made on the descriptor that is then read (no window between a check and the read), and reading stops one byte
/// past the cap. The open is non-blocking so a FIFO with no writer is refused instead of waiting forever.
enum BoundedFile {
    /// Largest file read: the scenario decoder's limit (16 MiB), the same for every input.
    static let maxBytes = ScenarioDecoder.maxFileBytes

    /// Bytes read per `read(2)` call.
    private static let chunkBytes = 65_536

    /// The file's bytes, or a sentence (without the path) saying why not. `openedPathIsAllowed`, when given, is
    /// asked about the real path of the file actually opened, so a folder swapped for a link between the caller's
    /// check and the open cannot lead the read elsewhere.
    static func read(
        _ path: String, maxBytes: Int = maxBytes, followsFinalLink: Bool = true,
        openedPathIsAllowed: ((String) -> Bool)? = nil
    ) -> Result<[UInt8], ReferencedFileError> {
        precondition(maxBytes > 0, "a read cap must be positive")
        let flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (followsFinalLink ? 0 : O_NOFOLLOW)
        let descriptor = open(path, flags)
        guard descriptor >= 0 else { return .failure(ReferencedFileError(openFailure(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            return .failure(ReferencedFileError(String(cString: strerror(errno))))
        }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG else {
            return .failure(ReferencedFileError("it is \(describe(kind)), not a regular file"))
        }
        if let openedPathIsAllowed, let opened = openedPath(descriptor), !openedPathIsAllowed(opened) {
            return .failure(
                ReferencedFileError("the file opened is not the one checked (a folder on its path changed)"))
        }
        return readCapped(descriptor, maxBytes: maxBytes)
    }

    /// The real path of an open descriptor, as the kernel names it: `/proc/self/fd/N` on Linux, `F_GETPATH` on
    /// Darwin; nil where neither answers (the caller's own check before the open then stands alone).
    static func openedPath(_ descriptor: Int32) -> String? {
        #if os(Linux)
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink("/proc/self/fd/\(descriptor)", &buffer, Int(PATH_MAX))
            guard count > 0 else { return nil }
            let path = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return path.hasPrefix("/") ? path : nil
        #elseif canImport(Darwin)
            var buffer = [CChar](repeating: 0, count: Int(MAXPATHLEN) + 1)
            guard fcntl(descriptor, F_GETPATH, &buffer) == 0 else { return nil }
            return String(cString: buffer)
        #else
            return nil
        #endif
    }

    /// At most the first `bytes` bytes of a regular file (opened as `read` opens it), for a quick look at its start.
    static func head(_ path: String, bytes: Int) -> Result<[UInt8], ReferencedFileError> {
        precondition(bytes > 0, "a read cap must be positive")
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(ReferencedFileError(openFailure(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            return .failure(ReferencedFileError("not a regular file"))
        }
        var buffer = [UInt8](repeating: 0, count: bytes)
        let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, bytes) }
        guard count >= 0 else { return .failure(ReferencedFileError(String(cString: strerror(errno)))) }
        return .success(Array(buffer.prefix(count)))
    }

    /// Reads until end of file or past `maxBytes` (by at most one chunk), whichever comes first. Whole chunks, as
    /// some kernel files (/proc/self/pagemap) accept only reads of whole entries.
    private static func readCapped(_ descriptor: Int32, maxBytes: Int) -> Result<[UInt8], ReferencedFileError> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        // Bounded: every pass adds at least one byte until the cap, or ends (end of file, error); EINTR retries are
        // bounded by the signals sent.
        while bytes.count <= maxBytes {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, chunkBytes) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReferencedFileError(String(cString: strerror(errno))))
            }
            if count == 0 {
                precondition(bytes.count <= maxBytes, "read past the cap")
                return .success(bytes)
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return .failure(
            ReferencedFileError(
                "it is larger than the \(maxBytes / 1_048_576) MiB limit (\(TextNumbers.grouped(maxBytes)) bytes) for "
                    + "files ShardSim reads; reading stopped there"))
    }

    private static func openFailure(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "it is a symbolic link"
        default: return String(cString: strerror(code))
        }
    }

    private static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a file"
        }
    }
}

/// Whole numbers with thousands separators, for messages.
enum TextNumbers {
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var grouped = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return grouped
    }
}
