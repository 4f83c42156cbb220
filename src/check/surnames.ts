import { readFileSync } from 'node:fs'
import { z } from 'zod'

/**
 * Common Chinese surnames (src/check/data/surnames.json), as a regular-expression source that matches one surname.
 * Rules use it only next to a label or a verb that says a person is meant (联系人：张伟; 彭玉明强调，), never to find
 * names in running text on their own: many surnames are ordinary characters (高, 方, 文, 石).
 */
const SurnamesSchema = z.object({ single: z.string().min(1), compound: z.array(z.string().min(2)) })
const SURNAMES = SurnamesSchema.parse(JSON.parse(readFileSync(new URL('./data/surnames.json', import.meta.url), 'utf8')))

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One surname: a compound one (欧阳) or a single character of the list. */
export const SURNAME_SOURCE = `(?:${SURNAMES.compound.map(escape).join('|')}|[${SURNAMES.single}])`
