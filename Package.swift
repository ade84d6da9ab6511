// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "oir-diagram",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "oir-diagram", targets: ["oir-diagram"]),
        .executable(name: "oir-benchmark", targets: ["oir-benchmark"]),
        .library(name: "OIRModel", targets: ["OIRModel"]),
        .library(name: "OIRLayout", targets: ["OIRLayout"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Graphviz's cgraph/gvc, found through pkg-config; only OIRLayout's gateway imports it.
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        // Turns the data files (catalogs, styles) into Swift source, so the binary carries them.
        .executableTarget(name: "oir-embed", path: "Sources/oir-embed"),
        .plugin(
            name: "EmbedResources",
            capability: .buildTool(),
            dependencies: ["oir-embed"],
            path: "Sources/EmbedResources"
        ),
        .target(
            name: "OIRModel",
            dependencies: [.product(name: "Yams", package: "Yams")],
            exclude: ["Catalogs", "Labels"],
            plugins: ["EmbedResources"]
        ),
        .target(
            name: "OIRLayout",
            dependencies: ["OIRModel", "CGraphviz", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedResources"]
        ),
        .executableTarget(
            name: "oir-diagram",
            dependencies: [
                "OIRModel", "OIRLayout",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release-mode benchmark with ratios against Graphviz's CLI (README, Performance).
        .executableTarget(name: "oir-benchmark", dependencies: ["OIRModel", "OIRLayout"]),
        .testTarget(name: "OIRModelTests", dependencies: ["OIRModel"]),
        .testTarget(name: "OIRLayoutTests", dependencies: ["OIRLayout", "OIRModel"]),
        .testTarget(name: "OIRDiagramCLITests", dependencies: ["oir-diagram"]),
    ]
)
