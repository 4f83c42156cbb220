#!/usr/bin/env node
// `npm start`: the server from the compiled JavaScript in dist/, rebuilt first when a source file changed since the
// last build (scripts/build.mjs).
import { ensureBuilt } from '../scripts/build.mjs'

await ensureBuilt()
await import('../dist/server/main.js')
