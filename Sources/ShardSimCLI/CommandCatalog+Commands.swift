/// The commands' entries: operands, options, formats and the prose of their help.
extension CommandCatalog {
    static let run = CommandSpec(
        name: "run", operands: "SCENARIO", summary: "simulate a scenario and print the report",
        options: scenarioOptions + ["--html-out", "--fail-on-slo", "--replications"], formats: reportFormats + [.csv],
        details: """
            Simulates the scenario's producers writing into the stream and reports throttling, put latency,
            per-shard load, consumers, monthly cost and the SLO verdict. The same scenario and seed always give the
            same bytes. --format csv is the per-second series: time_s,bucket_s,entity,metric,value (see README).
            --replications N runs N seeds (the scenario's, then seeds derived from it) in parallel and adds each key
            metric's mean ± 95% interval and min–max; the rest of the report is the first seed's.
              shardsim run scenarios/hot-tenant-key.json --set stream.shardCount=20
              shardsim run scenarios/hot-tenant-key.json --replications 20
            """)

    static let validate = CommandSpec(
        name: "validate", operands: "SCENARIO", summary: "check a scenario; list every error with its JSON path",
        options: ["--format", "--out", "--seed", "--set", "--fidelity", ScenarioFolder.flag], formats: [.text, .json],
        details: """
            Exit 0 and print "valid", or exit 2 listing every problem with its JSON path. --format json prints
            {"valid": true|false, "errors": [{"path", "message", "suggestion"}]} on standard output (suggestion:
            the field name or value probably meant, or null), also when the scenario is invalid.
            """)

    static let plan = CommandSpec(
        name: "plan", operands: "SCENARIO", summary: "the smallest provisioned shard count that meets the SLO, and why",
        options: scenarioOptions + ["--emit", "--fail-on-slo", "--replications", "--meet-fraction"],
        formats: reportFormats,
        details: """
            Finds the smallest PROVISIONED shardCount that meets the scenario's slo (without one: at most 0.1% of
            attempts throttled and no record lost). Starts from the analytic bound (each per-shard limit at the
            peak load, and the hottest key), then simulates candidate counts upwards on all cores. Says which
            limit binds, which shard and key are hot, the headroom, and AWS's bandwidth formula beside it.
            Infeasible when one key alone exceeds a shard, or no count up to the search ceiling meets the SLO
            (--fail-on-slo then exits 1). Candidates are new streams with even hash key ranges, also when the
            scenario starts from an existing, uneven layout (stream.shardsFile); the report then says so.
            --replications N runs every candidate with the same N seeds (the scenario's, then seeds derived from
            it); a count meets the SLO when it meets it in at least --meet-fraction F of them (default 1: all).
            The report says in how many seeds each count met it, the binding objective's mean ± 95% interval, and
            the headroom of the worst seed's busiest second. With one seed, the report says when the answer is a
            close call (docs/model.md section 18) and suggests --replications.
              shardsim plan scenarios/near-the-records-limit.json --replications 20
            """,
        optionHelp: [
            "--replications":
                "run every candidate with N seeds (1 to 1,000, default 1): the scenario's, then seeds derived from it, "
                + "the same for every count (docs/model.md section 18)",
            "--fidelity": planningFidelityHelp("candidate"),
        ])

    static let compare = CommandSpec(
        name: "compare", operands: "SCENARIO",
        summary: "provisioned (at the planned count) vs on-demand: cost, throttling, latency",
        options: scenarioOptions + ["--on-demand-stream", "--replications"], formats: reportFormats,
        details: """
            Plans the provisioned shard count, then simulates the same load and seed on PROVISIONED (at that
            count) and ON_DEMAND streams: monthly cost, throttling and latency side by side, which is cheaper
            (overall and among those meeting the SLO), and the traffic level at which the answer flips.
            Where a side throttles records away, the report says so beside its cost and gives the month for
            the offered traffic; "cheaper" and the break-even use that month. It warns when the answer is
            above the account's shard quota (stream.accountShardQuota, default 1,000) or an on-demand
            stream's maximum write throughput (assumptions.onDemand.maxStreamWriteBytesPerSecond).
            --set stream.onDemand.PATH=VALUE works from a PROVISIONED scenario too.
            --replications N runs both sides with the same N seeds (the shard count is the plan's on the
            scenario's seed) and adds each side's cost and throttling as mean ± 95% interval; it names a
            cheaper side only when the two cost intervals do not overlap, else says it is too close to call.
            """,
        optionHelp: ["--fidelity": planningFidelityHelp("candidate and side")])

