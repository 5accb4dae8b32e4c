/// Usage text for every command, in one place.
enum HelpText {
    static let overview = """
    shardsim: a deterministic simulator and capacity planner for Amazon Kinesis Data Streams

    USAGE: shardsim <command> [options]

    COMMANDS:
      run SCENARIO          simulate a scenario and print the report
      validate SCENARIO     check a scenario; list every error with its JSON path
      route KEY... --shards N
                            the shard and 128-bit hash key of each partition key
      bench                 run the fixed benchmark workloads (build with -c release)

    COMMON OPTIONS:
      --format text|json    output format (default text)
      --out PATH            write the output to PATH (atomically) instead of stdout
      --seed N              override the scenario's seed
      --set PATH=VALUE      override a scenario field by dotted path (repeatable),
                            e.g. --set stream.shardCount=8 --set producers.0.recordsPerSecond=5000
      --help                help for a command
      --version             print the version

    Exit codes: 0 done; 1 SLO not met (only with --fail-on-slo); 2 invalid input.

    """

    static func forCommand(_ command: String) -> String? {
        switch command {
        case "run": return """
            USAGE: shardsim run SCENARIO [--format text|json] [--out PATH] [--seed N] [--set PATH=VALUE]... [--fail-on-slo]

            Simulates the scenario's producers writing into the stream and reports throttling, put latency,
            per-shard load and the SLO verdict. The same scenario and seed always give the same bytes.
              --fail-on-slo   exit 1 when the scenario's slo is not met

            """
        case "validate": return """
            USAGE: shardsim validate SCENARIO [--set PATH=VALUE]...

            Exit 0 and print "valid", or exit 2 listing every problem with its JSON path.

            """
        case "route": return """
            USAGE: shardsim route KEY... --shards N [--format text|json]

            Prints the shard id and decimal 128-bit hash key (MD5 of the key's UTF-8 bytes) of each partition
            key in a new stream of N shards. Put keys that start with "-" after "--":
              shardsim route --shards 4 -- -leading-dash

            """
        case "bench": return """
            USAGE: shardsim bench [--workload NAME] [--format text|json]

            Runs fixed workloads and prints simulated records per wall second, events per second, wall time
            and peak resident memory. Use a release build: swift run -c release shardsim bench

            """
        default: return nil
        }
    }
}
