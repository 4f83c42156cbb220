import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { loadConfig, type AppConfig } from '../../src/config.js'
import { PolicyCorpus } from '../../src/corpus/policy-corpus.js'
import { createApp } from '../../src/server/app.js'
import { openWorkspace, type Workspace } from '../../src/store/workspace.js'

/** Shared by the workspace route tests: an app over a real workspace (PGlite) in a temporary DATA_DIR. */

export const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')
export const parkFixture = (name: string) => JSON.parse(fixture(`parks/${name}.json`)) as Record<string, unknown> & { park: { name: string } }

export const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

export function multipart(fields: Record<string, string | File>): RequestInit {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return { method: 'POST', body: form }
}

export interface TestWorkspace {
  app: Hono
  workspace: Workspace
  config: AppConfig
  close(): Promise<void>
}

export async function openTestWorkspace(env: Record<string, string> = {}): Promise<TestWorkspace> {
  const dataDir = mkdtempSync(join(tmpdir(), 'park-report-ws-'))
  const config = loadConfig({ DATA_DIR: dataDir, ...env })
  const workspace = await openWorkspace({ dataDir, env: {} })
  const corpus = await PolicyCorpus.open(config, workspace.documents)
  return {
    app: createApp({ config, corpus, workspace }),
    workspace,
    config,
    close: async () => {
      await workspace.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Reads a JSON answer with its status, for `expect({status, body})`. */
export async function answer<T = Record<string, unknown>>(response: Response | Promise<Response>): Promise<{ status: number; body: T }> {
  const r = await response
  const text = await r.text()
  return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T }
}
