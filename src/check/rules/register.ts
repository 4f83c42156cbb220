import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { RuleFinding } from '../finding.js'
import { defineRule } from '../rule.js'
import { fullSentencesOf } from '../sentences.js'
import { blockRange, textBlocks, type TextBlock } from '../text-blocks.js'
import type { ReportDoc } from '../../model/report-doc.js'
import { SURNAME_SOURCE } from '../surnames.js'
import { boundaryTest, taggedWords } from '../words.js'
import { matchesNear, matchesOf } from '../../regex-matches.js'

/**
 * An experience report is written with the park as its subject (000/001: “园区……”), in the register of a written
 * report. Copied from a news story or a speech it keeps that register's marks: a salutation (尊敬的各位领导), a
 * dateline and byline (宜都融媒讯（通讯员 冯满）, 新华社……电（记者 ……）, （上接第1版）), a reporter's 据了解, an official
 * quoted (园区负责人介绍：), a rhetorical question, an exclamation, the first person (我们, 我园). Word lists:
 * src/check/data/register-words.json.
 */

const RegisterWordsSchema = z.object({
  salutations: z.array(z.string().min(2)).min(1),
  news: z.array(z.string().min(2)).min(1),
  firstPerson: z.array(z.object({ word: z.string().min(2), fix: z.string().min(1).optional() })).min(1),
  speakers: z.array(z.string().min(2)).min(1),
  speechVerbs: z.array(z.string().min(1)).min(1),
  colloquial: z.array(z.string().min(2)).min(1),
  pronounSpeech: z.array(z.string().min(1)).min(1),
  particles: z.string().min(1),
  demonstratives: z.array(z.string().min(1)).min(1),
  demonstrated: z.array(z.string().min(1)).min(1),
  speech: z.array(z.string().min(2)).min(1),
  newsActs: z.array(z.string().min(2)).min(1),
})
const WORDS = RegisterWordsSchema.parse(JSON.parse(readFileSync(new URL('../data/register-words.json', import.meta.url), 'utf8')))

const alternatives = (words: readonly string[]) => words.toSorted((a, b) => b.length - a.length).join('|')
// A salutation addresses the audience: at the start of a line or followed by a pause (同志们，); 领导和同志们的帮助 is not one.
const SALUTATION = new RegExp(`(?:${alternatives(WORDS.salutations)})(?=[，,：:！!。、\\s]|$)`, 'gu')
const COLLOQUIAL = new RegExp(alternatives(WORDS.colloquial), 'gu')
// 他说, 他指出, 他还要求: a quoted official by pronoun.
const PRONOUN_SPEECH = new RegExp(`[他她](?:还|也|进一步|再次|同时|最后)?(?:${alternatives(WORDS.pronounSpeech)})`, 'gu')
// 县领导魏宏彬、杨健……等参加庆典仪式: the list of attending leaders of a news story.
// 县领导彭伟、朱浩……及相关单位负责同志参加会办: the same list closed by 及 and the officials who came with them.
const ATTENDANCE =
  /(?:领导|嘉宾|负责同志|负责人)[^。；！？]{2,120}?(?:等|及[^。；！？，,]{0,12}?(?:负责同志|负责人))(?:同志)?(?:参加|出席|陪同|参会)/gu
