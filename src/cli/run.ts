/**
 * Runs one CLI command with its arguments and sets the exit code from its result or its error. Shared by src/cli.ts and
 * the start-up snapshot's entry (src/cli/snapshot.ts), which holds the `check` command only.
 */
import { UserError } from '../errors.js'
import { exitCodeOf, type CliCommand } from './command.js'

/** Runs `command` on `args` (the arguments after its name) and sets `process.exitCode`. */
export function runCommand(command: () => Promise<CliCommand> | CliCommand, args: string[]): Promise<void> {
  // `… | head` closes the pipe early: the reader has what it wanted, which is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    process.exit(process.exitCode ?? 0)
  })
  return (async () => (await command()).run(args))().then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      if (error instanceof UserError) {
        process.stderr.write(`错误：${error.message}\n`)
        process.exitCode = exitCodeOf(error)
      } else {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
        process.exitCode = 70
      }
    },
  )
}
