import ArgumentParser
import Foundation

/// `oir-diagram manual`: the manual page (roff, section 1), written from the commands' own help
/// so it never disagrees with `--help`. Hidden: `./setup.sh --deb` puts its output in the
/// package as `man oir-diagram`. (swift-argument-parser's generate-manual plugin drops every
/// letter outside ASCII, and this tool's help speaks of "udført" and "kommune × opgave".)
struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manual",
        abstract: "Print the manual page (roff) of oir-diagram.",
        shouldDisplay: false
    )

    func run() throws {
        try Console.out(Data(Self.page().utf8))
    }

    /// The page: name, synopsis, each subcommand's help as written, the exit codes.
    static func page() -> String {
        let root = OIRDiagramCommand.self
        var out = ".\\\" Written by oir-diagram manual from the commands' help.\n"
        out += ".TH OIR-DIAGRAM 1 \"\" \"oir-diagram \(OIRDiagramCommand.version)\" \"User Commands\"\n"
        out += ".SH NAME\noir-diagram \\- \(text(root.configuration.abstract))\n"
        out += ".SH SYNOPSIS\n.B oir-diagram\n.I subcommand\n[\\fIoptions\\fR]\n"
        out += ".SH DESCRIPTION\n\(text(root.configuration.abstract)) Each subcommand is described below as its \\fB\\-\\-help\\fR prints it.\n"
        for command in root.configuration.subcommands where command.configuration.shouldDisplay {
            let name = command.configuration.commandName ?? "\(command)"
            out += ".SH \(text(name.uppercased()))\n.nf\n"
            out += root.helpMessage(for: command, columns: 78).split(separator: "\n", omittingEmptySubsequences: false).map { line in
                text(String(line))
            }.joined(separator: "\n")
            out += "\n.fi\n"
        }
        out += ".SH EXIT STATUS\n.TP\n0\nsuccess\n.TP\n1\ninput error (the message names file, line and what would be right)\n"
        out += ".TP\n64\nusage error\n.TP\n70\ninternal error (Graphviz failed or a plugin is missing)\n.TP\n74\nstandard output or error could not be written\n"
        out += ".SH SEE ALSO\n.BR dot (1),\n.BR neato (1)\n"
        return out
    }

    /// A line as roff text: backslashes escaped, a leading dot or quote kept as text.
    static func text(_ line: String) -> String {
        let escaped = line.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
        return escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" + escaped : escaped
    }
}
