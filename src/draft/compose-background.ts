import { toChineseNumeral } from '../model/chinese-numerals.js'
import { HONOUR_VERB } from '../check/honour-verbs.js'
import { jsonPath } from '../park/json-path.js'
import { phrases } from './phrases.js'
import type { PlanSection } from './plan.js'
import { problemClause, splitTopLevel, tidyParkText, withoutFinalStop } from './prose.js'
import { countWord, ensureStop, factSeries, num, paragraph, register, registerDerived, s, yearly, type Context, type Line, type Sentence } from './compose-context.js'
import { notesForBase } from './compose-measures.js'
import { scaleSentence } from './compose-base.js'

/**
 * 一、背景介绍 (000/001 报告框架参考: 一是 the development base of the focus industry, 二是 its 制约因素, 三是 the
 * necessity) and 003 附件2 一、示范基地发展概述, from the indicators, the introduction and the problems.
 */

/** 一是: the development base of the park and of the focus industry (背景介绍 guidance, 基础情况). */
export function baseParagraph(ctx: Context): Line {
  const { park } = ctx
  const sentences: Sentence[] = []
  const introFirst = splitTopLevel(tidyParkText(park.park.intro), '。')[0]
  if (introFirst && introFirst.includes(park.park.name) && introFirst.includes('主导产业')) {
    sentences.push(s(ensureStop(ctx.full(introFirst)), 1))
  } else {
    const leads = park.park.leadIndustries.map((l) => l.name)
    const industries = leads.length > 1
      ? phrases.industriesMany(leads.join('、'), countWord(leads.length))
      : phrases.industriesOne(leads[0] ?? ctx.focus)
    sentences.push(s(phrases.location(park.park.name, `${park.park.province}${park.park.city}${park.park.county}`, industries), 1))
  }
  const revenue = revenueSentence(ctx)
  if (revenue) sentences.push(s(revenue, 1))
  const scale = scaleSentence(ctx, Boolean(revenue))
  if (scale) sentences.push(s(scale, 2))
  sentences.push(s(focusSentence(ctx), 1))
  const enterprises = enterpriseSentence(ctx)
  if (enterprises) sentences.push(s(enterprises, 2))
  const honours = honourSentence(ctx)
  if (honours) sentences.push(s(honours, 2))
  const green = greenBaseSentence(ctx)
  if (green) sentences.push(s(green, 2))
  const unassigned = notesForBase(ctx)
  for (const note of unassigned) sentences.push(s(ensureStop(note), 2))
  if (!revenue && !enterprises) sentences.push(s(phrases.placeholder(phrases.missing.base(ctx.focus))))
  return paragraph(...sentences)
}

function revenueSentence(ctx: Context): string | undefined {
  const revenue = yearly(ctx.park, 'scale', 'revenue')
  const lead = yearly(ctx.park, 'scale', 'leadIndustryRevenue')
  const last = revenue.at(-1)
  if (!last) return undefined
  register(ctx, { value: last.value, unit: '亿元', source: 'indicator', provenance: last.path, label: '营业收入' })
  let text = phrases.revenue(last.year, num(last.value))
  const first = revenue[0]!
  if (first !== last) {
    const rate = ctx.derived.find((f) => f.id === `ind:scale.revenue:${first.year}-${last.year}:rate`)
    if (rate) {
      registerDerived(ctx, rate)
      text += phrases.change(first.year, rate.value >= 0, num(rate.value))
    }
  }
  const leadLast = lead.find((p) => p.year === last.year)
  if (leadLast) {
    register(ctx, { value: leadLast.value, unit: '亿元', source: 'indicator', provenance: leadLast.path, label: '主导产业营业收入' })
    const count = ctx.park.park.leadIndustries.length
    text += `；${phrases.leadRevenue(phrases.leadWho(count > 1 ? countWord(count) : ''), num(leadLast.value))}`
    const share = ctx.derived.find((f) => f.id === `share:scale.leadIndustryRevenue/scale.revenue:${last.year}`)
    if (share) {
      registerDerived(ctx, share)
      text += phrases.leadShare(num(share.value))
    }
  }
  return `${text}。`
}

/** The focus industry, its 细分领域, and its own revenue when a fact gives it (主导产业口径 covers all lead industries). */
function focusSentence(ctx: Context): string {
  const industry = ctx.park.park.leadIndustries.find((l) => l.name === ctx.focus)
  const name = ctx.focus.replace(/产业$/, '')
  const subfields = (industry?.subfields ?? []).join('、')
  // 003 reports cover the whole 示范基地, not one practice.
  let text = ctx.kind.family === 'innovation' ? phrases.focusIndustry(name, subfields) : phrases.focusBase(name, subfields)
  const series = [...factSeries(ctx.park)].find(([label]) => label.includes(name) && /营业收入|营收/.test(label))
  if (series) {
    const [label, points] = series
    const last = points.at(-1)!
    register(ctx, { value: last.fact.value, unit: last.fact.unit, source: 'fact', provenance: last.path, label })
    text += phrases.focusRevenue(last.fact.period!.slice(0, 4), num(last.fact.value), last.fact.unit)
    const first = points[0]!
    if (first !== last) {
      const rate = ctx.derived.find((f) => f.id === `fact:${label}:${first.fact.period}-${last.fact.period}:rate`)
      if (rate) {
        registerDerived(ctx, rate)
        text += phrases.change(first.fact.period!.slice(0, 4), rate.value >= 0, num(rate.value))
      }
    }
  }
  return `${text}。`
}

