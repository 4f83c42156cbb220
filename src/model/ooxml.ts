/**
 * A small XML reader for the OOXML parts of a .docx (document, styles, theme, settings, relationships).
 * Word writes well-formed, DTD-free XML, so a strict tokenizer over that subset is enough and keeps the project
 * free of an XML dependency. Element and attribute names are normalised by namespace URI, not by the prefix the
 * file happens to use: `w:` for WordprocessingML (transitional and Strict), `a:` for DrawingML, `r:` for
 * relationships, `mc:` for markup compatibility, and bare names for the package-relationship parts.
 */

export interface XmlElement {
  /** Namespace-normalised name, e.g. 'w:p', 'a:ea', 'Relationship'. */
  name: string
  /** Namespace-normalised attribute names ('w:val', 'xml:space', 'Target'); namespace declarations are dropped. */
  attrs: Record<string, string>
  children: XmlElement[]
  /** The element's own character data (entities decoded), children's text excluded. */
  text: string
  /** Where the element sits in the source, when parsed with `{ positions: true }` (for editing a part in place). */
  source?: XmlSourceRange
}

/** Offsets into the parsed string: `xml.slice(start, end)` is the whole element, `[openEnd, closeStart)` its content. */
export interface XmlSourceRange {
  /** The name as written, prefix included ('w:r'), for writing sibling elements with the file's own prefix. */
  qname: string
  start: number
  openEnd: number
  closeStart: number
  end: number
}

