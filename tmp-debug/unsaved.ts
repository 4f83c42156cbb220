import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, launchBrowser, startServer, stopServer } from '../test/e2e/harness.js'
const dataDir = mkdtempSync(join(tmpdir(), 'dbg-'))
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const server = await startServer(dataDir, port)
const ctx = await launchBrowser(mkdtempSync(join(tmpdir(), 'dbgc-')), { width: 1366, height: 768 })
const page = ctx.pages()[0] ?? (await ctx.newPage())
page.on('pageerror', (e) => console.log('PAGEERROR', e.message))
const data = JSON.parse(readFileSync('fixtures/parks/nanling-green.json', 'utf8'))
const park = await (await fetch(`${base}/api/parks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data }) })).json() as any
await page.goto(`${base}/#park`)
await page.selectOption('#park-picker', park.park.id)
const intro = page.getByLabel('工业园区简介')
await intro.fill(`${await intro.inputValue()}园区新增两家链主企业。`)
await page.waitForTimeout(1000)
console.log('status', await page.locator('.form-toolbar .save-status').textContent())
console.log('keys', await page.evaluate(() => Object.keys(localStorage)))
await page.click('#tab-draft')
await page.waitForTimeout(1000)
console.log('notice', await page.locator('#draft-unsaved-park').count(), await page.locator('#draft-unsaved-park').textContent())
console.log('panel', (await page.locator('#panel-draft').textContent())?.slice(0, 200))
await ctx.close()
await stopServer(server)