// ……，相关部门主要负责人参会。: a sentence that ends on who attended is the close of a news story's attendance list.
// Only after officials named by title in the same sentence (……副主任易勇、江帆，……董事长周船，相关部门主要负责人参会); 组织企业
// 负责人参加 says what the park organised.
const ATTENDANCE_END = /(?:负责人|负责同志|领导|嘉宾)等?(?:参加|出席|参会|陪同)了?(?:会议|会办|活动|调研|仪式|座谈会?)?(?=[。；;]|$)/gu
const TITLE = new RegExp(alternatives(WORDS.speakers), 'u')
const ORGANISED = /组织|邀请|安排|召集|带领/u
// 重庆日报记者12月21日从……获悉: a reporter in the story.
const REPORTER = /(?:日报|晚报|时报|新闻|电视台|融媒|报社|通讯社|新华社|本报|本台|本网)记者/gu
// （朱怡舟）, （郭少蓉 陈百煌 肖金科）, （来源：市科技局）: a byline or source note ending a paragraph or on its own line.
const BYLINE_LINE = /(?:^|(?<=[。！？”]))[（(]\s*(?:(?:作者|编辑|责任编辑|供稿)[：:][^）)]{1,30}|[\u4e00-\u9fa5]{2,4}(?:\s+[\u4e00-\u9fa5]{2,4}){0,5})\s*[）)]\s*$/u
const NEWS = new RegExp(alternatives(WORDS.news), 'gu')
const FIRST_PERSON = new RegExp(alternatives(WORDS.firstPerson.map((entry) => entry.word)), 'gu')
// 我深刻体会到, 下面我将: 我 as a word of its own (jieba keeps 我国, 自我, 忘我 whole); 我园/我区 are FIRST_PERSON words.
const SINGLE_I = /我/gu
// 这个园区, 那个项目: spoken reference; a report writes 该园区.
const DEMONSTRATIVE = new RegExp(`(?:${alternatives(WORDS.demonstratives)})(?=${alternatives(WORDS.demonstrated)})`, 'gu')
// ……走吧, ……好呢: a particle closing a clause is speech.
const PARTICLE = new RegExp(WORDS.particles, 'gu')
// 来源： 嘉兴日报 作者： ……: a news page's source or byline line.
// 编辑 于曼歌: the same line with a space for the colon, followed by names only.
const SOURCE_LINE = /^\s*(?:来源|作者|编辑|责任编辑|摄影|通讯员|记者|供稿)\s*(?:[：:][^。！？]{0,80}|\s[\u4e00-\u9fa5]{2,4}(?:\s+[\u4e00-\u9fa5]{2,4}){0,3}\s*)$/u
// ……等相关部门负责人陪同调研: the attendance list, announced after 等.
const ATTENDANCE_AFTER = /等[^。；！？]{0,24}?(?:负责人|领导|负责同志|嘉宾)(?:陪同|参加|出席)/gu
const FIRST_PERSON_AT = new RegExp(`^(?:${alternatives(WORDS.firstPerson.map((entry) => entry.word))})`, 'u')
const FIRST_PERSON_FIX = new Map(WORDS.firstPerson.flatMap((entry) => (entry.fix ? [[entry.word, entry.fix] as const] : [])))
// 园区负责人介绍：, 公司总经理王明表示，: a speaker (and up to four characters of name) and a verb of saying.
// Without a pause after it the verb must end a word (企业负责人表示今年…), so 说明 and 表示器 are not speech.
const QUOTED_SPEAKER = new RegExp(`(?:${alternatives(WORDS.speakers)})[\\u4e00-\\u9fa5]{0,8}?(?:${alternatives(WORDS.speechVerbs)})`, 'gu')
const PAUSE_AFTER = /^[：:，,“]/u
// 常务副市长李建华宣布开工, 副省长杨兴平出席活动: an official's public act, as a news story reports it.
const NEWS_ACT = new RegExp(`(?:${alternatives(WORDS.speakers)})[\\u4e00-\\u9fa5]{0,8}?(?:${alternatives(WORDS.newsActs)})`, 'gu')
const SPEECH = new RegExp(alternatives(WORDS.speech), 'gu')
// A dateline opens the story: 宜都融媒讯（通讯员 冯满）, 新华社北京3月5日电（记者 张三）, 本报讯 记者 李四.
// 中国发展网讯 1月6日，……: a news site's or paper's 讯 followed by the date.
const DATELINE = /^[\u4e00-\u9fa5\d\s]{0,20}?(?:讯|电)\s*(?=[（(]|记者|通讯员)|^[\u4e00-\u9fa5]{0,16}(?:网|报|台|媒体?|社|客户端|新闻)讯(?=\s|\d)/u
// 21世纪经济报道记者雷椰 李德尚玉 北京报道: a byline line that names the reporters and where they report from.
const REPORTED_FROM_LINE = /^[^。！？，,]{0,30}记者[^。！？，,]{1,30}报道\s*$/u
// A byline or source note anywhere: （记者 张三 通讯员 李四）, （福州日报见习记者 颜澜萍）, （来源：市科技局）.
// A photo's source in the text: （图源：采访对象供图）, （摄影：……）.
const BYLINE = /[（(]\s*(?:[\u4e00-\u9fa5]{0,8}?(?:记者|通讯员|实习生)|(?:来源|图源|图片来源|图片|摄影|摄)[：:])[^）)]{0,30}[）)]/gu
// A news page's furniture in 【】: 【责任编辑：陈颖】, 【来源：……】, the paper's name 【今晚报】.
const BRACKET_FURNITURE =
  /【\s*(?:(?:责任编辑|编辑|来源|作者|校对|审核|审校|记者|通讯员|摄影)[：:\s][^】]{0,30}|[\u4e00-\u9fa5]{1,8}(?:日报|晚报|早报|时报|报|新闻网|网|电视台|融媒体?|新闻))\s*】/gu
