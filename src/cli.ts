#!/usr/bin/env node
/**
 * The command-line interface: `npm run -s cli -- <command> [options]`. Each command is a module in
 * src/cli/ that parses its own options and calls the same pure functions the HTTP API uses.
 */
import { UserError } from './errors.js'
import { commands } from './cli/commands.js'
import { exitCodeOf } from './cli/command.js'

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

// `… | head` closes the pipe early: the reader has what it wanted, which is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(process.exitCode ?? 0)
})

main(process.argv.slice(2)).then(
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
