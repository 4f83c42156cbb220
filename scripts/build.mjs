/**
 * Compiles src/ to plain JavaScript in dist/ so that `npm start` and the CLI start without compiling TypeScript at
 * run time (under tsx the CLI took 1.6 s to check one draft, of which the check was 5 ms). `npm ci` runs it through the
 * `prepare` script; the launchers in bin/ run it again when a file under src/ is newer than the last build, so an
 * edited checkout never runs stale code and a fresh clone needs no extra command.
 *
 * Each module is transformed on its own (no bundling): dist/ mirrors src/ file for file, so every
 * `new URL('./data/…', import.meta.url)` finds its file copied beside it and every `new URL('../../prompts/…',
 * import.meta.url)` still reaches the repository root, and a lazy `import()` stays lazy. Files that are not
 * TypeScript (data JSON, word lists, SQL migrations, the web page) are copied as they are.
 *
 * The CLI also gets a bundle (dist/bundle/, see bundleCli) run with V8's code cache: one start reads three files instead
 * of two hundred and compiles almost nothing; and a start-up snapshot of that bundle's evaluated modules
 * (scripts/cli-snapshot.mjs), which bin/park-report.js starts from when it can.
 *
 * Tests never read dist/: vitest runs the TypeScript sources.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const SOURCE_DIR = join(ROOT, 'src')
export const OUT_DIR = join(ROOT, 'dist')
/** Folder of dist/ holding the bundled CLI, and its file name (bin/park-report.js runs it). */
export const CLI_BUNDLE_DIR = 'bundle'
export const CLI_BUNDLE_FILE = 'cli.cjs'
/**
 * Packages bundled into the CLI. zod is ~95 small modules loaded by every command; every other package stays an
 * import resolved at run time: they are native (jieba, canvas), locate their own files (PGlite's WASM, pdf.js'
 * worker, the OCR models) or are only loaded by the commands that need them.
 */
const BUNDLED_PACKAGES = new Set(['zod'])
/** Written last: its time is the time of the build, compared with the sources' by isBuildStale. */
const STAMP_NAME = '.built'

/** Every file under `dir`, as absolute paths. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** The build's own code: a change to it makes dist/ stale as a change under src/ does. */
const BUILD_SCRIPTS = ['build.mjs', 'cli-snapshot.mjs', 'cli-snapshot-prelude.cjs'].map((name) => join(ROOT, 'scripts', name))

/** Whether `outDir` is missing or older than some file under src/ (or than the build's scripts). A few milliseconds. */
export function isBuildStale(outDir = OUT_DIR) {
  let builtAt
  try {
    builtAt = statSync(join(outDir, STAMP_NAME)).mtimeMs
  } catch {
    return true
  }
  const newest = Math.max(...BUILD_SCRIPTS.map((file) => statSync(file).mtimeMs), ...filesUnder(SOURCE_DIR).map((file) => statSync(file).mtimeMs))
  return newest > builtAt
}

/**
 * Builds into a directory of its own and then swaps it in, so that a process starting meanwhile (a second launcher,
 * a running server's lazy import) never sees a half-written dist/.
 */
export async function buildDist(outDir = OUT_DIR) {
  // esbuild is loaded only to build: the launchers import this module on every start to check staleness.
  const { build } = await import('esbuild')
  const staging = `${outDir}.building-${process.pid}`
  rmSync(staging, { recursive: true, force: true })
  const files = filesUnder(SOURCE_DIR)
  const typescript = files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  await build({
    entryPoints: typescript,
    outdir: staging,
    outbase: SOURCE_DIR,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  })
  for (const file of files) {
    if (file.endsWith('.ts')) continue
    const target = join(staging, relative(SOURCE_DIR, file))
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(file, target)
  }
  // Data derived from dependencies once here rather than in every process that starts (see tokenize.ts).
  const { writeCompactDictionary } = await import(pathToFileURL(join(staging, 'retrieve', 'tokenize.js')).href)
  writeCompactDictionary(join(staging, 'retrieve'))
  const { writeBuiltInKinds } = await import(pathToFileURL(join(staging, 'kinds', 'registry.js')).href)
  writeBuiltInKinds(join(staging, 'kinds'))
  await bundleCli(build, staging)
  writeFileSync(join(staging, STAMP_NAME), `${new Date().toISOString()}\n`)
  const previous = `${outDir}.previous-${process.pid}`
  try {
    renameSync(outDir, previous)
  } catch {
    // No previous build.
  }
  renameSync(staging, outDir)
  rmSync(previous, { recursive: true, force: true })
  // Trained in place, not in the staging folder: the cache records the file name the code was compiled under, which
  // stack traces show.
  await trainCodeCache(join(outDir, CLI_BUNDLE_DIR, CLI_BUNDLE_FILE))
  const { buildCliSnapshot } = await import('./cli-snapshot.mjs')
  await buildCliSnapshot(join(outDir, CLI_BUNDLE_DIR))
  return typescript.length
}

