import Testing

@testable import ShardSimModel

@Suite("Random sub-streams")
struct RandomStreamsTests {
    /// Before the registry, flow producer i and consumer i both drew from sub-stream 1,000,000 + i.
    @Test func familiesNeverShareASubStream() {
        let capacity = Int(RandomStreams.familyCapacity)
        let indices = [0, 1, 2, 999, capacity - 1]
        var owners: [UInt64: String] = [:]
        func claim(_ stream: UInt64, _ owner: String) {
            #expect(owners[stream] == nil, "sub-stream \(stream) claimed by \(owners[stream] ?? "") and \(owner)")
            owners[stream] = owner
        }
        for index in indices {
            claim(RandomStreams.producerArrivals(index), "producer arrivals \(index)")
            claim(RandomStreams.producerRetries(index), "producer retries \(index)")
            claim(RandomStreams.consumer(index), "consumer \(index)")
            claim(RandomStreams.flowProducer(index), "flow producer \(index)")
        }
        claim(RandomStreams.flowLumps, "flow lumps")
        // The blocks by hand: producers [1, 500_000], consumers [1_000_000, 1_250_000), lumps 2_000_000,
        // flow producers [3_000_000, 3_250_000).
        #expect(RandomStreams.producerRetries(capacity - 1) == 500_000)
        #expect(RandomStreams.consumer(capacity - 1) == 1_249_999)
        #expect(RandomStreams.flowProducer(0) == 3_000_000)
    }

    /// Event fidelity kept its numbers, so its reports did not change when the registry arrived.
    @Test func eventFidelityNumbersAreTheOnesReportsWereMadeWith() {
        #expect(RandomStreams.producerArrivals(3) == 7)
        #expect(RandomStreams.producerRetries(3) == 8)
        #expect(RandomStreams.consumer(3) == 1_000_003)
    }

    /// Package.swift defines SHARDSIM_INVARIANTS for debug builds, the build `swift test` makes: a change there must
    /// not silently turn the checks off. (A `swift test -c release` run compiles them away, as the shipped tool does.)
    @Test func debugTestBuildsCheckInvariants() {
        #if DEBUG
            #expect(areInvariantsChecked)
        #else
            #expect(!areInvariantsChecked)
        #endif
    }
}
