import ShardSimEngine
import ShardSimModel

extension KCLPlanWarnings {
    /// The busiest shard of the plan's run at its answer, as one KCL record processor sees it: keys are not spread
    /// evenly (a hot key stays on one shard), so a shard can bring its lease's processor more than the even spread's
    /// share. Its rate is its busiest minute of accepted records (a minute, not a second: a second's Poisson
    /// peak, about 40 % above a 100 records/s shard's mean, is a queue the processor drains, not one it cannot keep
    /// up with), in user records (the stream's user records per Kinesis record, for KPL aggregates).
    struct BusiestShard {
        /// The averaging window of the busiest-minute rate.
        static let windowNanoseconds: Int64 = 60_000_000_000

        let shardId: String
        let recordsPerSecond: Double
        /// The heaviest partition key routed to this shard in the run, if a producer's heaviest keys include one.
        let heaviestKey: HotKeyShare?

        init(shardId: String, recordsPerSecond: Double, heaviestKey: HotKeyShare?) {
            self.shardId = shardId
            self.recordsPerSecond = recordsPerSecond
            self.heaviestKey = heaviestKey
        }

        /// The busiest shard of `result`; nil when nothing was written.
        init?(_ result: SimulationResult) {
            let totals = result.totals
            guard totals.incomingRecords > 0 else { return nil }
            let userPerKinesis =
                Double(totals.recordsSucceeded + totals.recordsDuplicated) / Double(totals.incomingRecords)
            var best: (id: String, rate: Double)?
            for shard in result.shards {
                let rate = Self.busiestMinute(shard.write.acceptedRecordsSeries, end: result.simulatedNanoseconds)
                if rate > (best?.rate ?? 0) { best = (shard.description.shardId, rate) }
            }
            guard let best else { return nil }
            shardId = best.id
            recordsPerSecond = best.rate * userPerKinesis
            heaviestKey = result.producers.flatMap(\.heaviestKeys).filter { $0.shardId == best.id }
                .max { $0.recordsPerSecond < $1.recordsPerSecond }
        }

        /// The highest mean per second of `series` over `windowNanoseconds` of consecutive buckets (the whole run when
        /// shorter; one bucket when buckets are wider).
        static func busiestMinute(_ series: CounterSeries, end: Int64) -> Double {
            let points = series.points(through: end)
            guard !points.isEmpty else { return 0 }
            let width =
                points.count > 1
                ? points[1].startNanoseconds - points[0].startNanoseconds : series.bucketWidthNanoseconds
            let window = min(points.count, max(1, Int((windowNanoseconds + width - 1) / width)))
            var sum = points[0..<window].reduce(0.0) { $0 + $1.sum }
            var best = sum
            for index in window..<points.count {
                sum += points[index].sum - points[index - window].sum
                best = max(best, sum)
            }
            return best / nanosecondsToSeconds(Int64(window) * width)
        }

        /// A warning when this shard's processor cannot keep up (a second or more of processing per second). With a
        /// single key carrying that alone more shards do not help; else, when the even spread (`evenShardLoad`, s/s
        /// per shard) keeps up, the keys are uneven and more shards or faster processing do. With neither, the
        /// even-spread warning already says it.
        func warning(name: String, secondsPerRecord: Double, evenShardLoad: Double) -> String? {
            let load = recordsPerSecond * secondsPerRecord
            guard load >= 1 else { return nil }
            let format = QuotaWarnings.format
            let head =
                "\(name): shard \(shardId) gets \(format(recordsPerSecond)) records/s in its busiest minute × "
                + "\(format(secondsPerRecord * 1_000)) ms = \(format(load)) s of processing per second: one record "
                + "processor per lease cannot keep up, and no worker count helps"
            if let key = heaviestKey, key.recordsPerSecond * secondsPerRecord >= 1 {
                return head
                    + "; more shards do not help either: partition key \"\(key.partitionKey)\" alone brings "
                    + "\(format(key.recordsPerSecond)) records/s (\(format(key.recordsPerSecond * secondsPerRecord)) "
                    + "s/s) and a key stays on one shard. It needs faster processing or the key spread over several "
                    + "(a suffix)"
            }
            guard evenShardLoad < 1 else { return nil }
            return head
                + "; evenly spread a shard would need \(format(evenShardLoad)) s/s: its keys are uneven. It needs more "
                + "shards (its keys split), a better key spread, or faster processing"
        }
    }
}
