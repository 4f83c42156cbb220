import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkDraft } from '../../src/check/check-draft.js'
import { exportFormDocx } from '../../src/export/form-docx.js'
import { getKind } from '../../src/kinds/registry.js'
import { openZip } from '../../src/model/docx-zip.js'
import { loadDraft } from '../../src/model/load-draft.js'
import { parseReport } from '../../src/model/parse-report.js'
import { writeZip } from '../../src/model/zip-write.js'
import { ParkDataSchema } from '../../src/park/park-schema.js'
import { reviewDocx } from '../../src/review/review-docx.js'
import { acceptedText, commentAnchors, documentXml, ourComments } from './review-package.js'
import { FIXED_TEXT, PLANTED_TEXT } from './word-drafts.js'

/**
 * An exported 经验总结材料 checked and annotated by the product itself: the checker reads the report inside the
 * form (the 创新实践名称 row as its title, then the report cell) and only that — the cover, 填写说明 and tables are
 * the form's own layout — and the annotator writes its comments and changes at the same characters of the file.
 */

const park = ParkDataSchema.parse(JSON.parse(readFileSync(new URL('../../fixtures/parks/nanling-green.json', import.meta.url), 'utf8')))
const green = getKind('innovation-green')
const reportLines = (text: string) => text.split('\n').filter((line) => line.trim())
const form = (text: string) => exportFormDocx(park, parseReport(text), green)

/** The package with `edit` applied to word/document.xml, everything else as stored. */
function withDocument(data: Uint8Array, edit: (xml: string) => string): Uint8Array {
  const zip = openZip(data, { maxEntries: 1000, maxUncompressedBytes: 1e8 })
  return writeZip(
    zip.names.map((name) =>
      name === 'word/document.xml' ? { name, data: new TextEncoder().encode(edit(new TextDecoder().decode(zip.read(name)!))) } : { name, stored: zip.readStored(name)! },
    ),
  )
}

describe('an exported form, checked', () => {
  it('is read as the report inside it: title from 创新实践名称, then the report cell, nothing of the cover or tables', async () => {
    const text = readFileSync(new URL('../../fixtures/drafts/nanling-green.txt', import.meta.url), 'utf8')
    const draft = await loadDraft('材料.docx', await form(text))
    expect(draft.form?.formOf).toBe('2026年工业园区高质量发展创新实践经验总结材料（推动绿色安全发展类）')
    expect(draft.doc.source).toBe(reportLines(text).join('\n'))
    expect(draft.doc.title?.text).toBe(reportLines(text)[0])
    expect(draft.docxParagraphs!.every((p) => !p.inTable)).toBe(true)
    expect(checkDraft(draft, { park }).findings).toEqual([])
  })

  it('format-checks the report inside the table: a paragraph set in 宋体 is flagged, at that paragraph', async () => {
    const text = readFileSync(new URL('../../fixtures/drafts/nanling-green.txt', import.meta.url), 'utf8')
    const target = '园区建设“源网荷储”一体化绿色微电网'
    const data = withDocument(await form(text), (xml) => {
      const at = xml.indexOf(target)
      const start = xml.lastIndexOf('<w:p>', at)
      const end = xml.indexOf('</w:p>', at)
      return xml.slice(0, start) + xml.slice(start, end).replaceAll('w:eastAsia="仿宋_GB2312"', 'w:eastAsia="宋体"') + xml.slice(end)
    })
    const draft = await loadDraft('材料.docx', data)
    const findings = checkDraft(draft, { park }).findings
    expect(findings.map((f) => [f.rule, f.severity, draft.doc.source.slice(f.start, f.end).slice(0, 18)])).toEqual([['format', 'error', target.slice(0, 18)]])
  })

  it('comes back annotated: comments on the report’s characters, fixes as tracked changes that give the fixed report', async () => {
    const data = await form(PLANTED_TEXT)
    const reviewed = await reviewDocx('材料.docx', data, { park, date: new Date('2026-12-07T08:00:00Z') })
    expect([reviewed.comments, reviewed.changes]).toEqual([reviewed.check.findings.length, 4])
    const xml = documentXml(reviewed.data)
    // The file's text once our changes are accepted holds the fixed report where the planted one was.
    expect(acceptedText(xml)).toContain(reportLines(FIXED_TEXT).slice(1).join('\n'))
    const source = (await loadDraft('材料.docx', data)).doc.source
    const anchored = [...commentAnchors(xml)].filter(([id]) => ourComments(reviewed.data).has(id)).map(([, a]) => a.text).sort()
    expect(anchored).toEqual(reviewed.check.findings.map((f) => source.slice(f.start, Math.max(f.end, f.start + 1))).sort())
  })
})
