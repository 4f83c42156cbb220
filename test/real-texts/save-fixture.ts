/**
 * Saves one collected text as a fixture: `tsx test/real-texts/save-fixture.ts <file> <url> <title> <date> < body`.
 * The body is read from stdin as the stored copy has it; ASCII ，：；（）？！ and paragraph breaks joined into spaces are
 * restored (restore-fullwidth.ts)
 * and a header with the source line is written above a `---` line. Nothing else in the text is changed.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { restoreFullWidth, restoreParagraphBreaks } from './restore-fullwidth.js'

const [file, url, title, date] = process.argv.slice(2)
if (!file || !url || !title || !date) {
  console.error('usage: tsx test/real-texts/save-fixture.ts <file> <url> <title> <date> < body')
  process.exit(2)
}
const raw = readFileSync(0, 'utf8').replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '')
const header = [
  `source: ${url}`,
  `title: ${title}`,
  `date: ${date}`,
  'note: stored copy of the page as retrieved; half-width ，：；（）？！ and lost paragraph breaks restored (README), nothing else changed',
  '---',
]
writeFileSync(file, `${header.join('\n')}\n${restoreParagraphBreaks(restoreFullWidth(raw))}\n`)
console.log(`${file}: ${[...raw].length} characters`)
