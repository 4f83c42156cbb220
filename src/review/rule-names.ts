/**
 * The Chinese names people see for the checker's rules, in a Word comment's first words. The web page keeps the
 * same table in src/server/web/review.js (it is a browser script and cannot import this); a test holds the two
 * equal, and another holds every rule of ALL_RULES named here.
 */
export const RULE_NAMES: Readonly<Record<string, string>> = {
  kind: '报告类型',
  length: '字数',
  structure: '结构',
  'heading-numbering': '标题编号',
  'proper-noun': '专有名词',
  'number-consistency': '数字一致',
  'number-trace': '数字来源',
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
}

export const ruleName = (id: string): string => RULE_NAMES[id] ?? '其他'