// 今晚报2023年10月8日（第04版）报道： a story citing the paper it was printed in.
const PAPER_CITED = /[\u4e00-\u9fa5]{1,8}(?:日报|晚报|早报|时报|报|新闻网|电视台)[^。；，,【】]{0,24}?报道[：:，,]/gu
// 在一阵机器的轰鸣声中, 在热烈的掌声中: the scene a feature story opens with.
const SCENE = /在[^，。；：、,;:]{1,14}声中/gu
// 彭玉明强调，: a person's name (a surname and one or two characters, read as one unknown word or a name by jieba)
// and a verb of saying followed by what was said. Without a title the name alone must show a person is meant. After a
// closing quote the sentence may end at the verb: “园区要加快转型。”张明说。 (a news story's attribution).
const NAMED_SPEECH = new RegExp(
  `(?<=^|[，,。；;：:、！？”\\s])(${SURNAME_SOURCE}[\\u4e00-\\u9fa5]{1,2})(?:还|也|进一步|再次|同时|最后|特别)?(?:强调|指出|表示|介绍|说|要求|认为|坦言|透露)(?=[，,：:“。])`,
  'gu',
)
const PERSON_TAGS: ReadonlySet<string> = new Set(['x', 'nr', 'nrfg', 'nrt'])
// 据国家发改委微信公众号消息，: a news story names the channel its news came from.
const NEWS_SOURCE = /据[^，。；！？,;]{1,24}?(?:消息|报道|披露)(?=[，,：:])/gu
// A newspaper's page turn: （上接第1版）, (下转A3版).
const PAGE_TURN = /[（(]\s*[上下][接转]第?\s*[A-Za-z]?[\d一二三四五六七八九十]+\s*版\s*[）)]/gu

