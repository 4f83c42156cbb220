import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { ReportDoc } from '../model/report-doc.js'
import type { RuleFinding } from './finding.js'
import { SURNAME_SOURCE } from './surnames.js'
import { blockRange, textBlocks } from './text-blocks.js'
import { boundaryTest, taggedWords } from './words.js'
import { matchesOf } from '../regex-matches.js'

/**
 * 000/001 填写要求1 for people: a person is named with surname and given name. Speeches and 汇报 write a superior by
 * the given name and the post (春立市长, 顺荣主任, 小平同志) — familiar in the room, unclear on paper. Read as language,
 * not from a list of names: two characters right before a post word (src/check/data/person-titles.json), standing
 * alone (a clause start or a preposition before them), that jieba does not know or knows as a name (春立/x, 顺荣/x),
 * and whose first character is not a common surname — 李东书记 and 王刚同志 are full two-character names.
 * The surname is the writer's to add, so there is no fix.
 */

const PersonTitlesSchema = z.object({ titles: z.array(z.string().min(2)).min(1) })
const PERSON_TITLES = PersonTitlesSchema.parse(JSON.parse(readFileSync(new URL('./data/person-titles.json', import.meta.url), 'utf8')))
const TITLE_SOURCE = PERSON_TITLES.titles.toSorted((a, b) => b.length - a.length).join('|')

/** A post word opening `text` (董事长周船: the words after it are a person, not a firm). */
export const STARTS_WITH_PERSON_TITLE = new RegExp(`^(?:${TITLE_SOURCE})`, 'u')

// Two characters of a given name, then the post. The name opens its phrase: the text's start, a mark, or one of the
// prepositions that lead a person (在春立市长的直接指挥下, 由顺荣主任主持).
const GIVEN_NAME_AND_TITLE = new RegExp(`(?<=^|[^\\u4e00-\\u9fa5]|[在由与和及同向对请经据让])([\\u4e00-\\u9fa5]{2})(?:${TITLE_SOURCE})`, 'gu')
const STARTS_WITH_SURNAME = new RegExp(`^${SURNAME_SOURCE}`, 'u')
// A word jieba does not know (春立), or knows as a person's name (小平 is x, 建军 n is a word of prose).
const GIVEN_NAME_TAGS: ReadonlySet<string> = new Set(['x', 'nr', 'nrfg'])

const messages = {
  givenName: (found: string, name: string) => `“${found}”只写了名字“${name}”，没有写姓，正式材料中人名应写全姓名。`,
  suggest: (name: string) => `在“${name}”前补上姓，写出全名。`,
}

/** Every given name written with a post and no surname, as warnings of the `proper-noun` rule. */
export function findGivenNamesOnly(doc: ReportDoc): RuleFinding[] {
  return textBlocks(doc).flatMap((block) => {
    const text = block.text
    const onWords = boundaryTest(text)
    const found: RuleFinding[] = []
    for (const m of matchesOf(text, GIVEN_NAME_AND_TITLE)) {
      const name = m[1]!
      const nameEnd = m.index + name.length
      const end = m.index + m[0].length
      if (STARTS_WITH_SURNAME.test(name) || !onWords(m.index, nameEnd) || !onWords(nameEnd, end)) continue
      const tokens = taggedWords(name)
      if (tokens.length !== 1 || !GIVEN_NAME_TAGS.has(tokens[0]!.tag)) continue
      const range = blockRange(doc, block, m.index, end)
      found.push({ message: messages.givenName(m[0], name), ...range, severity: 'warning', suggestion: messages.suggest(name) })
    }
    return found
  })
}
