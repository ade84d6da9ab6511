import Foundation
import OIRTestSupport
import XCTest
@testable import OIRModel

/// Files that are not what they should be: each gives a clear `InputError` (or a correct
/// result) in bounded time and memory, never a crash or a hang.
final class MalformedInputTests: XCTestCase {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("oir-malformed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Loads `bytes` as a catalog and as a plan; both must fail with an InputError whose message
    /// contains `expected`.
    private func assertRefused(_ bytes: Data, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try folder().appendingPathComponent("input.yaml").path
        try bytes.write(to: URL(fileURLWithPath: path))
        for load in [{ _ = try Catalog.load(path: path) }, { _ = try PlanFile.load(path: path, catalog: Catalog.builtIn()) }] as [() throws -> Void] {
            do {
                try load()
                XCTFail("expected an input error containing '\(expected)'", file: file, line: line)
            } catch let error as InputError {
                XCTAssertTrue(error.description.hasPrefix(path), error.description, file: file, line: line)
                XCTAssertTrue(error.description.contains(expected), error.description, file: file, line: line)
                XCTAssertLessThan(error.description.count, 500, "a short message", file: file, line: line)
            } catch let errors as InputErrors {
                // A file with several problems reports each, every one short and located.
                XCTAssertTrue(errors.errors.allSatisfy { $0.description.hasPrefix(path) && $0.description.count < 500 }, errors.description,
                              file: file, line: line)
                XCTAssertTrue(errors.description.contains(expected), errors.description, file: file, line: line)
            }
        }
    }

    func testEmptyBinaryAndNonUTF8Files() throws {
        try assertRefused(Data(), "the file is empty")
        try assertRefused(Data("   \n# only a comment\n".utf8), "the file is empty")
        try assertRefused(Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00]), "is a binary file")
        try assertRefused(Data("kommune: K".utf8) + Data([0xF8, 0x62, 0x65]), "is not UTF-8")
        try assertRefused(Data([0xFF, 0xFE, 0x41, 0x42]), "not UTF-8")
    }

    func testAliasBombsAreRefusedAtTheFirstAlias() throws {
        var lines = [#"a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]"#]
        for i in 1...9 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]") }
        // As a value, and as mapping keys (Yams hashes keys by value: exponential without the check).
        try assertRefused(Data((lines + ["kommune: *a9"]).joined(separator: "\n").utf8), "YAML alias '*a0' is not supported")
        try assertRefused(Data((lines + ["x: {? *a9 : 1, ? *a8 : 2}"]).joined(separator: "\n").utf8), "input.yaml:2:10:")
        XCTAssertThrowsError(try PlanFile.parse("a: &x 1\nb: *x\n", file: "p.yaml", catalog: Catalog.builtIn())) { error in
            XCTAssertEqual("\(error)", "p.yaml:2:4: YAML alias '*x' is not supported (write the value out instead of repeating an anchored one)")
        }
    }

    func testDeeplyNestedYAML() throws {
        try assertRefused(Data(("kommune: " + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)).utf8),
                          "YAML nested deeper than 1,000 levels")
        let block = (0..<1_500).map { String(repeating: " ", count: $0) + "- " }.joined(separator: "\n")
        try assertRefused(Data(block.utf8), "YAML nested deeper than 1,000 levels")
        // A few hundred levels are merely wrong, not dangerous.
        try assertRefused(Data(("kommune: " + String(repeating: "[", count: 500) + String(repeating: "]", count: 500)).utf8), ":1:")
    }

    func testLargeFilesDirectoriesAndMissingFiles() throws {
        let dir = try folder()
        let big = dir.appendingPathComponent("big.yaml")
        try Data().write(to: big)
        let handle = try FileHandle(forWritingTo: big)
        let chunk = Data(("kommentar: \"" + String(repeating: "x", count: 1_000_000) + "\"\n").utf8)
        for _ in 0..<50 { try handle.write(contentsOf: chunk) }
        try handle.close()
        for load in [{ _ = try Catalog.load(path: big.path) }, { _ = try PlanFile.load(path: big.path, catalog: Catalog.builtIn()) }] as [() throws -> Void] {
            XCTAssertThrowsError(try load()) { error in
                XCTAssertTrue("\(error)".contains("the limit is \(YAMLReader.maximumBytes)"), "\(error)")
            }
        }
        XCTAssertThrowsError(try PlanFile.load(path: dir.path, catalog: Catalog.builtIn())) { XCTAssertTrue("\($0)".hasSuffix("is a directory (give the path of a YAML file)"), "\($0)") }
        XCTAssertThrowsError(try Catalog.load(path: dir.appendingPathComponent("missing.yaml").path)) {
            XCTAssertTrue("\($0)".hasSuffix("missing.yaml: no such file"), "\($0)")
        }
    }

    // MARK: Large catalogs

    private func catalogText(tasks count: Int, chain: Bool, cycle: Bool = false) -> String {
        var text = """
            integration: {id: BIG, titel: "Big"}
            systemer: [{id: fagsystem, navn: Fagsystem, bestemt: fagsystemet}]
            roller: [{id: ejer, navn: Ejer}]
            \(MinimalCatalog.structure)
            opgaver:

            """
        for i in 0..<count {
            var dependencies = chain && i > 0 ? "[T\(i - 1)]" : "[]"
            if cycle, i == 0 { dependencies = "[T\(count - 1)]" }
            text += """
                  - {id: T\(i), titel: "Opgave \(i)", afhænger_af: \(dependencies), ansvarlig: {rolle: ejer, system: fagsystem}, udførende: {rolle: ejer, system: fagsystem}, part: fagsystem, art: forudsætning, frekvens: hver_tilslutning}

                """
        }
        return text
    }

    func testTenThousandTasksAndATenThousandLongChain() throws {
        let many = try Catalog.parse(catalogText(tasks: 10_000, chain: false), file: "many.yaml")
        XCTAssertEqual(many.tasks.count, 10_000)
        XCTAssertEqual(DependencyGraph(catalog: many).topologicalOrder().count, 10_000)

        let chain = try Catalog.parse(catalogText(tasks: 10_000, chain: true), file: "chain.yaml")
        let order = DependencyGraph(catalog: chain).topologicalOrder()
        XCTAssertEqual(order, (0..<10_000).map { "T\($0)" })

        // A cycle through all of them is found without deep recursion.
        XCTAssertThrowsError(try Catalog.parse(catalogText(tasks: 10_000, chain: true, cycle: true), file: "cycle.yaml")) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("cycle.yaml:"), String(message.prefix(100)))
            XCTAssertTrue(message.contains("dependency cycle T1 → T2 → T3 → T4 → T5 → … 9,990 more … → T9996 → T9997 → T9998 → T9999 → T0 → T1"), String(message.prefix(300)))
            XCTAssertLessThan(message.count, 500, "a long cycle is shortened in the message")
        }
    }

    /// What drawing costs is bounded where the catalog is read: a task waiting for every earlier
    /// one (780 such tasks took 50 s and 755 MB to draw) is refused with its line and the limit.
    func testDependenciesAreBoundedPerTaskAndInAll() throws {
        var dense = catalogText(tasks: 60, chain: false)
        let all = (0..<59).map { "T\($0)" }.joined(separator: ", ")
        dense = dense.replacingOccurrences(of: "id: T59, titel: \"Opgave 59\", afhænger_af: []", with: "id: T59, titel: \"Opgave 59\", afhænger_af: [\(all)]")
        XCTAssertThrowsError(try Catalog.parse(dense, file: "dense.yaml")) { error in
            XCTAssertTrue("\(error)".contains("task T59: waits for 59 tasks; the limit is 40"), "\(error)")
            XCTAssertNotNil("\(error)".range(of: #"^dense\.yaml:\d+:"#, options: .regularExpression), "with its line: \(error)")
        }
        // 700 tasks each waiting for the 35 before it: within the per-task limit, over the total.
        var wide = catalogText(tasks: 700, chain: false)
        for i in 35..<700 {
            let before = ((i - 35)..<i).map { "T\($0)" }.joined(separator: ", ")
            wide = wide.replacingOccurrences(of: "id: T\(i), titel: \"Opgave \(i)\", afhænger_af: []", with: "id: T\(i), titel: \"Opgave \(i)\", afhænger_af: [\(before)]")
        }
        XCTAssertThrowsError(try Catalog.parse(wide, file: "wide.yaml")) { error in
            XCTAssertTrue("\(error)".contains("the catalog's tasks have 23275 dependencies; the limit is 20000"), "\(String(describing: error).prefix(300))")
        }
    }

    func testTopologicalOrderKeepsCatalogOrderAmongReadyTasks() throws {
        var text = catalogText(tasks: 5, chain: false)
        // T0 waits for T3; T2 waits for T4: ready first are T1, T3, T4 in catalog order.
        text = text.replacingOccurrences(of: "id: T0, titel: \"Opgave 0\", afhænger_af: []", with: "id: T0, titel: \"Opgave 0\", afhænger_af: [T3]")
        text = text.replacingOccurrences(of: "id: T2, titel: \"Opgave 2\", afhænger_af: []", with: "id: T2, titel: \"Opgave 2\", afhænger_af: [T4]")
        let graph = DependencyGraph(catalog: try Catalog.parse(text, file: "c.yaml"))
        XCTAssertEqual(graph.topologicalOrder(), ["T1", "T3", "T0", "T4", "T2"])
        XCTAssertNil(graph.firstCycle())
    }

    // MARK: Names and ids

    func testOverlongNamesAndIdsAreRefusedWithTheLimit() throws {
        let long = String(repeating: "Å", count: PlanFile.maximumNameLength + 1)
        let plan = "kommune: \(long)\nbogføringssystem: {navn: X}\nfagsystemer: [{navn: A, leverance: straks, sortiment: manuel}]\n"
        XCTAssertThrowsError(try PlanFile.parse(plan, file: "p.yaml", catalog: Catalog.builtIn())) { error in
            XCTAssertEqual("\(error)", "p.yaml:1:10: 'kommune' in the plan is 101 characters long; the limit is 100 (names become lane labels, task keys and file names; use a shorter name)")
        }
        let ok = plan.replacingOccurrences(of: long, with: String(long.dropLast()))
        XCTAssertEqual(try PlanFile.parse(ok, file: "p.yaml", catalog: Catalog.builtIn()).plans[0].kommune.count, 100)
        let catalog = catalogText(tasks: 1, chain: false).replacingOccurrences(of: "id: T0,", with: "id: \(String(repeating: "T", count: 41)),")
        XCTAssertThrowsError(try Catalog.parse(catalog, file: "c.yaml")) { error in
            XCTAssertTrue("\(error)".contains("must be one line of 1 to 40 characters"), "\(error)")
        }
    }
}

/// Output is written to a temporary file in the target folder and renamed into place: on any
/// failure the target is untouched and nothing is left behind.
final class OutputFileTests: XCTestCase {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("oir-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock {
            _ = try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            try? FileManager.default.removeItem(at: url)
        }
        return url
    }

    private func contents(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    func testWritesAndReplaces() throws {
        let dir = try folder()
        let target = dir.appendingPathComponent("d.svg")
        try OutputFile.write(Data("one".utf8), to: target.path)
        try OutputFile.write(Data("two".utf8), to: target.path)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "two")
        XCTAssertEqual(try contents(dir), ["d.svg"])
    }

    /// A disk that fills up halfway through: the writer writes part of the bytes, then fails.
    func testAFullDiskLeavesTheOldFileAndNoTemporaryFile() throws {
        let dir = try folder()
        let target = dir.appendingPathComponent("d.svg")
        try Data("old".utf8).write(to: target)
        XCTAssertThrowsError(try OutputFile.write(Data(repeating: 65, count: 100_000), to: target.path, writer: { handle, data in
            try handle.write(contentsOf: data.prefix(4096))
            throw CocoaError(.fileWriteOutOfSpace)
        })) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(target.path): writing failed"), "\(error)")
            XCTAssertTrue("\(error)".contains("is the disk full?"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "old", "the target is untouched")
        XCTAssertEqual(try contents(dir), ["d.svg"], "no temporary file is left")
    }

    /// A real full file system, where the machine allows mounting one (root on Linux).
    func testARealFullFileSystem() throws {
        #if os(Linux)
        guard getuid() == 0 else { throw XCTSkip("mounting a small tmpfs needs root") }
        let dir = try folder()
        let mounted = try ExternalTool.run("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", dir.path])
        guard mounted.status == 0 else { throw XCTSkip("this machine does not allow mounting a tmpfs") }
        defer { _ = try? ExternalTool.run("umount", [dir.path]) }
        let target = dir.appendingPathComponent("d.pdf")
        try Data("old".utf8).write(to: target)
        XCTAssertThrowsError(try OutputFile.write(Data(repeating: 65, count: 64 * 1024), to: target.path)) { error in
            XCTAssertTrue("\(error)".contains("is the disk full?"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "old")
        XCTAssertEqual(try contents(dir), ["d.pdf"])
        #else
        throw XCTSkip("Linux only")
        #endif
    }

    func testUnwritableFolderDirectoryTargetMissingFolderAndLongName() throws {
        let dir = try folder()
        XCTAssertThrowsError(try OutputFile.write(Data(), to: dir.path)) { XCTAssertTrue("\($0)".contains("is a directory"), "\($0)") }
        XCTAssertThrowsError(try OutputFile.write(Data(), to: dir.appendingPathComponent("no/such/x.svg").path)) {
            XCTAssertTrue("\($0)".contains("does not exist"), "\($0)")
        }
        let long = dir.appendingPathComponent(String(repeating: "n", count: 300) + ".svg")
        XCTAssertThrowsError(try OutputFile.write(Data("x".utf8), to: long.path)) { XCTAssertTrue("\($0)".contains("cannot"), "\($0)") }
        XCTAssertEqual(try contents(dir), [], "no temporary file is left")

        XCTAssertThrowsError(try OutputFile.write(Data("x".utf8), to: "/proc/oir-diagram-test.svg")) {
            XCTAssertTrue("\($0)".contains("cannot write in /proc"), "\($0)")
        }
        // Root writes anywhere else, so an unwritable folder is only checked for other users.
        guard getuid() != 0 else { return }
        let locked = dir.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        XCTAssertThrowsError(try OutputFile.write(Data(), to: locked.appendingPathComponent("x.svg").path)) {
            XCTAssertTrue("\($0)".contains("cannot write in"), "\($0)")
        }
    }
}
