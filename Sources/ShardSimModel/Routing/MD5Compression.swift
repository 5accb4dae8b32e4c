extension MD5 {
    /// Folds one 64-byte block into the chaining words (RFC 1321 section 3.4).
    ///
    /// Unrolled in four inlined rounds, with the sixteen message words in a struct of lets, so the hot path has no arrays,
    /// bounds checks or allocation; the constants are RFC 1321's table T[i] = floor(2^32 * |sin(i)|).
    static func compress(_ state: inout State, block: UnsafeRawPointer) {
        let words = MessageWords<UInt32> { index in
            UInt32(littleEndian: block.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
        }
        var (a, b, c, d) = state
        roundOne(&a, &b, &c, &d, words)
        roundTwo(&a, &b, &c, &d, words)
        roundThree(&a, &b, &c, &d, words)
        roundFour(&a, &b, &c, &d, words)
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
    }

    /// The block's sixteen message words, held in stored properties (registers once inlined), not an array.
    struct MessageWords<W: MD5Word> {
        let w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15: W

        // RFC 1321 reads the block as little-endian words; loadUnaligned lets callers pass any offset.
        @inline(__always)
        init(_ word: (Int) -> W) {
            (w0, w1, w2, w3) = (word(0), word(1), word(2), word(3))
            (w4, w5, w6, w7) = (word(4), word(5), word(6), word(7))
            (w8, w9, w10, w11) = (word(8), word(9), word(10), word(11))
            (w12, w13, w14, w15) = (word(12), word(13), word(14), word(15))
        }
    }

    /// Round 1: sixteen ff steps with F, in RFC 1321's order of words and shifts.
    @inline(__always)
    static func roundOne<W: MD5Word>(
        _ a: inout W, _ b: inout W, _ c: inout W, _ d: inout W,
        _ x: MessageWords<W>
    ) {
        a = ff(a, b, c, d, x.w0, 7, 0xd76a_a478)
        d = ff(d, a, b, c, x.w1, 12, 0xe8c7_b756)
        c = ff(c, d, a, b, x.w2, 17, 0x2420_70db)
        b = ff(b, c, d, a, x.w3, 22, 0xc1bd_ceee)
        a = ff(a, b, c, d, x.w4, 7, 0xf57c_0faf)
        d = ff(d, a, b, c, x.w5, 12, 0x4787_c62a)
        c = ff(c, d, a, b, x.w6, 17, 0xa830_4613)
        b = ff(b, c, d, a, x.w7, 22, 0xfd46_9501)
        a = ff(a, b, c, d, x.w8, 7, 0x6980_98d8)
        d = ff(d, a, b, c, x.w9, 12, 0x8b44_f7af)
        c = ff(c, d, a, b, x.w10, 17, 0xffff_5bb1)
        b = ff(b, c, d, a, x.w11, 22, 0x895c_d7be)
        a = ff(a, b, c, d, x.w12, 7, 0x6b90_1122)
        d = ff(d, a, b, c, x.w13, 12, 0xfd98_7193)
        c = ff(c, d, a, b, x.w14, 17, 0xa679_438e)
        b = ff(b, c, d, a, x.w15, 22, 0x49b4_0821)
    }

    /// Round 2: sixteen gg steps with G, in RFC 1321's order of words and shifts.
    @inline(__always)
    static func roundTwo<W: MD5Word>(
        _ a: inout W, _ b: inout W, _ c: inout W, _ d: inout W,
        _ x: MessageWords<W>
    ) {
        a = gg(a, b, c, d, x.w1, 5, 0xf61e_2562)
        d = gg(d, a, b, c, x.w6, 9, 0xc040_b340)
        c = gg(c, d, a, b, x.w11, 14, 0x265e_5a51)
        b = gg(b, c, d, a, x.w0, 20, 0xe9b6_c7aa)
        a = gg(a, b, c, d, x.w5, 5, 0xd62f_105d)
        d = gg(d, a, b, c, x.w10, 9, 0x0244_1453)
        c = gg(c, d, a, b, x.w15, 14, 0xd8a1_e681)
        b = gg(b, c, d, a, x.w4, 20, 0xe7d3_fbc8)
        a = gg(a, b, c, d, x.w9, 5, 0x21e1_cde6)
        d = gg(d, a, b, c, x.w14, 9, 0xc337_07d6)
        c = gg(c, d, a, b, x.w3, 14, 0xf4d5_0d87)
        b = gg(b, c, d, a, x.w8, 20, 0x455a_14ed)
        a = gg(a, b, c, d, x.w13, 5, 0xa9e3_e905)
        d = gg(d, a, b, c, x.w2, 9, 0xfcef_a3f8)
        c = gg(c, d, a, b, x.w7, 14, 0x676f_02d9)
        b = gg(b, c, d, a, x.w12, 20, 0x8d2a_4c8a)
    }

    /// Round 3: sixteen hh steps with H, in RFC 1321's order of words and shifts.
    @inline(__always)
    static func roundThree<W: MD5Word>(
        _ a: inout W, _ b: inout W, _ c: inout W, _ d: inout W,
        _ x: MessageWords<W>
    ) {
        a = hh(a, b, c, d, x.w5, 4, 0xfffa_3942)
        d = hh(d, a, b, c, x.w8, 11, 0x8771_f681)
        c = hh(c, d, a, b, x.w11, 16, 0x6d9d_6122)
        b = hh(b, c, d, a, x.w14, 23, 0xfde5_380c)
        a = hh(a, b, c, d, x.w1, 4, 0xa4be_ea44)
        d = hh(d, a, b, c, x.w4, 11, 0x4bde_cfa9)
        c = hh(c, d, a, b, x.w7, 16, 0xf6bb_4b60)
        b = hh(b, c, d, a, x.w10, 23, 0xbebf_bc70)
        a = hh(a, b, c, d, x.w13, 4, 0x289b_7ec6)
        d = hh(d, a, b, c, x.w0, 11, 0xeaa1_27fa)
        c = hh(c, d, a, b, x.w3, 16, 0xd4ef_3085)
        b = hh(b, c, d, a, x.w6, 23, 0x0488_1d05)
        a = hh(a, b, c, d, x.w9, 4, 0xd9d4_d039)
        d = hh(d, a, b, c, x.w12, 11, 0xe6db_99e5)
        c = hh(c, d, a, b, x.w15, 16, 0x1fa2_7cf8)
        b = hh(b, c, d, a, x.w2, 23, 0xc4ac_5665)
    }

    /// Round 4: sixteen ii steps with I, in RFC 1321's order of words and shifts.
    @inline(__always)
    static func roundFour<W: MD5Word>(
        _ a: inout W, _ b: inout W, _ c: inout W, _ d: inout W,
        _ x: MessageWords<W>
    ) {
        a = ii(a, b, c, d, x.w0, 6, 0xf429_2244)
        d = ii(d, a, b, c, x.w7, 10, 0x432a_ff97)
        c = ii(c, d, a, b, x.w14, 15, 0xab94_23a7)
        b = ii(b, c, d, a, x.w5, 21, 0xfc93_a039)
        a = ii(a, b, c, d, x.w12, 6, 0x655b_59c3)
        d = ii(d, a, b, c, x.w3, 10, 0x8f0c_cc92)
        c = ii(c, d, a, b, x.w10, 15, 0xffef_f47d)
        b = ii(b, c, d, a, x.w1, 21, 0x8584_5dd1)
        a = ii(a, b, c, d, x.w8, 6, 0x6fa8_7e4f)
        d = ii(d, a, b, c, x.w15, 10, 0xfe2c_e6e0)
        c = ii(c, d, a, b, x.w6, 15, 0xa301_4314)
        b = ii(b, c, d, a, x.w13, 21, 0x4e08_11a1)
        a = ii(a, b, c, d, x.w4, 6, 0xf753_7e82)
        d = ii(d, a, b, c, x.w11, 10, 0xbd3a_f235)
        c = ii(c, d, a, b, x.w2, 15, 0x2ad7_d2bb)
        b = ii(b, c, d, a, x.w9, 21, 0xeb86_d391)
    }

    /// Rotates left; the masking shifts skip the overshift checks, since `bits` is always 4...23.
    @inline(__always)
    private static func rotateLeft<W: MD5Word>(_ value: W, _ bits: UInt32) -> W {
        value.rotatedLeft(bits)
    }

    /// Round 1 step, F(x, y, z) = xy v not(x) z.
    @inline(__always)
    private static func ff<W: MD5Word>(
        _ a: W, _ b: W, _ c: W, _ d: W,
        _ x: W, _ bits: UInt32, _ t: UInt32
    ) -> W {
        b &+ rotateLeft(a &+ ((b & c) | (~b & d)) &+ x &+ W(md5Constant: t), bits)
    }

    /// Round 2 step, G(x, y, z) = xz v y not(z).
    @inline(__always)
    private static func gg<W: MD5Word>(
        _ a: W, _ b: W, _ c: W, _ d: W,
        _ x: W, _ bits: UInt32, _ t: UInt32
    ) -> W {
        b &+ rotateLeft(a &+ ((b & d) | (c & ~d)) &+ x &+ W(md5Constant: t), bits)
    }

    /// Round 3 step, H(x, y, z) = x xor y xor z.
    @inline(__always)
    private static func hh<W: MD5Word>(
        _ a: W, _ b: W, _ c: W, _ d: W,
        _ x: W, _ bits: UInt32, _ t: UInt32
    ) -> W {
        b &+ rotateLeft(a &+ (b ^ c ^ d) &+ x &+ W(md5Constant: t), bits)
    }

    /// Round 4 step, I(x, y, z) = y xor (x v not(z)).
    @inline(__always)
    private static func ii<W: MD5Word>(
        _ a: W, _ b: W, _ c: W, _ d: W,
        _ x: W, _ bits: UInt32, _ t: UInt32
    ) -> W {
        b &+ rotateLeft(a &+ (c ^ (b | ~d)) &+ x &+ W(md5Constant: t), bits)
    }
}

/// A 32-bit MD5 word, or several side by side (`SIMD4<UInt32>`: four messages hashed at once, lane by lane), so one
/// copy of RFC 1321's steps serves both.
protocol MD5Word {
    static func &+ (left: Self, right: Self) -> Self
    static func & (left: Self, right: Self) -> Self
    static func | (left: Self, right: Self) -> Self
    static func ^ (left: Self, right: Self) -> Self
    static prefix func ~ (value: Self) -> Self
    /// The constant in every lane.
    init(md5Constant: UInt32)
    /// Rotated left by `bits` (4...23 in MD5), every lane.
    func rotatedLeft(_ bits: UInt32) -> Self
}

extension UInt32: MD5Word {
    @inline(__always) init(md5Constant: UInt32) { self = md5Constant }
    // The masking shifts skip the overshift checks, since `bits` is always 4...23.
    @inline(__always) func rotatedLeft(_ bits: UInt32) -> UInt32 { (self &<< bits) | (self &>> (32 &- bits)) }
}

extension SIMD4: MD5Word where Scalar == UInt32 {
    @inline(__always) init(md5Constant: UInt32) { self.init(repeating: md5Constant) }
    // Built from shifts whose amounts LLVM does not fold into a rotate: SSE2 has no vector rotate, and a recognized
    // one was split into four scalar rotates and reassembled (measured with callgrind).
    @inline(__always) func rotatedLeft(_ bits: UInt32) -> SIMD4<UInt32> {
        let left = self &<< SIMD4(repeating: bits), right = self &>> SIMD4(repeating: 32 &- bits)
        return left &+ right
    }
}
