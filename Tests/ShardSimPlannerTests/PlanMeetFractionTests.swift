import ShardSimPlanner
import Testing

/// `--meet-fraction F` of N replications needs ⌈F · N⌉ of them (docs/model.md section 18), by hand: 0.07 × 100 = 7
/// (the double product is 7.000000000000001, which must not round up to 8; Python prints it); 0.57 × 100 = 57 (the
/// product 56.99999999999999 rounds up to 57 all the same); 0.95 × 20 = 19; 0.5 × 3 = 1.5 → 2; 0.01 × 20 = 0.2 → 1;
/// 1 × 1,000 = 1,000; 0.66 × 6 = 3.96 → 4; 0.67 × 6 = 4.02 → 5.
@Suite struct PlanMeetFractionTests {
    @Test func theRequiredCountIsTheFractionRoundedUp() {
        let cases: [(count: Int, fraction: Double, required: Int)] = [
            (100, 0.07, 7), (100, 0.57, 57), (20, 0.95, 19), (3, 0.5, 2), (20, 0.01, 1), (1_000, 1, 1_000),
            (6, 0.66, 4), (6, 0.67, 5),
            (1, 0.001, 1), (20, 1, 20),
        ]
        for entry in cases {
            #expect(
                PlanReplications(count: entry.count, meetFraction: entry.fraction).required == entry.required,
                "\(entry.fraction) of \(entry.count)")
        }
    }
}
