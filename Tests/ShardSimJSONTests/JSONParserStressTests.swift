import ShardSimJSON
import Testing

/// Hostile and large inputs: the parser must answer with an error or a value, never crash, and
/// stay fast enough for big scenario files.
@Suite struct JSONParserStressTests {
    @Test func hundredThousandOpenBracketsIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            #expect(error.message == "nesting deeper than 64 levels")
            #expect(error.column == JSONParser.maximumDepth + 1)
        }
    }

    @Test func deepObjectsAndMixedNestingAreErrors() {
        let objects = String(repeating: #"{"a":"#, count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(objects) }
        let mixed = String(repeating: #"[{"a":"#, count: 50_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(mixed) }
    }

    @Test func fiveMegabyteArrayOfNumbersParsesQuickly() throws {
        var text = "["
        var count = 0
        while text.utf8.count < 5_000_000 {
            if count > 0 { text += "," }
            text += "\(count % 1000).\(count % 97)e\(count % 5)"
            count += 1
        }
        text += "]"
        let clock = ContinuousClock()
        var parsed: JSONValue = .null
        let elapsed = try clock.measure { parsed = try JSONParser.parse(text) }
        guard case .array(let elements) = parsed else {
            Issue.record("expected an array")
            return
        }
        #expect(elements.count == count)
        #expect(elements[1] == .number("1.1e1"))
        #expect(elements[1].doubleValue == 11)
        #expect(elements[1].int64Value == 11)
        #expect(elapsed < .seconds(30), "parsing took \(elapsed)")
    }

    @Test func everyPrefixOfADocumentFailsCleanly() throws {
        let document =
            #"{"name": "web", "rates": [1, 2.5e3, -0.25], "flags": {"on": true, "off": null}, "text": "é\u00e9\uD83D\uDE00"}"#
        let bytes = Array(document.utf8)
        #expect(throws: Never.self) { try JSONParser.parse(bytes) }
        for length in 0..<bytes.count {
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(bytes[..<length])) }
        }
    }

    @Test func arbitraryBytesNeverCrash() {
        // A fixed pseudo-random sequence (xorshift) keeps the test deterministic.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array(#"[]{}",:0123456789-+.eEtruefalsnl\ u"#.utf8) + [0x00, 0x0A, 0xC3, 0xA9, 0xFF, 0xED]
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(state % 40) {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                bytes.append(alphabet[Int(state % UInt64(alphabet.count))])
            }
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            _ = try? JSONParser.parse(bytes)
        }
    }
}
