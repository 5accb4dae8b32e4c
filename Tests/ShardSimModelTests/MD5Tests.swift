import Foundation
import ShardSimModel
import ShardSimTestSupport
import Testing

/// MD5 against RFC 1321's own examples and against digests computed by Python's hashlib
/// (Fixtures/md5_vectors.json, written by Fixtures/generate_routing_vectors.py).
@Suite struct MD5Tests {
    /// One RFC 1321 appendix A.5 example, copied from the RFC text rather than any fixture, so a
    /// broken generator cannot hide a broken MD5.
    struct RFCExample: Sendable, CustomTestStringConvertible {
        let message: String
        let expectedHex: String
        var testDescription: String { "MD5(\"\(message)\")" }
    }

    static let rfcExamples: [RFCExample] = [
        RFCExample(message: "", expectedHex: "d41d8cd98f00b204e9800998ecf8427e"),
        RFCExample(message: "a", expectedHex: "0cc175b9c0f1b6a831c399e269772661"),
        RFCExample(message: "abc", expectedHex: "900150983cd24fb0d6963f7d28e17f72"),
        RFCExample(message: "message digest", expectedHex: "f96b697d7cb7938d525a2f31aaf161d0"),
        RFCExample(
            message: "abcdefghijklmnopqrstuvwxyz",
            expectedHex: "c3fcd3d76192e4007dfb496cca67e13b"),
        RFCExample(
            message: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            expectedHex: "d174ab98d277d9f5a5611c2c9f419d9f"),
        RFCExample(
            message: "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            expectedHex: "57edf4a22be3c955ac49da2e2107b67a"),
    ]

    @Test(arguments: rfcExamples)
    func rfc1321Examples(_ example: RFCExample) {
        #expect(hexString(MD5.digest(utf8: example.message)) == example.expectedHex)
        #expect(hexString(MD5.digest(Array(example.message.utf8))) == example.expectedHex)
    }

    @Test func fixtureCarriesTheSameRFCExamples() throws {
        let fixture = try Fixture.load()
        #expect(fixture.rfc1321.map(\.message) == Self.rfcExamples.map(\.message))
        #expect(fixture.rfc1321.map(\.md5) == Self.rfcExamples.map(\.expectedHex))
    }

    /// Lengths 0...130 cover every padding edge (55/56, 63/64, 119/120, 127/128).
    @Test(arguments: try Fixture.load().patterned)
    func shortPatternedInputs(_ vector: Fixture.Patterned) throws {
        let input = Self.patternBytes(count: vector.length)
        #expect(hexString(input) == vector.inputHex, "the Swift pattern must match the generator's")
        #expect(hexString(MD5.digest(input)) == vector.md5)
    }

    @Test(arguments: try Fixture.load().multiBlock)
    func multiBlockInputs(_ vector: Fixture.MultiBlock) {
        #expect(hexString(MD5.digest(Self.patternBytes(count: vector.length))) == vector.md5)
    }

    @Test func digestIsAlways16Bytes() {
        for byteCount in [0, 1, 55, 56, 64, 1000] {
            #expect(MD5.digest([UInt8](repeating: 0xAB, count: byteCount)).count == 16)
        }
    }

    /// Kinesis hashes bytes, so canonically equivalent spellings must route differently even
    /// though Swift's `==` calls them equal.
    @Test func canonicallyEquivalentKeysHashDifferently() {
        let decomposed = "e\u{301}"
        let precomposed = "\u{E9}"
        #expect(decomposed == precomposed)
        #expect(MD5.digest(utf8: decomposed) != MD5.digest(utf8: precomposed))
        #expect(MD5.hashKey(forPartitionKey: decomposed) != MD5.hashKey(forPartitionKey: precomposed))
    }

    @Test func hashKeyIsTheDigestReadBigEndian() {
        for key in ["a", "user-1", "\u{1F642}", String(repeating: "z", count: 200)] {
            let bigEndian = MD5.digest(utf8: key).reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
            #expect(MD5.hashKey(forPartitionKey: key) == bigEndian)
        }
    }

    /// The deterministic input the generator uses: byte[i] = (i * 31 + 7) mod 256.
    static func patternBytes(count: Int) -> [UInt8] {
        (0..<count).map { UInt8(($0 * 31 + 7) % 256) }
    }
}

extension MD5Tests {
    /// The decoded Fixtures/md5_vectors.json; the generator's snake_case keys map to camelCase.
    struct Fixture: Decodable, Sendable {
        struct RFC: Decodable, Sendable {
            let message: String
            let md5: String
        }

        struct Patterned: Decodable, Sendable, CustomTestStringConvertible {
            let length: Int
            let inputHex: String
            let md5: String
            var testDescription: String { "\(length) bytes" }
        }

        struct MultiBlock: Decodable, Sendable, CustomTestStringConvertible {
            let length: Int
            let md5: String
            var testDescription: String { "\(length) bytes" }
        }

        let pattern: String
        let rfc1321: [RFC]
        let patterned: [Patterned]
        let multiBlock: [MultiBlock]

        static func load() throws -> Fixture {
            try decodeFixture(Fixture.self, named: "md5_vectors", in: Bundle.module)
        }
    }
}
