import Testing
import ShardSimEngine

@Suite struct SimTimeTests {
    @Test func durationFactoriesConvertToNanoseconds() {
        #expect(SimDuration.seconds(3).nanoseconds == 3_000_000_000)
        #expect(SimDuration.milliseconds(5).nanoseconds == 5_000_000)
        #expect(SimDuration.microseconds(7).nanoseconds == 7_000)
        #expect(SimDuration.zero.nanoseconds == 0)
        #expect(SimDuration(nanoseconds: 1_500_000_000).seconds == 1.5)
        #expect(nanosecondsPerSecond == 1_000_000_000)
    }

    @Test func durationsAndInstantsOrderByValue() {
        #expect(SimDuration.milliseconds(999) < SimDuration.seconds(1))
        #expect(SimDuration.seconds(1) == SimDuration.milliseconds(1000))
        #expect(SimInstant.start < SimInstant(nanosecondsSinceStart: 1))
        #expect([SimDuration.seconds(2), .zero, .microseconds(1)].sorted()
                == [.zero, .microseconds(1), .seconds(2)])
    }

    @Test func instantArithmeticRoundTrips() {
        let later = SimInstant.start + .seconds(90)
        #expect(later.nanosecondsSinceStart == 90 * nanosecondsPerSecond)
        #expect(later - SimInstant.start == .seconds(90))
        #expect(SimInstant.start - later == SimDuration(nanoseconds: -90 * nanosecondsPerSecond))
        #expect(later + .milliseconds(1) - later == .milliseconds(1))
    }
}
