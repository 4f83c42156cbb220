// The build's training run (scripts/build.mjs): `node scripts/train-code-cache.mjs <bundle> <CLI arguments…>` runs the
// CLI bundle with those arguments and writes its code cache on exit (bin/cached-script.js).
import { resolve } from 'node:path'
import { runCommonJs } from '../bin/cached-script.js'

const [bundle] = process.argv.splice(2, 1)
runCommonJs(resolve(bundle), { writeCacheOnExit: true })
