import { describe } from 'vitest'
import { duplicateRule } from '../../src/check/rules/duplicate.js'
import { describeCases, testRule } from './rule-tester.js'

const table = testRule(duplicateRule, {
  valid: [
    // Short clauses repeat by nature; the 【摘要】 may repeat a sentence of the body.
    '【摘要】园区建成智慧安全风险管控平台，接入监测点位8600个。\n二、创新举措\n园区建成智慧安全风险管控平台，接入监测点位8600个。同比增长12%，同比增长8%。',
    // A clause repeated paragraphs away, as a refrain: deliberate.
    '二、创新举措\n（一）依托数字化能碳管理中心等载体，开展企业碳排放核算。\n（二）建设园区安全风险监测平台，接入企业46家。\n（三）依托数字化能碳管理中心等载体，推动绿电交易。',
    // The same citation in two measures, and a 27-character clause repeated under the next heading.
    '二、创新举措\n（一）建设绿色微电网\n针对能源结构偏煤的问题，园区对照《工业园区高质量发展指引》“加快园区绿色设施建设”要求，建设绿色微电网。\n（二）打通循环链条\n针对副产固废利用不足的问题，园区对照《工业园区高质量发展指引》“加快园区绿色设施建设”要求，引进资源化企业。',
    '二、创新举措\n（一）夯实网络基础\n通过数字化赋能各类开发区、高新区及产业集群等产业平台，建成5G基站120个。\n（二）推动协同制造\n通过数字化赋能各类开发区、高新区及产业集群等产业平台，接入企业87家。',
    // Similar but not identical sentences.
    '二、创新举措\n园区推动企业实施数字化改造，带动上下游企业协同发展。园区推动企业实施绿色化改造，带动上下游企业节能降碳。',
  ],
  invalid: [
    {
      // Planted draft 02: a sentence pasted twice.
      text: '二、创新举措\n建成淮澄化工新材料产业园区智慧安全风险管控平台，接入监测点位8600个。建成淮澄化工新材料产业园区智慧安全风险管控平台，接入监测点位8600个。',
      errors: [{ span: '建成淮澄化工新材料产业园区智慧安全风险管控平台，接入监测点位8600个。', severity: 'warning', message: '与前文逐字重复' }],
    },
    {
      // fixtures/real/30: a clause repeated at once.
      text: '一、背景介绍\n关键零部件对外依存度高，上下游配套企业集聚不足，上下游配套企业集聚不足，尚未形成产业生态。',
      errors: [{ span: '上下游配套企业集聚不足，' }],
    },
    {
      // fixtures/real/07: the opening paragraph copied into a later, differently opened one; the run is one finding.
      text: '一、背景介绍\n近年来，园区立足实际，以园区综合改革为切入点，狠抓园区发展空间梳理和承载平台建设等工作重点，取得积极进展。\n二、创新举措\n园区管委会立足实际，以园区综合改革为切入点，狠抓园区发展空间梳理和承载平台建设等工作重点，推进项目落地。',
      errors: [{ span: '以园区综合改革为切入点，狠抓园区发展空间梳理和承载平台建设等工作重点，' }],
    },
  ],
})

describe('duplicate', () => {
  describeCases(table)
})