const messages = {
  salutation: (text: string) => `“${text}”是讲话的称呼语，经验材料是书面报告，不称呼听众。`,
  suggestSalutation: '删去称呼语，直接以园区为主语叙述。',
  news: (text: string) => `“${text}”是新闻报道用语，经验材料应以园区为主语直接陈述事实。`,
  suggestNews: '删去该用语，直接写明事实和数据来源。',
  dateline: (text: string) => `“${text}”是新闻稿的电头或署名，不属于经验材料正文。`,
  suggestDateline: '删去电头、记者和通讯员署名、版面转接说明。',
  speaker: (text: string) => `“${text}”是新闻稿转述人物讲话的写法，经验材料应以园区为主语直接陈述。`,
  suggestSpeaker: '删去“某某介绍/表示”，把讲话内容改写为园区的做法和数据。',
  firstPerson: (text: string) => `“${text}”是第一人称，经验材料以“园区”或园区全称为主语。`,
  suggestFirstPerson: (fix?: string) => (fix ? `改为“${fix}”。` : '改为“园区”、园区全称或相应单位的全称。'),
  question: (text: string) => `“${text}”是设问或反问，经验材料应直接陈述问题和做法。`,
  suggestQuestion: '改为陈述句，直接写明问题或答案。',
  exclamation: '感叹号是讲话和宣传的语气，经验材料应使用陈述句。',
  attendance: '列出出席领导名单是新闻稿的写法，经验材料不写。',
  suggestAttendance: '删去出席人员名单。',
  colloquial: (text: string) => `“${text}”是新闻宣传的形象化说法，经验材料应直接写明做了什么、达到什么程度。`,
  suggestColloquial: '改为平实的陈述，用事实和数据说明。',
  suggestExclamation: '改为句号。',
  demonstrative: (text: string) => `“${text}”是口语的指代，书面报告写“该”或写明全称。`,
  suggestDemonstrative: '改为“该”。',
  particle: (text: string) => `句末语气词“${text}”是口语，书面报告不用。`,
  suggestParticle: '删去语气词，改为陈述句。',
  newsAct: (text: string) => `“${text}”是新闻稿记述领导活动的写法，经验材料应写园区做了什么、取得了什么结果。`,
  suggestNewsAct: '删去领导活动的记述，改写为园区的做法和数据。',
  scene: (text: string) => `“${text}”是新闻特写的场景描写，经验材料应直接陈述事实。`,
  suggestScene: '删去场景描写，直接写明事实和数据。',
  speech: (text: string) => `“${text}”是讲话稿的口头用语，经验材料是书面报告。`,
  suggestSpeech: '删去该用语，直接陈述。',
}

export const registerRule = defineRule({
  meta: {
    id: 'register',
    description: '新闻稿、讲话稿的语体（称呼语、电头署名、据了解、转述讲话、设问、感叹、第一人称）',
    defaultSeverity: 'warning',
    kinds: 'all',
    options: z.object({}).strict(),
  },
  check({ doc }) {
    return textBlocks(doc).flatMap((block) => registerMarksIn(doc, block))
  },
})

