import Foundation

/// Writing a file so that it is either the old one or the complete new one, never a partial file.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws(UsageError) {
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
        do {
            try Data(text.utf8).write(to: temporary)
        } catch {
            throw UsageError("cannot write \(path): \(error.localizedDescription)")
        }
        if rename(temporary.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw UsageError("cannot write \(path): \(reason)")
        }
    }
}
