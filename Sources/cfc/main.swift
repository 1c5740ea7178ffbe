import CommuneScoringCLI
import Foundation

let terminal = StandardTerminal()
let code = CLI.run(Array(CommandLine.arguments.dropFirst()), terminal: terminal)
terminal.flush()
exit(code)
