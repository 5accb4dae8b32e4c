import ShardSimEngine
import Testing

// Expected values come from an independent Python implementation of the
// published C reference code (SplitMix64: prng.di.unimi.it/splitmix64.c,
// xoshiro256**: prng.di.unimi.it/xoshiro256starstar.c), not from this module.
// The script is reproduced at the end of this file; run it with python3 to
// regenerate every vector below.
@Suite struct RandomGeneratorTests {
    @Test func splitMix64MatchesReferenceOutputs() {
        var generator = SplitMix64(seed: 1_234_567)
        let outputs = (0..<5).map { _ in generator.next() }
        #expect(
            outputs == [
                6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
            ])
    }

    @Test(arguments: [
        (
            UInt64(0),
            [
                UInt64(11_091_344_671_253_066_420), 13_793_997_310_169_335_082, 1_900_383_378_846_508_768,
                7_684_712_102_626_143_532, 13_521_403_990_117_723_737, 18_442_103_541_295_991_498,
            ]
        ),
        (
            UInt64(1),
            [
                UInt64(12_966_619_160_104_079_557), 9_600_361_134_598_540_522, 10_590_380_919_521_690_900,
                7_218_738_570_589_545_383, 12_860_671_823_995_680_371, 2_648_436_617_965_840_162,
            ]
        ),
        (
            UInt64(42),
            [
                UInt64(1_546_998_764_402_558_742), 6_990_951_692_964_543_102, 12_544_586_762_248_559_009,
                17_057_574_109_182_124_193, 18_295_552_978_065_317_476, 14_199_186_830_065_750_584,
            ]
        ),
    ])
    func xoshiroMatchesReferenceOutputs(seed: UInt64, expected: [UInt64]) {
        var generator = Xoshiro256StarStar(seed: seed)
        #expect((0..<expected.count).map { _ in generator.next() } == expected)
    }

    @Test func streamsMatchReferenceAndDifferFromEachOther() {
        var stream0 = Xoshiro256StarStar(seed: 42, stream: 0)
        var stream1 = Xoshiro256StarStar(seed: 42, stream: 1)
        var stream7 = Xoshiro256StarStar(seed: 42, stream: 7)
        #expect(
            (0..<4).map { _ in stream0.next() }
                == [
                    2_303_456_275_738_999_573, 5_438_210_688_795_116_325, 10_433_286_269_970_717_030,
                    11_285_640_936_736_227_471,
                ])
        #expect(
            (0..<4).map { _ in stream1.next() }
                == [
                    12_078_886_983_757_728_612, 1_031_688_501_738_900_627, 5_901_506_744_700_626_787,
                    7_637_072_040_932_123_218,
                ])
        #expect(
            (0..<4).map { _ in stream7.next() }
                == [
                    8_738_378_044_064_354_091, 7_390_165_192_919_234_362, 15_491_648_966_687_338_462,
                    10_640_226_359_957_025_963,
                ])
        var plain = Xoshiro256StarStar(seed: 42)
        #expect(plain.next() != 2_303_456_275_738_999_573)
    }

    @Test func sameSeedGivesSameSequence() {
        var a = Xoshiro256StarStar(seed: 99, stream: 3)
        var b = Xoshiro256StarStar(seed: 99, stream: 3)
        for _ in 0..<1000 {
            #expect(a.next() == b.next())
        }
    }

    @Test func boundedIntegersMatchReferenceLemireAlgorithm() {
        var small = Xoshiro256StarStar(seed: 42)
        #expect((0..<12).map { _ in small.nextInt(below: 10) } == [0, 3, 6, 9, 9, 7, 7, 8, 7, 5, 6, 2])
        // A bound just above 2^63 rejects about half of all draws.
        var huge = Xoshiro256StarStar(seed: 42)
        #expect(
            (0..<6).map { _ in huge.nextInt(below: (1 << 63) + 1) }
                == [
                    9_147_776_489_032_658_738, 7_099_593_415_032_875_292, 6_633_989_454_467_100_377,
                    7_022_439_175_346_172_479, 2_681_029_139_591_840_946, 7_388_145_106_668_446_555,
                ])
        var one = Xoshiro256StarStar(seed: 5)
        #expect(one.nextInt(below: 1) == 0)
    }

    @Test func boundedIntegersAreUniform() {
        var rng = Xoshiro256StarStar(seed: 2024)
        var histogram = [Int](repeating: 0, count: 6)
        let draws = 600_000
        for _ in 0..<draws { histogram[Int(rng.nextInt(below: 6))] += 1 }
        let expected = Double(draws) / 6
        let chiSquare = histogram.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chiSquare < 25)  // 5 degrees of freedom: p ≈ 1e-4
    }

    @Test func unitDoublesUseTheTop53Bits() {
        var rng = Xoshiro256StarStar(seed: 1)
        #expect(
            (0..<4).map { _ in rng.nextUnitDouble() }
                == [0.7029218331588505, 0.5204366199388569, 0.5741057000197225, 0.39132860204190445])
        var open = Xoshiro256StarStar(seed: 1)
        var closed = Xoshiro256StarStar(seed: 1)
        for _ in 0..<10_000 {
            let u = closed.nextUnitDouble()
            let v = open.nextOpenUnitDouble()
            #expect(u >= 0 && u < 1)
            #expect(v > 0 && v <= 1)
            #expect(v == u + 0x1p-53)
        }
    }
}

/* Reference script (python3):

# Independent reference implementations used to produce the test vectors
# in the Swift tests. Written from the published C sources:
#   SplitMix64: https://prng.di.unimi.it/splitmix64.c
#   xoshiro256** 1.0: https://prng.di.unimi.it/xoshiro256starstar.c
M = (1 << 64) - 1

class SplitMix64:
    def __init__(self, seed): self.x = seed & M
    def next(self):
        self.x = (self.x + 0x9E3779B97F4A7C15) & M
        z = self.x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        return z ^ (z >> 31)

def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M

class Xoshiro:
    def __init__(self, seed, stream=None):
        if stream is not None:
            # stream key: the (stream+1)-th output of SplitMix64(seed: 0)
            key = SplitMix64(0)
            k = 0
            for _ in range(stream + 1): k = key.next()
            seed = (seed ^ k) & M
        sm = SplitMix64(seed)
        self.s = [sm.next() for _ in range(4)]
    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result
    def next_int_below(self, bound):
        # Lemire 2019, "Fast Random Integer Generation in an Interval"
        m = self.next() * bound
        l = m & M
        if l < bound:
            t = ((1 << 64) - bound) % bound
            while l < t:
                m = self.next() * bound
                l = m & M
        return m >> 64

sm = SplitMix64(1234567)
print("splitmix 1234567:", [sm.next() for _ in range(5)])
for seed in (0, 1, 42):
    g = Xoshiro(seed)
    print(f"xoshiro seed {seed}:", [g.next() for _ in range(6)])
for stream in (0, 1, 7):
    g = Xoshiro(42, stream)
    print(f"xoshiro seed 42 stream {stream}:", [g.next() for _ in range(4)])
g = Xoshiro(42)
print("nextInt(below: 10) seed 42:", [g.next_int_below(10) for _ in range(12)])
g = Xoshiro(42)
print("nextInt(below: 2^63+1) seed 42:", [g.next_int_below((1 << 63) + 1) for _ in range(6)])
g = Xoshiro(1)
print("unit doubles seed 1:", [ (g.next() >> 11) * 2.0**-53 for _ in range(4)])
*/
