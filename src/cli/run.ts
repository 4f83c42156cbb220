/**
 * Runs one CLI command line (`npm run -s cli -- <command> [options]`): finds the command, loads its module and sets
 * the exit code. Shared by src/cli.ts and the start-up snapshot's entry (src/cli/snapshot.ts).
 */
import { UserError } from '../errors.js'
import { commands } from './commands.js'
import { exitCodeOf } from './command.js'

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  const command = name ? commands[name] : undefined
  if (!command) {
    const list = Object.entries(commands)
      .map(([id, c]) => `  ${id.padEnd(10)} ${c.summary}`)
      .join('\n')
    process.stderr.write(`${name && name !== 'help' ? `未知命令：${name}\n\n` : ''}用法：npm run -s cli -- <命令> [选项]\n\n命令：\n${list}\n`)
    return name && name !== 'help' ? 2 : 0
  }
  return (await command.load()).run(rest)
}

/** Runs the command line `argv` (the arguments after the script) and sets `process.exitCode`. */
export function runCli(argv: string[]): Promise<void> {
  // `… | head` closes the pipe early: the reader has what it wanted, which is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    process.exit(process.exitCode ?? 0)
  })
  return main(argv).then(
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
