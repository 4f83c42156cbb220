/**
 * The CLI's start-up snapshot (dist/bundle/cli.blob): V8's heap after the CLI's modules were evaluated, which
 * `node --snapshot-blob cli.blob <arguments>` starts from instead of evaluating them again (Node's "Startup snapshot
 * API"). bin/park-report.js uses it when it is current: built from the current sources by the node that runs it.
 *
 * The snapshot is built from dist/bundle/cli-snapshot.cjs (src/cli/snapshot.ts bundled as the CLI is) wrapped by
 * scripts/cli-snapshot-prelude.cjs, which keeps packages outside the bundle (native addons among them) out of the heap.
 * Without a snapshot the CLI still works, only slower: a failed build is a warning, not a failed install.
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** File names in dist/bundle/: the bundle the snapshot is made of, the entry built from it, the snapshot. */
export const SNAPSHOT_BUNDLE_FILE = 'cli-snapshot.cjs'
export const SNAPSHOT_ENTRY_FILE = 'cli-snapshot-entry.cjs'
export const SNAPSHOT_FILE = 'cli.blob'
/**
 * Beside the snapshot: the node executable that built it, the only one that can read it (another Node version refuses
 * it and exits). bin/park-report.js compares it with the node it would run. Written also when the build failed (and
 * then without a snapshot), so that the launcher does not try again at every start.
 */
export const SNAPSHOT_NODE_SUFFIX = '.node'

const PRELUDE = new URL('./cli-snapshot-prelude.cjs', import.meta.url)

/**
 * The snapshot entry's source: the prelude, then the bundle as a function of the CommonJS module variables and of
 * `__import`, which the bundle's import() calls are routed through (code run from a snapshot has no loader for them).
 */
export function snapshotEntrySource(bundleSource, entryFile) {
  const routed = bundleSource.replace(/^#!/, '//').replace(/\bimport\((?=["'`])/g, '__import(')
  const entry = `const ENTRY_FILE = ${JSON.stringify(entryFile)};\n${readFileSync(PRELUDE, 'utf8')}\nfunction bundle(exports, require, module, __filename, __dirname, __import) {${routed}\n}\n`
  // The snapshot keeps the source text, and one character outside ASCII makes V8 store all of it in two bytes a
  // character. esbuild escapes strings (charset: 'ascii') but not regular expression literals, where \uXXXX means the
  // same character (a surrogate pair escaped so is still one character under the u flag; an identity escape such as
  // \（ loses its backslash); the bundle has no comments.
  return entry.replace(/(\\*)([\u0080-\uffff])/g, (_, backslashes, char) => {
    const kept = backslashes.length % 2 === 1 ? backslashes.slice(1) : backslashes
    return `${kept}\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}

/** Builds `<bundleDir>/cli.blob` with the node running this script. Returns whether it was built. */
export async function buildCliSnapshot(bundleDir) {
  // Loaded here: bin/park-report.js imports this module at every start it makes without the snapshot.
  const { spawnSync } = await import('node:child_process')
  const entry = join(bundleDir, SNAPSHOT_ENTRY_FILE)
  writeFileSync(entry, snapshotEntrySource(readFileSync(join(bundleDir, SNAPSHOT_BUNDLE_FILE), 'utf8'), entry))
  const blob = join(bundleDir, SNAPSHOT_FILE)
  const building = `${blob}.${process.pid}`
  // What the modules read from the environment while they are evaluated is kept in the heap: build with none of the
  // settings they read (the snapshot's entry runs the plain bundle when KINDS_DIR is set).
  const env = { ...process.env, NODE_OPTIONS: '', KINDS_DIR: '' }
  const run = spawnSync(process.execPath, ['--snapshot-blob', building, '--build-snapshot', entry], { cwd: bundleDir, env, encoding: 'utf8' })
  const built = run.status === 0
  if (built) renameSync(building, blob)
  else {
    rmSync(building, { force: true })
    rmSync(blob, { force: true })
    console.warn(`The CLI's start-up snapshot was not built (${run.status}): ${run.stderr.slice(-800)}`)
  }
  // Written after the snapshot: the launcher runs a snapshot only when this stamp names its node and is newer than it.
  writeFileSync(`${blob}${SNAPSHOT_NODE_SUFFIX}`, `${process.execPath}\n`)
  return built
}

/**
 * Whether the snapshot in `bundleDir` was last built (or tried) by this node executable, after it was last replaced:
 * when not, bin/park-report.js builds it again for this node.
 */
export function snapshotTriedByThisNode(bundleDir) {
  const stamp = join(bundleDir, `${SNAPSHOT_FILE}${SNAPSHOT_NODE_SUFFIX}`)
  try {
    return readFileSync(stamp, 'utf8').trim() === process.execPath && statSync(process.execPath).mtimeMs <= statSync(stamp).mtimeMs
  } catch {
    return false
  }
}
