import { serve } from '@hono/node-server'
import { loadConfig } from '../config.js'
import { PolicyCorpus } from '../corpus/policy-corpus.js'
import { DocumentStore } from '../store/document-store.js'
import { createApp } from './app.js'

/** `npm start`: the server on the embedded default — bundled policies, data under DATA_DIR, no API key needed. */
async function main(): Promise<void> {
  const config = loadConfig()
  const corpus = await PolicyCorpus.open(config, new DocumentStore(config.dataDir))
  const app = createApp({ config, corpus })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const { documents, clauses } = corpus.stats
    console.log(`园区报告助手已启动：http://${config.host}:${info.port}/  （${documents} 份政策文件，${clauses} 条条款；数据目录 ${config.dataDir}）`)
  })
  const stop = () => server.close(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
