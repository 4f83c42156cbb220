/**
 * Characters that show nothing on screen or paper but change what a text means to a program: zero-width spaces and
 * joiners, the byte-order mark, soft hyphens and the bidirectional controls. They arrive by copying from web pages
 * and PDFs (zero-width spaces, soft hyphens) or on purpose: a right-to-left override in a park's name turns the name
 * of a downloaded file around ("…\u202Excod.exe" shows as "…exe.docx"). A person cannot see them to delete them, and
 * the name rules would no longer find "南岭\u200B经济技术开发区" under its full name, so every text field is cleaned of
 * them before it is read. Nothing visible is lost.
 */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g

export function stripInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE, '')
}

/** The same JSON value with every string (keys left alone) cleaned; values that are not strings are kept as they are. */
export function stripInvisibleCharactersDeep(value: unknown): unknown {
  if (typeof value === 'string') return stripInvisibleCharacters(value)
  if (Array.isArray(value)) return value.map(stripInvisibleCharactersDeep)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, stripInvisibleCharactersDeep(item)]))
  }
  return value
}
