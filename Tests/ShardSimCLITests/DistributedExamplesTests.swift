import Foundation
import ShardSimTestSupport
import Testing

/// The distributed-sweep examples (`examples/kubernetes/`, `examples/github-actions/`, docs/distributed.md) do what
/// they say: their slice commands, one per index of the Indexed Job or of the matrix, cover slices 1…N exactly once,
/// and merging what they write gives the table one `shardsim sweep` process prints, byte for byte.
///
/// The commands are taken from the manifests as written and run with the built `shardsim` through the same shell the
/// engine uses (`/bin/sh -c` for the Job's containers, `bash -eo pipefail` for Actions' `run:` steps); only the
/// scenario and grid (`SWEEP_SCENARIO`, `SWEEP_ARGS`) and where results go are the test's own, small ones.
@Suite struct DistributedExamplesTests {
    /// 20 s of one producer: a grid of 5 shard counts × 2 rates, 10 points split over the examples' 4 slices.
    private static let scenario = """
        { "name": "grid", "duration": "20s", "stream": { "shardCount": 2 },
          "producers": [{ "name": "p", "recordsPerSecond": 1500, "recordSizeBytes": 200 }],
          "slo": { "maxWriteThrottledFraction": 0.001 } }
        """
    private static let sweepArguments =
        "--vary stream.shardCount=1,2,3,4,5 --vary producers.0.recordsPerSecond=500,1500"

    @Test func kubernetesIndexedJobSlicesMergeIntoTheOneProcessTable() throws {
        let job = try ManifestLines(example: "kubernetes/sweep-indexed-job.yaml")
        let merge = try ManifestLines(example: "kubernetes/sweep-merge-job.yaml")
        #expect(job.values(of: "completionMode") == ["Indexed"])
        let completions = try #require(job.values(of: "completions").first.flatMap { Int($0) })
        // Every index runs at once, and the slice count the commands name is the Job's index count.
        #expect(job.values(of: "parallelism") == [String(completions)])
        let manifestEnvironment = job.containerEnvironment()
        #expect(manifestEnvironment["SLICES"] == String(completions))
        #expect(manifestEnvironment["SWEEP_SCENARIO"] != nil && manifestEnvironment["SWEEP_ARGS"] != nil)
        let sliceScript = try job.blockScalar(afterLineStartingWith: "args:")
        let mergeScript = try merge.blockScalar(afterLineStartingWith: "args:")

        let folder = try Self.workFolder()
        let results = folder.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        var environment = manifestEnvironment
        environment["SWEEP_SCENARIO"] = folder.appendingPathComponent("grid.json").path
        environment["SWEEP_ARGS"] = Self.sweepArguments
        environment["RESULTS"] = results.path
        // Kubernetes sets JOB_COMPLETION_INDEX to 0 … completions − 1 in the pods of an Indexed Job.
        for index in 0..<completions {
            environment["JOB_COMPLETION_INDEX"] = String(index)
            try Self.run(sliceScript, shell: ["/bin/sh", "-c"], in: folder, environment: environment)
        }
        try Self.expectEachSliceOnce(in: results, count: completions)
        try Self.run(mergeScript, shell: ["/bin/sh", "-c"], in: folder, environment: ["RESULTS": results.path])
        let whole = try Self.oneProcessTables(in: folder)
        #expect(try String(contentsOf: results.appendingPathComponent("sweep.csv"), encoding: .utf8) == whole.csv)
        #expect(try String(contentsOf: results.appendingPathComponent("sweep.md"), encoding: .utf8) == whole.markdown)
    }

