/// How the decoder reads a file a scenario refers to (a rate series, a shard list).
///
/// The scenario layer never touches the file system: the CLI passes a reader that resolves paths against the
/// scenario file's folder, and tests pass contents from memory. A path is handed over exactly as the scenario
/// wrote it.
public struct ReferencedFiles: Sendable {
    /// The file's bytes, or a sentence saying why it cannot be read ("no such file").
    public var read: @Sendable (String) -> Result<[UInt8], ReferencedFileError>

    public init(read: @escaping @Sendable (String) -> Result<[UInt8], ReferencedFileError>) {
        self.read = read
    }

    /// For documents decoded without a file system (a scenario piped in, a unit test without files).
    public static let unavailable = ReferencedFiles { _ in
        .failure(ReferencedFileError("this scenario was decoded without access to files"))
    }

    /// Files held in memory, by the path the scenario names them with.
    public static func inMemory(_ contents: [String: String]) -> ReferencedFiles {
        ReferencedFiles { path in
            guard let text = contents[path] else { return .failure(ReferencedFileError("no such file")) }
            return .success(Array(text.utf8))
        }
    }
}

/// Why a referenced file could not be read, in words for the message after its path.
public struct ReferencedFileError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Reads a referenced file for the scenario field at `path.name`, reporting a missing, unreadable or oversized file
/// there. Returns nil after reporting.
func loadReferencedFile(_ reader: ObjectReader, field: String, file: String) -> [UInt8]? {
    guard !file.isEmpty else {
        reader.report(field, "expected a file path, got an empty string")
        return nil
    }
    switch reader.diagnostics.files.read(file) {
    case .failure(let error):
        reader.report(field, "cannot read \"\(file)\": \(error.message)")
        return nil
    case .success(let bytes):
        guard bytes.count <= ScenarioDecoder.maxFileBytes else {
            reader.report(field, "\"\(file)\" is \(formatted(Int64(bytes.count))) bytes; the limit is \(formatted(Int64(ScenarioDecoder.maxFileBytes)))")
            return nil
        }
        return bytes
    }
}