    static let explore = CommandSpec(
        name: "explore", operands: "SCENARIO --vary PATH=V1,V2,... [--vary ...]",
        summary: "the sweep's grid as one self-contained HTML page to explore (--out PAGE.html)",
        options: scenarioOptions + ["--vary"], formats: [.html],
        details: """
            Runs the same grid as `sweep` (every combination of the --vary values, first --vary slowest, in
            parallel, within the run budget, at most 10,000 points) and writes ONE self-contained HTML page
            (inline CSS, SVG charts and a small script; nothing fetched, works offline from file://): the
            scenario's description as the question, a slider or list per varied field that switches between
            runs instantly, runs A and B side by side (figures and charts), and a table of every run. Its
            figures are the ones `sweep --format json` prints for the same --vary list. Without --out the page
            goes to stdout. Keep grids small: every run's charts are embedded.
              shardsim explore scenarios/hot-tenant-key.json --vary stream.shardCount=10,20,40 \\
                --vary producers.0.recordsPerSecond=1000,2000 --out hot-tenant-key.explore.html
            """)

    static let sweep = CommandSpec(
        name: "sweep", operands: "SCENARIO --vary PATH=V1,V2,... [--vary ...]",
        summary: "run a grid of what-ifs in parallel and tabulate the key figures",
        options: scenarioOptions + ["--vary", "--partition", "--replications"],
        formats: [.text, .json, .markdown, .csv],
        details: """
            Runs every combination of the --vary values (the first --vary changes slowest) in parallel and
            prints one row per run: shards, throttled fraction, failed records, put p99, iterator age, monthly
            cost and SLO. Results do not depend on the number of cores.
              shardsim sweep scenarios/hot-tenant-key.json --vary stream.shardCount=10,20,40

            --partition I/N runs only the points p with p mod N = I - 1, so N processes (a CI matrix, a batch
            job array) can share a grid; `shardsim merge-results` joins their --format json outputs into the
            table one process would have printed, byte for byte:
              shardsim sweep S.json --vary stream.shardCount=1,2,4,8 --partition 1/2 --format json --out a.json
              shardsim sweep S.json --vary stream.shardCount=1,2,4,8 --partition 2/2 --format json --out b.json
              shardsim merge-results a.json b.json --format csv

            --replications N runs every point with the same N seeds and adds, per row, each figure's mean and
            95% interval half-width and the replications meeting the SLO (the other columns are replication
            1's); partitions and merge-results carry them, byte for byte.
            """,
        optionHelp: ["--fidelity": planningFidelityHelp("point")])

    /// `--fidelity` of plan, compare and sweep, whose default is `auto` for each `unit` (docs/model.md section 14).
    static func planningFidelityHelp(_ unit: String) -> String {
        "record by record, aggregate rates per shard, or flow when event would take more than ~10 s; default (no "
            + "--fidelity and no scenario fidelity): auto per \(unit), event fidelity when its estimated work is "
            + "within its share of the command's work budget, else flow; the report says which ran how"
    }

    static let mergeResults = CommandSpec(
        name: "merge-results", operands: "FILE...", summary: "join the JSON of sweep --partition slices into one table",
        options: ["--format", "--out"], formats: [.text, .json, .markdown, .csv],
        details: """
            Joins the JSON outputs of `shardsim sweep ... --partition I/N --format json` (every I from 1 to N,
            each once) into the sweep's table, in grid order, exactly as one unpartitioned sweep prints it.
            """)

    static let route = CommandSpec(
        name: "route", operands: "KEY... (--shards N | --shards-file PATH)",
        summary: "the shard and 128-bit hash key of each partition key",
        options: ["--shards", "--shards-file", "--format", "--out"], formats: [.text, .json],
        details: """
            Prints the shard id and decimal 128-bit hash key (MD5 of the key's UTF-8 bytes) of each partition
            key in a new stream of N shards, or in the open shards of an existing stream as
            `aws kinesis describe-stream` or `aws kinesis list-shards` printed them (--shards-file).
            Put keys that start with "-" after "--":
              shardsim route --shards 4 -- -leading-dash
            A key that is not valid UTF-8 is refused (exit 2): Kinesis keys are Unicode text.
            """)

    static let initScenario = CommandSpec(
        name: "init", operands: "", summary: "write a starter scenario to edit (--list shows the templates)",
        options: ["--template", "--out", "--list"],
        details: """
            Writes a valid scenario for a common shape, with "$schema" set (editors then complete and check the
            fields) and a description saying what to change. Then: shardsim validate FILE; shardsim run FILE.
              shardsim init --template clickstream --out scenarios/my-clickstream.json
            Field by field: docs/scenario-guide.md.
            """,
        optionHelp: [
            "--out":
                "write the scenario to PATH (refused if PATH exists, so no work is overwritten) instead of standard output"
        ])

    static let bench = CommandSpec(
        name: "bench", operands: "", summary: "run the fixed benchmark workloads (build with -c release)",
        options: ["--workload", "--format", "--out"], formats: [.text, .json],
        details: """
            Runs fixed workloads and prints simulated records per wall second, events per second, wall time
            and peak resident memory. Use a release build: swift run -c release shardsim bench
            """)
}
