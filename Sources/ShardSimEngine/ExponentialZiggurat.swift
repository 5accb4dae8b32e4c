import Foundation

/// Exp(1) variates by Marsaglia and Tsang's ziggurat ("The Ziggurat Method for Generating Random Variables",
/// Journal of Statistical Software 5(8), 2000), with 256 layers of equal area.
///
/// Why: Poisson arrivals draw one exponential gap per simulated record, and inversion (−log U) spent about 50
/// instructions a record in libm's `log`. Here 97.8 % of draws are one 64-bit output, a table read, an integer
/// compare and a multiply; the rest (a wedge or the tail) fall back to `exp`/`log` and further draws, so a draw
/// consumes a variable number of outputs (1.02 on average), though never depending on any parameter.
///
/// The density e^−x is covered by 255 horizontal rectangles stacked on a base strip, each of area `layerArea`.
/// Layer i spans x in [0, x_i); its part left of x_{i+1} lies wholly under the curve. A draw takes the layer from
/// the output's low 8 bits and a 53-bit position from its high 53 bits (disjoint bits, so independent); inside
/// [0, x_{i+1}) it is returned at once, else the point is tested against the curve (the wedge) or, in the base
/// strip, replaced by the tail beyond R: R + Exp(1), by memorylessness.
///
/// Determinism: the tables are built once per process from `exp`/`log` of the platform's libm (as
/// `exponential(ratePerUnit:)` depends on its `log`), and the acceptance test on the fast path is an integer
/// compare, so the same seed gives the same variates on the same C library.
public final class ExponentialZiggurat: @unchecked Sendable {
    /// One layer: accept the 53-bit position below `acceptBelow`, and scale it by `scale` (x_i / 2^53).
    @usableFromInline
    struct Layer {
        @usableFromInline var acceptBelow: UInt64
        @usableFromInline var scale: Double
    }

    /// Where the tail starts (R), and each layer's area (V), for 256 layers (Marsaglia and Tsang's constants).
    static let tailStart = 7.69711747013104972
    static let layerArea = 3.949659822581572e-3

    /// 256 layers, read by the low 8 bits of an output (so never out of bounds). Immutable after `init`; that is
    /// what makes the unchecked `Sendable` sound.
    @usableFromInline let layers: UnsafeMutablePointer<Layer>
    /// e^−x_i for i in 0...256 (x_256 = 0): the wedges' bottom and top heights.
    @usableFromInline let densities: UnsafeMutablePointer<Double>

    /// The one table of the process (2 pages, built on first use).
    public static let shared = ExponentialZiggurat()

    private init() {
        // x_0 is the base strip's width as a rectangle of area V and height e^−R; x_1 = R; each next edge makes
        // the layer above of area V: x_{i+1} = −log(V / x_i + e^−x_i). x_256 = 0 (the recursion gives 1e-13).
        var edges = [Double](repeating: 0, count: 257)
        edges[0] = Self.layerArea / Foundation.exp(-Self.tailStart)
        edges[1] = Self.tailStart
        for index in 1..<255 {
            edges[index + 1] = -Foundation.log(Self.layerArea / edges[index] + Foundation.exp(-edges[index]))
        }
        layers = .allocate(capacity: 256)
        densities = .allocate(capacity: 257)
        for index in 0..<256 {
            let fastShare = edges[index + 1] / edges[index]
            layers[index] = Layer(acceptBelow: UInt64(fastShare * 0x1p53), scale: edges[index] * 0x1p-53)
        }
        for index in 0...256 { densities[index] = Foundation.exp(-edges[index]) }
    }

    deinit {
        layers.deallocate()
        densities.deallocate()
    }

    /// An Exp(1) variate (mean 1, variance 1); divide by a rate for other means.
    ///
    /// - Complexity: O(1); one 64-bit output 97.8 % of the time.
    @inlinable @inline(__always)
    public func sample(_ random: inout Xoshiro256StarStar) -> Double {
        let bits = random.next()
        let layer = Int(truncatingIfNeeded: bits & 0xff)
        let position = bits &>> 11
        let entry = layers[layer]
        if position < entry.acceptBelow { return Double(position) * entry.scale }
        let (variate, advanced) = sampleBeyondFastRegion(layer: layer, position: position, random)
        random = advanced
        return variate
    }

    /// The rare path: the base strip's tail, or a wedge's test against the curve (drawing again on rejection).
    /// The generator goes in and comes back by value, not `inout`: an address passed to an out-of-line call would
    /// keep the caller's generator in memory rather than registers for the whole per-record loop.
    @usableFromInline @inline(never)
    func sampleBeyondFastRegion(layer: Int, position: UInt64, _ random: Xoshiro256StarStar)
        -> (Double, Xoshiro256StarStar)
    {
        var random = random
        var layer = layer
        var position = position
        while true {
            if layer == 0 {
                return (Self.tailStart - Foundation.log(random.nextOpenUnitDouble()), random)
            }
            let x = Double(position) * layers[layer].scale
            // A height uniform between the layer's bottom (e^−x_i) and top (e^−x_{i+1}): under the curve, x it is.
            let height = densities[layer] + (densities[layer + 1] - densities[layer]) * random.nextUnitDouble()
            if height < Foundation.exp(-x) { return (x, random) }
            let bits = random.next()
            layer = Int(truncatingIfNeeded: bits & 0xff)
            position = bits &>> 11
            if position < layers[layer].acceptBelow { return (Double(position) * layers[layer].scale, random) }
        }
    }
}