// The enterprise categories of 企业培育情况 a report names, with their official names (000/001 填写要求1).
const ENTERPRISE_NAMES: readonly [string, string][] = [
  ['highTech', '国家高新技术企业'],
  ['littleGiant', '国家级专精特新“小巨人”企业'],
  ['singleChampion', '国家级制造业单项冠军企业'],
  ['provincialSpecialized', '省级专精特新企业'],
  ['listed', '上市企业'],
  ['unicorn', '独角兽企业'],
]

function enterpriseSentence(ctx: Context): string | undefined {
  const e = ctx.park.indicators?.enterprises
  if (!e) return undefined
  const items: string[] = []
  for (const [field, label] of ENTERPRISE_NAMES) {
    const value = e[field as keyof typeof e]
    if (typeof value !== 'number' || value <= 0) continue
    register(ctx, { value, unit: '个', source: 'indicator', provenance: jsonPath(['indicators', 'enterprises', field]), label })
    items.push(phrases.enterpriseItem(label, num(value)))
  }
  if (typeof e.total === 'number') {
    register(ctx, { value: e.total, unit: '个', source: 'indicator', provenance: jsonPath(['indicators', 'enterprises', 'total']), label: '全部企业数量' })
  }
  if (!items.length && typeof e.total !== 'number') return undefined
  return phrases.enterprises(typeof e.total === 'number' ? num(e.total) : '', items.join('、'))
}

/** The honours the park's introduction lists, plus the 绿色安全情况 titles it does not mention. */
function honourSentence(ctx: Context): string | undefined {
  const intro = ctx.full(ctx.park.park.intro)
  const stated = splitTopLevel(intro, '。').filter((x) => HONOUR_VERB.test(x) && !/\d/.test(x.replace(/\d{4}年/g, '')))
  const titles: string[] = []
  const green = ctx.park.indicators?.green
  if (green?.greenParkTitle && !intro.includes('国家级绿色工业园区')) titles.push('国家级绿色工业园区')
  if (green?.zeroCarbonTitle && !intro.includes('零碳园区')) titles.push('零碳园区')
  const parts = stated.map((x) => withoutFinalStop(x))
  if (titles.length) parts.push(`园区获评${titles.join('、')}`)
  return parts.length ? `${parts.join('；')}。` : undefined
}

function greenBaseSentence(ctx: Context): string | undefined {
  const green = ctx.park.indicators?.green
  if (!green) return undefined
  const items: string[] = []
  const add = (field: 'greenFactories' | 'greenSupplyChain', label: string) => {
    const value = green[field]
    if (typeof value !== 'number' || value <= 0) return
    register(ctx, { value, unit: '个', source: 'indicator', provenance: jsonPath(['indicators', 'green', field]), label })
    items.push(phrases.enterpriseItem(label, num(value)))
  }
  add('greenFactories', '国家级绿色工厂')
  add('greenSupplyChain', '国家级绿色供应链管理企业')
  return items.length ? phrases.greenBase(items.join('、')) : undefined
}

/** 二是, 三是: the problems as one enumeration, then why the practice was needed. */
export function problemParagraphs(ctx: Context, section: PlanSection): Line[] {
  const problems = section.problems
  if (!problems.length) return [paragraph(s(phrases.placeholder(phrases.missing.problems(ctx.focus))))]
  const area = ctx.plan.direction?.name.replace(/^(?:推动|促进|加快|推进)/, '') ?? ''
  const name = ctx.focus.replace(/产业$/, '')
  const intro = problems.length > 1
    ? phrases.problemsIntro(name, area, countWord(problems.length))
    : phrases.problemsIntroOne(name, area)
  const items = problems.length > 1
    ? problems.map((p, i) => phrases.item(toChineseNumeral(i + 1), problemClause(p.text, { inList: true }))).join('；')
    : problemClause(problems[0]!.text)
  const documentTitle = /^《([^》]+)》/.exec(ctx.plan.direction?.clause ?? '')?.[1] ?? ''
  const necessity = ctx.plan.direction ? phrases.necessity(name, documentTitle, ctx.plan.direction.name) : phrases.necessity(name, '', '')
  return [paragraph(s(`${intro}${items}。`), s(necessity, 1))]
}
