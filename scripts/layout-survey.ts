/**
 * Renders the report and the form at many lengths of the same report and counts the layout faults a person sees
 * page by page: blank pages (nothing but the page number) and headings left alone at the bottom of a page.
 *
 *   npx tsx scripts/layout-survey.ts [--lengths 60] [--only report|form] [--at 5,28,32] [--out DIR] [--park nanling-green]
 *
 * Lengths: the example draft with 0, 11, 22 … more characters in its background section, so the ends of pages fall
 * on every line position. Needs LibreOffice (soffice) and poppler-utils (pdftotext, pdfinfo).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { exportFormDocx } from '../src/export/form-docx.js'
import { exportReportDocx } from '../src/export/report-docx.js'
import { getKind } from '../src/kinds/registry.js'
import { walkSections } from '../src/model/sections.js'
import { parseReport } from '../src/model/parse-report.js'
import { ParkDataSchema } from '../src/park/park-schema.js'

const { values } = parseArgs({ options: { lengths: { type: 'string', default: '60' }, out: { type: 'string', default: '/tmp/layout-survey' }, park: { type: 'string', default: 'nanling-green' }, only: { type: 'string' }, at: { type: 'string' } } })
const lengths = Number(values.lengths)
const out = values.out!
mkdirSync(out, { recursive: true })
const root = new URL('../', import.meta.url)
const park = ParkDataSchema.parse(JSON.parse(readFileSync(new URL(`fixtures/parks/${values.park}.json`, root), 'utf8')))
const base = readFileSync(new URL(`fixtures/drafts/${values.park}.txt`, root), 'utf8')
const kind = getKind(park.kind)
// Extra text: sentences of the draft itself, so line lengths stay realistic.
const filler = base.split('\n').filter((line) => line.length > 60).join('')
const STEP = 11

const files: string[] = []
const headingsOf = new Map<string, string[]>()
// --at: only these lengths (to look again at the files where a fault was seen); --only: the report or the form.
const chosen = values.at ? values.at.split(',').map(Number) : Array.from({ length: lengths }, (_, i) => i)
for (const i of chosen) {
  const lines = base.split('\n')
  const background = lines.findIndex((line) => line.startsWith('一、')) + 1
  lines[background] = lines[background] + filler.slice(0, i * STEP)
  const text = lines.join('\n')
  const doc = parseReport(text)
  const standalone = [...walkSections(doc.sections)].filter((s) => !s.lead).map((s) => s.headingLine.text.replace(/\s/g, ''))
  const exports = [
    ...(values.only === 'form' ? [] : [[`report-${i}`, await exportReportDocx(doc, kind, { charts: true, park })] as const]),
    ...(values.only === 'report' ? [] : [[`form-${i}`, await exportFormDocx(park, doc, kind, { charts: true })] as const]),
  ]
  for (const [name, data] of exports) {
    writeFileSync(join(out, `${name}.docx`), data)
    files.push(name)
    headingsOf.set(name, standalone)
  }
}
const profile = join(out, 'profile')
execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, ...files.map((f) => join(out, `${f}.docx`))], { stdio: 'ignore', timeout: 3_600_000 })

const FOOTER = /^—\s*\d+\s*—$/
let blank = 0
let orphans = 0
let pages = 0
const faults: string[] = []
for (const name of files) {
  const pdf = join(out, `${name}.pdf`)
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1])
  pages += count
  const headings = headingsOf.get(name)!
  for (let page = 1; page <= count; page += 1) {
    const lines = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.replace(/\s/g, ''))
      .filter((line) => line && !FOOTER.test(line))
    if (!lines.length) {
      blank += 1
      faults.push(`${name} p${page}: blank`)
      continue
    }
    if (page === count) continue
    const last = lines.at(-1)!
    if (headings.some((heading) => heading.endsWith(last) && last.length >= 4)) {
      orphans += 1
      faults.push(`${name} p${page}: heading at the bottom: ${last}`)
    }
  }
}
console.log(JSON.stringify({ files: files.length, pages, blankPages: blank, orphanedHeadings: orphans, faults }, null, 1))
