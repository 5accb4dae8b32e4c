import Testing

@testable import ShardSimModel

/// A producer's generated keys are hashed from bytes written directly (no `String` per key): the hash keys and key
/// lengths must be those of the strings `prefix + String(i)`. Expected digests from Python:
/// `int.from_bytes(hashlib.md5(b"user-10").digest(), "big")`.
@Suite struct KeySpaceHashingTests {
    @Test func generatedKeysHashLikeTheirStrings() {
        let keys = KeySpace(distribution: .uniform(count: 100_000, prefix: "user-"))
        // Digit-count boundaries: 1, 2 and 5 digits.
        #expect(keys.hashKeys[0] == UInt128(0xb01a_0e23_da71_8a08_9893_11b8_b2df_b069 as UInt128))
        #expect(keys.hashKeys[9] == UInt128(0xab1c_ce36_e215_8608_a0fd_3d52_c103_8688 as UInt128))
        #expect(keys.hashKeys[10] == UInt128(0xa6e3_db59_4a11_c15c_50cd_27d5_1820_2c88 as UInt128))
        #expect(keys.hashKeys[99_999] == UInt128(0xbccf_fca7_693f_b338_3fbe_3e6c_4a78_c8ca as UInt128))
        // "user-0" is 6 bytes, "user-10" 7, "user-99999" 10.
        #expect(keys.keyBytesByKey[0] == 6 && keys.keyBytesByKey[10] == 7 && keys.keyBytesByKey[99_999] == 10)
    }

    @Test func hotKeysComeFirstThenTheGeneratedOthersFromZero() {
        let keys = KeySpace(
            distribution: .hotKeys(
                hot: [HotKey(key: "k1234567890", shareOfTraffic: 0.5)], othersCount: 11, othersPrefix: "user-"))
        #expect(keys.count == 12)
        #expect(keys.hashKeys[0] == UInt128(0x8c67_9120_af4e_a96f_bf59_f182_9280_1426 as UInt128))
        #expect(keys.keyBytesByKey[0] == 11)
        // Others are numbered from 0 after the hot keys: index 1 is "user-0", index 11 is "user-10".
        #expect(keys.hashKeys[1] == UInt128(0xb01a_0e23_da71_8a08_9893_11b8_b2df_b069 as UInt128))
        #expect(keys.hashKeys[11] == UInt128(0xa6e3_db59_4a11_c15c_50cd_27d5_1820_2c88 as UInt128))
        #expect(keys.key(at: 11) == "user-10")
    }

    /// Four keys hash at once in SIMD lanes; each must equal the one-at-a-time digest of its string (itself checked
    /// against RFC 1321 and hashlib in MD5Tests), for every key of a set whose count is not a multiple of four, and
    /// for a prefix too long for the four-lane path.
    @Test(arguments: ["user-", "a-prefix-of-forty-bytes-0123456789abcdef-"])
    func everyGeneratedKeyHashesLikeItsString(prefix: String) {
        let keys = KeySpace(distribution: .zipf(count: 10_003, exponent: 0.6, prefix: prefix))
        var mismatches = 0
        for index in 0..<keys.count {
            let key = prefix + String(index)
            if keys.hashKeys[index] != MD5.hashKey(forPartitionKey: key)
                || keys.keyBytesByKey[index] != Int32(key.utf8.count)
            {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }
}
