/**
 * A scripted OpenAI-compatible embeddings server on 127.0.0.1 for tests.
 *
 * Vectors are deterministic bags of characters: each character adds 1 to dimension
 * (code point mod DIMS), so texts sharing characters have a high cosine similarity.
 * `mode` scripts failures: 'error' answers HTTP 500, 'hang' never answers (client timeout).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export const DIMS = 64

/** Whitespace and punctuation carry no meaning for the toy embedding. */
const IGNORED = /[\s\p{P}]/gu

export function bagOfCharacters(text: string): number[] {
  const v = new Array<number>(DIMS).fill(0)
  for (const ch of text.replace(IGNORED, '')) {
    const d = (ch.codePointAt(0) as number) % DIMS
    v[d] = (v[d] as number) + 1
  }
  return v
}

export interface EmbeddingsServer {
  baseURL: string
  mode: 'ok' | 'error' | 'hang'
  /** Inputs of every request received, in order. */
  requests: string[][]
  /** Authorization headers received. */
  authorizations: (string | undefined)[]
  close(): Promise<void>
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export async function startEmbeddingsServer(): Promise<EmbeddingsServer> {
  const state: Omit<EmbeddingsServer, 'baseURL' | 'close'> = { mode: 'ok', requests: [], authorizations: [] }
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = JSON.parse(await readBody(req)) as { input: string | string[]; model: string; encoding_format?: string }
    const input = Array.isArray(body.input) ? body.input : [body.input]
    state.requests.push(input)
    state.authorizations.push(req.headers.authorization)
    if (req.url !== '/v1/embeddings' || req.method !== 'POST') {
      res.writeHead(404).end()
      return
    }
    if (state.mode === 'hang') return
    if (state.mode === 'error') {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { message: 'model overloaded', type: 'server_error' } }))
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        object: 'list',
        model: body.model,
        // reversed on purpose: clients must order by `index`
        data: input.map((text, index) => ({ object: 'embedding', index, embedding: bagOfCharacters(text) })).reverse(),
        usage: { prompt_tokens: 0, total_tokens: 0 },
      }),
    )
  }
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(400).end())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(state, {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  })
}
