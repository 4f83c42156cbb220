import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { defineRule } from '../rule.js'
import { SURNAME_SOURCE } from '../surnames.js'
import { blockRange, textBlocks } from '../text-blocks.js'
import { matchesOf } from '../../regex-matches.js'

/**
 * 000/001 填写说明 2 and 承诺声明: 填写内容……可公开发布; 所有内容确保可公开发布，不包含涉密或不宜公开的信息.
 * The report is published as submitted, so personal contact data (the form's 负责人/联系人 手机号 and 电子邮箱
 * belong in 一、基本信息, not in the report), ID and bank-card numbers and classification marks must not be in it.
 *
 * Every pattern is anchored on digit boundaries and validated (ID checksum, Luhn) so that the report's many
 * figures — 138000万元, 2025年12月31日, GB/T 4754-2017, 1.2万家 — are not mistaken for personal data.
 */

const DataSchema = z.object({
  // `except`: fixed phrases that contain the term and are publishable (商业秘密); `note` says why, for the editor.
  terms: z.array(
    z.object({ term: z.string().min(2), reason: z.string().min(1), except: z.array(z.string()).optional(), note: z.string().optional() }),
  ),
  contactLabels: z.array(z.string().min(2)),
  roleLabels: z.array(z.string().min(2)),
})

const readData = (name: string): unknown => JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8'))
const DATA = DataSchema.parse(readData('sensitive-terms.json'))

const messages = {
  mobile: (text: string) => `“${text}”是手机号码，材料须可公开发布，正文不应出现个人联系方式。`,
  landline: (text: string) => `“${text}”是固定电话号码，材料须可公开发布，正文不应出现联系电话。`,
  email: (text: string) => `“${text}”是电子邮箱，材料须可公开发布，正文不应出现个人联系方式。`,
  idNumber: (text: string) => `“${text}”是居民身份证号码，属于个人信息，不得写入可公开发布的材料。`,
  bankCard: (text: string) => `“${text}”疑似银行卡号，属于个人或单位账户信息，不得写入可公开发布的材料。`,
  personName: (name: string, label: string) => `“${label}”后的“${name}”是个人姓名，属于联系人信息，不宜写入可公开发布的材料。`,
  term: (reason: string) => `${reason}填写说明要求材料可公开发布，不包含涉密或不宜公开的信息。`,
  suggestContact: '删去联系方式；联系人信息只在“一、基本信息”的负责人、联系人栏填写。',
  suggestPersonal: '删去该号码；如需说明，写单位名称而不写个人信息。',
  suggestTerm: '删去相关内容，或改写为可公开的表述；确需引用的文件应使用已公开的正式名称。',
}

type Kind = 'mobile' | 'landline' | 'email' | 'idNumber' | 'bankCard'

// A figure followed by a unit is an amount, not a number to dial: 13800138000元, 6222021234567890123吨.
const UNIT_AFTER = /^\s*(?:[万亿元吨个家项次人台套件户座亩米%‰]|平方|立方|千瓦|公里|公顷|kW|kWh|t\b)/u
// Digits glued to letters, dots or slashes belong to something else: a version, a decimal, a standard (GB/T 4754-2017).
const NOT_AFTER = '(?<![0-9A-Za-z.．/\\-])'
const NOT_BEFORE = '(?![0-9A-Za-z])'
// GB/T 2260 province-level codes, the first two digits of an ID number.
const PROVINCE_CODES = new Set('11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '))
const ACCOUNT_WORD = /卡号|账号|帐号|账户|帐户|银行卡|开户行|收款/u

