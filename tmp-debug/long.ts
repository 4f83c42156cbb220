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
await page.evaluate(() => {
  const g = globalThis as any
  g.tasks = []
  new g.PerformanceObserver((list: any) => { for (const e of list.getEntries()) g.tasks.push([Math.round(e.startTime), Math.round(e.duration)]) }).observe({ type: 'longtask' })
})
console.log('value only', await page.evaluate((text) => { const t = document.querySelector('#draft-text') as HTMLTextAreaElement; const a = performance.now(); t.value = text; void t.offsetHeight; return Math.round(performance.now() - a) }, long))
console.log('backdrop only', await page.evaluate((text) => { const b = document.querySelector('.backdrop') as HTMLElement; const a = performance.now(); b.textContent = text; void b.offsetHeight; return Math.round(performance.now() - a) }, long))
console.log('input event', await page.evaluate(() => { const t = document.querySelector('#draft-text') as HTMLTextAreaElement; const a = performance.now(); t.dispatchEvent(new Event('input')); void t.offsetHeight; return Math.round(performance.now() - a) }))
console.log('small insertText', await page.evaluate(() => { const t = document.querySelector('#draft-text') as HTMLTextAreaElement; t.focus(); t.setSelectionRange(100, 102); const a = performance.now(); document.execCommand('insertText', false, '嘉澜'); void t.offsetHeight; return Math.round(performance.now() - a) }))
console.log('whole insertText, overflow-wrap normal', await page.evaluate((text) => { const t = document.querySelector('#draft-text') as HTMLTextAreaElement; t.style.overflowWrap = 'normal'; t.focus(); t.select(); const a = performance.now(); document.execCommand('insertText', false, text + '，'); void t.offsetHeight; t.style.overflowWrap = ''; return Math.round(performance.now() - a) }, long))
console.log('whole insertText', await page.evaluate((text) => { const t = document.querySelector('#draft-text') as HTMLTextAreaElement; t.focus(); t.select(); const a = performance.now(); document.execCommand('insertText', false, text + '。'); void t.offsetHeight; return Math.round(performance.now() - a) }, long))
console.log('plain textarea insertText', await page.evaluate((text) => { const t = document.createElement('textarea'); document.body.append(t); t.focus(); const a = performance.now(); document.execCommand('insertText', false, text); void t.offsetHeight; const d = Math.round(performance.now() - a); t.remove(); return d }, long))
await page.waitForTimeout(3000)
const t0 = await page.evaluate(() => Math.round(performance.now()))
await page.locator('#draft-text').fill(long)
const t1 = await page.evaluate(() => Math.round(performance.now()))
await page.waitForFunction(() => /^审校完成/.test(document.querySelector('#panel-review .message')?.textContent ?? ''), null, { timeout: 120000 })
const t2 = await page.evaluate(() => Math.round(performance.now()))
console.log('fill', t0, t1, 'checked', t2)
console.log('tasks', JSON.stringify(await page.evaluate(() => (globalThis as any).tasks)))
console.log('findings', await page.locator('li.finding').count(), await page.locator('.backdrop mark').count(), await page.locator('.rule-group summary').allTextContents())
await ctx.close()
await stopServer(server)
