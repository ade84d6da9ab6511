import OIRLayout

/// A laid-out diagram with the route of every arrow: what every output format draws. Only
/// `EdgeRouter.routed` makes one, so no format can meet an arrow without its route. Reads as
/// the `Diagram` it holds (`routed.boxes`, `routed.edges`).
@dynamicMemberLookup
public struct RoutedDiagram: Sendable, Equatable {
    public let diagram: Diagram
    /// The route of each of `diagram.edges`, in the same order.
    public let routes: [EdgeRoute]

    init(diagram: Diagram, routes: [EdgeRoute]) {
        precondition(routes.count == diagram.edges.count, "one route per arrow")
        self.diagram = diagram
        self.routes = routes
    }

    public subscript<Value>(dynamicMember path: KeyPath<Diagram, Value>) -> Value {
        diagram[keyPath: path]
    }

    /// Each arrow with its route.
    public var routedEdges: Zip2Sequence<[Diagram.Edge], [EdgeRoute]> {
        zip(diagram.edges, routes)
    }
}
