import Foundation
import ShardSimCLI
import ShardSimTestSupport
import Testing

/// `shardsim explore` as a user runs it: the same grid and figures as `sweep`, in one page.
@Suite struct ExploreCommandTests {
    /// 1,500 records/s of 200 B, uniform keys, one minute: one shard (1,000 records/s) must throttle; two or three
    /// (750 or 500 records/s each) must not.
    private static let scenario = """
        { "name": "cli-explore", "description": "Does a second shard stop the throttling?", "duration": "1m", "seed": 3,
          "stream": { "shardCount": 1 },
          "producers": [{ "name": "p", "recordsPerSecond": 1500, "recordSizeBytes": 200,
                          "partitionKeys": { "distribution": "uniform", "count": 5000 } }] }
        """
    private static let grid = ["--vary", "stream.shardCount=1,2,3", "--vary", "producers.0.recordSizeBytes=200,100"]

    private func file() throws -> String {
        try writeTemporaryFile(Self.scenario, prefix: "explore")
    }

    /// `"key": value` pairs of each row of sweep's JSON, as printed (not re-rendered), in row order.
    private func sweepRows(_ json: String) throws -> [[String: String]] {
        let pair = try Regex("\"([A-Za-z0-9.]+)\": (\"[^\"]*\"|[^,\\n]+)")
        let rows = json.components(separatedBy: "\"point\":").dropFirst()
        return rows.map { row in
            var values: [String: String] = [:]
            for match in row.matches(of: pair) {
                if let key = match.output[1].substring, let value = match.output[2].substring {
                    values[String(key)] = String(value)
                }
            }
            return values
        }
    }

    @Test func everyRunShowsTheFiguresSweepPrints() throws {
        let path = try file()
        let page = ShardSimCommand.run(["explore", path] + Self.grid)
        let sweep = ShardSimCommand.run(["sweep", path] + Self.grid + ["--format", "json"])
        #expect(page.exitCode == 0 && sweep.exitCode == 0)
        let rows = try sweepRows(sweep.standardOutput)
        #expect(rows.count == 6)
        for (point, row) in rows.enumerated() {
            let start = try #require(page.standardOutput.range(of: "id=\"run-\(point)\""))
            let end = try #require(
                page.standardOutput.range(of: "</article>", range: start.upperBound..<page.standardOutput.endIndex))
            let article = page.standardOutput[start.lowerBound..<end.lowerBound]
            for figure in [
                "shardCountEnd", "writeThrottledFraction", "recordsFailed", "putLatencyP99Ms", "maxIteratorAgeMs",
                "monthlyTotal", "sloMet",
            ] {
                let value = try #require(row[figure], "sweep row \(point) lacks \(figure)")
                #expect(article.contains("data-figure=\"\(figure)\" data-value=\"\(value)\""), "run \(point) \(figure)")
            }
        }
        #expect(page.standardOutput.contains("<blockquote>Does a second shard stop the throttling?</blockquote>"))
    }

    @Test func figuresFollowAWSRulesByHand() throws {
        let page = ShardSimCommand.run(["explore", try file()] + Self.grid).standardOutput
        func value(_ point: Int, _ figure: String) throws -> Double {
            let start = try #require(page.range(of: "id=\"run-\(point)\""))
            let tail = page[start.upperBound...]
            let marker = try #require(tail.range(of: "data-figure=\"\(figure)\" data-value=\""))
            return try #require(Double(tail[marker.upperBound...].prefix { $0 != "\"" }))
        }
        // Grid order, first --vary slowest: runs 0-1 have 1 shard, 2-3 two, 4-5 three.
        // One shard takes 1,000 of 1,500 records/s, so about a third of the offered records are throttled on
        // their first attempt (retries raise the attempt count, so the fraction is at least ~1/3).
        #expect(try value(0, "writeThrottledFraction") > 0.3)
        for point in 2..<6 {
            #expect(try value(point, "writeThrottledFraction") == 0)
            // Month = 730 h: shards × $0.015 per shard-hour, plus 1,500 records/s × 2,628,000 s of one 25 KB PUT
            // payload unit each at $0.014 per million (200 B and 100 B alike round up to one unit): $55.188.
            let shards = Double(point / 2 + 1)
            let expected = shards * 0.015 * 730 + 1500 * 2_628_000 * 0.014 / 1e6
            // Poisson arrivals over one minute put the record count within ~1% of the mean.
            #expect(abs(try value(point, "monthlyTotal") - expected) < 0.01 * expected)
        }
    }

    @Test func thePageIsTheSameOnAnyThreadCount() throws {
        let path = try file()
        let one = ShardSimCommand.run(["explore", path] + Self.grid, threads: 1)
        let two = ShardSimCommand.run(["explore", path] + Self.grid, threads: 2)
        #expect(one.exitCode == 0)
        #expect(one.standardOutput == two.standardOutput)
    }

    @Test func mistakesAreUsageErrors() throws {
        let path = try file()
        let noGrid = ShardSimCommand.run(["explore", path])
        #expect(noGrid.exitCode == 2 && noGrid.standardError.contains("--vary"))
        let table = ShardSimCommand.run(["explore", path, "--vary", "stream.shardCount=1,2", "--format", "csv"])
        #expect(table.exitCode == 2 && table.standardError.contains("expects one of html"))
        let bad = ShardSimCommand.run(["explore", path, "--vary", "stream.shardCount=1,0"])
        #expect(bad.exitCode == 2 && bad.standardError.contains("stream.shardCount=0"))
        let help = ShardSimCommand.run(["explore", "--help"])
        #expect(help.exitCode == 0 && help.standardOutput.contains("self-contained HTML page"))
        #expect(ShardSimCommand.run(["--help"]).standardOutput.contains("explore SCENARIO"))
    }

    /// Six readers polling once a second share one shard's 5 GetRecords calls/s, so about one call a second is
    /// throttled: a run with polling readers shows that chart; a run with none does not.
    @Test func pollingReadersGetTheirThrottledCallsChart() throws {
        let readers = (1...6).map { #"{ "name": "r\#($0)", "type": "shared", "pollInterval": "1s" }"# }.joined(
            separator: ", ")
        let withReaders = Self.scenario.replacingOccurrences(
            of: #""stream": { "shardCount": 1 },"#,
            with: #""stream": { "shardCount": 1 }, "consumers": [\#(readers)],"#)
        let path = try writeTemporaryFile(withReaders, prefix: "explore")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let page = ShardSimCommand.run(["explore", path, "--vary", "stream.shardCount=1,2"])
        #expect(page.exitCode == 0)
        #expect(page.standardOutput.contains("Throttled GetRecords calls"))
        let plain = try file()
        defer { try? FileManager.default.removeItem(atPath: plain) }
        #expect(
            !ShardSimCommand.run(["explore", plain, "--vary", "stream.shardCount=1,2"]).standardOutput.contains(
                "Throttled GetRecords calls"))
    }
}
