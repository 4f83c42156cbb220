import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { KindSpec } from '../../src/kinds/kind-spec.js'
import { getKind } from '../../src/kinds/registry.js'

/**
 * Template texts in the specs must be the seed texts. The seeds are Word/PDF conversions, so both sides are compared
 * without whitespace, conversion artefacts ([bookmark: …], [footnoteRef:N]) and with ASCII brackets/colons made
 * full-width (003 mixes both). The seeds are copied verbatim in fixtures/templates/seeds.
 */
const SEEDS = fileURLToPath(new URL('../../fixtures/templates/seeds/', import.meta.url))

function normalize(text: string): string {
  return text
    .replace(/\[bookmark:[^\]]*\]/g, '')
    .replace(/\[footnoteRef:\d+\]/g, '')
    .replace(/<\/?p>/g, '')
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/:/g, '：')
    .replace(/,/g, '，')
    .replace(/;/g, '；')
}

/** Every text of a spec that claims to be the template's, with where it sits. */
function templateTexts(spec: KindSpec): [string, string][] {
  const out: [string, string][] = []
  const add = (where: string, text: string | undefined) => {
    if (text !== undefined) out.push([where, text])
  }
  add('name', spec.name)
  add('source.part', spec.source.part)
  add('abstract.label', spec.abstract.label)
  add('abstract.guidance', spec.abstract.guidance)
  add('title.guidance', spec.title.guidance)
  add('title.example', spec.title.example)
  add('title.template', spec.title.template)
  spec.sections.forEach((s, i) => {
    if (spec.sectionMatching.mode === 'exact') add(`sections[${i}].heading`, `${s.marker}${s.heading}`)
    if (s.guidanceBasis === 'template') add(`sections[${i}].guidance`, s.guidance)
    add(`sections[${i}].itemStyleGuidance`, s.itemStyleGuidance)
    add(`sections[${i}].example`, s.example)
  })
  add('directionReference.text', spec.directionReference?.text)
  add('backgroundGuidance.text', spec.backgroundGuidance?.text)
  add('backgroundGuidance.intro', spec.backgroundGuidance?.intro)
  spec.backgroundGuidance?.parts.forEach((p, i) => add(`backgroundGuidance.parts[${i}]`, `${p.marker}${p.text}`))
  const block = spec.indicatorBlock
  add('indicatorBlock.title', block?.title)
  add('indicatorBlock.scopeRule', block?.scopeRule)
  block?.groups.forEach((g, gi) => {
    add(`groups[${gi}].label`, g.label)
    add(`groups[${gi}].note`, g.note)
    add(`groups[${gi}].footnote`, g.footnote)
    g.indicators.forEach((ind, ii) => {
      add(`groups[${gi}].indicators[${ii}].label`, `${ind.code ?? ''}${ind.label}`)
      add(`groups[${gi}].indicators[${ii}].footnote`, ind.footnote)
      add(`groups[${gi}].indicators[${ii}].description`, ind.description)
    })
  })
  const form = spec.form
  if (form) {
    form.cover.titleLines.forEach((l, i) => add(`form.cover.titleLines[${i}]`, l))
    form.cover.fields.forEach((f, i) => add(`form.cover.fields[${i}]`, `${f.label}：${f.suffix ?? ''}`))
    add('form.instructions.title', form.instructions.title)
    form.instructions.items.forEach((t, i) => add(`form.instructions.items[${i}]`, `${i + 1}.${t}`))
    add('form.pledge.title', form.pledge.title)
    add('form.pledge.text', form.pledge.text)
    add('form.pledge.signature', form.pledge.signature)
    add('form.pledge.dateLine', form.pledge.dateLine)
    add('form.basicInfo.title', form.basicInfo.title)
    for (const [i, f] of [...form.basicInfo.fields, ...form.overview.fields].entries()) {
      add(`form.fields[${i}].label`, f.label)
      add(`form.fields[${i}].guidance`, f.guidance)
      for (const sub of [...(f.subfields ?? []), ...(f.columns ?? []), ...(f.options ?? [])]) add(`form.fields[${i}].parts`, sub)
    }
    for (const [id, text] of Object.entries(form.basicInfo.footnotes)) add(`form.basicInfo.footnotes.${id}`, text)
    add('form.overview.title', form.overview.title)
    add('form.overview.requirementsTitle', form.overview.requirementsTitle)
    form.overview.requirements.forEach((r, i) => add(`form.overview.requirements[${i}]`, `${i + 1}.${r.label}：${r.text}`))
    add('form.overview.frameworkTitle', form.overview.frameworkTitle)
  }
  return out
}

describe('spec texts are verbatim from the seeds', () => {
  const seed = (name: string) => normalize(readFileSync(join(SEEDS, name), 'utf8'))

  it.each([
    ['innovation-digital', undefined],
    ['innovation-green', undefined],
    // The 003 edition: notice of 2022 asking for 2021 data.
    ['base-annual-report', 2021],
    ['base-excellent-case', 2021],
  ] as const)('%s', (id, dataYear) => {
    const spec = getKind(id, dataYear === undefined ? {} : { dataYear })
    const text = seed(spec.source.seed)
    const missing = templateTexts(spec).filter(([, t]) => !text.includes(normalize(t)))
    expect(missing).toEqual([])
  })

  it('innovation sub-directions are the 004 clause headings they cite', () => {
    const guideline = seed('004_e853dced7cdf6947.txt')
    for (const id of ['innovation-digital', 'innovation-green']) {
      for (const sub of getKind(id).directionReference?.subDirections ?? []) {
        const number = sub.clauses[0]?.match(/(\d+)$/)?.[1]
        expect([id, guideline.includes(`${number}.${sub.name}。`)]).toEqual([id, true])
      }
    }
  })
})
