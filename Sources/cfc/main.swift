import CommuneScoringCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

CLI.installInterruptionHandling()
let terminal = StandardTerminal()
let code = CLI.run(Array(CommandLine.arguments.dropFirst()), terminal: terminal)
terminal.flush()
exit(code)
