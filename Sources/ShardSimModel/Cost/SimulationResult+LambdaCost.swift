/// One Lambda mapping's part of the bill, so mappings that differ in one setting can be compared.
extension SimulationResult {
    /// The mapping's requests and duration over a 730-hour month at this traffic (the same meters and prices as
    /// the "Lambda requests" and "Lambda duration" lines, before their rounding to the cent); nil for other consumers.
    public func lambdaMonthlyCostUSD(_ consumer: ConsumerResult) -> Double? {
        guard let lambda = consumer.configuration.lambda, simulatedNanoseconds > 0 else { return nil }
        let monthScale = CostBreakdown.hoursPerMonth / (Double(simulatedNanoseconds) / 3.6e12)
        let prices = configuration.prices
        let requests =
            Double(consumer.statistics.invocations) * monthScale / 1_000_000 * prices.lambdaRequestsPerMillionUSD
        let gigabyteSeconds =
            Double(consumer.statistics.billedDurationMilliseconds) / 1_000 * Double(lambda.memorySizeMB) / 1_024
        return requests + gigabyteSeconds * monthScale * prices.lambdaGBSecondUSD
    }
}
