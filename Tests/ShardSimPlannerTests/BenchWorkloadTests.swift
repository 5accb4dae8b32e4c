import ShardSimPlanner
import Testing

/// `bench` reports processor nanoseconds per simulated record beside records per wall second.
@Suite struct BenchWorkloadTests {
    /// By hand: 1.5 CPU seconds over 3,000,000 records is 1.5e9 ns / 3e6 = 500 ns a record; a run of two threads
    /// that each spend 1.5 s counts 3 CPU seconds, 1,000 ns a record, though its wall time may be 1.5 s.
    @Test func nanosecondsPerRecordIsProcessorTimeOverRecords() {
        let counts = BenchWorkload.Counts(records: 3_000_000, events: 6_000)
        #expect(counts.nanosecondsPerRecord(cpuSeconds: 1.5) == 500)
        #expect(counts.nanosecondsPerRecord(cpuSeconds: 3.0) == 1_000)
        #expect(BenchWorkload.Counts(records: 0, events: 0).nanosecondsPerRecord(cpuSeconds: 2) == 0)
    }
}
