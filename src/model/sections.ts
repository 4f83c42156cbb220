import { UserError } from '../errors.js'
import type { ReportDoc, Section } from './report-doc.js'

/** Every section, depth first, in document order. */
export function* walkSections(sections: readonly Section[]): Generator<Section> {
  for (const section of sections) {
    yield section
    yield* walkSections(section.children)
  }
}

/**
 * Finds a section by its path. A level-1 step may be given as its marker alone (“二、”) or with its heading
 * (“二、创新举措”), so “二、/（二）” and “二、创新举措/（二）” name the same section.
 */
export function findSection(doc: ReportDoc, path: string): Section | undefined {
  const wanted = path.split('/').map((step) => step.trim()).filter(Boolean)
  let candidates: readonly Section[] = doc.sections
  let found: Section | undefined
  for (const step of wanted) {
    found = candidates.find((section) => step === section.marker.text || step === section.path.split('/').pop())
    if (!found) return undefined
    candidates = found.children
  }
  return found
}

export function requireSection(doc: ReportDoc, path: string): Section {
  const section = findSection(doc, path)
  if (!section) {
    const known = [...walkSections(doc.sections)].map((s) => s.path).join('、')
    throw new UserError('section_not_found', `找不到章节“${path}”。可用的章节：${known || '（无）'}`, 404, { path })
  }
  return section
}
