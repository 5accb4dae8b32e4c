// swift-tools-version:6.0
// ShardSim: a deterministic discrete-event simulator and capacity planner for
// Amazon Kinesis Data Streams. No package dependencies by design.
import PackageDescription

let package = Package(
    name: "ShardSim",
    products: [
        .executable(name: "shardsim", targets: ["shardsim"])
    ],
    targets: [
        // Layer 0: a general discrete-event engine. Knows nothing of Kinesis.
        .target(name: "ShardSimEngine"),
        // Layer 0: a strict JSON reader and a deterministic JSON writer.
        .target(name: "ShardSimJSON"),
        // Layer 1: the Kinesis model. Knows nothing of JSON or the terminal.
        .target(
            name: "ShardSimModel", dependencies: ["ShardSimEngine"],
            // Components check their invariants in debug builds (what `swift test` compiles): Invariants.swift.
            swiftSettings: [.define("SHARDSIM_INVARIANTS", .when(configuration: .debug))]),
        // Layer 2: scenario decoding/validation and report rendering.
        .target(name: "ShardSimScenario", dependencies: ["ShardSimEngine", "ShardSimModel", "ShardSimJSON"]),
        .target(
            name: "ShardSimReport",
            dependencies: ["ShardSimEngine", "ShardSimModel", "ShardSimJSON", "ShardSimPlanner"]),
        // Layer 2: capacity planning (analytic bounds + parallel simulation), compare and sweep.
        .target(name: "ShardSimPlanner", dependencies: ["ShardSimEngine", "ShardSimModel"]),
        // Layer 3: commands (testable library) and the thin executable.
        .target(
            name: "ShardSimCLI",
            dependencies: ["ShardSimScenario", "ShardSimReport", "ShardSimModel", "ShardSimJSON", "ShardSimPlanner"]),
        .executableTarget(name: "shardsim", dependencies: ["ShardSimCLI"]),

        // Helpers every test target shares (repository root, expectNear, temporary files): Foundation and Swift
        // Testing only, so it adds no layer to a target that does not test it.
        .target(name: "ShardSimTestSupport", path: "Tests/ShardSimTestSupport"),
        .testTarget(name: "ShardSimEngineTests", dependencies: ["ShardSimTestSupport", "ShardSimEngine"]),
        .testTarget(name: "ShardSimJSONTests", dependencies: ["ShardSimTestSupport", "ShardSimJSON"]),
        .testTarget(
            name: "ShardSimModelTests", dependencies: ["ShardSimTestSupport", "ShardSimModel", "ShardSimEngine"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ShardSimScenarioTests", dependencies: ["ShardSimTestSupport", "ShardSimScenario", "ShardSimModel"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "ShardSimCLITests",
            dependencies: ["ShardSimTestSupport", "ShardSimCLI", "ShardSimModel", "ShardSimScenario"]),
        .testTarget(name: "ShardSimReportTests", dependencies: ["ShardSimTestSupport", "ShardSimReport"]),
        .testTarget(
            name: "ShardSimPlannerTests",
            dependencies: [
                "ShardSimTestSupport", "ShardSimPlanner", "ShardSimScenario", "ShardSimModel", "ShardSimReport",
            ]),
        // Hand-derived behaviour of the whole model, written as the scenarios a user would write.
        .testTarget(
            name: "ShardSimBehaviourTests",
            dependencies: [
                "ShardSimTestSupport", "ShardSimScenario", "ShardSimModel", "ShardSimReport", "ShardSimJSON",
                "ShardSimEngine",
            ]),
    ],
    swiftLanguageModes: [.v6]
)
