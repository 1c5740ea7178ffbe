import CommuneScoringCLI
import Foundation

CLI.installInterruptionHandling()
let terminal = StandardTerminal()
let code = CLI.run(Array(CommandLine.arguments.dropFirst()), terminal: terminal)
terminal.flush()
exit(code)
