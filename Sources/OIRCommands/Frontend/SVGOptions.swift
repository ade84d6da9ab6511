import ArgumentParser
import Foundation
import OIRContent
import OIRLayout
import OIRModel
import OIRPipeline
import OIRPublish
import OIRRender

/// Options that shape an SVG for embedding in documentation.
struct SVGOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Prefix of every id in the SVG (default: the diagram's name), so several diagrams can share a page.", valueName: "prefix"))
    var idPrefix: String?

    @Option(name: .long, help: ArgumentHelp("Task boxes link to URL#<task id> (default: the integration's page): an http(s) URL, a relative page, or '#'.", valueName: "url"))
    var linkBase: String?

    @Flag(name: .long, help: "SVG without XML prolog and DOCTYPE, for pasting into HTML or Markdown.")
    var inline = false

    @Flag(name: .long, help: "Keep a fixed width and height in the SVG instead of scaling with its container.")
    var size = false

    func validate() throws {
        if let linkBase, !Slug.isLinkBase(linkBase) {
            throw ValidationError("--link-base must be a full http(s) URL with a host, or a relative page or '#' (boxes add #<task id>); no other scheme, no spaces or quotes, not '\(linkBase)'")
        }
        if let idPrefix, Slug.make(idPrefix) != idPrefix {
            throw ValidationError("--id-prefix may hold lower-case letters, digits and hyphens, starting with a letter; '\(idPrefix)' could be '\(Slug.make(idPrefix))'")
        }
    }

    func apply(to options: inout RenderOptions) {
        options.idPrefix = idPrefix
        options.linkBase = linkBase
        options.inline = inline
        options.fixedSize = size
    }
}
