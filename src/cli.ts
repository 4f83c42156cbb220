#!/usr/bin/env node
/**
 * The command-line interface: `npm run -s cli -- <command> [options]`. Each command is a module in
 * src/cli/ that parses its own options and calls the same pure functions the HTTP API uses.
 */
import { commands } from './cli/commands.js'
import { runCommand } from './cli/run.js'

const [name, ...rest] = process.argv.slice(2)
const command = name ? commands[name] : undefined
if (command) {
  void runCommand(command.load, rest)
} else {
  const list = Object.entries(commands)
    .map(([id, c]) => `  ${id.padEnd(10)} ${c.summary}`)
    .join('\n')
  process.stderr.write(`${name && name !== 'help' ? `未知命令：${name}\n\n` : ''}用法：npm run -s cli -- <命令> [选项]\n\n命令：\n${list}\n`)
  process.exitCode = name && name !== 'help' ? 2 : 0
}
