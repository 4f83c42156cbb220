import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { diffChars } from '../../src/draft/diff.js'
import { exportDraft } from '../../src/export/export-draft.js'
import { parseDraftText } from '../../src/model/load-draft.js'
import { readParkFile } from '../../src/park/read-park.js'
import { mapDocxText } from '../../src/review/docx-text-map.js'
import { readableSegments, REVISION_AUTHOR, trackRevisions } from '../../src/review/track-revisions.js'
import { exportReportDocx } from '../../src/export/report-docx.js'
import { getKind } from '../../src/kinds/registry.js'
import { documentXml } from './review-package.js'

/**
 * A rewritten section exported as tracked changes against the version before it. The versions are the 南岭 report
 * (fixtures/drafts/nanling-green.txt) and that report with 二、（二） rewritten the way a person or the LLM rewrites
 * a measure: its heading reworded, a phrase of its paragraph changed, a paragraph added after it, and the last
 * inline point of （一） dropped.
 */

const park = await readParkFile('fixtures/parks/nanling-green.json')
const kind = getKind('innovation-green')
const OLD = await readFile('fixtures/drafts/nanling-green.txt', 'utf8')
const ADDED = '园区同步建立固废产生、贮存、利用全过程台账，对32家产废企业实行“一企一档”管理，2025年副产硫酸钠外运处置量较2023年减少8.6万吨。'
const NEW = OLD.replace('2. 能碳智管。南岭经济技术开发区数字化能碳管理中心按企业、工序核算碳排放，为企业提供节能诊断。\n', '')
  .replace('（二）打通副产硫酸钠循环链条', '（二）打通副产硫酸钠资源化循环链条')
  .replace('建设年处理12万吨硫酸钠资源化项目', '建成年处理12万吨的硫酸钠资源化利用项目')
  .replace('实现副产固废就地转化。\n', `实现副产固废就地转化。\n${ADDED}\n`)
const DATE = new Date('2026-12-07T08:00:00Z')

const exported = async (text: string) => exportReportDocx(parseDraftText(text), kind, { park })
const textOf = (docx: Uint8Array) => mapDocxText(documentXml(docx)).text

/** [kind, text] of every w:ins / w:del with content, in document order; paragraph marks as [kind, '¶']. */
function revisionsOf(xml: string, date: string | null = '2026-12-07T08:00:00Z'): [string, string][] {
  return [...xml.matchAll(/<w:(ins|del) w:id="\d+" w:author="([^"]*)" w:date="([^"]*)"(\/>|>([\s\S]*?)<\/w:\1>)/g)].map((m) => {
    expect(m[2]).toBe(REVISION_AUTHOR)
    if (date) expect(m[3]).toBe(date)
    if (m[4] === '/>') return [m[1]!, '¶']
    return [m[1]!, [...m[5]!.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)</g)].map((t) => t[1]).join('')]
  })
}

/**
 * The text a reviewer gets after accepting (or rejecting) every change, read from the XML: the other side's runs
 * dropped, and a paragraph whose mark goes joined to the next one, as Word and LibreOffice do.
 */
function resolved(xml: string, action: 'accept' | 'reject'): string {
  const [drop, keep] = action === 'accept' ? ['del', 'ins'] : ['ins', 'del']
  const kept = xml
    .replace(new RegExp(`<w:${drop} [^>]*[^/]>[\\s\\S]*?</w:${drop}>`, 'g'), '')
    .replace(new RegExp(`<w:${keep} [^>]*?[^/]>([\\s\\S]*?)</w:${keep}>`, 'g'), '$1')
    .replace(/<(\/?)w:delText/g, '<$1w:t')
  const map = mapDocxText(kept)
  const lines: string[] = []
  let carried = ''
  for (const paragraph of map.paragraphs) {
    const goes = new RegExp(`<w:pPr>(?:(?!</w:pPr>)[\\s\\S])*<w:${drop} `).test(map.xml.slice(paragraph.element.source!.start, paragraph.element.source!.end))
    if (goes) carried += paragraph.text
    else {
      lines.push(carried + paragraph.text)
      carried = ''
    }
  }
  return lines.join('\n')
}

