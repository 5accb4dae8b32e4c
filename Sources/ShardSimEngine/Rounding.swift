/// `Int64(value.rounded())` (halves away from zero) for 0 ≤ `value` < 2^52, without a conversion (and its range
/// checks) or a libm call: adding 2^52 puts the value in the binade whose spacing is 1, so the sum is the value
/// rounded to an integer (ties to even) and its bit pattern, less 2^52's, is that integer. A tie that went down to
/// even is then moved up, as halves go away from zero. Per-record paths (arrival times) and start-up over every key
/// (alias-table thresholds) round through this.
@inlinable @inline(__always)
public func roundedToNearestNonNegative(_ value: Double) -> Int64 {
    let magic: Double = 0x1p52
    var rounded = Int64(bitPattern: (value + magic).bitPattern &- magic.bitPattern)
    if Double(rounded) - value == -0.5 { rounded &+= 1 }
    return rounded
}
