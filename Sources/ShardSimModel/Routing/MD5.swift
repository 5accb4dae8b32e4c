/// RFC 1321 MD5, written here because the project takes no dependencies. Used only for routing, not security.
///
/// Kinesis turns every partition key into a 128-bit hash key with MD5, so the simulator must
/// reproduce the digest bit for bit to send each record to the shard AWS would pick.
/// Algorithm: https://www.rfc-editor.org/rfc/rfc1321
/// Routing: https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html
public enum MD5 {
    /// The 16-byte MD5 digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { digestBytes(of: finalState(of: $0)) }
    }

    /// The 16-byte MD5 digest of the UTF-8 encoding of `string`.
    ///
    /// Hashes the string's own code units with no Unicode normalization, because Kinesis hashes
    /// the bytes it is sent: "e\u{301}" and "\u{E9}" are equal Swift strings, yet different
    /// partition keys with different digests.
    public static func digest(utf8 string: String) -> [UInt8] {
        digestBytes(of: finalState(ofUTF8: string))
    }

    /// The Kinesis hash key: the digest read as an unsigned big-endian 128-bit integer.
    ///
    /// Skips building the digest array, because start-up may hash about a million keys.
    /// https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html
    public static func hashKey(forPartitionKey key: String) -> UInt128 {
        hashKey(of: finalState(ofUTF8: key))
    }

    /// The Kinesis hash key of a partition key given as its UTF-8 bytes (no `String` built: start-up generates
    /// a key set's bytes directly).
    static func hashKey(forPartitionKeyBytes bytes: UnsafeRawBufferPointer) -> UInt128 {
        hashKey(of: finalState(of: bytes))
    }

    /// The final chaining words read as the digest's big-endian 128-bit integer.
    @inline(__always)
    static func hashKey(of state: State) -> UInt128 {
        let (a, b, c, d) = state
        // The digest lays out each state word little-endian; read big-endian, each word is byte-swapped.
        return UInt128(a.byteSwapped) << 96 | UInt128(b.byteSwapped) << 64
            | UInt128(c.byteSwapped) << 32 | UInt128(d.byteSwapped)
    }
}

extension MD5 {
    /// The four 32-bit chaining words A, B, C, D of RFC 1321 section 3.3.
    typealias State = (UInt32, UInt32, UInt32, UInt32)

    /// The chaining words before any block is folded in (RFC 1321 section 3.3).
    static let initialState: State = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)

    /// The final chaining words for the UTF-8 bytes of `string`.
    ///
    /// Native Swift strings already store UTF-8 contiguously, so the common path reads them in
    /// place; only bridged or lazily-stored strings pay for a copy.
    static func finalState(ofUTF8 string: String) -> State {
        if let state = string.utf8.withContiguousStorageIfAvailable({
            finalState(of: UnsafeRawBufferPointer($0))
        }) {
            return state
        }
        return Array(string.utf8).withUnsafeBytes { finalState(of: $0) }
    }

    /// The final chaining words for `message`, padding included (RFC 1321 sections 3.1 and 3.2).
    ///
    /// Full blocks are read straight from the caller's memory; only the tail is copied, into a
    /// stack buffer, so hashing allocates nothing on the heap.
    static func finalState(of message: UnsafeRawBufferPointer) -> State {
        let blockByteCount = 64
        var state = initialState
        let fullBlockCount = message.count / blockByteCount
        if let base = message.baseAddress {
            for blockIndex in 0..<fullBlockCount {
                compress(&state, block: base + blockIndex * blockByteCount)
            }
        }
        let tailStart = fullBlockCount * blockByteCount
        let tailByteCount = message.count - tailStart
        // The 0x80 marker and the 8-byte length must both fit after the tail; from 56 tail bytes
        // on they spill into a second block.
        let paddedByteCount = tailByteCount < blockByteCount - 8 ? blockByteCount : 2 * blockByteCount
        // RFC 1321 keeps the length modulo 2^64, in bits.
        let messageBitCount = UInt64(truncatingIfNeeded: message.count) &* 8
        withUnsafeTemporaryAllocation(byteCount: 2 * blockByteCount, alignment: 8) { buffer in
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            UnsafeMutableRawBufferPointer(rebasing: buffer[0..<tailByteCount])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: message[tailStart...]))
            buffer[tailByteCount] = 0x80
            buffer.storeBytes(
                of: messageBitCount.littleEndian,
                toByteOffset: paddedByteCount - 8, as: UInt64.self)
            for blockStart in stride(from: 0, to: paddedByteCount, by: blockByteCount) {
                compress(&state, block: UnsafeRawPointer(buffer.baseAddress! + blockStart))
            }
        }
        return state
    }

    /// The 16 digest bytes: A, B, C, D, each little-endian (RFC 1321 section 3.5).
    static func digestBytes(of state: State) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for word in [state.0, state.1, state.2, state.3] {
            for shiftBits in stride(from: 0, to: 32, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> shiftBits))
            }
        }
        return bytes
    }
}
