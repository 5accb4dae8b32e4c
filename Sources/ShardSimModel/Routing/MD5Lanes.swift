extension MD5 {
    /// The most bytes a message may have to fit one block with its padding (RFC 1321 sections 3.1 and 3.2: the 0x80
    /// marker and the 8-byte length follow it within 64 bytes).
    static let maxSingleBlockMessageBytes = 55

    /// The final chaining words of four messages of at most `maxSingleBlockMessageBytes` each, already padded into
    /// four consecutive 64-byte blocks at `blocks`, hashed side by side in the lanes of `SIMD4<UInt32>`: the same
    /// steps as `compress`, four messages for about the instructions of one (start-up hashes every key of a key
    /// set, up to millions).
    static func finalStatesOfFourPaddedBlocks(_ blocks: UnsafeRawPointer) -> (State, State, State, State) {
        let words = MessageWords<SIMD4<UInt32>> { index in
            // Word `index` of each message, little-endian as RFC 1321 reads it.
            func word(_ lane: Int) -> UInt32 {
                UInt32(littleEndian: blocks.loadUnaligned(fromByteOffset: lane * 64 + index * 4, as: UInt32.self))
            }
            return SIMD4(word(0), word(1), word(2), word(3))
        }
        let initial = (
            SIMD4<UInt32>(repeating: initialState.0), SIMD4<UInt32>(repeating: initialState.1),
            SIMD4<UInt32>(repeating: initialState.2), SIMD4<UInt32>(repeating: initialState.3)
        )
        var (a, b, c, d) = initial
        roundOne(&a, &b, &c, &d, words)
        roundTwo(&a, &b, &c, &d, words)
        roundThree(&a, &b, &c, &d, words)
        roundFour(&a, &b, &c, &d, words)
        (a, b, c, d) = (a &+ initial.0, b &+ initial.1, c &+ initial.2, d &+ initial.3)
        return ((a[0], b[0], c[0], d[0]), (a[1], b[1], c[1], d[1]), (a[2], b[2], c[2], d[2]), (a[3], b[3], c[3], d[3]))
    }

    /// Pads a message of at most `maxSingleBlockMessageBytes` already written at the start of the 64-byte `block`
    /// (RFC 1321 sections 3.1 and 3.2): the 0x80 marker, zeros, and the length in bits, little-endian, last.
    static func padSingleBlock(_ block: UnsafeMutableRawBufferPointer, messageBytes: Int) {
        precondition(messageBytes <= maxSingleBlockMessageBytes && block.count == 64, "one block holds the message")
        block[messageBytes] = 0x80
        // Zeros to the length field, eight bytes at a time from the first whole word after the marker.
        var position = messageBytes + 1
        while position & 7 != 0 {
            block[position] = 0
            position += 1
        }
        while position < 56 {
            block.storeBytes(of: 0, toByteOffset: position, as: UInt64.self)
            position += 8
        }
        block.storeBytes(of: (UInt64(messageBytes) &* 8).littleEndian, toByteOffset: 56, as: UInt64.self)
    }
}
