/// One axis of a sweep's grid: a scenario field's dotted path and the values to try there, as the user wrote them
/// (`--vary PATH=V1,V2,…`). The values stay text: the scenario layer types them by the field they set.
public struct SweepAxis: Sendable, Equatable {
    public var path: String
    public var values: [String]

    public init(path: String, values: [String]) {
        self.path = path
        self.values = values
    }
}

/// The grid of what-ifs that `sweep` and `explore` share: every combination of the axes' values, the first axis
/// changing slowest.
///
/// The grid is never materialized: a point's values are computed from its index (mixed radix), and the grid's size is
/// checked with overflow checks before anything is built, so 64 axes of two values (2^64 points, which once wrapped
/// to 0) are refused in constant memory.
public struct SweepGrid: Sendable, Equatable {
    public let axes: [SweepAxis]
    /// Points in the whole grid (1 to `maxPoints`).
    public let pointCount: Int

    /// Most grid points one sweep or explore page runs.
    public static let maxPoints = 10_000

    /// Why a list of variations makes no grid. The CLI words each one (it knows the option's name).
    public enum Problem: Sendable, Equatable {
        /// No axis at all.
        case noAxes
        /// A variation that is not `PATH=V1,V2,…` (no "=", or nothing before it), as written.
        case malformed(variation: String)
        /// A variation with an empty value (`a=1,,2`), as written.
        case emptyValue(variation: String)
        /// A path given in more than one variation (said once per path).
        case repeatedPath(String)
        /// More than `maxPoints` points: the number of values of each axis.
        case tooManyPoints(valueCounts: [Int])
    }

    /// Every problem found at once (a mistake in one variation does not hide one in the next).
    public struct Problems: Error, Sendable, Equatable {
        public var problems: [Problem]

        public init(problems: [Problem]) { self.problems = problems }
    }

    /// The grid of `variations` (`PATH=V1,V2,…` each): refused with every malformed variation, or, when they are
    /// well formed, with its size beyond `maxPoints`.
    public init(variations: [String]) throws(Problems) {
        guard !variations.isEmpty else { throw Problems(problems: [.noAxes]) }
        let axes = try Self.axes(variations)
        self.axes = axes
        pointCount = try Self.pointCount(axes.map(\.values.count))
    }

    /// The axes of `variations`, in order. Sets, so that a command line of many variations is read in linear time.
    static func axes(_ variations: [String]) throws(Problems) -> [SweepAxis] {
        var axes: [SweepAxis] = []
        var problems: [Problem] = []
        var seenPaths: Set<String> = []
        var repeatedPaths: Set<String> = []
        for variation in variations {
            guard let equals = variation.firstIndex(of: "="), equals != variation.startIndex else {
                problems.append(.malformed(variation: variation))
                continue
            }
            let values = variation[variation.index(after: equals)...].split(
                separator: ",", omittingEmptySubsequences: false
            )
            .map(String.init)
            let path = String(variation[..<equals])
            if values.contains(where: \.isEmpty) { problems.append(.emptyValue(variation: variation)) }
            // Said once per path, however often it repeats.
            if !seenPaths.insert(path).inserted && repeatedPaths.insert(path).inserted {
                problems.append(.repeatedPath(path))
            }
            axes.append(SweepAxis(path: path, values: values))
        }
        guard problems.isEmpty else { throw Problems(problems: problems) }
        return axes
    }

    /// The grid's size, refused beyond `maxPoints` before it wraps or anything is built.
    static func pointCount(_ valueCounts: [Int]) throws(Problems) -> Int {
        var count = 1
        for values in valueCounts {
            let (product, overflow) = count.multipliedReportingOverflow(by: values)
            guard !overflow, product <= maxPoints else {
                throw Problems(problems: [.tooManyPoints(valueCounts: valueCounts)])
            }
            count = product
        }
        return count
    }

    /// The values of grid point `point`, one per axis (mixed radix, the first axis most significant).
    public func values(at point: Int) -> [String] {
        precondition((0..<pointCount).contains(point), "grid point out of range")
        var rest = point
        return axes.reversed().map { axis in
            defer { rest /= axis.values.count }
            return axis.values[rest % axis.values.count]
        }.reversed()
    }

    /// The points `partition` runs, in grid order.
    public func points(in partition: SweepPartition) -> [Int] {
        (0..<pointCount).filter { partition.contains(point: $0) }
    }
}

/// Which slice of a sweep's grid one process runs: points p with p mod count = index − 1.
public struct SweepPartition: Sendable, Equatable {
    public var index: Int
    public var count: Int

    public static let whole = SweepPartition(index: 1, count: 1)

    /// Most slices a grid is cut into (as many as it may have points).
    public static let maxCount = SweepGrid.maxPoints

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// "I/N" with 1 ≤ I ≤ N ≤ 10,000, or nil.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
            (1...Self.maxCount).contains(count), (1...count).contains(index)
        else { return nil }
        self.init(index: index, count: count)
    }

    public func contains(point: Int) -> Bool { point % count == index - 1 }
    public var text: String { "\(index)/\(count)" }
}