function registerMarksIn(doc: ReportDoc, block: TextBlock): RuleFinding[] {
  const text = block.text
  const quoted = quotedMask(text)
  const onWords = boundaryTest(text)
  const found: RuleFinding[] = []
  const add = (from: number, to: number, message: string, suggestion: string, fix?: string) => {
    const range = blockRange(doc, block, from, to)
    found.push({ message, ...range, suggestion, ...(fix !== undefined ? { fix: { ...range, text: fix } } : {}) })
  }
  const dateline = DATELINE.exec(text)
  if (dateline && dateline[0].trim()) add(0, dateline[0].trimEnd().length, messages.dateline(dateline[0].trim()), messages.suggestDateline)
  for (const m of matchesOf(text, BYLINE)) add(m.index, m.index + m[0].length, messages.dateline(m[0]), messages.suggestDateline, '')
  for (const m of matchesOf(text, PAGE_TURN)) add(m.index, m.index + m[0].length, messages.dateline(m[0]), messages.suggestDateline, '')
  for (const m of matchesOf(text, SALUTATION)) {
    if (!quoted[m.index]) add(m.index, m.index + m[0].length, messages.salutation(m[0]), messages.suggestSalutation)
  }
  for (const m of matchesOf(text, NEWS)) {
    if (!quoted[m.index] && onWords(m.index, m.index + m[0].length)) add(m.index, m.index + m[0].length, messages.news(m[0]), messages.suggestNews)
  }
  for (const m of matchesOf(text, QUOTED_SPEAKER)) {
    const end = m.index + m[0].length
    // 主任首先介绍了园区发展状况 reports what was done, not what was said.
    if (quoted[m.index] || text[end] === '了' || (!PAUSE_AFTER.test(text.slice(end)) && !onWords(end - 1, end) && !onWords(end - 2, end))) continue
    add(m.index, end, messages.speaker(m[0]), messages.suggestSpeaker)
  }
  // One finding per sentence: 李建华宣布开工，文春方致辞，……共同见证 is one news report of one ceremony.
  let newsActUntil = -1
  for (const m of matchesOf(text, NEWS_ACT)) {
    const end = m.index + m[0].length
    if (quoted[m.index] || m.index < newsActUntil || !onWords(end - 2, end)) continue
    add(m.index, end, messages.newsAct(m[0]), messages.suggestNewsAct)
    newsActUntil = fullSentencesOf(text).find((sentence) => sentence.end > m.index)?.end ?? text.length
  }
  for (const m of matchesOf(text, NAMED_SPEECH)) {
    const name = m[1]!
    const first = taggedWords(m[0])[0]
    // Right after a closing quote, a surname and a verb of saying are an attribution whatever jieba reads.
    const attribution = text[m.index - 1] === '”'
    const isPerson = attribution || (first?.word === name && PERSON_TAGS.has(first.tag)) || titledIn(doc, name)
    const endsSentence = text[m.index + m[0].length] === '。'
    if (quoted[m.index] || !isPerson || (endsSentence && !attribution)) continue
    add(m.index, m.index + m[0].length, messages.speaker(m[0]), messages.suggestSpeaker)
  }
  for (const m of matchesOf(text, PRONOUN_SPEECH)) {
    if (!quoted[m.index] && onWords(m.index + m[0].length - 2, m.index + m[0].length)) add(m.index, m.index + m[0].length, messages.speaker(m[0]), messages.suggestSpeaker)
  }
  for (const m of matchesOf(text, ATTENDANCE)) add(m.index, m.index + m[0].length, messages.attendance, messages.suggestAttendance)
  for (const m of matchesOf(text, NEWS_SOURCE)) {
    if (!quoted[m.index]) add(m.index, m.index + m[0].length, messages.news(m[0]), messages.suggestNews)
  }
  if (REPORTED_FROM_LINE.test(text)) add(0, text.trimEnd().length, messages.dateline(text.trim()), messages.suggestDateline, '')
  for (const m of matchesOf(text, ATTENDANCE_AFTER)) {
    if (!found.some((f) => f.message === messages.attendance)) add(m.index, m.index + m[0].length, messages.attendance, messages.suggestAttendance)
  }
  for (const m of matchesOf(text, ATTENDANCE_END)) {
    if (found.some((f) => f.message === messages.attendance)) continue
    const from = fullSentencesOf(text).find((sentence) => sentence.end > m.index)?.start ?? 0
    const before = text.slice(from, m.index)
    if (TITLE.test(before) && !ORGANISED.test(before)) add(m.index, m.index + m[0].length, messages.attendance, messages.suggestAttendance)
  }
  const source = SOURCE_LINE.exec(text)
  if (source) add(0, text.trimEnd().length, messages.dateline(text.trim()), messages.suggestDateline, '')
  for (const m of matchesOf(text, DEMONSTRATIVE)) {
    if (!quoted[m.index]) add(m.index, m.index + m[0].length, messages.demonstrative(m[0]), messages.suggestDemonstrative, '该')
  }
  for (const m of matchesOf(text, PARTICLE)) {
    if (!quoted[m.index]) add(m.index, m.index + m[0].length, messages.particle(m[0]), messages.suggestParticle)
  }
  for (const m of matchesOf(text, BRACKET_FURNITURE)) add(m.index, m.index + m[0].length, messages.dateline(m[0]), messages.suggestDateline, '')
  // Its 报道 starts at most 8 + 3 + 24 characters after the match: tried only there (regex-matches.ts).
  for (const m of matchesNear(text, PAPER_CITED, '报道', 35)) add(m.index, m.index + m[0].length, messages.dateline(m[0]), messages.suggestDateline)
  for (const m of matchesOf(text, SCENE)) {
    if (!quoted[m.index]) add(m.index, m.index + m[0].length, messages.scene(m[0]), messages.suggestScene)
  }
  for (const m of matchesOf(text, SPEECH)) {
    if (!quoted[m.index] && onWords(m.index, m.index + m[0].length)) add(m.index, m.index + m[0].length, messages.speech(m[0]), messages.suggestSpeech)
  }
  for (const m of matchesOf(text, REPORTER)) add(m.index, m.index + m[0].length, messages.dateline(m[0]), messages.suggestDateline)
  for (const m of matchesOf(text, COLLOQUIAL)) add(m.index, m.index + m[0].length, messages.colloquial(m[0]), messages.suggestColloquial)
  const byline = BYLINE_LINE.exec(text)
  if (byline) add(byline.index, byline.index + byline[0].trimEnd().length, messages.dateline(byline[0].trim()), messages.suggestDateline, '')
  for (const m of matchesOf(text, FIRST_PERSON)) {
    // 我市长城汽车 is segmented 我|市长|城: 我 standing as a word of its own is enough (自我, 我国 are not).
    if (quoted[m.index] || !onWords(m.index, m.index + m[0].length) && !onWords(m.index, m.index + 1)) continue
    const fix = FIRST_PERSON_FIX.get(m[0])
    add(m.index, m.index + m[0].length, messages.firstPerson(m[0]), messages.suggestFirstPerson(fix), fix)
  }
  for (const m of matchesOf(text, SINGLE_I)) {
    if (quoted[m.index] || !onWords(m.index, m.index + 1) || FIRST_PERSON_AT.test(text.slice(m.index, m.index + 4))) continue
    add(m.index, m.index + 1, messages.firstPerson('我'), messages.suggestFirstPerson())
  }
  for (const sentence of fullSentencesOf(text)) {
    const last = sentence.text.trimEnd().replace(/[”’」』）)》】]+$/u, '')
    const mark = last.at(-1)
    const at = sentence.start + last.length - 1
    if (quoted[at] || (mark !== '？' && mark !== '?' && mark !== '！' && mark !== '!')) continue
    if (mark === '？' || mark === '?') add(sentence.start, at + 1, messages.question(clip(last)), messages.suggestQuestion)
    else add(at, at + 1, messages.exclamation, messages.suggestExclamation, '。')
  }
  return found
}

