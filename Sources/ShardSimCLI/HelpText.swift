/// Usage text for every command, in one place.
enum HelpText {
    static let overview = """
    shardsim: a deterministic simulator and capacity planner for Amazon Kinesis Data Streams

    USAGE: shardsim <command> [options]

    COMMANDS:
      run SCENARIO          simulate a scenario and print the report
      validate SCENARIO     check a scenario; list every error with its JSON path
      plan SCENARIO         the smallest provisioned shard count that meets the SLO, and why
      compare SCENARIO      provisioned (at the planned count) vs on-demand: cost, throttling, latency
      sweep SCENARIO --vary PATH=V1,V2,... [--vary ...]
                            run the grid of what-ifs in parallel and tabulate the key figures
                            (--partition I/N: run one of N slices, for N machines)
      explore SCENARIO --vary PATH=V1,V2,... [--vary ...] --out PAGE.html
                            the same grid as one self-contained HTML page: a control per
                            varied field switches runs, two runs side by side
      merge-results FILE... join the JSON of sweep --partition slices into one table
      route KEY... --shards N | --shards-file PATH
                            the shard and 128-bit hash key of each partition key
      bench                 run the fixed benchmark workloads (build with -c release)

    COMMON OPTIONS:
      --format text|json|csv  output format (default text; csv for sweep)
      --out PATH            write the output to PATH (atomically; an error or interrupt
                            leaves PATH as it was) instead of stdout
      --seed N              override the scenario's seed
      --fidelity event|flow|auto
                            record by record (default), aggregate rates per shard (long
                            horizons), or flow when event would take more than ~10 s
      --allow-large         run even beyond the run-size budget (refused otherwise, with
                            the estimate)
      --set PATH=VALUE      override a scenario field by dotted path (repeatable),
                            e.g. --set stream.shardCount=8 --set producers.0.recordsPerSecond=5000
      --help                help for a command
      --version             print the version

    Exit codes: 0 done; 1 SLO not met (with --fail-on-slo; plan --emit: no count meets it); 2 invalid input;
    130 interrupted (SIGINT); 143 terminated (SIGTERM).

    """

    static func forCommand(_ command: String) -> String? {
        switch command {
        case "run": return """
            USAGE: shardsim run SCENARIO [--format text|json|markdown|html|csv] [--out PATH] [--html-out PATH]
                                [--seed N] [--set PATH=VALUE]... [--fail-on-slo]

            Simulates the scenario's producers writing into the stream and reports throttling, put latency,
            per-shard load and the SLO verdict. The same scenario and seed always give the same bytes.
              --fail-on-slo   exit 1 when the scenario's slo is not met
              --html-out PATH also write the HTML report (with charts) there, from the same run
              --format csv    per-second series: time_s,bucket_s,entity,metric,value (see README)

            """
        case "validate": return """
            USAGE: shardsim validate SCENARIO [--set PATH=VALUE]...

            Exit 0 and print "valid", or exit 2 listing every problem with its JSON path.

            """
        case "route": return """
            USAGE: shardsim route KEY... (--shards N | --shards-file PATH) [--format text|json]

            Prints the shard id and decimal 128-bit hash key (MD5 of the key's UTF-8 bytes) of each partition
            key in a new stream of N shards, or in the open shards of an existing stream as
            `aws kinesis describe-stream` or `aws kinesis list-shards` printed them (--shards-file).
            Put keys that start with "-" after "--":
              shardsim route --shards 4 -- -leading-dash

            """
        case "bench": return """
            USAGE: shardsim bench [--workload NAME] [--format text|json]

            Runs fixed workloads and prints simulated records per wall second, events per second, wall time
            and peak resident memory. Use a release build: swift run -c release shardsim bench

            """
        case "plan": return """
            USAGE: shardsim plan SCENARIO [--format text|json] [--out PATH] [--seed N] [--set PATH=VALUE]... [--fail-on-slo]
                                 [--emit cloudformation|terraform]

            Finds the smallest PROVISIONED shardCount that meets the scenario's slo (without one: at most 0.1% of
            attempts throttled and no record lost). Starts from the analytic bound (each per-shard limit at the
            peak load, and the hottest key), then simulates candidate counts upwards on all cores. Says which
            limit binds, which shard and key are hot, the headroom, and AWS's bandwidth formula beside it.
            Infeasible when one key alone exceeds a shard, or no count up to the search ceiling meets the SLO.
            Candidates are new streams with even hash key ranges, also when the scenario starts from an
            existing, uneven layout (stream.shardsFile); the report then says so.
              --fail-on-slo   exit 1 when infeasible
              --emit cloudformation|terraform
                              print only the planned stream: an AWS::Kinesis::Stream resource (YAML) or a
                              Terraform aws_kinesis_stream block (to --out PATH if given); when no shard count
                              meets the SLO, nothing is printed and the exit code is 1

            """
        case "compare": return """
            USAGE: shardsim compare SCENARIO [--format text|json] [--out PATH] [--seed N] [--set PATH=VALUE]...

            Plans the provisioned shard count, then simulates the same load and seed on PROVISIONED (at that
            count) and ON_DEMAND streams: monthly cost, throttling and latency side by side, which is cheaper
            (overall and among those meeting the SLO), and the traffic level at which the answer flips.

            """
        case "sweep": return """
            USAGE: shardsim sweep SCENARIO --vary PATH=V1,V2,... [--vary ...] [--partition I/N]
                                  [--format text|json|markdown|csv] [--out PATH]

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

            """
        case "explore": return """
            USAGE: shardsim explore SCENARIO --vary PATH=V1,V2,... [--vary ...] [--out PAGE.html]
                                    [--seed N] [--set PATH=VALUE]...

            Runs the same grid as `sweep` (every combination of the --vary values, first --vary slowest, in
            parallel, within the run budget, at most 10,000 points) and writes ONE self-contained HTML page
            (inline CSS, SVG charts and a small script; nothing fetched, works offline from file://): the
            scenario's description as the question, a slider or list per varied field that switches between
            runs instantly, runs A and B side by side (figures and charts), and a table of every run. Its
            figures are the ones `sweep --format json` prints for the same --vary list. Without --out the page
            goes to stdout. Keep grids small: every run's charts are embedded.
              shardsim explore scenarios/hot-tenant-key.json --vary stream.shardCount=10,20,40 \
                --vary producers.0.recordsPerSecond=1000,2000 --out hot-tenant-key.explore.html

            """
        case "merge-results": return """
            USAGE: shardsim merge-results FILE... [--format text|json|markdown|csv] [--out PATH]

            Joins the JSON outputs of `shardsim sweep ... --partition I/N --format json` (every I from 1 to N,
            each once) into the sweep's table, in grid order, exactly as one unpartitioned sweep prints it.

            """
        default: return nil
        }
    }
}
