import Foundation

/// The hashed keys of the key sets the latest runs used, shared by every run in the process that uses the same set.
///
/// Hashing is the only costly part of a key set (an MD5 a key, and for Zipf a power and the alias table), and
/// everything it produces is read-only while a run goes: the hash keys, the key lengths and the sampler. The routes
/// (`shardIndexByKey`) are each run's own, and arrays copy on write, so a run that re-routes copies only those.
/// `plan` simulates a dozen or more candidates of one key set, and a sweep every point: without the cache each
/// hashed (and held) the whole set again: a million keys cost about 0.15 s and 24 MB a run.
///
/// Safe across threads (a lock); the result is a pure function of the distribution, so sharing never changes a
/// figure. Bounded: it keeps the `capacity` latest sets, so a process running many scenarios holds a few.
final class KeySpaceCache: @unchecked Sendable {
    static let shared = KeySpaceCache()
    /// Key sets kept; the oldest goes first.
    static let capacity = 2
    private var entries: [KeySpace] = []
    private let lock = NSLock()

    /// The key space of `distribution`, from the cache or hashed now (under the lock: runs starting together on
    /// the same set wait for one hashing rather than each doing it).
    func keySpace(for distribution: PartitionKeyDistribution) -> KeySpace {
        lock.lock()
        defer { lock.unlock() }
        if let index = entries.firstIndex(where: { $0.distribution == distribution }) {
            let found = entries.remove(at: index)
            entries.append(found)
            return found
        }
        let hashed = KeySpace(hashing: distribution)
        entries.append(hashed)
        if entries.count > Self.capacity { entries.removeFirst() }
        precondition(entries.count <= Self.capacity, "the cache holds at most its capacity")
        return hashed
    }
}
