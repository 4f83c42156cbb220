/**
 * Entry of the CLI's start-up snapshot (scripts/build.mjs → buildCliSnapshot, run by bin/park-report.js): the
 * snapshot holds the heap after `preloadForSnapshot`, so a `check` starts with its modules already evaluated — the
 * kinds validated, the rules' patterns and word lists built, the zod schemas constructed.
 */
import { commands } from './commands.js'

export { runCli } from './run.js'

/**
 * Evaluates the modules of the commands a person runs most, without running them. Packages outside the bundle (jieba,
 * canvas …) are not loaded here: a native addon cannot be in a snapshot, and the build's entry hands the bundle a
 * require that loads them at their first use, after the snapshot is read.
 */
export async function preloadForSnapshot(): Promise<void> {
  await commands.check!.load()
}
