import { checkCommand } from './check.js'
import type { CliCommand } from './command.js'
import { draftCommand } from './draft.js'
import { evalLlmCommand } from './eval-llm.js'
import { rewriteCommand } from './rewrite.js'
import { exportCommand } from './export.js'
import { kindsCommand } from './kinds.js'
import { parkCommand } from './park.js'
import { retrieveCommand } from './retrieve.js'

/** Every CLI command by name; `npm run -s cli -- help` lists them. */
export const commands: Record<string, CliCommand> = {
  retrieve: retrieveCommand,
  draft: draftCommand,
  'eval-llm': evalLlmCommand,
  check: checkCommand,
  rewrite: rewriteCommand,
  export: exportCommand,
  park: parkCommand,
  kinds: kindsCommand,
}
