import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, CHROMIUM, endBrowserSession, freePort, launchBrowser, ROOT, startServer, watchedPage } from './harness.js'

/**
 * What a park administrator who is not a programmer needs to trust the page (issue 19): a guard against checking a
 * draft with another park's data, a warning before drafting from saved data while the form has unsaved edits, fixes
 * that are undoable edits rather than silent versions, findings that can be ignored, old versions viewed read-only,
 * a URL per step, the findings beside the text on a 1024-px screen, no programmer words, a long text that keeps the
 * page responsive, and a first visit that shows the way. Screenshots of every tab at 1366×768 and 1024×768 go to
 * test-artifacts/e2e/ for a person to look at.
 */

const fixture = (path: string) => readFileSync(join(ROOT, 'fixtures', path), 'utf8')
const parkFixture = (name: string) => JSON.parse(fixture(`parks/${name}.json`)) as { park: { name: string; intro: string } }
const TABS = ['park', 'docs', 'draft', 'review', 'rewrite', 'export'] as const
/** Words a civil servant should never read on the page: data formats, field codes, raw scores, line numbers. */
const PROGRAMMER_WORDS = /JSON|json|facts|字段代码|相关度|第 ?\d+ ?行|undefined|null|NaN|\[object/

describe.skipIf(!existsSync(CHROMIUM))('the web page for people who are not programmers', () => {
  let dataDir: string
  let userDataDir: string
  let base: string
  let server: ChildProcess | undefined
  let context: BrowserContext
  let page: Page
  const dialogs: string[] = []
  const pageErrors: string[] = []
  /** The park of the fixes-and-versions test, looked at again at 1024 px. */
  let reviewedParkId = ''
  /** Whether the page's next confirm() is accepted (the person clicks 确定) or dismissed (取消). */
  let confirmAnswer = true

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) })
  const toast = () => page.locator('#toast')
  const summaries = () => page.locator('.rule-group summary').allTextContents()
  const editor = () => page.locator('#draft-text')
  const api = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${base}${path}`, init)
    return (await response.json()) as T
  }
  const postJson = <T>(path: string, body: unknown) =>
    api<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const createPark = async (data: unknown) => (await postJson<{ park: { id: string } }>('/api/parks', { data })).park.id
  /** A draft uploaded as a .txt file, as a person would upload their own. */
  const uploadDraft = async (parkId: string, fileName: string, text: string) => {
    const form = new FormData()
    form.append('file', new File([text], fileName, { type: 'text/plain' }))
    const result = await api<{ draft: { id: string; title: string } }>(`/api/parks/${parkId}/drafts/upload`, { method: 'POST', body: form })
    return result.draft
  }
  const versionsOf = async (draftId: string) => (await api<{ versions: { number: number; source: string }[] }>(`/api/drafts/${draftId}`)).versions
  /** Loads the page afresh on a step (a change of the # alone would not reload it, nor its list of parks). */
  const load = async (step: string) => {
    await page.goto('about:blank')
    await page.goto(`${base}/#${step}`)
  }
  /** Opens the page on a park and its (only) draft in 审校, and waits until the editor holds `text` (when given). */
  const openReview = async (parkId: string, text?: string) => {
    await load('review')
    await page.selectOption('#park-picker', parkId)
    await expect.poll(() => page.locator('#park-picker').inputValue()).toBe(parkId)
    await expect.poll(() => page.locator('#panel-review .zishu-total').count()).toBe(1)
    if (text !== undefined) await expect.poll(() => editor().inputValue()).toBe(text)
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    dataDir = mkdtempSync(join(tmpdir(), 'park-report-e2e-trust-data-'))
    userDataDir = mkdtempSync(join(tmpdir(), 'park-report-e2e-trust-chromium-'))
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    server = await startServer(dataDir, port)
    context = await launchBrowser(userDataDir, { width: 1366, height: 768 })
    page = await watchedPage(context, pageErrors)
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`)
      void (confirmAnswer ? dialog.accept() : dialog.dismiss())
    })
  }, 360_000)

  afterAll(async () => {
    await endBrowserSession({ context, server, dirs: [dataDir, userDataDir] })
  }, 240_000)

  it('shows a first visitor the three steps and loads a sample park with one click', async () => {
    await page.goto(base)
    await expect.poll(() => page.locator('#first-visit h3').textContent()).toBe('第一次使用？三步完成一份报告')
    expect(await page.locator('#first-visit .steps li').allTextContents()).toEqual([
      expect.stringMatching(/^园区资料：载入一个示例园区/),
      expect.stringMatching(/^生成初稿：/),
      expect.stringMatching(/^审校与导出：/),
    ])
    await expect
      .poll(() => page.locator('#sample-parks button').allTextContents())
      .toEqual([
        expect.stringContaining('嘉澜经济技术开发区'),
        expect.stringContaining('绫江高新技术产业开发区'),
        expect.stringContaining('澧州高新技术产业开发区'),
        expect.stringContaining('南岭经济技术开发区'),
      ])
    await shot('20-first-visit')
    await page.locator('#sample-parks button', { hasText: '嘉澜经济技术开发区' }).click()
    await expect.poll(() => toast().textContent()).toContain('已载入示例园区“嘉澜经济技术开发区”')
    await expect.poll(() => page.locator('#park-picker option:checked').textContent()).toBe('嘉澜经济技术开发区（第 1 版）')
    expect(await page.locator('#first-visit').count()).toBe(0)
  }, 120_000)

  it('names the other park up front when a draft is checked with the wrong park, and offers no fix of its figures', async () => {
    // 南岭's draft (with 2.05 changed to 2.15) uploaded under 绫江: every figure would be "fixed" to 绫江's.
    const parkId = await createPark(parkFixture('lingjiang-green'))
    const text = fixture('drafts/nanling-green.txt').replace('降至2.05吨/吨标准煤，绿电', '降至2.15吨/吨标准煤，绿电')
    await uploadDraft(parkId, '南岭经验材料.txt', text)
    await openReview(parkId, text)
    await expect.poll(() => page.locator('#wrong-park').textContent()).toContain('稿件中没有出现所选园区“绫江高新技术产业开发区”的名称或简称，可能选错了园区。')
    // Above the findings and the text, not one yellow line among them.
    const notice = (await page.locator('#wrong-park').boundingBox())!
    expect(notice.y).toBeLessThan((await page.locator('.editor').boundingBox())!.y)
    expect(await page.locator('button.fix', { hasText: /\d/ }).count()).toBe(0)
    expect(await page.locator('button.fix', { hasText: '绫江' }).count()).toBe(0)
    expect(await editor().inputValue()).toBe(text)
    await shot('21-review-wrong-park')
  }, 120_000)

  it('warns before drafting from the saved park data while the form has unsaved edits, and drafts nothing when told to wait', async () => {
    const parkId = await createPark(parkFixture('nanling-green'))
    await load('park')
    await page.selectOption('#park-picker', parkId)
    const intro = page.getByLabel('工业园区简介')
    await intro.fill(`${await intro.inputValue()}园区新增两家链主企业。`)
    await expect.poll(() => page.locator('.form-toolbar .save-status').textContent()).toContain('有未保存的修改')
    await page.click('#tab-draft')
    await expect.poll(() => page.locator('#draft-unsaved-park').textContent()).toBe(
      '园区资料有未保存的修改：初稿只按已保存的资料（第 1 版）生成，未保存的修改不会用上。需要时请先到“园区资料”保存。',
    )
    confirmAnswer = false
    dialogs.length = 0
    await page.getByRole('button', { name: '生成初稿' }).click()
    await expect.poll(() => dialogs.length).toBe(1)
    expect(dialogs[0]).toBe(
      'confirm: 园区资料有未保存的修改。初稿只能按已保存的资料（第 1 版）生成，未保存的修改不会用上。\n\n点“确定”按已保存的资料生成；点“取消”后可到“园区资料”先保存。',
    )
    confirmAnswer = true
    expect((await api<{ drafts: unknown[] }>(`/api/parks/${parkId}/drafts`)).drafts).toEqual([])
    await shot('22-draft-unsaved-park')

    // 确定: drafted from the saved data; the draft tab shows the draft itself and where each figure comes from.
    await page.getByRole('button', { name: '生成初稿' }).click()
    await expect.poll(() => page.locator('#draft-preview h4').textContent(), { timeout: 60_000 }).toBe('《推动绿色安全发展类初稿》全文')
    expect(await page.locator('#draft-preview pre').textContent()).toContain('南岭经济技术开发区')
    expect(await page.locator('#draft-preview pre').textContent()).not.toContain('园区新增两家链主企业')
    await expect.poll(() => page.locator('#figure-sources summary').textContent()).toMatch(/^逐个查看 \d+ 个数字的来源$/)
    await page.click('#figure-sources summary')
    const fromForm = page.locator('#figure-sources button.link').first()
    expect(await fromForm.textContent()).toMatch(/^(指标表|量化数据|园区资料中的文字)：/)
    await shot('26-draft-preview-sources')
    await fromForm.click()
    await expect.poll(() => page.locator('#tab-park').getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => page.evaluate(() => Boolean((globalThis as unknown as { document: { activeElement: { closest: (s: string) => unknown } } }).document.activeElement.closest('#panel-park')))).toBe(true)
  }, 180_000)

  it('applies fixes as an edit that Ctrl+Z undoes, remembers an ignored finding, and shows an old version read-only', async () => {
    const parkId = await createPark(parkFixture('jialan-digital'))
    reviewedParkId = parkId
    const clean = fixture('drafts/jialan-digital.txt')
    // The 2nd and 3rd mentions written as the short name a person types: two 专有名词 findings with a fix each.
    let seen = 0
    const aliased = clean.replace(/嘉澜经济技术开发区/g, (name) => (++seen === 2 || seen === 3 ? '嘉澜经开区' : name))
    expect(seen).toBeGreaterThanOrEqual(3)
    const draft = await uploadDraft(parkId, '嘉澜经验材料.txt', clean)
    await postJson(`/api/drafts/${draft.id}/versions`, { text: aliased, source: 'edit', baseVersion: 1 })
    await openReview(parkId, aliased)
    await expect.poll(summaries).toContain('专有名词（2）')

    // 本类全部修改: both at once, as one edit; nothing saved.
    await page.getByRole('button', { name: '本类全部修改（2 处）' }).click()
    await expect.poll(() => editor().inputValue()).toBe(clean)
    await expect.poll(() => page.locator('#review-save-status').textContent()).toContain('有未保存的修改')
    expect((await versionsOf(draft.id)).length).toBe(2)
    await expect.poll(summaries).not.toContain('专有名词（2）')
    // Ctrl+Z takes them back, one by one, like any edit.
    await editor().press('Control+z')
    await editor().press('Control+z')
    await expect.poll(() => editor().inputValue()).toBe(aliased)
    await expect.poll(summaries).toContain('专有名词（2）')
    await expect.poll(() => page.locator('#review-save-status').textContent()).toBe('已保存：第 2 稿')

    // 忽略此条: gone from the list and the highlights, remembered after a reload, and shown again on request.
    const properNouns = page.locator('.rule-group', { hasText: '专有名词' })
    await properNouns.getByRole('button', { name: '忽略此条' }).first().click()
    await expect.poll(summaries).toContain('专有名词（1）')
    await expect.poll(() => page.locator('#panel-review .message').first().textContent()).toContain('另有 1 条已忽略。')
    await page.reload()
    await expect.poll(summaries).toContain('专有名词（1）')
    await page.click('#toggle-ignored')
    await expect.poll(summaries).toContain('专有名词（2）')
    expect(await page.locator('.finding.ignored .badge').allTextContents()).toEqual(['已忽略'])
    await page.click('#toggle-ignored')
    await shot('23-review-ignored')

    // An old version is looked at, not edited: the list shows it, the editor is read-only, nothing is unsaved.
    await page.selectOption('#review-version', '1')
    await expect.poll(() => page.locator('#review-version option:checked').textContent()).toMatch(/^第 1 稿 · 上传/)
    await expect.poll(() => editor().inputValue()).toBe(clean)
    expect(await editor().evaluate((area) => (area as unknown as { readOnly: boolean }).readOnly)).toBe(true)
    expect(await page.locator('#review-save-status').textContent()).toBe('已保存：第 2 稿')
    await shot('24-review-old-version')
    await page.getByRole('button', { name: '回到最新稿' }).click()
    await expect.poll(() => editor().inputValue()).toBe(aliased)
    expect(await page.locator('#review-version option:checked').textContent()).toMatch(/^第 2 稿/)
    // Restoring it makes it the working text: an unsaved edit that Ctrl+S saves as the third version.
    await page.selectOption('#review-version', '1')
    await page.getByRole('button', { name: '恢复为第 1 稿的内容' }).click()
    await expect.poll(() => page.locator('#review-save-status').textContent()).toContain('有未保存的修改（基于第 2 稿')
    await editor().press('Control+s')
    await expect.poll(() => toast().textContent()).toContain('已保存为第 3 稿')
    expect((await versionsOf(draft.id)).map((v) => v.source)).toEqual(['upload', 'edit', 'edit'])

    // 对比两稿: the second and third side by side — 经开区 became 经济技术开发区 twice: 济技术 and 发 inserted, nothing deleted.
    await page.click('#review-compare')
    await expect.poll(() => page.locator('#compare-status').textContent()).toBe('删去 0 字，增加 8 字。')
    expect(await page.locator('#compare-before del').count()).toBe(0)
    expect(await page.locator('#compare-after ins').allTextContents()).toEqual(['济技术', '发', '济技术', '发'])
    await shot('27-review-compare')
    expect(pageErrors).toEqual([])
  }, 180_000)

  it('lists what the 完整填报表 still lacks before it is exported, each a link to its field', async () => {
    // The sample's 负责人 has no 手机号 (""): a blank the form export would print.
    const parkId = await createPark(parkFixture('jialan-digital'))
    await uploadDraft(parkId, '空项测试.txt', fixture('drafts/jialan-digital.txt'))
    await load('export')
    await page.selectOption('#park-picker', parkId)
    await expect.poll(() => page.locator('#export-gaps summary').textContent()).toMatch(/^完整填报表还有 \d+ 项空着，导出后这些格子是空白的：$/)
    const gaps = await page.locator('#export-gaps li').allTextContents()
    expect(gaps).toContain('负责人手机号')
    expect(gaps.at(-1)).toBe('填写日期（封面）')
    await shot('28-export-gaps')

    // 预览打印效果: A4 pages in the template's typography; nothing overflows a page, no page ends on a heading, no text lost.
    await page.click('#export-preview-button')
    await expect.poll(() => page.locator('#export-preview-status').textContent()).toMatch(/^按模板排版共 \d+ 页（A4，小四，行距 22 磅）。/)
    const pages = Number(/共 (\d+) 页/.exec((await page.locator('#export-preview-status').textContent())!)![1])
    expect(pages).toBeGreaterThanOrEqual(2)
    expect(await page.locator('.pv-page').count()).toBe(pages)
    expect(await page.locator('.pv-number').allTextContents()).toEqual(Array.from({ length: pages }, (_, i) => `— ${i + 1} —`))
    const layout = await page.locator('.pv-body').evaluateAll((bodies) =>
      bodies.map((body) => {
        const b = body as unknown as { scrollHeight: number; clientHeight: number; lastElementChild: { className: string } | null; textContent: string }
        return { overflow: b.scrollHeight > b.clientHeight + 1, endsOnHeading: /pv-para-heading/.test(b.lastElementChild?.className ?? ''), text: b.textContent }
      }),
    )
    expect(layout.filter((p) => p.overflow)).toEqual([])
    expect(layout.slice(0, -1).filter((p) => p.endsOnHeading)).toEqual([])
    const written = fixture('drafts/jialan-digital.txt').replace(/\s+/g, '')
    expect(layout.map((p) => p.text).join('').replace(/\s+/g, '')).toBe(written)
    await page.locator('.pv-page').first().scrollIntoViewIfNeeded()
    await shot('29-export-preview')
    expect(pageErrors).toEqual([])
    await page.locator('#export-gaps button', { hasText: '负责人手机号' }).click()
    await expect.poll(() => page.locator('#tab-park').getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string; getAttribute: (n: string) => string | null } } }).document.activeElement.getAttribute('placeholder'))).toBe('可不填；导出前请确认可公开')
  }, 120_000)

  it('gives every step its own address, so the back button and a bookmark work', async () => {
    await page.goto(`${base}/#park`)
    await page.click('#tab-docs')
    await page.click('#tab-review')
    expect(new URL(page.url()).hash).toBe('#review')
    await page.goBack()
    await expect.poll(() => page.locator('#tab-docs').getAttribute('aria-selected')).toBe('true')
    expect(new URL(page.url()).hash).toBe('#docs')
    await page.goBack()
    await expect.poll(() => page.locator('#tab-park').getAttribute('aria-selected')).toBe('true')
    await page.goForward()
    await expect.poll(() => page.locator('#tab-docs').getAttribute('aria-selected')).toBe('true')
    // A bookmark of a step opens that step.
    await load('export')
    await expect.poll(() => page.locator('#tab-export').getAttribute('aria-selected')).toBe('true')
    expect(await page.locator('#panel-export').isVisible()).toBe(true)
  }, 120_000)

  it('keeps the findings beside the text at 1024 px and says no programmer word on any tab (screenshots at 1366 and 1024)', async () => {
    const parkId = reviewedParkId
    for (const [width, height] of [
      [1366, 768],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height })
      await openReview(parkId)
      for (const tab of TABS) {
        await page.click(`#tab-${tab}`)
        if (tab === 'docs') {
          await page.fill('#search-query', '数字化转型')
          await page.press('#search-query', 'Enter')
          await expect.poll(() => page.locator('#search-results li').count()).toBeGreaterThan(0)
        }
        const words = await page.locator('body').innerText()
        expect(words.match(PROGRAMMER_WORDS)?.[0] ?? '').toBe('')
        await shot(`30-${width}-${tab}`)
      }
      await page.click('#tab-review')
      const text = (await page.locator('.editor').boundingBox())!
      const side = (await page.locator('.side-column').boundingBox())!
      expect(side.x).toBeGreaterThanOrEqual(text.x + text.width)
      expect(side.y).toBeLessThan(text.y + 40)
    }
    await page.setViewportSize({ width: 1366, height: 768 })
  }, 180_000)

  it('keeps the page responsive for a 20,000-字 text: no main-thread task over 200 ms, no whole sections shaded', async () => {
    const parkId = await createPark(parkFixture('jialan-digital'))
    const body = fixture('drafts/jialan-digital.txt')
    const draft = await uploadDraft(parkId, '长文.txt', body)
    const paragraph = body.split('\n').filter((line) => line.length > 80)
    let long = body
    // About 23,000 characters make a little over 20,000 字 (digits and Latin letters count as Word counts them).
    for (let i = 0; [...long].length < 23_000; i++) long += `\n${paragraph[i % paragraph.length]}`
    await openReview(parkId, body)
    await page.evaluate(() => {
      const g = globalThis as unknown as { longest: number; PerformanceObserver: new (fn: (list: { getEntries: () => { duration: number }[] }) => void) => { observe: (o: unknown) => void } }
      g.longest = 0
      new g.PerformanceObserver((list) => {
        for (const entry of list.getEntries()) g.longest = Math.max(g.longest, entry.duration)
      }).observe({ type: 'longtask', buffered: false })
    })
    // Pasted, as a person pastes a document: the whole text replaced by what the clipboard holds.
    await editor().evaluate((area, text) => {
      const g = globalThis as unknown as { DataTransfer: new () => { setData: (t: string, v: string) => void }; ClipboardEvent: new (type: string, init: unknown) => unknown }
      const textArea = area as unknown as { select: () => void; dispatchEvent: (e: unknown) => boolean; focus: () => void }
      textArea.focus()
      textArea.select()
      const data = new g.DataTransfer()
      data.setData('text/plain', text)
      textArea.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    }, long)
    await expect.poll(() => editor().inputValue()).toBe(long)
    await expect.poll(() => page.locator('#panel-review .message').first().textContent(), { timeout: 60_000 }).toMatch(/^审校完成/)
    await expect.poll(() => page.locator('.zishu-total').textContent()).toMatch(/^全文 2\d{4} 字/)
    // Typing at the end after the check: one more round of painting.
    await editor().press('End')
    await editor().type('园区')
    await expect.poll(() => page.locator('#panel-review .message').first().textContent(), { timeout: 60_000 }).toMatch(/^审校完成/)
    const longest = await page.evaluate(() => (globalThis as unknown as { longest: number }).longest)
    writeFileSync(join(ARTIFACTS, 'long-text-longest-task.txt'), `${Math.round(longest)} ms for ${[...long].length} characters\n`)
    expect(longest).toBeLessThanOrEqual(200)
    const marks = await page.locator('.backdrop mark').allTextContents()
    expect(Math.max(0, ...marks.map((mark) => [...mark].length))).toBeLessThanOrEqual(60)
    await shot('25-review-long-text')
    expect((await versionsOf(draft.id)).length).toBe(1)
  }, 240_000)
})
