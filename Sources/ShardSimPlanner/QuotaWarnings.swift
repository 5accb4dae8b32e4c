import ShardSimModel

/// Quotas that bound an answer (facts sheet sections 1 and 4; Q): the account's provisioned shard quota, and the
/// on-demand per-stream maximum write throughput. Each warning names the limit, where the figure comes from, and
/// the step that lifts it.
enum QuotaWarnings {
    /// `plan`: the recommended count (or, when none meets the SLO, the analytic bound) above the shard quota.
    static func forPlan(_ plan: CapacityPlan, stream: StreamConfiguration) -> [String] {
        let count = plan.recommendedShardCount ?? (plan.bounds.infeasibleReason == nil ? plan.bounds.shardCount : 0)
        return shardQuota(count, stream: stream).map { [$0] } ?? []
    }

    /// `compare`: the provisioned side above the shard quota; the on-demand side at its per-stream maximum.
    static func forComparison(_ comparison: ModeComparison) -> [String] {
        var warnings: [String] = []
        if let warning = shardQuota(
            comparison.provisionedShardCount, stream: comparison.provisioned.configuration.stream)
        {
            warnings.append("PROVISIONED: " + warning)
        }
        if comparison.onDemand.onDemandReachedMaximumThroughput {
            let rules = comparison.onDemand.configuration.assumptions.onDemand
            let mebibytes = Double(rules.maxStreamWriteBytesPerSecond) / 1_048_576
            warnings.append(
                "ON_DEMAND: the workload's offered writes are above an on-demand stream's maximum write throughput of "
                    + "\(format(mebibytes)) MiB/s and \(format(Double(rules.maxStreamWriteRecordsPerSecond))) records/s "
                    + "(assumptions.onDemand.maxStreamWriteBytesPerSecond, maxStreamWriteRecordsPerSecond; AWS: 10 GB/s in us-east-1, "
                    + "us-west-2 and eu-west-1, 200 MB/s elsewhere), so the stream stops scaling there and writes above it are "
                    + "throttled. To lift it, ask AWS Support for a higher on-demand maximum (a service limit increase case), "
                    + "or spread the load over more than one stream")
        }
        return warnings
    }

    /// The warning for `count` shards against the account's quota, nil when within it.
    static func shardQuota(_ count: Int, stream: StreamConfiguration) -> String? {
        let quota = stream.accountShardQuota
        guard count > quota else { return nil }
        let source =
            quota == KinesisLimits.defaultAccountShardQuota
            ? "the default shard quota this model assumes (stream.accountShardQuota; AWS's default is 20,000 shards per account "
                + "in us-east-1, us-west-2 and eu-west-1 and 1,000 or 6,000 in other Regions)"
            : "the account's shard quota (stream.accountShardQuota)"
        return
            "\(format(Double(count))) shards is above \(format(Double(quota))) shards, \(source), which every provisioned stream of the "
            + "account in the Region shares. Check the quota and its use in the Service Quotas console (service: Amazon Kinesis "
            + "Data Streams) and request an increase there or with `aws service-quotas "
            + "request-service-quota-increase` before creating or resharding the stream"
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        guard rounded == rounded.rounded() else { return String(rounded) }
        let digits = String(Int64(rounded))
        var grouped = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return String(grouped.reversed())
    }
}
