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
