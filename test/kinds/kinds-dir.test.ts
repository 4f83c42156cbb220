import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestWorkspace } from '../server/workspace-helpers.js'

/**
 * “Next year's template is one new spec file”, as a user would try it: fixtures/kinds/innovation-green-2027.json
 * (year 2027, data year 2026, a 2500-字 limit, one new indicator with its footnote) is put alone in a temporary
 * KINDS_DIR and the product is started on it — no code change. The modules are imported after KINDS_DIR is set,
 * as `npm start` reads it at start-up (vitest gives each test file its own module graph).
 */

const kindsDir = mkdtempSync(join(tmpdir(), 'park-report-kinds-'))
copyFileSync(new URL('../../fixtures/kinds/innovation-green-2027.json', import.meta.url), join(kindsDir, 'innovation-green-2027.json'))
process.env['KINDS_DIR'] = kindsDir

const fixture = (path: string) => readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')
const park2027 = JSON.parse(fixture('parks/nanling-green-2027.json')) as Record<string, unknown>
const nanling2025 = JSON.parse(fixture('parks/nanling-green.json')) as Record<string, unknown>
const KIND = 'innovation-green-2027'

let ws: TestWorkspace
let helpers: typeof import('../server/workspace-helpers.js')

beforeAll(async () => {
  helpers = await import('../server/workspace-helpers.js')
  ws = await helpers.openTestWorkspace()
}, 180_000)

afterAll(async () => {
  await ws?.close()
  rmSync(kindsDir, { recursive: true, force: true })
})

const post = (path: string, body: unknown) => ws.app.request(path, helpers.json('POST', body))

