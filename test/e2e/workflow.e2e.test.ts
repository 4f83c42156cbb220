import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, CHROMIUM, endBrowserSession, freePort, launchBrowser, ROOT, startServer, stopServer, watchedPage } from './harness.js'

/**
 * The whole job in a real browser (Debian's Chromium, driven by playwright-core; no browser is downloaded) against
 * the real server started as a child process: import a park, generate a draft, review it, apply a fix, rewrite a
 * section, export both Word files, restart the server in the middle and find everything again. Screenshots go to
 * test-artifacts/e2e/ (gitignored) for a person to look at.
 */

const PARK_FILE = join(ROOT, 'fixtures', 'parks', 'jialan-digital.json')
const XSS = '<img src=x onerror=alert(1)>'

/**
 * How long an upload may take to be answered: a file is read in a worker thread, and the first file of a type there
 * loads its reader (seconds on a busy machine running the TypeScript sources).
 */
const UPLOAD_WAIT = { timeout: 30_000 }

const isDocx = (data: Buffer) => data.subarray(0, 2).toString('latin1') === 'PK' && data.includes(Buffer.from('word/document.xml'))

describe.skipIf(!existsSync(CHROMIUM))('the web app in a browser, end to end', () => {
  let dataDir: string
  let userDataDir: string
  let port: number
  let base: string
  let server: ChildProcess | undefined
  let context: BrowserContext
  let page: Page
  const dialogs: string[] = []
  const pageErrors: string[] = []

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) })
  const toast = () => page.locator('#toast')
  const api = async <T>(path: string, init?: RequestInit): Promise<T> => (await (await fetch(`${base}${path}`, init)).json()) as T
  /** Stores a park through the API (as another tab would), opens the page and selects it. */
  const openStoredPark = async (data: unknown) => {
    const created = await api<{ park: { id: string } }>('/api/parks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data }),
    })
    await page.goto(base)
    await page.selectOption('#park-picker', created.park.id)
    return created
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    dataDir = mkdtempSync(join(tmpdir(), 'park-report-e2e-data-'))
    userDataDir = mkdtempSync(join(tmpdir(), 'park-report-e2e-chromium-'))
    port = await freePort()
    base = `http://127.0.0.1:${port}`
    server = await startServer(dataDir, port)
    context = await launchBrowser(userDataDir)
    page = await watchedPage(context, pageErrors)
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`)
      // confirm() dialogs of the page (delete, discard) are accepted; an alert() would be an injected script.
      void dialog.accept()
    })
  }, 120_000)

  afterAll(async () => {
    await endBrowserSession({ context, server, dirs: [dataDir, userDataDir] })
  }, 240_000)

  it('takes a park from its JSON file to two exported Word files, and loses nothing across a server restart', async () => {
    await page.goto(base)
    await expect.poll(() => page.locator('#status').textContent()).toContain('已载入')
    await expect.poll(() => page.locator('#panel-park').textContent()).toContain('第一次使用？三步完成一份报告')
    await shot('01-empty-workspace')

    // 1 园区资料: import the JSON file.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#import-park')])
    await chooser.setFiles(PARK_FILE)
    await expect.poll(() => toast().textContent()).toContain('已导入“嘉澜经济技术开发区”')
    await expect.poll(() => page.locator('#panel-park h2').textContent()).toBe('园区资料：嘉澜经济技术开发区')
    expect(await page.locator('#park-picker option:checked').textContent()).toBe('嘉澜经济技术开发区（第 1 版）')
    // 报告类型 takes a whole row: the end of the name, which tells the kinds apart, is not cut off.
    const kindSelect = page.locator('#panel-park').getByLabel('报告类型')
    expect(await kindSelect.evaluate((element) => (element as unknown as { scrollWidth: number; clientWidth: number }).clientWidth >= 600)).toBe(true)
    await shot('02-park-imported')

    // Validation beside the field: an empty name, and a percentage over 100 in the indicator table.
    const name = page.getByLabel('工业园区名称（全称）')
    await name.fill('')
    const coverage = page.getByLabel('双千兆网络覆盖率（%） 2025年')
    await coverage.fill('120')
    await expect.poll(() => page.locator('.field.invalid .field-message').first().textContent()).toMatch(/工业园区名称/)
    await expect.poll(() => page.locator('.cell.invalid .field-message').first().textContent()).toMatch(/双千兆网络覆盖率/)
    expect(await name.getAttribute('aria-invalid')).toBe('true')
    await coverage.evaluate((element) => element.scrollIntoView({ block: 'center' }))
    await shot('03-park-validation')
    // Saving is refused (422) and says so; nothing typed is lost.
    await page.click('.form-toolbar button[type=submit]')
    await expect.poll(() => toast().textContent()).toContain('本次没有保存')
    expect(await coverage.inputValue()).toBe('120')
    await coverage.fill('96.5')
    await name.fill('嘉澜经济技术开发区')

    // Unsaved edits survive a reload (localStorage), then an explicit save makes version 2.
    const intro = page.getByLabel('工业园区简介')
    await intro.fill(`${await intro.inputValue()}园区坚持数字赋能。`)
    await page.reload()
    await expect.poll(() => page.locator('.form-toolbar .save-status').textContent()).toContain('已恢复')
    expect(await page.getByLabel('工业园区简介').inputValue()).toContain('园区坚持数字赋能。')
    await page.getByLabel('工业园区名称（全称）').press('Enter')
    await expect.poll(() => toast().textContent()).toContain('已保存“嘉澜经济技术开发区”（第 2 版）')
    expect(await page.locator('#park-picker option:checked').textContent()).toBe('嘉澜经济技术开发区（第 2 版）')
    // Messages appear top centre below the tab bar (not over the buttons at the bottom right) and go with a tab switch.
    const toastBox = (await toast().boundingBox())!
    const tabsBox = (await page.locator('.tabs').boundingBox())!
    expect(Math.abs(toastBox.x + toastBox.width / 2 - 720)).toBeLessThan(2)
    expect(toastBox.y).toBeGreaterThanOrEqual(tabsBox.y + tabsBox.height)
    expect(toastBox.y).toBeLessThan(tabsBox.y + tabsBox.height + 20)

    // 2 政策文件, reached with the keyboard: the tabs are buttons, arrow keys move between them.
    await page.focus('#tab-park')
    await page.keyboard.press('ArrowRight')
    expect(await page.locator('#tab-docs').getAttribute('aria-selected')).toBe('true')
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('tab-docs')
    expect(await page.locator('#panel-docs').isVisible()).toBe(true)
    expect(await toast().isHidden()).toBe(true)
    // The focus ring is drawn inside the tab: the tab bar scrolls sideways and would clip it outside.
    expect(
      await page.locator('#tab-docs').evaluate((element) => {
        const style = (globalThis as unknown as { getComputedStyle: (e: unknown) => { outlineOffset: string; outlineStyle: string } }).getComputedStyle(element)
        return `${(element as unknown as { matches: (s: string) => boolean }).matches(':focus-visible')} ${style.outlineStyle} ${style.outlineOffset}`
      }),
    ).toBe('true solid -3px')
    const [policyChooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#policy-upload')])
    await policyChooser.setFiles(join(ROOT, 'fixtures', 'docs', 'policy-excerpt.docx'))
    // The excerpt carries the built-in guideline's title: the message says so and how to avoid double search hits.
    await expect
      .poll(() => page.locator('#policy-message').textContent(), UPLOAD_WAIT)
      .toBe('已加入《工业园区高质量发展指引》，切分出 6 条条款。列表中已有同名文件（内置）；如果是同一份文件，请删除其中一份，以免检索时重复。')
    await expect.poll(() => page.locator('#panel-docs table.data tbody tr').count()).toBe(6)
    await expect.poll(() => page.locator('#status').textContent()).toContain('已载入 6 份政策文件')
    // The action cell is a table cell like the others, and the column headers stay on one line.
    expect(await page.locator('#panel-docs td.actions').first().evaluate((element) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { display: string } }).getComputedStyle(element).display)).toBe('table-cell')
    const headerHeights = await page.locator('#panel-docs table.data thead th').evaluateAll((cells) => cells.map((cell) => (cell as unknown as { offsetHeight: number }).offsetHeight))
    expect(Math.max(...headerHeights)).toBeLessThan(45)
    await expect.poll(() => page.locator('#panel-docs .clause-path').count()).toBeGreaterThan(0)
    await page.fill('#search-query', '中小企业 数字化转型')
    await page.press('#search-query', 'Enter')
    await expect.poll(() => page.locator('#search-results li .clause-path').count()).toBe(5)
    await shot('04-policies')
    // Nothing found: a message, not a numbered item of the list.
    await page.fill('#search-query', 'xyzzy')
    await page.press('#search-query', 'Enter')
    await expect.poll(() => page.locator('#search-results p').textContent()).toBe('没有找到相关条款，请换个说法再试。')
    expect(await page.locator('#search-results li').count()).toBe(0)

    // 3 生成初稿: offline; the clauses behind each measure.
    await page.click('#tab-draft')
    expect(await page.locator('#draft-title').getAttribute('placeholder')).toBe('例如：嘉澜经济技术开发区初稿（可不填）')
    await page.fill('#draft-title', '嘉澜初稿')
    await page.getByRole('button', { name: '生成初稿' }).click()
    await expect.poll(() => page.locator('#panel-draft .message').first().textContent(), { timeout: 60_000 }).toContain('已生成并保存《嘉澜初稿》第 1 稿')
    await expect.poll(() => page.locator('#panel-draft .measures > li').count()).toBe(3)
    expect(await page.locator('#panel-draft .progress li').allTextContents()).toEqual(['离线撰写完成', expect.stringMatching(/^审校完成：0 个错误、\d+ 个提醒$/)])
    expect(await page.locator('#panel-draft .measures .clause-path').count()).toBeGreaterThan(2)
    await shot('05-draft-generated')

    // 4 审校: findings and 字数; an alias typed in is found, highlighted and fixed with one click.
    await page.click('#tab-review')
    await expect.poll(() => page.locator('.zishu-total').textContent()).toMatch(/^全文 \d+ 字 \/ 上限 3000 字/)
    const editor = page.locator('#draft-text')
    // The highlight layer behind the editor is not a Tab stop of its own.
    expect(await page.locator('.backdrop').getAttribute('tabindex')).toBe('-1')
    const generated = await editor.inputValue()
    await editor.fill(generated.replace('嘉澜经济技术开发区始建于', '嘉澜经开区始建于'))
    await expect.poll(() => page.locator('.rule-group summary').allTextContents()).toContain('专有名词（1）')
    await expect.poll(() => page.locator('.backdrop mark.sev-error').textContent()).toBe('嘉澜经开区')
    await expect.poll(() => page.locator('#review-save-status').textContent()).toContain('有未保存的修改')
    // 定位 selects the finding's characters in the editor and scrolls them into view.
    await page.getByRole('button', { name: '定位' }).first().click()
    const selection = await editor.evaluate((element) => {
      const area = element as unknown as { value: string; selectionStart: number; selectionEnd: number }
      return area.value.slice(area.selectionStart, area.selectionEnd)
    })
    expect(selection).toBe('嘉澜经开区')
    await shot('06-review-finding')
    // The typed text is saved as it is (Ctrl+S): a version of its own, recorded as 手工修改.
    await page.keyboard.press('Control+s')
    await expect.poll(() => toast().textContent()).toContain('已保存为第 2 稿')
    expect(await page.locator('#review-version option:checked').textContent()).toMatch(/^第 2 稿 · 手工修改/)
    // A fix is an edit like typing: nothing is saved until the person saves, and a save of fixes alone says so.
    await page.getByRole('button', { name: '修改为“嘉澜经济技术开发区”' }).click()
    expect(await editor.inputValue()).toBe(generated)
    await expect.poll(() => page.locator('#panel-review .findings-card').textContent()).toContain('没有发现问题')
    await expect.poll(() => page.locator('#review-save-status').textContent()).toContain('有未保存的修改（基于第 2 稿')
    await page.keyboard.press('Control+s')
    await expect.poll(() => toast().textContent()).toContain('已保存为第 3 稿')
    expect(await page.locator('#review-version option:checked').textContent()).toMatch(/^第 3 稿 · 应用修改建议/)
    await shot('07-review-fixed')

    // 5 改写: compress one section to N 字, compare, accept = version 4.
    await page.click('#tab-rewrite')
    await page.selectOption('#rewrite-section', '一、背景介绍')
    await page.fill('#rewrite-target', '600')
    await page.getByRole('button', { name: '生成改写' }).click()
    await expect.poll(() => page.locator('#rewrite-result h3').textContent()).toBe('对照：一、背景介绍（压缩到 600 字）')
    expect(await page.locator('#rewrite-before del').count()).toBeGreaterThan(0)
    // 705, not 600: what is left are sentences with figures (the data year's scale) and the paragraph's main sentence.
    expect(await page.locator('#rewrite-result h4').allTextContents()).toEqual(['改写前（798 字）', '改写后（705 字）'])
    await shot('08-rewrite-compare')
    expect(await page.locator('#rewrite-status').textContent()).toBe('改写完成，请对照后决定是否接受。')
    expect(await page.locator('#rewrite-llm-hint').textContent()).toBe('未配置大模型，不能按指令改写。如需使用，请联系管理员配置大模型接口。')
    // 放弃: nothing stored, the status line is cleared, no message is left floating.
    await page.getByRole('button', { name: '放弃' }).click()
    expect(await page.locator('#rewrite-status').textContent()).toBe('')
    expect(await page.locator('#rewrite-result').textContent()).toContain('已放弃这次改写，稿件没有变化。')
    expect(await toast().isHidden()).toBe(true)
    // A section with nothing to fix: said so, and no diff of two identical texts, nothing to accept.
    await page.selectOption('#rewrite-section', '一、背景介绍')
    await page.check('input[name="rewrite-action"][value="applyFixes"]')
    await page.getByRole('button', { name: '生成改写' }).click()
    await expect.poll(() => page.locator('#rewrite-unchanged').textContent()).toBe('这一部分没有需要修改的内容，未作改动。')
    expect(await page.locator('#rewrite-status').textContent()).toBe('')
    expect(await page.locator('#rewrite-result .compare').count()).toBe(0)
    expect(await page.getByRole('button', { name: /^接受/ }).count()).toBe(0)
    // Again, compressed, and accepted.
    await page.check('input[name="rewrite-action"][value="maxZishu"]')
    await page.fill('#rewrite-target', '600')
    await page.getByRole('button', { name: '生成改写' }).click()
    await expect.poll(() => page.locator('#rewrite-result h3').textContent()).toBe('对照：一、背景介绍（压缩到 600 字）')
    // The result's heading is in view, below the sticky tab bar.
    const resultTop = (await page.locator('#rewrite-result h3').boundingBox())!.y
    expect(resultTop).toBeGreaterThanOrEqual((await page.locator('.tabs').boundingBox())!.y + (await page.locator('.tabs').boundingBox())!.height)
    await page.getByRole('button', { name: /^接受/ }).click()
    await expect.poll(() => toast().textContent()).toContain('已接受改写，保存为第 4 稿')
    const draftId = (await api<{ drafts: { id: string; title: string }[] }>(`/api/parks/${await currentParkId()}/drafts`)).drafts[0]!.id
    const accepted = await api<{ latest: { number: number; text: string; source: string } }>(`/api/drafts/${draftId}`)
    expect(accepted.latest).toMatchObject({ number: 4, source: 'rewrite' })

    // 6 导出: which draft and version go into the file, and what the checker says about it; both Word files.
    await page.click('#tab-export')
    await expect.poll(() => page.locator('#export-which').textContent()).toMatch(/^将导出《嘉澜初稿》第 4 稿（改写，\d{4}-\d\d-\d\d \d\d:\d\d）；园区资料用已保存的第 2 版。$/)
    await expect.poll(() => page.locator('#export-check').textContent()).toBe('审校没有发现错误。')
    expect(await page.locator('#export-version option').allTextContents()).toEqual([
      expect.stringMatching(/^第 4 稿 · 改写 · .+（最新）$/),
      expect.stringMatching(/^第 3 稿 · 应用修改建议 · /),
      expect.stringMatching(/^第 2 稿 · 手工修改 · /),
      expect.stringMatching(/^第 1 稿 · 离线撰写 · /),
    ])
    await page.check('#export-charts')
    for (const [button, file] of [
      ['#export-report', 'report.docx'],
      ['#export-form', 'form.docx'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(button)])
      expect(download.suggestedFilename()).toMatch(/\.docx$/)
      const target = join(ARTIFACTS, file)
      await download.saveAs(target)
      expect(isDocx(readFileSync(target))).toBe(true)
    }
    await expect.poll(() => page.locator('#export-status').textContent()).toContain('已生成')
    await shot('09-export')
    // An older version can be exported instead.
    await page.selectOption('#export-version', '1')
    await expect.poll(() => page.locator('#export-which').textContent()).toMatch(/^将导出《嘉澜初稿》第 1 稿（离线撰写，/)
    const [older] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('#export-report')])
    const olderFile = join(ARTIFACTS, 'report-v1.docx')
    await older.saveAs(olderFile)
    expect(isDocx(readFileSync(olderFile))).toBe(true)

    // The server goes away: a save fails with a Chinese message and the text stays (in the page and localStorage).
    await stopServer(server)
    server = undefined
    await page.click('#tab-review')
    await editor.fill(`${accepted.latest.text}\n园区将持续深化实数融合。`)
    await page.getByRole('button', { name: '保存为新一稿' }).click()
    await expect.poll(() => toast().textContent()).toContain('无法连接')
    await shot('10-server-down')

    // Restart on the same DATA_DIR: park, draft, every version and the unsaved text are all there.
    server = await startServer(dataDir, port)
    await page.reload()
    await expect.poll(() => page.locator('#park-picker option:checked').textContent()).toBe('嘉澜经济技术开发区（第 2 版）')
    await page.click('#tab-review')
    await expect.poll(() => page.locator('#review-version option').count()).toBe(4)
    expect(await page.locator('#review-version option').allTextContents()).toEqual([
      expect.stringMatching(/^第 4 稿 · 改写/),
      expect.stringMatching(/^第 3 稿 · 应用修改建议/),
      expect.stringMatching(/^第 2 稿 · 手工修改/),
      expect.stringMatching(/^第 1 稿 · 离线撰写/),
    ])
    expect(await page.locator('#draft-text').inputValue()).toBe(`${accepted.latest.text}\n园区将持续深化实数融合。`)
    await expect.poll(() => page.locator('#review-save-status').textContent()).toContain('有未保存的修改（基于第 4 稿')
    await shot('11-after-restart')
    await page.getByRole('button', { name: '保存为新一稿' }).click()
    await expect.poll(() => toast().textContent()).toContain('已保存为第 5 稿')
    const stored = await api<{ versions: { number: number; source: string }[]; latest: { text: string } }>(`/api/drafts/${draftId}`)
    expect(stored.versions.map((v) => v.source)).toEqual(['compose', 'edit', 'fixes', 'rewrite', 'edit'])
    expect(stored.latest.text).toContain('园区将持续深化实数融合。')
    const documents = await api<{ documents: { origin: string; fileName: string }[] }>('/api/documents')
    expect(documents.documents.filter((d) => d.origin === 'upload').map((d) => d.fileName)).toEqual(['policy-excerpt.docx'])
    const park = await api<{ park: { version: number; data: { park: { intro: string } } } }>(`/api/parks/${await currentParkId()}`)
    expect(park.park.version).toBe(2)
    expect(park.park.data.park.intro).toContain('园区坚持数字赋能。')

    expect(dialogs).toEqual([])
    expect(pageErrors).toEqual([])
  }, 300_000)

  it('shows markup in a park name and in an uploaded draft as text: no element, no script', async () => {
    const data = JSON.parse(readFileSync(PARK_FILE, 'utf8')) as { park: { name: string } }
    data.park.name = `${XSS}嘉澜经济技术开发区`
    await openStoredPark(data)
    await page.click('#tab-park')
    await expect.poll(() => page.locator('#panel-park h2').textContent()).toBe(`园区资料：${XSS}嘉澜经济技术开发区`)

    const draftFile = join(userDataDir, 'xss-draft.txt')
    writeFileSync(draftFile, `测试稿\n\n【摘要】${XSS}园区<script>alert(2)</script>开展数字化改造。\n\n一、背景介绍\n${XSS}嘉澜经开区始建于1993年。\n`)
    await page.click('#tab-review')
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '上传人工稿（.docx/.txt/.md）' }).first().click()])
    await chooser.setFiles(draftFile)
    await expect.poll(() => toast().textContent(), UPLOAD_WAIT).toContain('已上传“xss-draft.txt”')
    expect(await page.locator('#draft-text').inputValue()).toContain(`${XSS}园区<script>alert(2)</script>`)
    await expect.poll(() => page.locator('.backdrop').textContent()).toContain(XSS)
    await expect.poll(() => page.locator('.finding').count()).toBeGreaterThan(0)
    await shot('12-xss-as-text')
    // 导出 names the uploaded draft and says it still has errors (export stays possible).
    await page.click('#tab-export')
    await expect.poll(() => page.locator('#export-which').textContent()).toMatch(/^将导出《xss-draft》第 1 稿（上传，/)
    await expect.poll(() => page.locator('#export-check').textContent()).toMatch(/^仍有 \d+ 个错误，建议先在审校中处理。 去审校$/)
    expect(await page.locator('#export-report').isEnabled()).toBe(true)

    expect(await page.locator('img').count()).toBe(0)
    expect(await page.locator('main script, #panels script').count()).toBe(0)
    expect(dialogs).toEqual([])
    expect(pageErrors).toEqual([])
  }, 120_000)

  it('keeps the Word format findings of an uploaded .docx for its text, and says where they are fixed once it is edited', async () => {
    const data = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'parks', 'nanling-green.json'), 'utf8')) as { park: { name: string } }
    const created = await openStoredPark(data)
    // A fresh page on a park without drafts: the upload starts from the empty state of 审校.
    const lastPark = () => page.evaluate(() => (globalThis as unknown as { localStorage: { getItem: (k: string) => string | null } }).localStorage.getItem('park-report:last') ?? '')
    await expect.poll(lastPark).toContain(created.park.id)
    await page.reload()
    await page.click('#tab-review')
    await expect.poll(() => page.locator('#panel-review').textContent()).toContain('这个园区还没有稿件')
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '上传人工稿（.docx/.txt/.md）' }).first().click()])
    await chooser.setFiles(join(ROOT, 'fixtures', 'drafts', 'nanling-green-mistakes.docx'))
    await expect.poll(() => toast().textContent(), UPLOAD_WAIT).toContain('已上传“nanling-green-mistakes.docx”')
    const summaries = () => page.locator('.rule-group summary').allTextContents()
    await expect.poll(summaries, UPLOAD_WAIT).toContainEqual(expect.stringMatching(/^Word 格式（\d+）$/))
    const formatGroup = page.locator('.rule-group', { hasText: 'Word 格式' })
    expect(await formatGroup.locator('.hint').textContent()).toBe('格式问题需在 Word 中修改后重新上传；“导出”生成的 Word 文件会按模板重新排版。')
    await shot('15-review-docx-format')
    // After a reload the same text is checked again: the format findings are still there.
    await page.reload()
    await expect.poll(summaries, UPLOAD_WAIT).toContainEqual(expect.stringMatching(/^Word 格式（\d+）$/))
    // Once the text is edited they no longer point at it: a notice says where they are fixed.
    const editor = page.locator('#draft-text')
    await editor.fill(`${await editor.inputValue()}\n园区将持续推进绿色发展。`)
    await expect.poll(() => page.locator('#format-notice').textContent()).toContain('格式问题需在 Word 中修改后重新上传')
    expect(await summaries()).not.toContainEqual(expect.stringMatching(/^Word 格式/))
    await shot('16-review-docx-edited')
    // Back to the uploaded text: back again.
    await page.click('#review-discard')
    await expect.poll(summaries, UPLOAD_WAIT).toContainEqual(expect.stringMatching(/^Word 格式（\d+）$/))
    expect(await page.locator('#format-notice').count()).toBe(0)
    // 导出 counts the errors of the text; the Word format ones are named apart (the export is typeset anew).
    await page.click('#tab-export')
    await expect.poll(() => page.locator('#export-check').textContent()).toMatch(/^(审校没有发现错误。|仍有 \d+ 个错误，建议先在审校中处理。 去审校)另有 \d+ 个 Word 格式问题不计在内：导出的文件按模板重新排版。$/)
    expect(pageErrors).toEqual([])
  }, 120_000)

  it('tells the person in Chinese when another tab saved first (409), and keeps what they typed', async () => {
    const data = JSON.parse(readFileSync(PARK_FILE, 'utf8')) as { park: { name: string; county: string } }
    data.park.name = '冲突测试经济技术开发区'
    const created = await openStoredPark(data)
    await page.click('#tab-park')
    await expect.poll(() => page.locator('#panel-park h2').textContent()).toBe('园区资料：冲突测试经济技术开发区')
    // Another tab (here: the API) saves version 2 in the meantime.
    await fetch(`${base}/api/parks/${created.park.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { ...data, park: { ...data.park, county: '另一个区' } }, version: 1 }),
    })
    await page.getByLabel('所在区县').fill('我改的区县')
    await page.getByRole('button', { name: '保存（新版本）' }).first().click()
    await expect.poll(() => page.locator('#panel-park .banner.error').textContent()).toContain('您编辑的是第1版，现在已是第2版')
    expect(await page.getByLabel('所在区县').inputValue()).toBe('我改的区县')
    await shot('13-park-conflict')

    // The same for a draft: a version saved elsewhere, then a save from the page.
    const generated = await api<{ draft: { id: string }; text: string }>(`/api/parks/${created.park.id}/drafts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    await page.reload()
    await page.click('#tab-review')
    await expect.poll(() => page.locator('#review-version option').count()).toBe(1)
    await fetch(`${base}/api/drafts/${generated.draft.id}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: `${generated.text}\n另一个标签页的补充。`, source: 'edit', baseVersion: 1 }),
    })
    await page.locator('#draft-text').fill(`${generated.text}\n我的补充。`)
    await page.getByRole('button', { name: '保存为新一稿' }).click()
    await expect.poll(() => toast().textContent()).toContain('您基于第1稿修改，现在已有第2稿')
    expect(await page.locator('#draft-text').inputValue()).toContain('我的补充。')
    expect(pageErrors).toEqual([])
  }, 120_000)

  it('asks once for the access token (AUTH_TOKEN) and sends it as a Bearer token', async () => {
    const securedDir = mkdtempSync(join(tmpdir(), 'park-report-e2e-token-'))
    const securedPort = await freePort()
    const secured = await startServer(securedDir, securedPort, { AUTH_TOKEN: 'e2e-secret-token' })
    const tokenPage = await context.newPage()
    tokenPage.on('pageerror', (error) => pageErrors.push(error.message))
    try {
      await tokenPage.goto(`http://127.0.0.1:${securedPort}/`)
      await expect.poll(() => tokenPage.locator('#token-dialog').getAttribute('open')).toBe('')
      await expect.poll(() => tokenPage.locator('#status').textContent()).toContain('需要访问令牌')
      await tokenPage.screenshot({ path: join(ARTIFACTS, '14-token-dialog.png') })
      await tokenPage.fill('#token-input', 'e2e-secret-token')
      await tokenPage.press('#token-input', 'Enter')
      await expect.poll(() => tokenPage.locator('#status').textContent()).toContain('已载入')
      await expect.poll(() => tokenPage.locator('#panel-park').textContent()).toContain('第一次使用？三步完成一份报告')
      // Entered once: after a reload the page connects without asking.
      await tokenPage.reload()
      await expect.poll(() => tokenPage.locator('#status').textContent()).toContain('已载入')
      expect(await tokenPage.locator('#token-dialog').getAttribute('open')).toBeNull()
      expect(pageErrors).toEqual([])
    } finally {
      await tokenPage.close()
      await stopServer(secured)
      rmSync(securedDir, { recursive: true, force: true })
    }
  }, 120_000)

  async function currentParkId(): Promise<string> {
    return page.locator('#park-picker').inputValue()
  }
})
