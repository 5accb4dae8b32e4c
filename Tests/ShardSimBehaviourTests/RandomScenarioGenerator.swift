import ShardSimEngine

/// Random but valid scenarios for property tests, drawn from the project's own seeded generator so every case
/// is replayable from its case number (the failing one is named in the message).
///
/// Small on purpose (1–4 shards, 2–8 s, at most a few thousand records per second, spikes and one-record requests only on slow producers) so a property test
/// runs dozens of cases in about a second in a debug build, while still reaching every write-path option:
/// PutRecord and PutRecords, KPL aggregation, collection limits, retries with each jitter, fixed, uniform and
/// lognormal sizes, uniform, zipf and hot-key partition keys, rate spikes, tight shard limits, a split, an
/// on-demand stream that scales, and consumers of each type.
struct RandomScenarioGenerator {
    private var random: Xoshiro256StarStar

    /// What the last `scenario()` asks of each producer's arrivals, in producer order, worked out from the values
    /// the generator wrote (not from the simulation): for a test to compare the records the run created with.
    struct Arrivals {
        /// ∫ rate dt over the run, in records: the rate times the duration, plus (multiplier − 1) × rate over the
        /// part of a spike that falls inside the run.
        var expectedRecords: Int
        var isPoisson: Bool
    }

    private(set) var arrivals: [Arrivals] = []

    init(caseNumber: Int) {
        random = Xoshiro256StarStar(seed: 0x5EED_CA5E, stream: UInt64(caseNumber))
    }