describe('a 2027 kind added as one file in KINDS_DIR', () => {
  it('is listed beside the built-in kinds, with its own year, data year and limit', async () => {
    const { body } = await helpers.answer<{ kinds: { id: string; name: string; totalZishu: number }[] }>(ws.app.request('/api/kinds'))
    expect(body.kinds.map((k) => k.id)).toEqual(['innovation-digital', 'innovation-green', 'base-annual-report', 'base-excellent-case', KIND])
    expect(body.kinds.at(-1)).toEqual({
      id: KIND,
      name: '2027年工业园区高质量发展创新实践经验总结材料（推动绿色安全发展类）',
      category: '推动绿色安全发展类',
      totalZishu: 2500,
      sections: ['一、背景介绍', '二、创新举措', '三、实践成效'],
      summaryTable: false,
    })
    expect(body.kinds.filter((k) => (k as { summaryTable?: boolean }).summaryTable).map((k) => k.id)).toEqual(['base-annual-report', 'base-excellent-case'])
    const { getKind } = await import('../../src/kinds/registry.js')
    const spec = getKind(KIND)
    expect([spec.year, spec.dataYear, spec.checkPreset]).toEqual([2027, 2026, {}])
    expect(spec.indicatorBlock!.groups[0]!.indicators[0]).toMatchObject({ key: 'scale.revenue', years: ['2026', '2025', '2024'] })
  })

  it('accepts a park of the kind, with the new indicator, and stores it', async () => {
    const { status, body } = await helpers.answer<{ ok: boolean; issues: unknown[] }>(post('/api/parks/validate', park2027))
    expect([status, body.ok, body.issues]).toEqual([200, true, []])
    const created = await helpers.answer<{ park: { id: string; data: { kind: string } } }>(post('/api/parks', { data: park2027 }))
    expect([created.status, created.body.park.data.kind]).toEqual([201, KIND])
    // The new row is checked like any other: a percentage above 100 is refused with its template name.
    const wrong = structuredClone(park2027) as { indicators: { energy: { renewableShare: number } } }
    wrong.indicators.energy.renewableShare = 131.6
    const refused = await helpers.answer<{ issues: { path: string; message: string }[] }>(post('/api/parks/validate', wrong))
    expect(refused.body.issues).toEqual([
      { path: '$.indicators.energy.renewableShare', code: 'percent-out-of-range', message: '可再生能源消费占比（131.6%）超出0—100%的范围' },
    ])
  })

  it('drafts within 2500 字 and flags a longer draft against 2500', async () => {
    const { status, body } = await helpers.answer<{ text: string; kind: string; stats: { total: number }; findings: { rule: string; severity: string }[] }>(
      post('/api/draft', { park: park2027, mode: 'offline' }),
    )
    expect([status, body.kind]).toEqual([200, KIND])
    expect(body.stats.total).toBeLessThanOrEqual(2500)
    expect(body.findings.filter((f) => f.rule === 'length')).toEqual([])
    // The park's results were written for the last edition (降至2.05, 提升至93.6%: 2025 values, no year in the
    // sentence); the draft states the 2026 indicator values and the changes they give, so it has no number finding.
    expect(body.findings.filter((f) => f.rule === 'number-consistency' || f.rule === 'number-trace')).toEqual([])
    expect(body.text).toContain('单位能耗碳排放由2.46吨/吨标准煤降至1.93吨/吨标准煤，下降21.5%')
    expect(body.text).toContain('工业固体废弃物综合利用率由71.3%提升至94.8%，提高23.5个百分点')

    const padding = `\n（四）其他做法\n${'园区持续完善绿色低碳发展机制，推动企业开展节能诊断和清洁生产审核。'.repeat(80)}`
    const longer = body.text.replace(/\n三、实践成效/, `${padding}\n三、实践成效`)
    const checked = await helpers.answer<{ findings: { rule: string; severity: string; message: string }[] }>(
      post('/api/check', { text: longer, park: park2027 }),
    )
    const length = checked.body.findings.filter((f) => f.rule === 'length' && f.severity === 'error')
    expect(length).toHaveLength(1)
    expect(length[0]!.message).toMatch(/^全文共\d+字，超出2500字上限\d+字，请压缩。$/)
  })

  it('exports the form with the 2026 columns, the 2026 values, the new indicator and its footnote', async () => {
    const draft = await helpers.answer<{ text: string }>(post('/api/draft', { park: park2027, mode: 'offline' }))
    const response = await post('/api/export', { text: draft.body.text, park: park2027, form: true })
    expect(response.status).toBe(200)
    const { readDocx } = await import('../export/docx-package.js')
    const pkg = readDocx(new Uint8Array(await response.arrayBuffer()))
    const indicators = pkg.tables[2]!.rows.map((row) => row.map((cell) => cell.text))
    expect(indicators[1]).toEqual(['整体规模情况', '', '2026年', '2025年', '2024年'])
    expect(indicators[2]).toEqual(['', '营业收入（亿元）', '1051.6', '968.2', '887.5'])
    const texts = indicators.flat().join('|')
    expect(indicators[7]).toEqual(['土地利用情况\n（截至2026年12月31日）', '实际管理面积（公顷）', '3260', '实际开发面积（公顷）', '2485'])
    expect(indicators[9]![0]).toBe('企业培育情况\n（截至2026年12月31日、2026年）')
    expect(texts).not.toMatch(/2023年|3260\|2410|968\.2\|887\.5\|803\.6/)
    expect(indicators.at(-1)).toEqual(['能源结构情况', '可再生能源消费占比（%）', '31.6'])
    const footnotes = pkg.text('word/footnotes.xml')
    expect(footnotes).toContain('可再生能源消费占比（%）=园区可再生能源消费量/园区综合能源消费量×100%')
  })

  it('serves the indicator workbook with the 2026 columns and the new row filled from the park', async () => {
    const { body: parks } = await helpers.answer<{ parks: { id: string; name: string }[] }>(ws.app.request('/api/parks'))
    const response = await ws.app.request(`/api/templates/indicators.xlsx?kind=${KIND}&parkId=${parks.parks[0]!.id}`)
    expect(response.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer)
    const sheet = workbook.worksheets[0]!
    expect(sheet.getRow(3).values).toEqual([undefined, '编号', '分组', '指标', '单位', '2026年', '2025年', '2024年', '说明'])
    const last = sheet.getRow(sheet.rowCount)
    expect([last.getCell(1).value, last.getCell(2).value, last.getCell(3).value, last.getCell(4).value, last.getCell(5).value]).toEqual([
      'energy.renewableShare', '能源结构情况', '可再生能源消费占比（%）', '%', 31.6,
    ])
    expect(last.getCell(8).value).toBe('可再生能源消费占比（%）=园区可再生能源消费量/园区综合能源消费量×100%')
  })

  it('refuses a 2025 park under the 2027 kind, listing the missing year, instead of printing 2025 figures under 2026', async () => {
    for (const request of [
      post('/api/export', { text: '一、背景介绍\n园区概况。', park: nanling2025, kind: KIND, form: true }),
      post('/api/draft', { park: nanling2025, kind: KIND, mode: 'offline' }),
    ]) {
      const { status, body } = await helpers.answer<{ error: { code: string; message: string } }>(request)
      expect(status).toBe(422)
      expect(body.error.code).toBe('PARK_YEARS_MISSING')
      expect(body.error.message).toBe(
        '园区数据缺少2026年的数据：“2027年工业园区高质量发展创新实践经验总结材料（推动绿色安全发展类）”按2026年的数据填报，' +
          '而这份园区数据只有2023年、2024年、2025年的数据。请在园区数据中补充2026年的指标（按年填写的指标加上这些年份，' +
          '单个数值的指标改填为这些年份的数值，并把报告类型改为“2027年工业园区高质量发展创新实践经验总结材料（推动绿色安全发展类）”），或选择与园区数据年份一致的报告类型。',
      )
    }
  })
})