describe('trackRevisions', () => {
  it('writes the rewrite as character-level changes inside paragraphs and whole paragraphs inserted and deleted', async () => {
    const [before, after] = [await exported(OLD), await exported(NEW)]
    const result = trackRevisions(before, after, { date: DATE })
    const xml = documentXml(result.data)
    expect(revisionsOf(xml)).toEqual([
      ['del', '¶'],
      ['del', '2. 能碳智管。'],
      ['del', '南岭经济技术开发区数字化能碳管理中心按企业、工序核算碳排放，为企业提供节能诊断。'],
      ['ins', '资源化'],
      ['del', '设'],
      ['ins', '成'],
      ['ins', '的'],
      ['ins', '利用'],
      ['ins', '¶'],
      ['ins', ADDED],
    ])
    expect(result.paragraphs).toEqual({ changed: 2, inserted: 1, deleted: 1 })
    expect(result.revisions).toBe(8)
    expect(resolved(xml, 'accept')).toBe(textOf(after))
    expect(resolved(xml, 'reject')).toBe(textOf(before))
    // The inserted text takes the formatting of the run it is written in: the heading's 楷体, the body's 仿宋.
    expect(xml).toMatch(/<w:ins [^>]*><w:r><w:rPr><w:rFonts [^>]*w:eastAsia="楷体_GB2312"[^>]*\/>[\s\S]*?<w:t xml:space="preserve">资源化<\/w:t>/)
    expect(xml).toMatch(/<w:ins [^>]*><w:r><w:rPr><w:rFonts [^>]*w:eastAsia="仿宋_GB2312"[^>]*\/>(?:(?!<\/w:r>)[\s\S])*<w:t xml:space="preserve">利用<\/w:t>/)
  })

  it('leaves a version identical to the one before without a single change, byte for byte the new export', async () => {
    const docx = await exported(OLD)
    const result = trackRevisions(docx, docx, { date: DATE })
    expect(result).toMatchObject({ paragraphs: { changed: 0, inserted: 0, deleted: 0 }, revisions: 0 })
    expect(documentXml(result.data)).toBe(documentXml(docx))
  })

  it('deletes and inserts whole a paragraph rewritten beyond recognition', async () => {
    const replaced = '2025年园区承办全省化工园区安全发展现场会，相关做法被省应急管理厅专题推广。'
    const rewritten = OLD.replace('2025年实现生产安全事故零发生，预警平均响应时间由45分钟缩短至8分钟。', replaced)
    const result = trackRevisions(await exported(OLD), await exported(rewritten), { date: DATE })
    expect(revisionsOf(documentXml(result.data))).toEqual([
      ['del', '¶'],
      ['del', '2025年实现生产安全事故零发生，预警平均响应时间由45分钟缩短至8分钟。'],
      ['ins', '¶'],
      ['ins', replaced],
    ])
    expect(resolved(documentXml(result.data), 'accept')).toBe(textOf(await exported(rewritten)))
  })
})

describe('readableSegments', () => {
  it.each([
    // One character changed: nothing to merge.
    ['建设年处理', '建成年处理', [{ kind: 'equal', text: '建' }, { kind: 'edit', deleted: '设', inserted: '成' }, { kind: 'equal', text: '年处理' }]],
    // 源 and 型 are shared by chance between two different phrases: one edit, not five.
    [
      '推动能源结构低碳转型',
      '加快构建清洁能源供给体系转型',
      [{ kind: 'edit', deleted: '推动能源结构低碳', inserted: '加快构建清洁能源供给体系' }, { kind: 'equal', text: '转型' }],
    ],
    // A longer common stretch between two edits stays.
    ['由71.3%提升至93.6%', '从71.3%提高到93.6%', [{ kind: 'edit', deleted: '由', inserted: '从' }, { kind: 'equal', text: '71.3%提' }, { kind: 'edit', deleted: '升至', inserted: '高到' }, { kind: 'equal', text: '93.6%' }]],
  ])('%s → %s', (before, after, segments) => {
    expect(readableSegments(diffChars(before, after))).toEqual(segments)
  })
})

describe('export with a previous version', () => {
  it('names the file as revisions and refuses the whole form', async () => {
    const file = await exportDraft({ doc: parseDraftText(NEW), previous: parseDraftText(OLD), park })
    expect(file.fileName).toBe('南岭经济技术开发区-修订稿.docx')
    expect(revisionsOf(documentXml(file.data), null)).toHaveLength(10)
    await expect(exportDraft({ doc: parseDraftText(NEW), previous: parseDraftText(OLD), park, form: true })).rejects.toThrow(
      '修订稿只导出报告正文：请取消“整份经验总结材料”后再导出修订稿。',
    )
  })
})

const run = promisify(execFile)
const dir = await mkdtemp(join(tmpdir(), 'park-report-tracked-'))
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('the tracked-changes export in LibreOffice', () => {
  it('accepting all changes gives the new version, rejecting them all the previous one', { timeout: 180_000 }, async () => {
    const file = await exportDraft({ doc: parseDraftText(NEW), previous: parseDraftText(OLD), park })
    const input = join(dir, 'tracked.docx')
    await writeFile(input, file.data)
    const out = (name: string) => join(dir, `${name}.txt`)
    await run('scripts/docx-revisions.sh', ['accept', input, out('accepted'), '-', 'reject', input, out('rejected'), '-'], { timeout: 170_000 })
    // LibreOffice's text export: one line per paragraph, after a BOM.
    const lines = async (name: string) => (await readFile(out(name), 'utf8')).replace(/^\uFEFF/, '').split('\n').filter((line) => line.trim())
    const nonEmpty = (text: string) => text.split('\n').filter((line) => line.trim())
    expect(await lines('accepted')).toEqual(nonEmpty(NEW))
    expect(await lines('rejected')).toEqual(nonEmpty(OLD))
  })
})
