/// The starter scenarios `shardsim init` writes. Each is a complete, valid scenario (a test validates and runs
/// every one, and checks it against scenarios/schema.json) whose `description` fields say what each part models
/// and what to change; `$schema` points editors at the schema so they complete and check the fields. Figures are round, plausible starting points, not
/// recommendations: the point is to run them and change them.
public enum ScenarioTemplates {
    public struct Template: Sendable {
        public var name: String
        public var summary: String
        /// The scenario after `"$schema"`, without the opening brace.
        var body: String

        /// The scenario file, with `"$schema"` set to `schemaPath`.
        public func document(schemaPath: String) -> String {
            "{\n  \"$schema\": \"\(schemaPath)\",\n" + body + "\n"
        }
    }

    public static let all: [Template] = [blank, clickstream, iotLambda, logsFirehose, onDemand]

    static let blank = Template(
        name: "blank", summary: "a minimal provisioned stream with one producer (start here)",
        body: """
              "name": "my-stream",
              "description": "Question: do 2 shards take 500 records/s of 1 KiB? Change the figures to your workload, then `shardsim validate` and `shardsim run` this file; `shardsim plan` it for the smallest shard count that meets the slo.",
              "duration": "5m",
              "stream": {
                "description": "A provisioned stream: each shard takes 1 MiB/s and 1,000 records/s of writes.",
                "streamMode": "PROVISIONED",
                "shardCount": 2
              },
              "producers": [
                {
                  "name": "app",
                  "description": "One producer fleet: its total rate, record size in bytes and partition keys. Keys decide the shard (MD5 of the key), so few or skewed keys make a hot shard.",
                  "recordsPerSecond": 500,
                  "recordSizeBytes": 1024,
                  "partitionKeys": { "distribution": "uniform", "count": 1000, "prefix": "user-" }
                }
              ],
              "slo": { "maxWriteThrottledFraction": 0.001, "maxFailedRecords": 0 }
            }
            """)

    static let clickstream = Template(
        name: "clickstream",
        summary: "web clickstream with a diurnal profile, a dashboard on enhanced fan-out and a polling reader",
        body: """
              "name": "my-clickstream",
              "description": "Question: does the stream carry a day's clickstream at its peak, and how fresh are the readers? One day is compressed into 1 simulated hour (rateProfile.period) so it runs in seconds; set period and duration to 24h for the real day. Try `shardsim plan` and `shardsim compare` (provisioned vs on-demand) on it.",
              "seed": 1,
              "duration": "1h",
              "stream": {
                "description": "Provisioned: you pay per shard-hour whether it is busy or not.",
                "streamMode": "PROVISIONED",
                "shardCount": 2
              },
              "producers": [
                {
                  "name": "web-and-app",
                  "description": "A diurnal curve from trough to peak and back once per period; recordsPerSecond is its mean. Sessions as keys spread the load evenly. PutRecords batches of up to 500 records or 100 ms.",
                  "recordsPerSecond": 440,
                  "rateProfile": { "type": "diurnal", "peakRecordsPerSecond": 800, "troughRecordsPerSecond": 80, "period": "1h", "peakAt": "35m" },
                  "recordSizeBytes": { "mean": 1200, "stddev": 500 },
                  "partitionKeys": { "distribution": "uniform", "count": 200000, "prefix": "session-" },
                  "api": "PutRecords",
                  "batching": { "maxRecords": 500, "maxBytes": 5242880, "maxBufferedTime": "100ms" }
                }
              ],
              "consumers": [
                { "name": "realtime-dashboard", "description": "Enhanced fan-out: its own 2 MiB/s per shard, records pushed after ~70 ms.", "type": "enhanced" },
                { "name": "sessionizer", "description": "A GetRecords reader (e.g. a KCL application) polling each shard every second; it shares 5 calls/s and 2 MiB/s per shard with other polling readers.", "type": "shared", "pollInterval": "1s" }
              ],
              "slo": { "maxWriteThrottledFraction": 0.001, "maxFailedRecords": 0, "putLatencyP99Ms": 500, "maxIteratorAgeMs": 60000 }
            }
            """)

