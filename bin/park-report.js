#!/usr/bin/env node
// The CLI (`npm run -s cli -- …`, or `park-report …` through the package's bin): the bundle in dist/bundle/ with its
// code cache, rebuilt first when a source file changed since the last build (scripts/build.mjs).
import { fileURLToPath } from 'node:url'
import { CLI_BUNDLE_DIR, CLI_BUNDLE_FILE, ensureBuilt } from '../scripts/build.mjs'
import { runCommonJs } from './cached-script.js'

await ensureBuilt()
runCommonJs(fileURLToPath(new URL(`../dist/${CLI_BUNDLE_DIR}/${CLI_BUNDLE_FILE}`, import.meta.url)))
