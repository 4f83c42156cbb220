/**
 * Compiles src/ to plain JavaScript in dist/ so that `npm start` and the CLI start without compiling TypeScript at
 * run time (tsx took over a second to load the CLI). `npm ci` runs it through the `prepare` script; the launchers in
 * bin/ run it again when a file under src/ is newer than the last build, so an edited checkout never runs stale code.
 *
 * Each module is transformed on its own (no bundling): dist/ mirrors src/ file for file, one directory deep like
 * src/, so every `new URL('./data/…', import.meta.url)` finds its file copied beside it and every
 * `new URL('../../prompts/…', import.meta.url)` still reaches the repository root. Files that are not TypeScript
 * (data JSON, word lists, SQL migrations, the web page) are copied as they are.
 *
 * Tests never read dist/: vitest runs the TypeScript sources.
 */
import { build } from 'esbuild'
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const SOURCE_DIR = join(ROOT, 'src')
export const OUT_DIR = join(ROOT, 'dist')
/** Written last: its time is the time of the build, compared with the sources' by isBuildStale. */
export const STAMP = join(OUT_DIR, '.built')

/** Every file under `dir`, as absolute paths. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** Whether dist/ is missing or older than some file under src/ (or than this script). */
export function isBuildStale() {
  let builtAt
  try {
    builtAt = statSync(STAMP).mtimeMs
  } catch {
    return true
  }
  const newest = Math.max(statSync(fileURLToPath(import.meta.url)).mtimeMs, ...filesUnder(SOURCE_DIR).map((file) => statSync(file).mtimeMs))
  return newest > builtAt
}

export async function buildDist() {
  rmSync(OUT_DIR, { recursive: true, force: true })
  const files = filesUnder(SOURCE_DIR)
  const typescript = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  await build({
    entryPoints: typescript,
    outdir: OUT_DIR,
    outbase: SOURCE_DIR,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  })
  for (const file of files) {
    if (typescript.includes(file)) continue
    const target = join(OUT_DIR, relative(SOURCE_DIR, file))
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(file, target)
  }
  writeFileSync(STAMP, `${new Date().toISOString()}\n`)
  return typescript.length
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const onlyIfStale = process.argv.includes('--if-stale')
  if (!onlyIfStale || isBuildStale()) {
    const count = await buildDist()
    if (!onlyIfStale) console.log(`dist/: ${count} modules compiled`)
  }
}
