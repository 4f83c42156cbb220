// The module piscina loads in each worker thread. In the build (dist/, `npm start`) the job code is compiled beside
// it; run from the TypeScript sources (tests, `tsx`), it is loaded through tsx's API, because a worker thread does
// not inherit the loader of the thread that starts it.
import { existsSync } from 'node:fs'
import { URL } from 'node:url'

const compiled = new URL('./worker-entry.js', import.meta.url)
const { runWorkerTask } = existsSync(compiled)
  ? await import(compiled.href)
  : await (await import('tsx/esm/api')).tsImport('./worker-entry.ts', import.meta.url)

export default runWorkerTask
