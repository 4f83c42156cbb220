import { openZip } from '../../src/model/docx-zip.js'
import { parseXml } from '../../src/model/ooxml.js'
import { mapDocxText, type NumberingParts } from '../../src/review/docx-text-map.js'
import { REVIEW_AUTHOR } from '../../src/review/annotate-docx.js'

/**
 * Reads an annotated .docx back the way a reviewer sees it: the text with all of our changes accepted, with all of
 * them rejected, and the characters each of our comments is anchored on (in the rejected view, which is the
 * person's own text). Colleagues' changes are left as they are; only ours (author 园区报告助手) are resolved.
 */

const OURS = `w:author="${REVIEW_AUTHOR}"`
const OUR_INSERTION = new RegExp(`<w:ins w:id="\\d+" ${OURS} w:date="[^"]*">(.*?)</w:ins>`, 'gs')
const OUR_DELETION = new RegExp(`<w:del w:id="\\d+" ${OURS} w:date="[^"]*">(.*?)</w:del>`, 'gs')
const OPEN = '\uE000'
const CLOSE = '\uE001'

export function partText(docx: Uint8Array, name: string): string | undefined {
  const bytes = openZip(docx, { maxEntries: 5000, maxUncompressedBytes: 200 * 1024 * 1024 }).read(name)
  return bytes ? new TextDecoder().decode(bytes) : undefined
}

export function documentXml(docx: Uint8Array): string {
  return partText(docx, 'word/document.xml')!
}

/** The parts that give Word's automatic numbers (drafts here keep them at their usual paths). */
export function numberingOf(docx: Uint8Array): NumberingParts {
  const part = (name: string) => {
    const text = partText(docx, name)
    return text === undefined ? undefined : parseXml(text)
  }
  const numbering = part('word/numbering.xml')
  const styles = part('word/styles.xml')
  return { ...(numbering ? { numbering } : {}), ...(styles ? { styles } : {}) }
}

/** The text (paragraphs joined by '\n', as the checker reads it) once all of our changes are accepted. */
export function acceptedText(xml: string, numbering: NumberingParts = {}): string {
  return mapDocxText(withoutComments(xml.replace(OUR_DELETION, '').replace(OUR_INSERTION, '$1')), numbering).text
}

/** The text once all of our changes are rejected: the person's own text. */
export function rejectedText(xml: string, numbering: NumberingParts = {}): string {
  return mapDocxText(withoutComments(rejected(xml)), numbering).text
}

function rejected(xml: string): string {
  return xml.replace(OUR_INSERTION, '').replace(OUR_DELETION, (_, inner: string) => inner.replace(/<w:delText /g, '<w:t ').replace(/<\/w:delText>/g, '</w:t>'))
}

function withoutComments(xml: string): string {
  return xml.replace(/<w:commentRange(?:Start|End) w:id="\d+"\/>/g, '').replace(/<w:r><w:commentReference w:id="\d+"\/><\/w:r>/g, '')
}

/** Comment id → the characters of the person's text between its commentRangeStart and commentRangeEnd. */
export function commentAnchors(xml: string, numbering: NumberingParts = {}): Map<number, { start: number; end: number; text: string }> {
  const marked = rejected(xml)
    .replace(/<w:commentRangeStart w:id="(\d+)"\/>/g, `<w:r><w:t>${OPEN}$1${OPEN}</w:t></w:r>`)
    .replace(/<w:commentRangeEnd w:id="(\d+)"\/>/g, `<w:r><w:t>${CLOSE}$1${CLOSE}</w:t></w:r>`)
    .replace(/<w:r><w:commentReference w:id="\d+"\/><\/w:r>/g, '')
  const text = mapDocxText(marked, numbering).text
  const anchors = new Map<number, { start: number; end: number; text: string }>()
  const opened = new Map<number, number>()
  let plain = ''
  const marker = new RegExp(`[${OPEN}${CLOSE}](\\d+)[${OPEN}${CLOSE}]`, 'y')
  for (let i = 0; i < text.length; ) {
    marker.lastIndex = i
    const match = marker.exec(text)
    if (match) {
      const id = Number(match[1])
      if (match[0][0] === OPEN) opened.set(id, plain.length)
      else anchors.set(id, { start: opened.get(id)!, end: plain.length, text: '' })
      i += match[0].length
    } else {
      plain += text[i]
      i += 1
    }
  }
  for (const anchor of anchors.values()) anchor.text = plain.slice(anchor.start, anchor.end)
  return anchors
}

/** Our comments in comments.xml: id → its paragraphs' text. */
export function ourComments(docx: Uint8Array): Map<number, string> {
  const xml = partText(docx, 'word/comments.xml') ?? ''
  const comments = new Map<number, string>()
  for (const match of xml.matchAll(new RegExp(`<w:comment w:id="(\\d+)" ${OURS}[^>]*>(.*?)</w:comment>`, 'gs'))) {
    const paragraphs = [...match[2]!.matchAll(/<w:p>(.*?)<\/w:p>/gs)].map((p) => [...p[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    comments.set(Number(match[1]), paragraphs.join('\n'))
  }
  return comments
}
