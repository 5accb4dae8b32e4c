import ShardSimModel
import ShardSimReport
import Testing

/// The model says what it noticed as `RunNote` values; the report layer words them.
@Suite struct RunNoteTextTests {
    @Test func anEventAfterTheEndNamesItsIndexAndTimeInSeconds() {
        // 90 s = 90,000,000,000 ns, printed as Swift prints the Double 90.0.
        #expect(
            RunNote.eventAfterEnd(eventIndex: 2, atNanoseconds: 90_000_000_000).text
                == "events.2 at 90.0 s is after the end of the run and never happens")
    }

    @Test func theOnDemandMaximumIsWorkedOutInMebibytesAndGroupedRecords() {
        // 3 MiB/s = 3,145,728 B/s (whole MiB); 3,500,000 B/s = 3.337… MiB/s, truncated to 3.33; 12,345 records/s grouped.
        let text = RunNote.onDemandAboveMaximumThroughput(
            peakBytesPerSecond: 3_500_000, peakRecordsPerSecond: 12_345,
            maxBytesPerSecond: 3_145_728, maxRecordsPerSecond: 3_000,
            maxShardCount: 3
        ).text
        #expect(
            text.hasPrefix(
                "ON_DEMAND stream: the offered writes (peak 3.33 MiB/s, 12,345 records/s) are above its "
                    + "maximum write throughput of 3 MiB/s and 3,000 records/s"))
        #expect(text.contains("scales no further than 3 shards"))
    }
}
