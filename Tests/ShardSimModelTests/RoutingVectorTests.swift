import Foundation
import ShardSimModel
import ShardSimTestSupport
import Testing

/// Routing against expectations computed by Python (hashlib and big ints) in
/// Fixtures/generate_routing_vectors.py, never by the Swift code under test.
@Suite struct RoutingVectorTests {
    @Test(arguments: try Fixture.load().layouts)
    func initialRangesMatchPython(_ layout: Fixture.Layout) {
        let ranges = HashKeyRange.initialRanges(shardCount: layout.shardCount)
        #expect(ranges.count == layout.ranges.count)
        // Decimal strings are compared, so neither side's parser is trusted to read the other.
        for (index, (actual, expected)) in zip(ranges, layout.ranges).enumerated() {
            #expect(String(actual.startingHashKey) == expected.startingHashKey, "shard \(index)")
            #expect(String(actual.endingHashKey) == expected.endingHashKey, "shard \(index)")
            #expect(ShardId.string(forNumber: index) == expected.shardId)
        }
    }

    @Test func fixtureMaximumIsUInt128Max() throws {
        #expect(try Fixture.load().hashKeyMax == String(UInt128.max))
    }

    @Test(arguments: try Fixture.load().partitionKeys)
    func partitionKeyRoutesLikePython(_ vector: Fixture.PartitionKey) {
        // Guards the decode path: JSON escapes must come back as exactly the generator's bytes.
        #expect(hexString(Array(vector.key.utf8)) == vector.utf8Hex)
        #expect(vector.key.unicodeScalars.count == vector.unicodeScalarCount)
        #expect(PartitionKeyRules.isValid(vector.key))

        let hashKey = MD5.hashKey(forPartitionKey: vector.key)
        #expect(String(hashKey) == vector.hashKey)
        for placement in vector.placements {
            let ranges = HashKeyRange.initialRanges(shardCount: placement.shardCount)
            let index = HashKeyRouter(ranges: ranges).shardIndex(for: hashKey)
            #expect(index == placement.shardIndex, "\(placement.shardCount) shards")
            #expect(ranges[index].contains(hashKey))
            #expect(ShardId.string(forNumber: index) == placement.shardId)
        }
    }

    @Test func fixtureKeepsCanonicallyEquivalentKeysApart() throws {
        let keys = try Fixture.load().partitionKeys
        let decomposed = try #require(keys.first { $0.utf8Hex == "65cc81" })
        let precomposed = try #require(keys.first { $0.utf8Hex == "c3a9" })
        #expect(decomposed.hashKey != precomposed.hashKey)
    }
}

extension RoutingVectorTests {
    /// The decoded Fixtures/routing_vectors.json; the generator's snake_case keys map to camelCase.
    struct Fixture: Decodable, Sendable {
        struct ShardRange: Decodable, Sendable {
            let shardId: String
            let startingHashKey: String
            let endingHashKey: String
        }

        struct Layout: Decodable, Sendable, CustomTestStringConvertible {
            let shardCount: Int
            let ranges: [ShardRange]
            var testDescription: String { "\(shardCount) shards" }
        }

        struct Placement: Decodable, Sendable {
            let shardCount: Int
            let shardIndex: Int
            let shardId: String
        }

        struct PartitionKey: Decodable, Sendable, CustomTestStringConvertible {
            let name: String
            let key: String
            let utf8Hex: String
            let unicodeScalarCount: Int
            let hashKey: String
            let placements: [Placement]
            var testDescription: String { name }
        }

        let hashKeyMax: String
        let layouts: [Layout]
        let partitionKeys: [PartitionKey]

        static func load() throws -> Fixture {
            try decodeFixture(Fixture.self, named: "routing_vectors", in: Bundle.module)
        }
    }
}
