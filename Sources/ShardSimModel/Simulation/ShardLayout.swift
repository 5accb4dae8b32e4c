import ShardSimEngine

/// Whether a shard still takes writes.
public enum ShardStatus: String, Sendable {
    case open = "OPEN"
    /// Closed by a split or merge: readable until it expires, but no longer written to.
    case closed = "CLOSED"
}

/// One shard that existed during the run, open or closed.
public struct ShardDescription: Sendable, Equatable {
    /// Kinesis numbers shards in creation order; the id is `shardId-` + 12 digits of this number.
    public var number: Int
    public var hashKeyRange: HashKeyRange
    public var status: ShardStatus = .open
    /// Parents by shard number, as AWS's `ParentShardId` / `AdjacentParentShardId` name them.
    public var parentNumber: Int?
    public var adjacentParentNumber: Int?
    /// Indices (into the layout's `shards`) of every shard this one's range came from during the run. AWS's API
    /// names at most two; uniform scaling can draw on three, and readers must finish all of them first. Empty for
    /// the shards the run starts with, whose parents closed before it.
    public var parentIndices: [Int] = []
    /// When the shard opened (0 for a new stream's shards) and closed (nil while open).
    public var openedAtNanoseconds: Int64 = 0
    public var closedAtNanoseconds: Int64?

    /// Seconds the shard was open within a run of `durationNanoseconds` (for per-second rates).
    public func openSeconds(durationNanoseconds: Int64) -> Double {
        nanosecondsToSeconds(
            max(1, min(closedAtNanoseconds ?? durationNanoseconds, durationNanoseconds) - openedAtNanoseconds))
    }

    public init(number: Int, hashKeyRange: HashKeyRange) {
        self.number = number
        self.hashKeyRange = hashKeyRange
    }

    public var shardId: String { ShardId.string(forNumber: number) }
}

/// The stream's shards and the router over the open ones.
///
/// Shards are never removed: indices into `shards` stay valid for the whole run, so per-shard arrays
/// elsewhere (write ledger, logs) grow in step with this one.
struct ShardLayout {
    private(set) var shards: [ShardDescription] = []
    /// Indices into `shards` of the open shards, sorted by starting hash key.
    private(set) var openShardIndices: [Int32] = []
    private(set) var router: HashKeyRouter
    /// The shard number the next child takes (Kinesis never reuses a number).
    private var nextShardNumber: Int
    /// Index into `shards` by shard number, for imported layouts whose numbers are not their indices.
    private var indexByNumber: [Int: Int] = [:]
    /// False while only the layout matters (timeline validation): the router is then left as it was, so a long
    /// timeline costs O(log shards) a split or merge instead of a rebuild.
    var maintainsRouter = true

    /// A new stream of `shardCount` shards with CreateStream's even ranges.
    init(shardCount: Int) {
        let ranges = HashKeyRange.initialRanges(shardCount: shardCount)
        for (number, range) in ranges.enumerated() {
            shards.append(ShardDescription(number: number, hashKeyRange: range))
            openShardIndices.append(Int32(number))
        }
        router = HashKeyRouter(ranges: ranges)
        nextShardNumber = shardCount
    }

    /// An existing stream's open shards, kept with their numbers and exact (possibly uneven) ranges.
    init(initial: InitialShardLayout) {
        precondition(!initial.shards.isEmpty, "validated layouts have at least one shard")
        for shard in initial.shards {
            precondition(shard.number < initial.nextShardNumber, "validated layouts number children after every shard")
            var description = ShardDescription(number: shard.number, hashKeyRange: shard.hashKeyRange)
            description.parentNumber = shard.parentNumber
            description.adjacentParentNumber = shard.adjacentParentNumber
            indexByNumber[shard.number] = shards.count
            shards.append(description)
        }
        router = HashKeyRouter(ranges: [HashKeyRange.fullSpace])
        nextShardNumber = initial.nextShardNumber
        openShardIndices = shards.indices.sorted {
            shards[$0].hashKeyRange.startingHashKey < shards[$1].hashKeyRange.startingHashKey
        }
        .map { Int32($0) }
        rebuildRouter()
        precondition(openShardIndices.count == initial.shards.count, "every initial shard is open")
    }

    /// The stream a configuration starts with: the scenario's existing layout, or a new stream of `shardCount`.
    init(stream: StreamConfiguration) {
        if let initial = stream.initialLayout {
            self.init(initial: initial)
        } else {
            self.init(shardCount: stream.shardCount)
        }
    }

    var openShardCount: Int { openShardIndices.count }

