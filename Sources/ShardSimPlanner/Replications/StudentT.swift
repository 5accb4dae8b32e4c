/// The Student-t distribution's 0.975 quantile, for two-sided 95 % intervals on a mean
/// (docs/model.md section 18).
public enum StudentT {
    /// t₀.₉₇₅ for 1 ... 30 degrees of freedom (index = df − 1), to nine decimals: the exact values, as published
    /// tables give them to three.
    static let quantile975Table: [Double] = [
        12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135,
        2.262157163, 2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546, 2.119905299,
        2.109815578, 2.100922040, 2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
        2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
    ]

    /// z₀.₉₇₅, the standard normal's 0.975 quantile.
    static let normalQuantile975 = 1.959963984540054

    /// t₀.₉₇₅ with `degreesOfFreedom` ≥ 1: the table up to 30, above it the Cornish–Fisher expansion of t in powers
    /// of 1/ν about the normal quantile (Abramowitz & Stegun 26.7.5, four terms), within 3·10⁻⁸ of the exact
    /// value from ν = 31 on and closer as ν grows.
    public static func quantile975(degreesOfFreedom: Int) -> Double {
        precondition(degreesOfFreedom >= 1, "a t quantile needs at least one degree of freedom")
        if degreesOfFreedom <= quantile975Table.count { return quantile975Table[degreesOfFreedom - 1] }
        let z = normalQuantile975, nu = Double(degreesOfFreedom)
        let z2 = z * z
        let z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2
        let term1 = (z3 + z) / 4
        let term2 = (5 * z5 + 16 * z3 + 3 * z) / 96
        let term3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384
        let term4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160
        return z + term1 / nu + term2 / (nu * nu) + term3 / (nu * nu * nu) + term4 / (nu * nu * nu * nu)
    }
}
