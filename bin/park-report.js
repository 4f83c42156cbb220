#!/usr/bin/env node
// The CLI (`npm run -s cli -- …`, or `park-report …` through the package's bin): the compiled JavaScript in dist/,
// rebuilt first when a source file changed since the last build (scripts/build.mjs).
import { ensureBuilt } from '../scripts/build.mjs'

await ensureBuilt()
await import('../dist/cli.js')