// 县委书记、经开区党工委书记卞建军: a name the text introduces with a title is a person, whatever the dictionary
// makes of it (jieba reads 卞建军指出 as other words). Read once per document.
const TITLED_NAMES = new WeakMap<ReportDoc, string>()
const SPEAKER_TITLE = new RegExp(`(?:${alternatives(WORDS.speakers)})(?=${SURNAME_SOURCE})`, 'gu')
function titledIn(doc: ReportDoc, name: string): boolean {
  let titled = TITLED_NAMES.get(doc)
  if (titled === undefined) {
    const text = textBlocks(doc).map((block) => block.text).join('\n')
    titled = matchesOf(text, SPEAKER_TITLE).map((m) => text.slice(m.index + m[0].length, m.index + m[0].length + 3)).join('|')
    TITLED_NAMES.set(doc, titled)
  }
  return titled.split('|').some((following) => following.startsWith(name))
}

const QUOTE_OPENS: ReadonlySet<number> = new Set(Array.from('“「', (mark) => mark.charCodeAt(0)))
const QUOTE_CLOSES: ReadonlySet<number> = new Set(Array.from('”」', (mark) => mark.charCodeAt(0)))

/**
 * Whether each character of a block lies inside “…” or 「…」 (1) or not (0): quoted words are someone else's, in
 * their register. Read by character code: text[i] of a Chinese character would make a string of each.
 */
function quotedMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length)
  let depth = 0
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (QUOTE_OPENS.has(code)) depth += 1
    if (depth > 0) mask[i] = 1
    if (QUOTE_CLOSES.has(code) && depth > 0) depth -= 1
  }
  return mask
}

/** A long sentence named in a message by its first and last words. */
const clip = (sentence: string) => (sentence.length > 30 ? `${sentence.slice(0, 12)}……${sentence.slice(-12)}` : sentence)
