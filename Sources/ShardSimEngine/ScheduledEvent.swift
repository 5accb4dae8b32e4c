/// One pending event. The engine does not interpret kind/target/argument.
///
/// A plain 32-byte value so the queue's heap is one flat, cache-friendly array
/// with no per-event allocation or existential boxing; the model layer decodes
/// `kind` into its own enum and uses `target`/`argument` as indices or payload.
/// Ordering is by (`time`, `sequence`), which makes every run reproducible:
/// events at the same time are handled in the order they were scheduled.
public struct ScheduledEvent: Sendable {
    /// When the event fires, in nanoseconds since the start of the run.
    public var time: Int64
    /// Insertion order, assigned by the queue; the tie-breaker for equal times.
    public var sequence: UInt64
    /// What kind of event this is; meaning is defined by the caller.
    public var kind: Int32
    /// Which entity the event is for (e.g. a shard or producer index).
    public var target: Int32
    /// A free-form payload for the caller.
    public var argument: Int64

    @inlinable
    init(time: Int64, sequence: UInt64, kind: Int32, target: Int32, argument: Int64) {
        self.time = time
        self.sequence = sequence
        self.kind = kind
        self.target = target
        self.argument = argument
    }
}

/// A pending event as the queue's heap stores it: `(time, sequence)` packed once, at `schedule`, into one 128-bit
/// key whose unsigned order is the queue's order (the time, its sign bit flipped so unsigned order is signed order,
/// above the sequence). Each heap level then compares keys with one compare and subtract-with-borrow, instead of
/// rebuilding both keys from their fields at every comparison. Still 32 bytes, like `ScheduledEvent`.
@usableFromInline
struct QueueEntry: Sendable {
    @usableFromInline var key: UInt128
    @usableFromInline var kind: Int32
    @usableFromInline var target: Int32
    @usableFromInline var argument: Int64

    @inlinable
    init(key: UInt128, kind: Int32, target: Int32, argument: Int64) {
        self.key = key
        self.kind = kind
        self.target = target
        self.argument = argument
    }

    @inlinable
    static var timeSignBit: UInt64 { 1 << 63 }

    /// The key of an event at `time` with insertion number `sequence`.
    @inlinable
    static func key(time: Int64, sequence: UInt64) -> UInt128 {
        UInt128(UInt64(bitPattern: time) ^ timeSignBit) << 64 | UInt128(sequence)
    }

    @inlinable
    var time: Int64 { Int64(bitPattern: UInt64(truncatingIfNeeded: key >> 64) ^ QueueEntry.timeSignBit) }

    @inlinable
    var sequence: UInt64 { UInt64(truncatingIfNeeded: key) }
}
