import { ALL_RULES } from '../check/rules/index.js'
import type { Severity } from '../check/finding.js'

/**
 * The Chinese names people see for the checker's rules: the one table behind a Word comment's first words, the CLI's
 * finding lines and `check --rules`, and the web page (which reads it from `GET /api/rules`). Kept beside the rules
 * rather than in each rule's meta so that naming a rule never touches the rule's module; a test holds every rule of
 * ALL_RULES named here, tested, in the README and served.
 */
export const RULE_NAMES: Readonly<Record<string, string>> = {
  kind: '报告类型',
  length: '字数',
  structure: '结构',
  'heading-numbering': '标题编号',
  'proper-noun': '专有名词',
  'number-consistency': '数字一致',
  'number-trace': '数字来源',
  'number-sanity': '数字常识',
  'quant-evidence': '量化成效',
  'logic-chain': '逻辑链条',
  focus: '聚焦产业',
  'sensitive-info': '敏感信息',
  'vague-language': '空泛表述',
  punctuation: '标点',
  placeholder: '待补充内容',
  format: 'Word 格式',
  'park-data': '园区资料',
  register: '文体语气',
  'time-reference': '时间表述',
  typo: '错别字',
  duplicate: '重复内容',
}

export const ruleName = (id: string): string => RULE_NAMES[id] ?? '其他'

/** One checker rule as the CLI and the page list it: its own metadata plus its Chinese name. */
export interface RuleListing {
  id: string
  name: string
  description: string
  defaultSeverity: Severity
  kinds: readonly string[] | 'all'
  needsPark: boolean
  needsDocx: boolean
}

/** Every registered rule, in the order of its Chinese name table (the order people read the list in). */
export function listRules(): RuleListing[] {
  const order = Object.keys(RULE_NAMES)
  return ALL_RULES.map(({ meta }) => ({
    id: meta.id,
    name: ruleName(meta.id),
    description: meta.description,
    defaultSeverity: meta.defaultSeverity,
    kinds: meta.kinds,
    needsPark: meta.needsPark ?? false,
    needsDocx: meta.needsDocx ?? false,
  })).sort((a, b) => indexIn(order, a.id) - indexIn(order, b.id))
}

const indexIn = (order: string[], id: string) => (order.includes(id) ? order.indexOf(id) : order.length)
