/**
 * Characters XML 1.0 forbids: controls other than tab and line breaks, the noncharacters U+FFFE and U+FFFF, half of a
 * surrogate pair. A draft or park data pasted from elsewhere may carry them; the docx and exceljs packages write them
 * into the file as they are (only some controls are dropped), and one in document.xml or sharedStrings.xml makes Word
 * or Excel refuse to open the file ("unreadable content"). Nobody can see them, so they are dropped.
 */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what must be found
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** `text` without the characters an XML file cannot hold. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '')
}

/** A cell or field value with its text made XML-safe; numbers, booleans and dates as they are. */
export function xmlSafeValue<T>(value: T): T {
  return (typeof value === 'string' ? xmlSafe(value) : value) as T
}
