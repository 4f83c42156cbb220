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
const data = JSON.parse(readFileSync('fixtures/parks/jialan-digital.json', 'utf8'))
const park = await (await fetch(`${base}/api/parks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data }) })).json() as any
const body = readFileSync('fixtures/drafts/jialan-digital.txt','utf8')
const form = new FormData(); form.append('file', new File([body], 'a.txt'))
await fetch(`${base}/api/parks/${park.park.id}/drafts/upload`, { method: 'POST', body: form })
await page.goto(`${base}/#review`)
await page.selectOption('#park-picker', park.park.id)
await page.waitForSelector('.zishu-total')
const paragraph = body.split('\n').filter((line) => line.length > 80)
let long = body
for (let i = 0; [...long].length < 23_000; i++) long += `\n${paragraph[i % paragraph.length]}`
await page.evaluate(() => { const g = globalThis as any; g.tasks = []; new g.PerformanceObserver((list: any) => { for (const e of list.getEntries()) g.tasks.push(Math.round(e.duration)) }).observe({ type: 'longtask' }) })
const r = await page.locator('#draft-text').evaluate((area: any, text) => {
  area.focus(); area.select()
  const before = [area.selectionStart, area.selectionEnd, area.value.length]
  const data = new DataTransfer(); data.setData('text/plain', text)
  const notCancelled = area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  return { before, notCancelled, after: area.value.length }
}, long)
console.log(JSON.stringify(r), long.length, body.length)
await page.waitForFunction(() => /^审校完成/.test(document.querySelector('#panel-review .message')?.textContent ?? ''), null, { timeout: 120000 })
await page.waitForTimeout(2000)
console.log('tasks', JSON.stringify(await page.evaluate(() => (globalThis as any).tasks)))
await ctx.close()
await stopServer(server)
