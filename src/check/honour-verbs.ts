import { readFileSync } from 'node:fs'
import { z } from 'zod'

/**
 * The verbs of receiving an honour (获评, 入选, 荣获, 被认定为 …) and the adverbs written before them (均, 先后 …):
 * one list (src/check/data/honour-verbs.json, its source noted there) for every reader — the short-name reader
 * (the subject of 获评 is a firm's trade name), the lists of firms (博世、强生、亿滋获评……) and the composer, which
 * keeps the honour sentences of a park's introduction.
 */

const HonourVerbsSchema = z.object({
  $comment: z.string(),
  verbs: z.array(z.string().min(2)).min(1),
  adverbs: z.array(z.string().min(1)),
})
const HONOUR_VERBS = HonourVerbsSchema.parse(JSON.parse(readFileSync(new URL('./data/honour-verbs.json', import.meta.url), 'utf8')))

const alternatives = (words: readonly string[]) => words.toSorted((a, b) => b.length - a.length).join('|')

/** A regular-expression source: an optional adverb, then a verb of receiving an honour (先后获评, 入选, 被认定为). */
export const RECEIVES_HONOUR = `(?:${alternatives(HONOUR_VERBS.adverbs)})?(?:${alternatives(HONOUR_VERBS.verbs)})`

/** Whether a text holds a verb of receiving an honour (园区先后获评省级生物医药特色产业基地). */
export const HONOUR_VERB = new RegExp(alternatives(HONOUR_VERBS.verbs), 'u')
