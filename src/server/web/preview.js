// 打印预览: the report laid out as it will print — A4 pages with the GB/T 9704 margins the Word export uses, the
// kind's fonts (黑体 / 楷体_GB2312 / 仿宋_GB2312), size (小四) and fixed line spacing (22 磅), no paragraph spacing, a
// two-character first-line indent and a page number “— N —” — so a person sees the page count and where pages break
// before downloading. Paragraphs are split across pages at a line, as Word does; a heading never ends a page.
import { h } from './dom.js'

/** CSS font stacks for the fonts the templates name; the Windows/WPS name first, then what other systems have. */
const FONT_STACKS = {
  仿宋_GB2312: "'仿宋_GB2312', 'FangSong_GB2312', 'FangSong', 'STFangsong', 'Noto Serif CJK SC', serif",
  楷体_GB2312: "'楷体_GB2312', 'KaiTi_GB2312', 'KaiTi', 'STKaiti', 'Noto Serif CJK SC', serif",
  黑体: "'黑体', 'SimHei', 'Heiti SC', 'Noto Sans CJK SC', sans-serif",
}
const fontStack = (name) => FONT_STACKS[name] ?? `'${name}', serif`

/** A span in a font. Styles are set through the CSSOM: the page's CSP (style-src 'self') refuses style attributes. */
function inFont(font, text) {
  const span = h('span', {}, text)
  span.style.fontFamily = fontStack(font)
  return span
}

/** A4 and the margins of src/export/docx-style.ts (GB/T 9704—2012 5.2.1), in millimetres. */
const PAGE = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 }

const HEADING_PATTERNS = [
  [1, /^[一二三四五六七八九十]+、/],
  [2, /^（[一二三四五六七八九十]+）/],
  [3, /^\d+[.．](?!\d)/],
  [4, /^（\d+）/],
]

/** The kind of each line of the text: title (the first line when it is not a heading or 【摘要】), abstract, heading n, body. */
export function classifyLines(text) {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
  return lines.map((line, index) => {
    if (line.startsWith('【摘要】')) return { type: 'abstract', text: line }
    const heading = HEADING_PATTERNS.find(([, pattern]) => pattern.test(line))
    if (heading) return { type: 'heading', level: heading[0], text: line }
    if (index === 0) return { type: 'title', text: line }
    return { type: 'body', text: line }
  })
}

/** A run-in heading (“（一）打通循环链条。引进……”): the heading part up to its first 。 or ：, and the text after it. */
function splitRunIn(text) {
  const end = text.search(/[。：]/)
  if (end < 0 || end === text.length - 1) return [text, '']
  return [text.slice(0, end + 1), text.slice(end + 1)]
}

/** The paragraph element of one classified line, styled from the kind's typography. */
function paragraphOf(line, style) {
  const p = h('p', { class: `pv-para pv-para-${line.type}${line.level ? ` pv-h${line.level}` : ''}` })
  if (line.type === 'abstract') {
    p.append(inFont(style.headingFonts[0], '【摘要】'), line.text.slice('【摘要】'.length))
  } else if (line.type === 'heading') {
    const [head, rest] = splitRunIn(line.text)
    p.append(inFont(style.headingFonts[line.level - 1], head), rest)
  } else if (line.type === 'title') {
    p.style.fontFamily = fontStack(style.headingFonts[0])
    p.append(line.text)
  } else {
    p.append(line.text)
  }
  return p
}

function newPage(pages, number, style) {
  const body = h('div', { class: 'pv-body' })
  const page = h('div', { class: 'pv-page' }, body, h('div', { class: 'pv-number' }, `— ${number} —`))
  Object.assign(page.style, {
    width: `${PAGE.width}mm`,
    height: `${PAGE.height}mm`,
    padding: `${PAGE.top}mm ${PAGE.right}mm ${PAGE.bottom}mm ${PAGE.left}mm`,
    fontFamily: fontStack(style.bodyFont),
    fontSize: `${style.sizePt}pt`,
    lineHeight: `${style.lineSpacingPt}pt`,
  })
  pages.append(page)
  return body
}

const overflows = (body) => body.scrollHeight > body.clientHeight + 1

/**
 * The longest head of `paragraph`'s text that still fits `body` (binary search on the characters); the rest is
 * answered as a continuation paragraph (no first-line indent) for the next page.
 */
function splitToFit(body, paragraph) {
  const text = paragraph.textContent
  const styled = paragraph.firstElementChild && paragraph.firstElementChild.tagName === 'SPAN' ? paragraph.firstElementChild : null
  const head = styled ? styled.textContent : ''
  let low = 0
  let high = text.length
  const setLength = (n) => {
    paragraph.replaceChildren()
    if (styled && n > 0) {
      const span = styled.cloneNode(false)
      span.textContent = head.slice(0, n)
      paragraph.append(span, text.slice(head.length, Math.max(head.length, n)))
    } else paragraph.append(text.slice(0, n))
  }
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    setLength(mid)
    if (overflows(body)) high = mid - 1
    else low = mid
  }
  setLength(low)
  if (low === 0) {
    paragraph.remove()
    return { rest: paragraphWithText(paragraph, text, styled, head, 0) }
  }
  return { rest: low < text.length ? paragraphWithText(paragraph, text, styled, head, low) : null }
}

/** The continuation of a split paragraph from character `from`: the same class, no first-line indent. */
function paragraphWithText(original, text, styled, head, from) {
  const p = h('p', { class: `${original.className.replace(/ pv-cont/g, '')}${from > 0 ? ' pv-cont' : ''}` })
  if (styled && from < head.length) {
    const span = styled.cloneNode(false)
    span.textContent = head.slice(from)
    p.append(span, text.slice(head.length))
  } else p.append(text.slice(from))
  return p
}

/**
 * Lays `text` out into pages inside `container` (which must be in the document, to be measured) and answers the
 * number of pages. `style`: {bodyFont, headingFonts[4], sizePt, lineSpacingPt, firstLineIndentChars}.
 */
export function renderPreview(container, text, style) {
  const pages = h('div', { class: 'pv-pages' })
  pages.style.setProperty('--pv-indent', `${style.firstLineIndentChars}em`)
  container.replaceChildren(pages)
  let number = 1
  let body = newPage(pages, number, style)
  const lines = classifyLines(text)
  for (let i = 0; i < lines.length; i++) {
    const isHeading = lines[i].type === 'heading' || lines[i].type === 'title'
    let paragraph = paragraphOf(lines[i], style)
    for (;;) {
      body.append(paragraph)
      if (!overflows(body) || (isHeading && body.childElementCount === 1)) break
      if (isHeading) {
        // A heading is never split: it goes to the next page whole.
        paragraph.remove()
        body = newPage(pages, ++number, style)
        continue
      }
      const { rest } = splitToFit(body, paragraph)
      body = newPage(pages, ++number, style)
      if (!rest) break
      paragraph = rest
    }
    // Keep with next: a heading with no room below it for a line of its text starts the next page instead.
    if (isHeading && i + 1 < lines.length && body.childElementCount > 1 && roomBelow(body, paragraph) < lineHeightOf(paragraph)) {
      paragraph.remove()
      body = newPage(pages, ++number, style)
      body.append(paragraph)
    }
  }
  return number
}

const lineHeightOf = (paragraph) => parseFloat(window.getComputedStyle(paragraph).lineHeight)

/** The height left in `body` below `paragraph` (the body is the offset parent of its paragraphs). */
const roomBelow = (body, paragraph) => body.clientHeight - (paragraph.offsetTop + paragraph.offsetHeight)
