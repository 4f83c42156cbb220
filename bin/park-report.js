#!/usr/bin/env node
// The CLI (`npm run -s cli -- …`, or `park-report …` through the package's bin): the bundled JavaScript in
// dist/bundle/, rebuilt first when a source file changed since the last build (scripts/build.mjs).
import { ensureBuilt } from '../scripts/build.mjs'

await ensureBuilt()
await import('../dist/bundle/cli.js')
