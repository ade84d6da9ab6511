/// The smallest catalog structure: one party and lane for a `fagsystem` system, one band with the
/// frequency `hver_tilslutning`, one column `forudsætning`, and fagsystems as a plan's repeated
/// system. Tests that write their own tasks put it beside `integration`, `systemer` and `roller`.
public enum MinimalCatalog {
    public static let structure = """
        baner: {parter: [{id: fagsystem, navn: Fagsystem, system: fagsystem}]}
        bånd: [{id: b, navn: B, frekvenser: [{id: hver_tilslutning, pr: fagsystem}]}]
        kolonner: [{id: forudsætning, overskrift: F}]
        plan: {systemer: [{id: fagsystem, nøgle: fagsystemer, antal: flere}], baner: [fagsystem, {for_hver: fagsystem, parter: [fagsystem]}]}
        """
}
