#!/usr/bin/env node
/**
 * The command-line interface: `npm run -s cli -- <command> [options]`. Each command is a module in
 * src/cli/ that parses its own options and calls the same pure functions the HTTP API uses.
 */
import { runCli } from './cli/run.js'

void runCli(process.argv.slice(2))
