// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "oir-diagram",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "oir-diagram", targets: ["oir-diagram"]),
        .executable(name: "oir-benchmark", targets: ["oir-benchmark"]),
        .library(name: "OIRModel", targets: ["OIRModel"]),
        .library(name: "OIRPipeline", targets: ["OIRPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // The workbook (`plan --format xlsx`) is a ZIP of XML parts: written and read back with it.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Graphviz's cgraph/gvc, found through pkg-config; only OIRRender's gateway imports it.
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // Turns the data files (catalogs, styles) into Swift source, so the binary carries them.
        // YAML files are also composed here, once, into a compact tree the binary reads without a
        // YAML parser (parsing the catalog was a fifth of a render).
        .executableTarget(name: "oir-embed", dependencies: [.product(name: "Yams", package: "Yams")], path: "Sources/oir-embed"),
        .plugin(
            name: "EmbedResources",
            capability: .buildTool(),
            dependencies: ["oir-embed"],
            path: "Sources/EmbedResources"
        ),
        // What every stage uses and none owns: byte search, hashing, a heap, topological order,
        // XML-safe text, ordered JSON, number formatting.
        .target(name: "OIRSupport"),
        // The stages, each importing only the ones before it:
        // model → content → layout → routing → render → publish, composed by OIRPipeline.
        .target(
            name: "OIRModel",
            dependencies: ["OIRSupport", .product(name: "Yams", package: "Yams")],
            exclude: ["Catalogs", "Labels"],
            plugins: ["EmbedResources"]
        ),
        .target(name: "OIRContent", dependencies: ["OIRSupport", "OIRModel"]),
        .target(name: "OIRLayout", dependencies: ["OIRSupport", "OIRModel", "OIRContent"]),
        .target(name: "OIRRouting", dependencies: ["OIRSupport", "OIRModel", "OIRLayout"]),
        .target(
            name: "OIRRender",
            dependencies: ["OIRSupport", "OIRModel", "OIRContent", "OIRLayout", "OIRRouting", "CGraphviz", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedResources"]
        ),
        .target(name: "OIRPublish", dependencies: ["OIRSupport", "OIRModel", "OIRContent", "OIRLayout", "OIRRender",
                                                   .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // A rollout's overview as one slice, like a diagram kind: its model (kommune × task
        // status), its SVG grid and its text formats.
        .target(name: "OIROverview", dependencies: ["OIRSupport", "OIRModel", "OIRLayout", "OIRRender", "OIRPublish"]),
        .target(name: "OIRPipeline", dependencies: ["OIRSupport", "OIROverview", "OIRModel", "OIRContent", "OIRLayout", "OIRRouting", "OIRRender", "OIRPublish"]),
        // The command line as a library (tests call it in-process) and its thin executable.
        .target(
            name: "OIRCommands",
            dependencies: ["OIRSupport", "OIRPipeline", "OIROverview", "OIRModel", "OIRContent", "OIRRender", "OIRPublish",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "oir-diagram", dependencies: ["OIRCommands"]),
        // Release-mode benchmark with ratios against Graphviz's CLI (README, Performance).
        .executableTarget(name: "oir-benchmark", dependencies: ["OIRPipeline", "OIRModel", "OIRContent", "OIRLayout", "OIRRouting", "OIRRender"]),
        // SF1590_A plans as typed values, shared by the test targets.
        .target(name: "OIRTestSupport", dependencies: ["OIRModel"], path: "Tests/OIRTestSupport"),
        .testTarget(name: "OIRModelTests", dependencies: ["OIRModel", "OIRPublish", "OIRTestSupport"]),
        .testTarget(name: "OIRLayoutTests",
                    dependencies: ["OIRModel", "OIRContent", "OIRLayout", "OIRRouting", "OIRRender", "OIRPublish", "OIRPipeline", "OIRTestSupport"]),
        .testTarget(name: "OIRDiagramCLITests",
                    dependencies: ["oir-diagram", "OIRCommands", "OIRTestSupport",
                                   .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    ]
)
