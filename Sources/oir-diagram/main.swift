import OIRCommands

// The executable is only the entry point; the commands live in the OIRCommands library, which
// tests call in-process.
OIRDiagramCommand.start()