    @Test func gitHubActionsMatrixSlicesMergeIntoTheOneProcessTable() throws {
        let workflow = try ManifestLines(example: "github-actions/sweep-matrix.yml")
        let matrix = try #require(workflow.values(of: "slice").first, "the matrix names no slices")
        let slices = matrix.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").compactMap {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        #expect(!slices.isEmpty)
        #expect(workflow.values(of: "SWEEP_SCENARIO").count == 1 && workflow.values(of: "SWEEP_ARGS").count == 1)
        #expect(workflow.values(of: "needs") == ["build", "sweep"], "merge runs after every slice")
        let sweepScript = try workflow.blockScalar(
            afterLineStartingWith: "run: |", following: "- name: Sweep one slice")
        let mergeScript = try workflow.blockScalar(
            afterLineStartingWith: "run: |", following: "- name: Merge the slices")
        let sliceVariable = try #require(workflow.values(of: "SLICE").first)
        let slicesVariable = try #require(workflow.values(of: "SLICES").first)
        let uploadPath = try #require(workflow.values(of: "path").first { $0.hasPrefix("parts/") })

        let folder = try Self.workFolder()
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: bin.appendingPathComponent("shardsim"), withDestinationURL: try shardsimExecutable())
        for slice in slices {
            // What Actions substitutes in the job's env: the matrix value and the matrix's size.
            func expand(_ text: String) -> String {
                text.replacingOccurrences(of: "${{ matrix.slice }}", with: String(slice))
                    .replacingOccurrences(of: "${{ strategy.job-total }}", with: String(slices.count))
            }
            #expect(!expand(sliceVariable + slicesVariable).contains("${{"), "an expression the test cannot expand")
            let environment = [
                "SLICE": expand(sliceVariable), "SLICES": expand(slicesVariable),
                "SWEEP_SCENARIO": folder.appendingPathComponent("grid.json").path,
                "SWEEP_ARGS": Self.sweepArguments,
            ]
            try Self.run(sweepScript, shell: Self.actionsBash, in: folder, environment: environment)
            // The step's output is what the upload step picks up.
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(expand(uploadPath)).path))
        }
        try Self.expectEachSliceOnce(in: folder.appendingPathComponent("parts"), count: slices.count)
        let summary = folder.appendingPathComponent("summary.md")
        #expect(FileManager.default.createFile(atPath: summary.path, contents: nil))
        try Self.run(
            mergeScript, shell: Self.actionsBash, in: folder, environment: ["GITHUB_STEP_SUMMARY": summary.path])
        let whole = try Self.oneProcessTables(in: folder)
        #expect(try String(contentsOf: folder.appendingPathComponent("sweep.csv"), encoding: .utf8) == whole.csv)
        #expect(try String(contentsOf: summary, encoding: .utf8) == whole.markdown)
    }

    /// How GitHub Actions runs a `run:` step on Linux.
    private static let actionsBash = ["/bin/bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]

    /// A fresh folder holding the test's scenario.
    private static func workFolder() throws -> URL {
        try makeTemporaryFolder("shardsim-distributed", files: ["grid.json": scenario])
    }

    /// The slice files in `folder` (`part-*.json`) are partitions 1/N … N/N, each once, with N = `count`.
    private static func expectEachSliceOnce(
        in folder: URL, count: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasPrefix("part-") && $0.hasSuffix(".json")
        }
        var partitions: [String] = []
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            partitions.append(try #require(try jsonObject(text)["partition"] as? String))
        }
        #expect(
            partitions.sorted() == (1...count).map { "\($0)/\(count)" }.sorted(), "slices written: \(partitions)",
            sourceLocation: sourceLocation)
    }

    /// The table one unpartitioned sweep of the test's grid prints, as CSV and Markdown, from the built binary.
    private static func oneProcessTables(in folder: URL) throws -> (csv: String, markdown: String) {
        let script = """
            shardsim sweep grid.json $SWEEP_ARGS --format csv --out whole.csv
            shardsim sweep grid.json $SWEEP_ARGS --format markdown --out whole.md
            """
        try run(script, shell: ["/bin/sh", "-ec"], in: folder, environment: ["SWEEP_ARGS": sweepArguments])
        return (
            try String(contentsOf: folder.appendingPathComponent("whole.csv"), encoding: .utf8),
            try String(contentsOf: folder.appendingPathComponent("whole.md"), encoding: .utf8)
        )
    }

    /// Runs `script` with `shell` in `folder`, the built `shardsim` first on the PATH and one thread per run (the
    /// tables do not depend on it); records an issue with its stderr unless it exits with 0.
    private static func run(
        _ script: String, shell: [String], in folder: URL, environment: [String: String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell[0])
        process.arguments = Array(shell.dropFirst()) + [script]
        process.currentDirectoryURL = folder
        var merged = ProcessInfo.processInfo.environment
        let executableFolder = try shardsimExecutable().deletingLastPathComponent().path
        merged["PATH"] = executableFolder + ":" + (merged["PATH"] ?? "/usr/bin:/bin")
        merged["SHARDSIM_THREADS"] = "1"
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        let errorFile = folder.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        #expect(FileManager.default.createFile(atPath: errorFile.path, contents: nil))
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        #expect(
            process.terminationStatus == 0, "\(script) exited with \(process.terminationStatus): \(errors)",
            sourceLocation: sourceLocation)
    }
}

/// The lines of an example manifest, read as the small subset of YAML the examples use: `key: value` scalars,
/// `- name:` / `value:` environment pairs, and `|` block scalars (the scripts). Enough to take the commands out of the
/// files as written without a YAML library (the package has no dependencies).
private struct ManifestLines {
    let lines: [Substring]

    init(example path: String) throws {
        let url = repositoryRoot.appendingPathComponent("examples").appendingPathComponent(path)
        lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    }

    private static func indentation(_ line: Substring) -> Int { line.prefix { $0 == " " }.count }

    private static func unquoted(_ text: Substring) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else { return trimmed }
        return String(trimmed.dropFirst().dropLast())
    }

    /// The value of every `key: value` line (outside comments), in file order.
    func values(of key: String) -> [String] {
        lines.compactMap { line in
            let text = line.drop { $0 == " " || $0 == "-" }.drop { $0 == " " }
            guard !text.hasPrefix("#"), text.hasPrefix(key + ":") else { return nil }
            return Self.unquoted(text.dropFirst(key.count + 1))
        }
    }

    /// The containers' `env:` list as name → value (`- name: X` followed by `value: Y`).
    func containerEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        for (index, line) in lines.enumerated() where index + 1 < lines.count {
            let text = line.trimmingCharacters(in: .whitespaces)
            let next = lines[index + 1].trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("- name: "), next.hasPrefix("value: ") else { continue }
            environment[String(text.dropFirst("- name: ".count))] = Self.unquoted(next.dropFirst("value: ".count))
        }
        return environment
    }

    /// The `|` block scalar that starts on the line after the first line beginning `start` (trimmed), or on that line
    /// itself when it ends with `|`; with `following`, the first such line after the line beginning `following`.
    func blockScalar(afterLineStartingWith start: String, following: String? = nil) throws -> String {
        var from = 0
        if let following {
            from = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(following) })
        }
        var header = try #require(
            lines[from...].firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(start) },
            "no line starting with \(start)")
        if !lines[header].hasSuffix("|") { header += 1 }
        try #require(lines[header].hasSuffix("|"), "line \(header + 1) does not open a block scalar")
        let bodyStart = header + 1
        let indent = Self.indentation(lines[bodyStart])
        try #require(indent > Self.indentation(lines[header]), "empty block scalar at line \(header + 1)")
        var body: [Substring] = []
        for line in lines[bodyStart...] {
            guard line.trimmingCharacters(in: .whitespaces).isEmpty || Self.indentation(line) >= indent else { break }
            body.append(line.dropFirst(min(indent, Self.indentation(line))))
        }
        return body.joined(separator: "\n") + "\n"
    }
}
