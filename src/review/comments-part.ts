import { escapeXml, textChildren, type RevisionStamp } from './paragraph-rewrite.js'

/**
 * word/comments.xml and the two package entries that make Word read it: the document's relationship of type
 * …/comments and the content type override. A file that already has comments (a colleague's 批注) keeps them: ours
 * are appended, with ids above every id in use.
 */

export const COMMENTS_REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments'
export const COMMENTS_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml'
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'

export interface CommentContent {
  id: number
  /** One Word paragraph each. */
  paragraphs: string[]
}

export function buildCommentsPart(existing: string | undefined, comments: readonly CommentContent[], stamp: RevisionStamp): string {
  if (existing) {
    const close = /<\/([\w.-]+:)?comments\s*>\s*$/.exec(existing)
    if (close) {
      const body = comments.map((comment) => commentXml(comment, stamp, close[1] ?? '')).join('')
      return existing.slice(0, close.index) + body + existing.slice(close.index)
    }
  }
  const body = comments.map((comment) => commentXml(comment, stamp, 'w:')).join('')
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W_NS}">${body}</w:comments>`
}

function commentXml(comment: CommentContent, stamp: RevisionStamp, prefix: string): string {
  const w = (local: string) => `${prefix}${local}`
  const paragraphs = comment.paragraphs.map((text, i) => {
    const reference = i === 0 ? `<${w('r')}><${w('annotationRef')}/></${w('r')}>` : ''
    return `<${w('p')}>${reference}<${w('r')}>${textChildren(text, w, 't')}</${w('r')}></${w('p')}>`
  })
  const initials = [...stamp.author][0] ?? ''
  return (
    `<${w('comment')} ${w('id')}="${comment.id}" ${w('author')}="${escapeXml(stamp.author)}" ${w('date')}="${stamp.date}" ${w('initials')}="${escapeXml(initials)}">` +
    `${paragraphs.join('')}</${w('comment')}>`
  )
}

/** document.xml.rels with one more relationship, its id unused; a missing rels part is created. */
export function withRelationship(rels: string | undefined, type: string, target: string): string {
  const source = rels ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
  const used = new Set([...source.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]))
  let n = used.size + 1
  while (used.has(`rId${n}`)) n += 1
  const relationship = `<Relationship Id="rId${n}" Type="${type}" Target="${escapeXml(target)}"/>`
  return insertBeforeClose(source, 'Relationships', relationship)
}

/** [Content_Types].xml with an Override for `partName`, unless it has one. */
export function withContentTypeOverride(types: string, partName: string, contentType: string): string {
  if (types.includes(`PartName="${partName}"`)) return types
  return insertBeforeClose(types, 'Types', `<Override PartName="${escapeXml(partName)}" ContentType="${contentType}"/>`)
}

function insertBeforeClose(xml: string, root: string, inner: string): string {
  const selfClosing = new RegExp(`<((?:[\\w.-]+:)?${root})(\\s[^>]*)?/>\\s*$`).exec(xml)
  if (selfClosing) return `${xml.slice(0, selfClosing.index)}<${selfClosing[1]}${selfClosing[2] ?? ''}>${inner}</${selfClosing[1]}>`
  const close = xml.lastIndexOf(`</`)
  return xml.slice(0, close) + inner + xml.slice(close)
}
