/**
 * The sentences the offline composer writes around the park's own data, in one place so that a domain expert can
 * review the wording (公文 style: no figure or claim appears here that the caller did not pass in). Every other word of
 * a composed report is the park data's own text, with official full names.
 */
export const phrases = {
  // 【摘要】 (000/001 报告框架参考: 概述全篇创新实践报告的核心内容，要求言简意赅、重点突出)
  abstractFocus: (park: string, focus: string) => `${park}聚焦${focus}主导产业`,
  // “针对…中等问题” would read 中等: such a list takes 的问题 (prose.ts fusesWithDeng).
  abstractProblems: (names: string, fused = false) => (fused ? `针对${names}的问题` : `针对${names}等问题`),
  abstractNoMeasures: (direction: string) => `开展${direction}创新实践`,
  abstractResults: (changes: string) => `创新实践实施以来，${changes}。`,

  // 一、背景介绍 — 一是 the development base
  location: (park: string, place: string, industries: string) => `${park}位于${place}，已形成${industries}。`,
  industriesMany: (names: string, count: string) => `${names}${count}大主导产业`,
  industriesOne: (name: string) => `以${name}为主导的产业体系`,
  revenue: (year: string, value: string) => `${year}年，园区实现营业收入${value}亿元`,
  change: (base: string, up: boolean, rate: string) => `，较${base}年${up ? '增长' : '下降'}${rate}%`,
  leadRevenue: (who: string, value: string) => `${who}实现营业收入${value}亿元`,
  leadShare: (share: string) => `，占园区营业收入的${share}%`,
  leadWho: (count: string) => (count ? `${count}大主导产业` : '主导产业'),
  focusIndustry: (industry: string, subfields: string) =>
    subfields ? `本次创新实践聚焦${industry}产业，该产业涵盖${subfields}等细分领域` : `本次创新实践聚焦${industry}产业`,
  focusBase: (industry: string, subfields: string) =>
    subfields ? `${industry}产业涵盖${subfields}等细分领域` : `${industry}产业是园区主导产业`,
  focusRevenue: (year: string, value: string, unit: string) => `，${year}年实现营业收入${value}${unit}`,
  enterprises: (total: string, list: string) =>
    total ? `园区集聚各类企业${total}家${list ? `，其中${list}` : ''}。` : `园区现有${list}。`,
  enterpriseItem: (label: string, count: string) => `${label}${count}家`,
  greenBase: (list: string) => `园区现有${list}。`,

  // 一、背景介绍 — 二是 the problems, 三是 the necessity
  problemsIntro: (industry: string, area: string, count: string) =>
    area ? `${industry}产业在${area}方面仍面临${count}方面突出问题：` : `${industry}产业发展仍面临${count}方面突出问题：`,
  problemsIntroOne: (industry: string, area: string) =>
    area ? `${industry}产业在${area}方面仍面临突出问题：` : `${industry}产业发展仍面临突出问题：`,
  item: (ordinal: string, text: string) => `${ordinal}是${text}`,
  necessity: (industry: string, document: string, direction: string) =>
    document
      ? `破解上述问题，既是${industry}产业提升核心竞争力的迫切需要，也是落实《${document}》“${direction}”要求的具体行动。`
      : `破解上述问题，是${industry}产业提升核心竞争力的迫切需要。`,

  // 二、创新举措 (问题导向—解决路径)
  measureSubject: '园区',
  // A measure's opening (compose-openings.ts): what it leads with, then the measure with its subject (`body`). `cite`
  // is 《文件》“条目”; `problem` the names of the problems it answers; `goal` what its linked result changed (降低…).
  citation: (document: string, heading: string) => `《${document}》“${heading}”`,
  measureOpenings: {
    problem: [
      (problem: string, cite: string, body: string) => `针对${problem}的问题，${cite ? `对照${cite}要求，` : ''}${body}。`,
      (problem: string, cite: string, body: string) => `面对${problem}的问题，${cite ? `按照${cite}要求，` : ''}${body}。`,
    ],
    policy: [
      (problem: string, cite: string, body: string) => `按照${cite}要求，${problem ? `围绕${problem}的问题，` : ''}${body}。`,
      (problem: string, cite: string, body: string) => `依据${cite}要求，${body}${problem ? `，破解${problem}的问题` : ''}。`,
    ],
    goal: [
      (problem: string, cite: string, body: string, goal: string) =>
        `为${problem ? `破解${problem}的问题、` : ''}${goal}，${cite ? `对照${cite}要求，` : ''}${body}。`,
      (problem: string, cite: string, body: string, goal: string) =>
        `以${goal}为目标，${cite ? `按照${cite}要求，` : ''}${body}${problem ? `，破解${problem}的问题` : ''}。`,
    ],
    action: [
      (problem: string, cite: string, body: string) =>
        `${body}。${problem && cite ? `这一举措针对${problem}的问题，落实了${cite}要求。` : problem ? `这一举措针对的是${problem}的问题。` : cite ? `这一举措落实了${cite}要求。` : ''}`,
      (problem: string, cite: string, body: string) =>
        `${body}。${problem && cite ? `此举回应${problem}的问题，是落实${cite}要求的具体做法。` : problem ? `此举回应的是${problem}的问题。` : cite ? `此举是落实${cite}要求的具体做法。` : ''}`,
    ],
  },
  /** What a result changed, as the aim of the measure that led to it: 降低单位能耗碳排放. */
  goalVerb: { 下降: '降低', 提升: '提高', 增长: '增加', 缩短: '缩短', 减少: '减少', 压减: '压减', 扩大: '扩大', 延长: '延长' } as Readonly<Record<string, string>>,

  // 三、实践成效
  resultVia: (headings: string) => `通过${headings}，`,
  overallChanges: (changes: string) => `从园区整体看，${changes}。`,
  overallLevels: (year: string, levels: string, first: boolean) => (first ? `从园区整体看，${year}年园区${levels}。` : `${year}年，园区${levels}。`),
  levelIs: (label: string, value: string) => `${label}为${value}`,
  seriesChange: (label: string, from: string, to: string, verb: string, fromYear: string, toYear: string) =>
    `${label}由${fromYear}年的${from}${verb}至${toYear}年的${to}`,
  pointChange: (verb: string, value: string, unit: string) => `，${verb}${value}${unit}`,
  factLevel: (year: string, label: string, value: string) => (year ? `${year}年${label}为${value}` : `${label}为${value}`),
  percentPoints: '个百分点',

  // The data year's scale beside the revenue, and the 示范基地 aspects (compose-base.ts).
  scaleLevels: (year: string, items: string) => (year ? `${year}年，园区${items}。` : `同年，园区${items}。`),
  aspectChange: (words: string, from: string, to: string, verb: string) => `${words}由${from}${verb}至${to}`,
  aspectBody: (from: string, to: string, clauses: string) => `${from}年至${to}年，示范基地${clauses}。`,
  baseSubject: '示范基地',

  // 003 四、存在的问题及建议 (compose-problems.ts): only what the data states, each with the step that answers it.
  shortfallsOne: (problem: string) => `对照高质量发展要求，示范基地仍存在短板：${problem}。`,
  shortfallsMany: (count: string, items: string) => `对照高质量发展要求，示范基地仍存在${count}方面短板：${items}。`,
  shortfallEvents: (year: string, events: string) => `${year}年示范基地内仍发生${events}`,
  shortfallRows: {
    greenLawCompliance: '贯彻执行国家和地方绿色、循环和低碳相关法律法规、政策和标准尚不到位',
    energyTargetsMet: '尚未完成国家或地方政府下达的节能、节水、碳排放下降目标',
    accidentsControlled: '近三年一般及较大事故起数未得到较好控制',
    safetyRiskAssessment: '尚未开展整体性安全风险评价',
  },
  shortfallAdvice: {
    accidents: '压实企业安全生产主体责任，健全安全风险分级管控和隐患排查治理双重预防机制，压减生产安全事故起数',
    incidents: '开展环境风险隐患排查，完善突发环境事件应急预案和处置能力',
    greenLawCompliance: '对照国家和地方绿色、循环和低碳相关法律法规、政策和标准逐项排查整改',
    energyTargetsMet: '分解节能、节水、碳排放下降目标，按年度跟踪考核',
    accidentsControlled: '压实企业安全生产主体责任，压减一般及较大事故起数',
    safetyRiskAssessment: '开展整体性安全风险评价，确定安全容量，实施总量控制',
  },
  shortfallSuggestions: (steps: string) => `针对上述问题，建议${steps}。`,

  // Gaps in the data: the checker's placeholder rule reports them, so nothing is invented (000/001 承诺声明).
  placeholder: (what: string) => `【待补充：${what}】`,
  missing: {
    base: (industry: string) => `园区及${industry}产业发展基础数据（营业收入、主导产业营业收入、企业培育等）`,
    problems: (industry: string) => `${industry}产业发展中存在的主要制约因素或提升空间，并写明有关数据`,
    measures: '针对上述问题采取的具体举措',
    results: '创新实践前后对比的量化成效（如某指标由多少提升至多少）',
    resultFigures: '该项成效的量化数据和前后对比',
    currentProblems: '示范基地发展中当前存在的主要问题和短板，以及下一步工作思路和意见建议',
  },
} as const
