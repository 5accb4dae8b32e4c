import Foundation
import ShardSimModel

/// A side's month for the traffic its producers offered, not only for what the stream accepted.
///
/// The billed month (`SimulationResult.monthlyCost`) prices accepted records only (AWS bills no throttled
/// attempt). When a side throttles records away (given up after its retries), that month is cheaper than the
/// workload: the traffic lines (per GB, per PUT payload unit, per request) are scaled by
/// offered ÷ accepted user records, with the cost model's per-line rounding; shard-hours and stream-hours stay.
public struct OfferedTrafficCost: Sendable, Equatable {
    /// User records the producers offered (first tries) and the stream accepted.
    public var recordsOffered: Int64
    public var recordsAccepted: Int64
    /// Offered records the stream never accepted: given up after retries (`recordsFailed`). Records still buffered
    /// or retrying when the run ends are not counted: most are in transit (the last `maxBufferedTime` of traffic).
    public var recordsNotAccepted: Int64
    public var writeThrottledFraction: Double
    /// Offered ÷ accepted user records (1 when nothing was throttled away).
    public var trafficScale: Double
    /// The billed month, and the month of the offered traffic.
    public var billed: CostBreakdown
    public var offered: CostBreakdown

    public var monthlyTotalUSD: Double { offered.monthlyTotalUSD }
    public var isThrottled: Bool { writeThrottledFraction > 0 }
    public var lostTraffic: Bool { recordsNotAccepted > 0 }

    public init(_ result: SimulationResult) {
        let totals = result.totals
        recordsOffered = totals.recordsAttempted
        recordsAccepted = totals.recordsSucceeded
        writeThrottledFraction = totals.writeThrottledFraction
        recordsNotAccepted = totals.recordsFailed
        trafficScale =
            recordsNotAccepted > 0 && recordsAccepted > 0
            ? Double(recordsAccepted + recordsNotAccepted) / Double(recordsAccepted) : 1
        billed = result.monthlyCost
        offered = trafficScale == 1 ? billed : billed.scaled(trafficFactor: trafficScale, shardFactor: 1)
    }

    /// A side that throttled nothing away, from its month alone (tests build the break-even model by hand).
    init(month: CostBreakdown) {
        recordsOffered = 0
        recordsAccepted = 0
        recordsNotAccepted = 0
        writeThrottledFraction = 0
        trafficScale = 1
        billed = month
        offered = month
    }
}

/// The two monthly costs as functions of a traffic factor f on every producer's rate, from the offered months
/// the table shows: traffic lines × f, provisioned shard lines × shards(f) / shards, fixed lines unchanged, each line
/// rounded to the cent as the table's are. At f = 1 it gives the table's totals.
///
/// shards(f) is what `plan` would answer at f × the load: the analytic requirement (the largest even-spread limit,
/// in shards) × f, rounded up, plus the margin the simulation added above it today (planned − ⌈requirement⌉),
/// at least one shard. At f = 1 it is the planned count.
struct BreakEvenModel {
    var provisioned: OfferedTrafficCost
    var onDemand: OfferedTrafficCost
    var shardCount: Int
    /// The largest analytic requirement of the load, in shards (not rounded).
    var requirementShards: Double

    func shards(at factor: Double) -> Int {
        let bound = { (value: Double) in max(1, Int(min(1e9, (value - 1e-9).rounded(.up)))) }
        let margin = max(0, shardCount - bound(requirementShards))
        return bound(requirementShards * factor) + margin
    }

    func provisionedUSD(_ factor: Double) -> Double {
        let shardFactor = Double(shards(at: factor)) / Double(shardCount)
        return provisioned.offered.scaled(trafficFactor: factor, shardFactor: shardFactor).monthlyTotalUSD
    }

    func onDemandUSD(_ factor: Double) -> Double {
        onDemand.offered.scaled(trafficFactor: factor, shardFactor: 1).monthlyTotalUSD
    }

    /// Whether on-demand is the cheaper at `factor` (ties go to provisioned, as `cheaper` does).
    func isOnDemandCheaper(_ factor: Double) -> Bool { provisionedUSD(factor) > onDemandUSD(factor) }

    /// The crossing nearest to today's traffic in log terms: walk a 2 % log grid outwards from 1 in both
    /// directions within (1/1,000, 1,000), bisect each first sign change 60 times. Nil without one.
    func crossing() -> Double? {
        let candidates = [crossings(step: 1.02).first, crossings(step: 1 / 1.02).first].compactMap { $0 }
        return candidates.min { abs(log($0)) < abs(log($1)) }
    }

    /// Beyond the first crossing, provisioned shards come in whole steps, so the cheaper side can flip back and forth
    /// before it settles: the last crossing in the same direction (nil when the first is the only one), beyond
    /// which the cheaper side stays the same up to 1,000× (or down to 1/1,000×).
    func settledCrossing(after first: Double) -> Double? {
        let all = crossings(step: first > 1 ? 1.02 : 1 / 1.02)
        guard let last = all.last, all.count > 1, abs(last - first) > 1e-9 * first else { return nil }
        return last
    }

    /// Every sign change on the 2 % grid from 1 outwards in one direction, each bisected 60 times, nearest first.
    private func crossings(step: Double) -> [Double] {
        var found: [Double] = []
        var previous = 1.0
        var side = isOnDemandCheaper(previous)
        var factor = previous
        // At most log(1000) / log(1.02) ≈ 349 steps.
        while factor < 1_000 && factor > 0.001 {
            factor *= step
            let now = isOnDemandCheaper(factor)
            if now != side {
                var low = previous, high = factor
                for _ in 0..<60 {
                    let middle = (low + high) / 2
                    if isOnDemandCheaper(middle) == side { low = middle } else { high = middle }
                }
                found.append((low + high) / 2)
                side = now
            }
            previous = factor
        }
        return found
    }
}
