/**
 * Code of the CLI's start-up snapshot (scripts/cli-snapshot.mjs, run by bin/park-report.js for `check`): the `check`
 * command and every module it imports, which the snapshot holds evaluated — the kinds validated, the rules' patterns
 * and word lists built, the zod schemas constructed. Only `check`, the command a person waits for: each module more in
 * the snapshot is read again at every start, and the other commands run the bundle (dist/bundle/cli.cjs).
 */
import { checkCommand } from './check.js'
import { runCommand } from './run.js'

/** `check <arguments>`. */
export function runCheck(args: string[]): Promise<void> {
  return runCommand(() => checkCommand, args)
}