    /// A uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random.nextInt(below: UInt64(range.count)))
    }

    /// True with probability numerator / denominator.
    mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
        int(0...denominator - 1) < numerator
    }

    mutating func pick<T>(_ options: [T]) -> T { options[int(0...options.count - 1)] }

    /// One scenario as JSON text, the way a user writes it.
    mutating func scenario() -> String {
        arrivals = []
        let shards = int(1...4)
        let durationSeconds = int(2...8)
        let producers = (0..<int(1...3)).map { producer(index: $0, durationSeconds: durationSeconds) }
        let isOnDemand = chance(1, in: 6)
        var stream = isOnDemand ? #""streamMode": "ON_DEMAND""# : #""shardCount": \#(shards)"#
        if !isOnDemand && chance(1, in: 3) {
            // Tight limits make throttling, retries and data loss common in a short run.
            stream +=
                #", "limits": { "writeRecordsPerSecond": \#(int(50...400)), "writeBytesPerSecond": \#(int(20_000...200_000)) }"#
        }
        var fields = [
            #""name": "random", "seed": \#(int(0...1_000_000)), "duration": "\#(durationSeconds)s""#,
            #""stream": { \#(stream) }"#,
            #""producers": [\#(producers.joined(separator: ", "))]"#,
        ]
        let consumers = consumerList()
        if !consumers.isEmpty { fields.append(#""consumers": [\#(consumers.joined(separator: ", "))]"#) }
        if isOnDemand {
            // A small starting capacity and a short scale-up delay, so the stream throttles and then scales.
            fields.append(
                #""assumptions": { "onDemand": { "initialWriteRecordsPerSecond": \#(int(200...2_000)), "initialWriteBytesPerSecond": 1048576, "#
                    + #""observationInterval": "1s", "scaleUpDelay": "\#(int(1...3))s" } }"#)
        } else if chance(1, in: 4) {
            // A split of the first shard mid-run (taking 1 s): writes move to the children, readers finish the
            // parent first.
            fields.append(#""assumptions": { "splitMergeDuration": "1s" }"#)
            fields.append(
                #""events": [{ "at": "\#(int(0...durationSeconds - 2))s", "action": "splitShard", "shardId": "shardId-000000000000" }]"#
            )
        }
        return "{ " + fields.joined(separator: ",\n  ") + " }"
    }

    private mutating func producer(index: Int, durationSeconds: Int) -> String {
        let api = chance(1, in: 4) ? "PutRecord" : "PutRecords"
        let maxRecords = api == "PutRecord" ? 1 : pick([1, 10, 100, 500])
        // Requests of one record cost an event each (and each retry another): keep those producers slow.
        let rate = min(pick([5, 40, 200, 700, 1_500]) + int(0...50), maxRecords == 1 ? 250 : .max)
        let arrival = pick(["poisson", "uniform"])
        var fields = [
            #""name": "p\#(index)""#,
            #""recordsPerSecond": \#(rate)"#,
            #""arrival": "\#(arrival)""#,
            #""recordSizeBytes": \#(recordSize())"#,
            #""partitionKeys": \#(partitionKeys())"#,
            #""api": "\#(api)""#,
            #""retry": \#(retry())"#,
        ]
        if api == "PutRecords" {
            fields.append(
                #""batching": { "maxRecords": \#(maxRecords), "maxBufferedTime": "\#(pick([0, 20, 100, 500]))ms" }"#)
            if chance(1, in: 3) {
                fields.append(#""aggregation": { "enabled": true, "maxBytes": \#(pick([1_024, 51_200])) }"#)
            }
        }
        var expectedRecords = rate * durationSeconds
        if rate <= 250 && chance(1, in: 3) {
            let spikeSeconds = int(1...durationSeconds)
            let multiplier = pick([2, 5, 10])
            fields.append(
                #""rateProfile": { "type": "spike", "at": "1s", "duration": "\#(spikeSeconds)s", "multiplier": \#(multiplier) }"#
            )
            // The spike runs over [1 s, 1 s + duration), cut at the end of the run.
            expectedRecords += rate * (multiplier - 1) * min(spikeSeconds, durationSeconds - 1)
        }
        arrivals.append(Arrivals(expectedRecords: expectedRecords, isPoisson: arrival == "poisson"))
        return "{ " + fields.joined(separator: ", ") + " }"
    }

    private mutating func recordSize() -> String {
        switch int(0...3) {
        case 0: return "\(pick([1, 100, 1_000, 25_000]))"
        case 1:
            let low = int(1...2_000)
            return #"{ "min": \#(low), "max": \#(low + int(0...5_000)) }"#
        case 2: return #"{ "mean": \#(int(50...3_000)), "stddev": \#(int(1...2_000)) }"#
        default: return "\(int(1...600))"
        }
    }

    private mutating func partitionKeys() -> String {
        switch int(0...2) {
        case 0: return #"{ "distribution": "uniform", "count": \#(int(1...3_000)) }"#
        case 1:
            return #"{ "distribution": "zipf", "count": \#(int(2...2_000)), "exponent": \#(pick([0.5, 1.0, 1.4])) }"#
        default:
            return
                #"{ "distribution": "hotKeys", "hot": [{ "key": "hot", "share": \#(pick([0.2, 0.5, 0.9])) }], "others": { "count": \#(int(1...500)) } }"#
        }
    }

    private mutating func retry() -> String {
        let initial = pick([10, 50, 100])
        return
            #"{ "maxAttempts": \#(int(1...5)), "initialBackoff": "\#(initial)ms", "maxBackoff": "\#(initial * pick([1, 4, 20]))ms", "jitter": "\#(pick(["full", "equal", "none"]))" }"#
    }

    private mutating func consumerList() -> [String] {
        var consumers: [String] = []
        if chance(1, in: 2) {
            consumers.append(
                #"{ "name": "shared", "type": "shared", "pollInterval": "\#(pick([200, 1_000]))ms", "startingPosition": "\#(pick(["LATEST", "TRIM_HORIZON"]))" }"#
            )
        }
        if chance(1, in: 3) { consumers.append(#"{ "name": "efo", "type": "enhanced" }"#) }
        if chance(1, in: 4) {
            consumers.append(
                #"{ "name": "function", "type": "lambda", "batchSize": \#(pick([10, 100, 1_000])), "duration": { "base": "20ms", "perRecord": "0.1ms" } }"#
            )
        }
        if chance(1, in: 5) {
            consumers.append(
                #"{ "name": "firehose", "type": "firehose", "destination": "S3", "bufferingHints": { "sizeInMBs": 1, "intervalInSeconds": 60 } }"#
            )
        }
        return consumers
    }
}