    /// Stamps a layout change's time on the shards it opened and closed.
    mutating func recordLifetimes(opened children: [Int], closed parents: [Int], at time: Int64) {
        for child in children { shards[child].openedAtNanoseconds = time }
        for parent in parents { shards[parent].closedAtNanoseconds = time }
    }

    /// The index of the open shard with this id, if any.
    func openShardIndex(withId id: String) -> Int? {
        guard let number = ShardId.number(from: id) else { return nil }
        // A new stream's shard at index i has number i; an imported layout needs the search.
        let index = number < shards.count && shards[number].number == number ? number : indexByNumber[number]
        guard let index, shards[index].status == .open else { return nil }
        return index
    }

    /// SplitShard: closes `parent`, opens two children numbered next; returns their indices.
    mutating func split(_ parent: Int, at key: UInt128) -> [Int] {
        guard let (lower, upper) = Resharding.split(shards[parent].hashKeyRange, at: key) else {
            preconditionFailure("validated splits leave two non-empty children")
        }
        shards[parent].status = .closed
        let children = [
            addShard(lower, parent: parent, adjacentParent: nil), addShard(upper, parent: parent, adjacentParent: nil),
        ]
        let position = openPosition(of: parent)
        openShardIndices.replaceSubrange(position...position, with: children.map { Int32($0) })
        rebuildRouter()
        return children
    }

    /// MergeShards: closes both parents, opens one child; returns its index.
    mutating func merge(_ parent: Int, _ adjacent: Int) -> Int {
        guard let range = Resharding.merge(shards[parent].hashKeyRange, shards[adjacent].hashKeyRange) else {
            preconditionFailure("validated merges take adjacent shards")
        }
        shards[parent].status = .closed
        shards[adjacent].status = .closed
        let child = addShard(range, parent: parent, adjacentParent: adjacent)
        // Adjacent ranges sit side by side in the sorted open list.
        let position = min(openPosition(of: parent), openPosition(of: adjacent))
        openShardIndices.replaceSubrange(position...position + 1, with: [Int32(child)])
        rebuildRouter()
        return child
    }

    /// UpdateShardCount with uniform scaling: the open shards are replaced by `target` shards with the even
    /// ranges a new stream of that count has. Each child names the first old shard it overlaps as parent and
    /// the second, if any, as adjacent parent. (AWS reaches the same layout through short-lived intermediate
    /// shards, which this model does not create.)
    mutating func rescale(to target: Int) -> [Int] {
        let parents = openShardIndices.map(Int.init)
        for parent in parents { shards[parent].status = .closed }
        var children: [Int] = []
        // Parents and children are both sorted by starting key: the parents a child overlaps start where the
        // previous child's did or later (a two-pointer walk, linear in both).
        var first = 0
        for range in HashKeyRange.initialRanges(shardCount: target) {
            while first < parents.count && shards[parents[first]].hashKeyRange.endingHashKey < range.startingHashKey {
                first += 1
            }
            var overlapping: [Int] = []
            var next = first
            while next < parents.count && shards[parents[next]].hashKeyRange.startingHashKey <= range.endingHashKey {
                overlapping.append(parents[next])
                next += 1
            }
            let child = addShard(range, parent: overlapping.first, adjacentParent: overlapping.dropFirst().first)
            shards[child].parentIndices = overlapping
            children.append(child)
        }
        openShardIndices = children.map { Int32($0) }
        rebuildRouter()
        return children
    }

    private mutating func addShard(_ range: HashKeyRange, parent: Int?, adjacentParent: Int?) -> Int {
        var shard = ShardDescription(number: nextShardNumber, hashKeyRange: range)
        nextShardNumber += 1
        shard.parentNumber = parent.map { shards[$0].number }
        shard.adjacentParentNumber = adjacentParent.map { shards[$0].number }
        shard.parentIndices = [parent, adjacentParent].compactMap { $0 }
        indexByNumber[shard.number] = shards.count
        shards.append(shard)
        return shards.count - 1
    }

    /// Where open shard `index` sits in `openShardIndices` (binary search by starting hash key).
    private func openPosition(of index: Int) -> Int {
        let key = shards[index].hashKeyRange.startingHashKey
        var low = 0, high = openShardIndices.count
        while low < high {
            let middle = (low + high) / 2
            if shards[Int(openShardIndices[middle])].hashKeyRange.startingHashKey < key {
                low = middle + 1
            } else {
                high = middle
            }
        }
        precondition(low < openShardIndices.count && Int(openShardIndices[low]) == index, "shard \(index) is open")
        return low
    }

    /// The router over `openShardIndices`, which every change keeps sorted by starting hash key.
    private mutating func rebuildRouter() {
        guard maintainsRouter else { return }
        router = HashKeyRouter(ranges: openShardIndices.map { shards[Int($0)].hashKeyRange })
    }
}