    static let iotLambda = Template(
        name: "iot-lambda",
        summary: "an IoT fleet of small readings through the KPL with aggregation, processed by a Lambda function",
        body: """
              "name": "my-iot-fleet",
              "description": "Question: does one shard take 20,000 devices reporting every 10 s, and does the Lambda function keep up? Small readings are aggregated by the KPL into few large Kinesis records; set producers.0.aggregation.enabled to false to see the 1,000 records/s per shard limit bind.",
              "seed": 1,
              "duration": "10m",
              "stream": {
                "description": "One provisioned shard: 1 MiB/s and 1,000 Kinesis records/s of writes.",
                "shardCount": 1
              },
              "producers": [
                {
                  "name": "devices",
                  "description": "2,000 readings/s evenly spaced (20,000 devices every 10 s) of 120-200 bytes, keyed by device, through the KPL (PutRecords, aggregation on).",
                  "recordsPerSecond": 2000,
                  "arrival": "uniform",
                  "recordSizeBytes": { "min": 120, "max": 200 },
                  "partitionKeys": { "distribution": "uniform", "count": 20000, "prefix": "device-" },
                  "api": "PutRecords",
                  "aggregation": { "enabled": true }
                }
              ],
              "consumers": [
                {
                  "name": "alerts",
                  "description": "A Lambda event source mapping: batches of up to 100 records (or what arrived within the batching window), one batch per shard at a time (parallelizationFactor raises that), each invocation taking base + perRecord time per user record. At 1ms per record the function needs 2 s per second and falls behind: try it.",
                  "type": "lambda",
                  "batchSize": 100,
                  "maximumBatchingWindowInSeconds": 1,
                  "parallelizationFactor": 1,
                  "duration": { "base": "50ms", "perRecord": "0.2ms" },
                  "memorySizeMB": 256
                }
              ],
              "slo": { "maxWriteThrottledFraction": 0.001, "maxFailedRecords": 0, "maxIteratorAgeMs": 60000 }
            }
            """)

    static let logsFirehose = Template(
        name: "logs-firehose", summary: "log shipping with PutRecords into Firehose delivering to S3",
        body: """
              "name": "my-log-shipping",
              "description": "Question: how many shards do the log agents need, and how often does Firehose write to S3? Firehose buffers each shard separately and delivers when the size or the interval is reached; each record is billed rounded up to 5 KB, which dominates the bill for small lines.",
              "seed": 1,
              "duration": "15m",
              "stream": {
                "description": "Provisioned, 3 shards; add \\"retentionPeriodHours\\" to keep data longer than 24 h (billed as extended retention).",
                "shardCount": 3
              },
              "producers": [
                {
                  "name": "log-agents",
                  "description": "2,000 lines/s of ~600 bytes (lognormal), random keys, PutRecords batches of up to 500 lines or 1 s, retried with backoff when throttled.",
                  "recordsPerSecond": 2000,
                  "recordSizeBytes": { "mean": 600, "stddev": 400 },
                  "partitionKeys": { "distribution": "uniform", "count": 100000, "prefix": "log-stream-" },
                  "api": "PutRecords",
                  "batching": { "maxRecords": 500, "maxBytes": 5242880, "maxBufferedTime": "1s" },
                  "retry": { "maxAttempts": 10, "initialBackoff": "200ms", "maxBackoff": "10s", "jitter": "full" }
                }
              ],
              "consumers": [
                {
                  "name": "archive",
                  "description": "A Firehose delivery stream into S3 with buffering hints of 64 MB or 300 s, whichever comes first, per shard.",
                  "type": "firehose",
                  "destination": "S3",
                  "bufferingHints": { "sizeInMBs": 64, "intervalInSeconds": 300 }
                }
              ],
              "slo": { "maxWriteThrottledFraction": 0.001, "maxFailedRecords": 0, "putLatencyP99Ms": 2000 }
            }
            """)

    static let onDemand = Template(
        name: "on-demand", summary: "an ON_DEMAND stream that must absorb a traffic spike",
        body: """
              "name": "my-on-demand-stream",
              "description": "Question: does an on-demand stream absorb a 5x spike? A new on-demand stream starts with 4 MiB/s and 4,000 records/s of write capacity and scales after about 15 minutes; stream.onDemand states the write peak of the previous 30 days, and AWS sizes the stream to twice it. Here the stated 2,000 records/s (and no bytes peak) leave 4,000 records/s and 4 MiB/s, below the spike's 5,000 records/s of 2 KiB (~10 MiB/s): the spike is throttled and records are lost after 5 attempts. Try --set stream.onDemand.priorPeakWriteBytesPerSecond=6000000 --set stream.onDemand.priorPeakWriteRecordsPerSecond=3000, and `shardsim compare` for the provisioned price of the same load.",
              "seed": 1,
              "duration": "20m",
              "stream": {
                "description": "ON_DEMAND: no shard count to choose; billed per stream-hour and per GB in and out.",
                "streamMode": "ON_DEMAND",
                "onDemand": { "priorPeakWriteRecordsPerSecond": 2000 }
              },
              "producers": [
                {
                  "name": "orders",
                  "description": "1,000 orders/s of 2 KB, jumping 5x for 2 minutes at 5m (rateProfile spike).",
                  "recordsPerSecond": 1000,
                  "rateProfile": { "type": "spike", "at": "5m", "duration": "2m", "multiplier": 5 },
                  "recordSizeBytes": 2048,
                  "partitionKeys": { "distribution": "uniform", "count": 50000, "prefix": "order-" },
                  "api": "PutRecords",
                  "retry": { "maxAttempts": 5, "initialBackoff": "100ms", "maxBackoff": "5s", "jitter": "full" }
                }
              ],
              "slo": { "maxWriteThrottledFraction": 0.001, "maxFailedRecords": 0 }
            }
            """)
}
