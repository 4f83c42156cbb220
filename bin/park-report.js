#!/bin/sh
":" /*
# The CLI (`npm run -s cli -- …`, or `park-report …` through the package's bin link). This file is both a shell script
# and a JavaScript module. Run as a program (the bin link, `npm run cli`), the shell reads it: for `check`, when the
# start-up snapshot in dist/bundle/ is current (built by the node on PATH, newer than that node and than every source and
# build script), node starts from it directly: the check's modules are already evaluated (scripts/cli-snapshot.mjs).
# Otherwise — and when run as `node bin/park-report.js` — node reads the JavaScript below, which rebuilds what is stale
# and runs the bundle.
self=$(readlink -f "$0" 2>/dev/null) || self=$0
root=${self%/*}/..
blob=$root/dist/bundle/cli.blob
if [ "$1" = check ] && [ -f "$blob" ] && node=$(command -v node) && node=$(readlink -f "$node") && read -r built_by 2>/dev/null <"$blob.node" && [ "$built_by" = "$node" ] &&
  [ -z "$(find -H "$node" "$root/src" "$root/scripts/build.mjs" "$root/scripts/cli-snapshot.mjs" "$root/scripts/cli-snapshot-prelude.cjs" -newer "$blob.node" -print -quit 2>&1)" ]; then
  exec "$node" --snapshot-blob "$blob" "$@"
fi
exec node "$self" "$@"
*/
// Run by node: the bundle in dist/bundle/ with its code cache, rebuilt first when a source file changed since the last
// build (scripts/build.mjs), and the snapshot rebuilt when another node is running (the shell above then uses it).
import { fileURLToPath } from 'node:url'
import { CLI_BUNDLE_DIR, CLI_BUNDLE_FILE, ensureBuilt } from '../scripts/build.mjs'
import { runCommonJs } from './cached-script.js'

const dist = fileURLToPath(new URL('../dist', import.meta.url))
await ensureBuilt(dist)
const bundleDir = `${dist}/${CLI_BUNDLE_DIR}`
const { buildCliSnapshot, snapshotTriedByThisNode } = await import('../scripts/cli-snapshot.mjs')
if (!snapshotTriedByThisNode(bundleDir)) await buildCliSnapshot(bundleDir)
runCommonJs(`${bundleDir}/${CLI_BUNDLE_FILE}`)