// Order matters: earlier patterns win overlaps (13800138000@163.com is an e-mail address, an ID number is not
// also a bank card, a card is not also a phone number).
const PATTERNS: readonly { kind: Kind; pattern: RegExp; valid?: (digits: string, before: string) => boolean }[] = [
  { kind: 'email', pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  // 18-digit 居民身份证号码 (GB 11643): province code, area, birth date, sequence, ISO 7064 MOD 11-2 check character.
  {
    kind: 'idNumber',
    pattern: new RegExp(`${NOT_AFTER}[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]${NOT_BEFORE}`, 'g'),
    valid: (id) => PROVINCE_CODES.has(id.slice(0, 2)) && idChecksumOk(id),
  },
  // Bank cards: 16–19 digits, solid or in groups of four, passing the Luhn check. One long number in ten passes
  // Luhn by chance (a 项目编号, a 统计编码), so the number must also start with 62 (银联, nearly every card issued
  // in China) or follow a word that names an account (卡号, 账号, 开户行).
  {
    kind: 'bankCard',
    pattern: new RegExp(`${NOT_AFTER}(?:\\d{4}[ -]){3}\\d{4}(?:[ -]?\\d{1,3})?${NOT_BEFORE}|${NOT_AFTER}\\d{16,19}${NOT_BEFORE}`, 'g'),
    valid: (digits, before) =>
      digits.length >= 16 && digits.length <= 19 && luhnOk(digits) && (digits.startsWith('62') || ACCOUNT_WORD.test(before.slice(-12))),
  },
  // Mainland mobile numbers 1[3-9]x xxxx xxxx, solid or with spaces/dashes, with an optional +86.
  { kind: 'mobile', pattern: new RegExp(`${NOT_AFTER}(?:(?:\\+|00)?86[\\s-]?)?1[3-9]\\d(?:[\\s-]?\\d{4}){2}${NOT_BEFORE}`, 'g') },
  // Landlines: area code 0xx/0xxx then 7–8 digits, 0731-88886666 or （0731）88886666, optional extension.
  { kind: 'landline', pattern: new RegExp(`${NOT_AFTER}(?:0\\d{2,3}-|[（(]0\\d{2,3}[）)]\\s?)\\d{7,8}(?:-\\d{1,6})?${NOT_BEFORE}`, 'g') },
]

const KIND_SUGGESTION: Record<Kind, string> = {
  mobile: messages.suggestContact,
  landline: messages.suggestContact,
  email: messages.suggestContact,
  idNumber: messages.suggestPersonal,
  bankCard: messages.suggestPersonal,
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const SURNAME = SURNAME_SOURCE
// A name is a surname and one or two characters, ending where the text stops being a name: punctuation, a
// space, a digit, the end, or a contact word (联系人：张伟电话…, 张伟同志).
const NAME_END = '(?=$|[\\s\\d，,。；;：:、（(）)\\]】]|电话|手机|座机|邮箱|电子邮箱|联系方式|同志|先生|女士)'
const labelPattern = (labels: readonly string[]) =>
  new RegExp(`(${labels.toSorted((a, b) => b.length - a.length).map(escape).join('|')})[：:\\s]*(${SURNAME}[\\u4e00-\\u9fff]{1,2}?)${NAME_END}`, 'gu')
const CONTACT_LABEL = labelPattern(DATA.contactLabels)
const ROLE_LABEL = labelPattern(DATA.roleLabels)
// 负责人 王强 13800138000: a role label is personal data only when contact details follow the name closely.
const CONTACT_WITHIN = 30

interface Hit {
  from: number
  to: number
  message: string
  suggestion: string
}

export const sensitiveInfoRule = defineRule({
  meta: {
    id: 'sensitive-info',
    description: '不宜公开的信息：手机号、固定电话、邮箱、身份证号、银行卡号、联系人姓名、涉密标识',
    defaultSeverity: 'error',
    kinds: 'all',
    options: z.object({}).strict(),
  },
  check({ doc }) {
    return textBlocks(doc).flatMap((block) =>
      withoutOverlaps(hitsIn(block.text)).map((hit) => ({
        message: hit.message,
        ...blockRange(doc, block, hit.from, hit.to),
        suggestion: hit.suggestion,
      })),
    )
  },
})

function hitsIn(text: string): Hit[] {
  const contacts = contactHits(text)
  return [...contacts, ...nameHits(text, contacts), ...termHits(text)]
}

function contactHits(text: string): Hit[] {
  const hits: Hit[] = []
  for (const { kind, pattern, valid } of PATTERNS) {
    for (const match of matchesOf(text, pattern)) {
      const from = match.index
      const to = from + match[0].length
      if (kind !== 'email' && UNIT_AFTER.test(text.slice(to))) continue
      if (valid && !valid(match[0].replace(/[\s-]/g, ''), text.slice(0, from))) continue
      if (hits.some((hit) => from < hit.to && hit.from < to)) continue
      hits.push({ from, to, message: messages[kind](match[0]), suggestion: KIND_SUGGESTION[kind] })
    }
  }
  return hits
}

function nameHits(text: string, contacts: readonly Hit[]): Hit[] {
  const named = (pattern: RegExp, needsContact: boolean) =>
    [...matchesOf(text, pattern)].flatMap((match) => {
      const label = match[1]!
      const name = match[2]!
      const from = match.index + match[0].length - name.length
      const to = from + name.length
      if (needsContact && !contacts.some((hit) => hit.from >= to && hit.from - to <= CONTACT_WITHIN)) return []
      return [{ from, to, message: messages.personName(name, label), suggestion: messages.suggestContact }]
    })
  return [...named(CONTACT_LABEL, false), ...named(ROLE_LABEL, true)]
}

function termHits(text: string): Hit[] {
  return DATA.terms.flatMap(({ term, reason, except = [] }) => {
    const hits: Hit[] = []
    for (let from = text.indexOf(term); from >= 0; from = text.indexOf(term, from + 1)) {
      if (except.some((phrase) => coveredBy(text, from, from + term.length, phrase))) continue
      hits.push({ from, to: from + term.length, message: messages.term(reason), suggestion: messages.suggestTerm })
    }
    return hits
  })
}

/** Whether [from, to) lies inside an occurrence of `phrase` (商业秘密 covers its 秘密). */
function coveredBy(text: string, from: number, to: number, phrase: string): boolean {
  for (let at = text.indexOf(phrase, Math.max(0, to - phrase.length)); at >= 0 && at <= from; at = text.indexOf(phrase, at + 1)) {
    if (at + phrase.length >= to) return true
  }
  return false
}

/** Keeps the first of overlapping hits (by position), e.g. 仅供内部参考 is reported once. */
function withoutOverlaps(hits: readonly Hit[]): Hit[] {
  const kept: Hit[] = []
  for (const hit of [...hits].sort((a, b) => a.from - b.from || b.to - a.to)) {
    if (kept.some((other) => hit.from < other.to && other.from < hit.to)) continue
    kept.push(hit)
  }
  return kept
}

/** GB 11643 check character: ISO 7064 MOD 11-2 over the first 17 digits. */
export function idChecksumOk(id: string): boolean {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((total, weight, i) => total + weight * Number(id[i]), 0)
  return '10X98765432'[sum % 11] === id[17]!.toUpperCase()
}

/** Luhn (ISO/IEC 7812) check used by bank card numbers. */
export function luhnOk(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return sum % 10 === 0
}
