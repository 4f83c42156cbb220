// The module piscina loads in each worker thread. The product runs from its TypeScript source (tsx), and a worker
// thread does not inherit the loader of the thread that starts it, so the job code is loaded through tsx's API.
import { tsImport } from 'tsx/esm/api'

const { runWorkerTask } = await tsImport('./worker-entry.ts', import.meta.url)

export default runWorkerTask