/** Malformed XML; the caller decides what to tell the user. */
export class XmlSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} at ${position}`)
    this.name = 'XmlSyntaxError'
  }
}

const CANONICAL_PREFIX: Readonly<Record<string, string>> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://www.w3.org/XML/1998/namespace': 'xml',
  // Package relationships (_rels/*.rels) use a default namespace: keep their names bare.
  'http://schemas.openxmlformats.org/package/2006/relationships': '',
}

const NAME = /[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/y
const ATTRIBUTE = /\s*([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y
const END_TAG = /<\/([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*>/y
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g
const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, named: string | undefined) => {
    if (named) return NAMED_ENTITIES[named]!
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16)
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

interface OpenElement {
  element: XmlElement
  qname: string
  scope: Map<string, string>
}

/**
 * Parses one XML document into an element tree. Throws `XmlSyntaxError` on anything outside well-formed,
 * DTD-free XML (a DOCTYPE is refused: OOXML never has one, and refusing it rules out entity expansion attacks).
 */
export function parseXml(xml: string, limits: { maxElements?: number; positions?: boolean } = {}): XmlElement {
  const maxElements = limits.maxElements ?? 2_000_000
  const positions = limits.positions ?? false
  let elements = 0
  let root: XmlElement | undefined
  const stack: OpenElement[] = []
  const baseScope = new Map<string, string>([['xml', 'http://www.w3.org/XML/1998/namespace']])
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0

  const appendText = (raw: string, at: number) => {
    const top = stack[stack.length - 1]
    if (top) top.element.text += raw
    else if (raw.trim() !== '') throw new XmlSyntaxError('text outside the root element', at)
  }

  while (i < xml.length) {
    const lt = xml.indexOf('<', i)
    const textEnd = lt < 0 ? xml.length : lt
    if (textEnd > i) appendText(decodeEntities(xml.slice(i, textEnd)), i)
    if (lt < 0) break

    if (xml.startsWith('<?', lt)) {
      i = skipPast(xml, '?>', lt)
    } else if (xml.startsWith('<!--', lt)) {
      i = skipPast(xml, '-->', lt)
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt)
      if (end < 0) throw new XmlSyntaxError('unterminated CDATA section', lt)
      appendText(xml.slice(lt + 9, end), lt)
      i = end + 3
    } else if (xml.startsWith('<!', lt)) {
      throw new XmlSyntaxError('DOCTYPE declarations are not allowed', lt)
    } else if (xml[lt + 1] === '/') {
      END_TAG.lastIndex = lt
      const match = END_TAG.exec(xml)
      const open = stack.pop()
      if (!match || !open || match[1] !== open.qname) throw new XmlSyntaxError('mismatched end tag', lt)
      i = lt + match[0].length
      if (open.element.source) {
        open.element.source.closeStart = lt
        open.element.source.end = i
      }
    } else {
      if (stack.length === 0 && root) throw new XmlSyntaxError('more than one root element', lt)
      if (++elements > maxElements) throw new XmlSyntaxError('too many elements', lt)
      const tag = readStartTag(xml, lt)
      const parentScope = stack.length ? stack[stack.length - 1]!.scope : baseScope
      const ownScope = declareNamespaces(parentScope, tag.rawAttrs)
      const element: XmlElement = {
        name: qualify(tag.qname, ownScope, true),
        attrs: qualifyAttributes(tag.rawAttrs, ownScope),
        children: [],
        text: '',
      }
      if (positions) element.source = { qname: tag.qname, start: lt, openEnd: tag.end, closeStart: tag.end, end: tag.end }
      const parent = stack[stack.length - 1]
      if (parent) parent.element.children.push(element)
      else root = element
      if (!tag.selfClosing) stack.push({ element, qname: tag.qname, scope: ownScope })
      i = tag.end
    }
  }
  if (stack.length) throw new XmlSyntaxError(`unclosed element ${stack[stack.length - 1]!.qname}`, xml.length)
  if (!root) throw new XmlSyntaxError('no root element', 0)
  return root
}

function skipPast(xml: string, terminator: string, from: number): number {
  const end = xml.indexOf(terminator, from)
  if (end < 0) throw new XmlSyntaxError(`missing ${terminator}`, from)
  return end + terminator.length
}

function readStartTag(xml: string, lt: number): { qname: string; rawAttrs: [string, string][]; selfClosing: boolean; end: number } {
  NAME.lastIndex = lt + 1
  const name = NAME.exec(xml)
  if (!name) throw new XmlSyntaxError('invalid element name', lt)
  let at = NAME.lastIndex
  const rawAttrs: [string, string][] = []
  for (;;) {
    ATTRIBUTE.lastIndex = at
    const attribute = ATTRIBUTE.exec(xml)
    if (attribute && /\s/.test(xml[at] ?? '')) {
      rawAttrs.push([attribute[1]!, decodeEntities(attribute[2] ?? attribute[3] ?? '')])
      at = ATTRIBUTE.lastIndex
      continue
    }
    while (/\s/.test(xml[at] ?? '')) at += 1
    if (xml[at] === '>') return { qname: name[0], rawAttrs, selfClosing: false, end: at + 1 }
    if (xml[at] === '/' && xml[at + 1] === '>') return { qname: name[0], rawAttrs, selfClosing: true, end: at + 2 }
    throw new XmlSyntaxError('malformed start tag', at)
  }
}

function declareNamespaces(parent: Map<string, string>, rawAttrs: readonly [string, string][]): Map<string, string> {
  let scope = parent
  for (const [name, value] of rawAttrs) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue
    if (scope === parent) scope = new Map(parent)
    scope.set(name === 'xmlns' ? '' : name.slice(6), value)
  }
  return scope
}

/** 'w14:paraId' → its canonical form when the namespace is known; unknown namespaces keep the written prefix. */
function qualify(qname: string, scope: Map<string, string>, isElement: boolean): string {
  const colon = qname.indexOf(':')
  const prefix = colon < 0 ? '' : qname.slice(0, colon)
  const local = colon < 0 ? qname : qname.slice(colon + 1)
  // Unprefixed attributes are in no namespace; unprefixed elements are in the default namespace.
  if (!prefix && !isElement) return local
  const uri = scope.get(prefix)
  const canonical = uri === undefined ? undefined : CANONICAL_PREFIX[uri]
  if (canonical === undefined) return qname
  return canonical ? `${canonical}:${local}` : local
}

function qualifyAttributes(rawAttrs: readonly [string, string][], scope: Map<string, string>): Record<string, string> {
  const attrs: Record<string, string> = {}
  for (const [name, value] of rawAttrs) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue
    attrs[qualify(name, scope, false)] = value
  }
  return attrs
}

/** The first child named `name`. */
export function childElement(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((child) => child.name === name)
}

export function childElements(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((child) => child.name === name) : []
}

/** Follows a path of child names: `pathElement(styles, 'w:docDefaults', 'w:rPrDefault', 'w:rPr')`. */
export function pathElement(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let current = element
  for (const name of names) current = childElement(current, name)
  return current
}
