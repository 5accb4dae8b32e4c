import Testing
import ShardSimEngine

// Expected values come from an independent Python implementation of the
// published C reference code (SplitMix64: prng.di.unimi.it/splitmix64.c,
// xoshiro256**: prng.di.unimi.it/xoshiro256starstar.c), not from this module.
// The script is reproduced at the end of this file; run it with python3 to
// regenerate every vector below.
@Suite struct RandomGeneratorTests {
    @Test func splitMix64MatchesReferenceOutputs() {
        var generator = SplitMix64(seed: 1234567)
        let outputs = (0..<5).map { _ in generator.next() }
        #expect(outputs == [6457827717110365317, 3203168211198807973, 9817491932198370423,
                            4593380528125082431, 16408922859458223821])
    }

    @Test(arguments: [
        (UInt64(0), [UInt64(11091344671253066420), 13793997310169335082, 1900383378846508768,
                     7684712102626143532, 13521403990117723737, 18442103541295991498]),
        (UInt64(1), [UInt64(12966619160104079557), 9600361134598540522, 10590380919521690900,
                     7218738570589545383, 12860671823995680371, 2648436617965840162]),
        (UInt64(42), [UInt64(1546998764402558742), 6990951692964543102, 12544586762248559009,
                      17057574109182124193, 18295552978065317476, 14199186830065750584]),
    ])
    func xoshiroMatchesReferenceOutputs(seed: UInt64, expected: [UInt64]) {
        var generator = Xoshiro256StarStar(seed: seed)
        #expect((0..<expected.count).map { _ in generator.next() } == expected)
    }

    @Test func streamsMatchReferenceAndDifferFromEachOther() {
        var stream0 = Xoshiro256StarStar(seed: 42, stream: 0)
        var stream1 = Xoshiro256StarStar(seed: 42, stream: 1)
        var stream7 = Xoshiro256StarStar(seed: 42, stream: 7)
        #expect((0..<4).map { _ in stream0.next() }
                == [2303456275738999573, 5438210688795116325, 10433286269970717030, 11285640936736227471])
        #expect((0..<4).map { _ in stream1.next() }
                == [12078886983757728612, 1031688501738900627, 5901506744700626787, 7637072040932123218])
        #expect((0..<4).map { _ in stream7.next() }
                == [8738378044064354091, 7390165192919234362, 15491648966687338462, 10640226359957025963])
        var plain = Xoshiro256StarStar(seed: 42)
        #expect(plain.next() != 2303456275738999573)
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
        #expect((0..<6).map { _ in huge.nextInt(below: (1 << 63) + 1) }
                == [9147776489032658738, 7099593415032875292, 6633989454467100377,
                    7022439175346172479, 2681029139591840946, 7388145106668446555])
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
        #expect(chiSquare < 25) // 5 degrees of freedom: p ≈ 1e-4
    }

    @Test func unitDoublesUseTheTop53Bits() {
        var rng = Xoshiro256StarStar(seed: 1)
        #expect((0..<4).map { _ in rng.nextUnitDouble() }
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