/**
 * Bundles the CLI into `<outDir>/bundle/cli.cjs`: src/cli.ts, everything it imports and zod in one CommonJS file, which
 * bin/cached-script.js runs with V8's code cache (CommonJS because Node 20 compiles ES modules without one); and the same
 * for src/cli/snapshot.ts into `cli-snapshot.cjs`, the start-up snapshot's code (scripts/cli-snapshot.mjs). A command
 * module imported lazily stays lazy: esbuild wraps it in a function run at its first import, so `check` never runs
 * what `draft` or `export` need. Every module's `import.meta.url` becomes the URL of its own file in the mirrored
 * dist/, so the data files it reads beside itself (`new URL('./data/…', import.meta.url)`), the worker files it starts
 * and the packages it resolves are found exactly where the file-for-file build put them.
 */
async function bundleCli(build, outDir) {
  const bundleDir = join(outDir, CLI_BUNDLE_DIR)
  const options = {
    outdir: bundleDir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    banner: { js: 'const __mirroredUrl = (path) => require("node:url").pathToFileURL(require("node:path").join(__dirname, path)).href;' },
    plugins: [
      {
        name: 'park-report-cli',
        setup(plugin) {
          plugin.onResolve({ filter: /^[^./]/ }, ({ path }) => {
            if (path.startsWith('node:')) return { external: true }
            const name = path.split('/').slice(0, path.startsWith('@') ? 2 : 1).join('/')
            return BUNDLED_PACKAGES.has(name) ? undefined : { external: true }
          })
          plugin.onLoad({ filter: /\.ts$/ }, ({ path }) => {
            if (!path.startsWith(SOURCE_DIR)) return undefined
            const mirrored = relative(bundleDir, join(outDir, relative(SOURCE_DIR, path))).replace(/\.ts$/, '.js')
            const source = readFileSync(path, 'utf8').replaceAll('import.meta.url', `__mirroredUrl(${JSON.stringify(mirrored)})`)
            return { contents: source, loader: 'ts' }
          })
        },
      },
    ],
  }
  await build({ ...options, entryPoints: { cli: join(SOURCE_DIR, 'cli.ts') } })
  // The snapshot keeps its code's source text, read again at each start: without comments (some are Chinese, which
  // makes V8 store the whole text in two bytes a character) it is 1.1 MB of one-byte text instead of 3.5 MB.
  await build({ ...options, entryPoints: { 'cli-snapshot': join(SOURCE_DIR, 'cli', 'snapshot.ts') }, minifyWhitespace: true, charset: 'ascii' })
}

/**
 * Writes the bundle's code cache: one run of `check` on a sample draft with its park data, the command people run
 * most, compiles the code every command shares (zod, the park schema, the report model) and the whole checker.
 * Without a cache the CLI still works, only slower: a failed training run is a warning, not a failed install.
 */
async function trainCodeCache(bundle) {
  // Loaded here: the launchers import this module on every start, and a CLI start has no other use for it.
  const { spawnSync } = await import('node:child_process')
  const args = ['check', 'fixtures/drafts/nanling-green.txt', '--park', 'fixtures/parks/nanling-green.json', '--json']
  const env = { ...process.env, NODE_OPTIONS: '', KINDS_DIR: '' }
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'train-code-cache.mjs'), bundle, ...args], { cwd: ROOT, env, encoding: 'utf8' })
  // `check` exits with 1 when the draft has errors: the sample has some, by design.
  if (run.status !== 0 && run.status !== 1) console.warn(`The CLI's code cache was not written (${run.status}): ${run.stderr.slice(-500)}`)
}

/** For the launchers: build `outDir` when stale, quietly. */
export async function ensureBuilt(outDir = OUT_DIR) {
  if (isBuildStale(outDir)) await buildDist(outDir)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const count = await buildDist(process.argv[2] ? resolve(process.argv[2]) : OUT_DIR)
  console.log(`dist/: ${count} modules compiled`)
}
