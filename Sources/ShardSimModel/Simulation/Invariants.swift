/// Components check their own invariants (records in = records out of each stage, a ledger window never above
/// its limits except by the documented debt rule) in builds compiled with `SHARDSIM_INVARIANTS`.
///
/// Package.swift defines it for debug builds, which is what `swift test` compiles, so every test run checks them;
/// release builds (the shipped tool, benchmarks, callgrind) compile the checks away and pay nothing. The same
/// split as swift-collections' `_checkInvariants()`, which is empty unless its internal-checks flag is set.
///
/// A component implements `invariantViolations()` (callable from any build, so unit tests can drive a component
/// and assert it is empty) and calls `checkInvariants()` at the boundaries of its stages.
public protocol InvariantChecking {
    /// What is wrong with the component's state now, one sentence per broken invariant; empty when sound.
    func invariantViolations() -> [String]
}

extension InvariantChecking {
    /// Traps with every violation when invariants are checked; compiled to nothing otherwise.
    @inline(__always)
    public func checkInvariants(file: StaticString = #fileID, line: UInt = #line) {
        #if SHARDSIM_INVARIANTS
            let violations = invariantViolations()
            precondition(
                violations.isEmpty, "\(Self.self) invariants: " + violations.joined(separator: "; "),
                file: file, line: line)
        #endif
    }
}

/// Whether this build checks invariants (tests assert it, so a build change cannot silently turn them off).
public let areInvariantsChecked: Bool = {
    #if SHARDSIM_INVARIANTS
        return true
    #else
        return false
    #endif
}()
