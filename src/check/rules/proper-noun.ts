import { z } from 'zod'
import type { RuleFinding } from '../finding.js'
import { findHonourLevels } from '../honour-levels.js'
import { findInstitutionShortNames } from '../institution-names.js'
import { findLatinAcronyms } from '../latin-acronyms.js'
import { findNameMentions, parkNameForms } from '../name-mentions.js'
import { findGivenNamesOnly } from '../person-names.js'
import { defineRule } from '../rule.js'
import { findShortNames } from '../short-names.js'
import { findTermAbbreviations } from '../term-abbreviations.js'
import { blockRange, textBlocks } from '../text-blocks.js'
import { ShortNamePolicySchema, shortNamePolicy } from '../text-names.js'

/**
 * 000/001 填写要求 1: 文中涉及的企业名称、技术名称、荣誉称号等专有名词，应使用规范完整的官方全称.
 *
 * Four sources, one concept (a name not written in full), so one rule id:
 * - the park's registered entities (full name, aliases, and the short forms implied by them, see
 *   src/park/entity-names.ts) and the curated glossary src/check/data/official-names.json; how a mention is told from
 *   a near-miss is in src/check/name-mentions.ts;
 * - short names read from the draft alone, with no park data (src/check/short-names.ts): 南岭经开区 after
 *   南岭经济技术开发区, 龙盛集团, 宜都高新区, 七一六所, a platform written once after its park's name and elsewhere
 *   without it (text-names.ts), the investor of a project named after it (华昌食品项目, investor-projects.ts);
 * - colloquial term abbreviations (src/check/term-abbreviations.ts): 危化品, 规上, 国标.
 * - committee and university short names (src/check/institution-names.ts): 专家委, 西安交大.
 * - Latin acronyms at their first use without the Chinese name (src/check/latin-acronyms.ts): DCS, PPP.
 * - a person by the given name and the post, without the surname (src/check/person-names.ts): 春立市长.
 * - an honour at a level the park's data does not give it (src/check/honour-levels.ts): 省级绿色工厂 for 国家级.
 * Where findings of two sources overlap, the first source wins (the park's data knows its names best).
 *
 * Option `shortNames`: the kind's policy (src/check/data/short-names.json) unless set — the innovation kinds want the
 * full name at every mention and report a “（以下简称…）” itself; the 示范基地 kinds and drafts written to no template
 * accept a declared short form after its declaration.
 */
export const properNounRule = defineRule({
  meta: {
    id: 'proper-noun',
    description: '专有名词未使用规范完整的官方全称（园区、企业、研究所的简称，机构、称号、法规和术语的简称）',
    defaultSeverity: 'error',
    kinds: 'all',
    // Not needsPark: the glossary, short-name and term parts run without park data; only the entity part needs it.
    options: z.object({ shortNames: ShortNamePolicySchema.optional() }).strict(),
  },
  check({ doc, kind, park, options }) {
    const policy = options.shortNames ?? shortNamePolicy(kind.id)
    const entities = parkNameForms(park)
    const mentions = textBlocks(doc).flatMap((block) =>
      findNameMentions(block.text, entities, { declarations: policy === 'full-name-everywhere' }).map((candidate): RuleFinding => {
        const range = blockRange(doc, block, candidate.start, candidate.end)
        return { message: candidate.message, ...range, suggestion: candidate.suggestion, fix: { ...range, text: candidate.replacement } }
      }),
    )
    return firstWins([findHonourLevels(doc, park), mentions, findTermAbbreviations(doc, park), findShortNames(doc, park, policy), findInstitutionShortNames(doc), findLatinAcronyms(doc, park), findGivenNamesOnly(doc)])
  },
})

/** The findings of every source, dropping one that overlaps a finding of an earlier source. */
function firstWins(sources: readonly (readonly RuleFinding[])[]): RuleFinding[] {
  const kept: RuleFinding[] = []
  for (const findings of sources) {
    const before = kept.length
    for (const finding of findings) {
      if (kept.slice(0, before).some((other) => finding.start < other.end && other.start < finding.end)) continue
      kept.push(finding)
    }
  }
  return kept.sort((a, b) => a.start - b.start)
}
