/// How the decoder reads a file a scenario refers to (a rate series, a shard list).
///
/// The scenario layer never touches the file system: the CLI passes a reader that resolves paths against the
/// scenario file's folder, and tests pass contents from memory. A path is handed over exactly as the scenario
/// wrote it.
public struct ReferencedFiles: Sendable {
    /// The file's bytes, or a sentence saying why it cannot be read ("no such file").
    public var read: @Sendable (String) -> Result<[UInt8], ReferencedFileError>
    /// Whether a message may quote what the file holds (a line, a label, a figure). The CLI says no for a file
    /// outside the scenario's folder (read only with --allow-outside-files), so a shared scenario cannot make
    /// ShardSim print part of, say, a credentials file.
    public var mayQuoteContents: @Sendable (String) -> Bool

    public init(
        read: @escaping @Sendable (String) -> Result<[UInt8], ReferencedFileError>,
        mayQuoteContents: @escaping @Sendable (String) -> Bool = { _ in true }
    ) {
        self.read = read
        self.mayQuoteContents = mayQuoteContents
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
            reader.report(
                field,
                "\"\(file)\" is \(formatted(Int64(bytes.count))) bytes; the limit is \(formatted(Int64(ScenarioDecoder.maxFileBytes)))"
            )
            return nil
        }
        return bytes
    }
}

/// Reports a problem with what the referenced `file` holds: the message itself when the file may be quoted,
/// otherwise only that the file does not fit the field (the details could quote a file from elsewhere).
func reportFileProblem(_ reader: ObjectReader, field: String, file: String, _ message: String) {
    if reader.diagnostics.files.mayQuoteContents(file) {
        reader.report(field, "\"\(file)\": \(message)")
    } else {
        reader.report(
            field,
            "\"\(file)\" cannot be used here; details are not shown because the file is outside the "
                + "scenario's folder (move it beside the scenario to see them)")
    }
}
