import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkReport } from '../../src/check/check-report.js'
import { headingNumberingRule } from '../../src/check/rules/heading-numbering.js'
import { getKind } from '../../src/kinds/registry.js'
import { parseDocxReport } from '../../src/model/parse-docx.js'
import { parseReport } from '../../src/model/parse-report.js'
import { documentXml, makeDocx, paragraphXml } from '../model/ooxml-package.js'
import { describeCases, testRule } from './rule-tester.js'

const draft = (name: string) => readFileSync(new URL(`../../fixtures/drafts/${name}`, import.meta.url), 'utf8')

const BG = '一、背景介绍\n园区实际管理面积3260公顷。\n'

const table = testRule(headingNumberingRule, {
  valid: [
    draft('nanling-green.txt'),
    { text: draft('nanling-green.md'), format: 'markdown' },
    // All four levels in the template's order; level-3/4 headings run into their paragraph or stand alone with 。.
    BG + '二、创新举措\n（一）建设绿色微电网\n1. 绿电直供。光伏电量优先供给正极材料企业。\n（1）屋顶光伏。建成屋顶光伏86兆瓦。\n（2）储能电站。建成储能40兆瓦时。\n2. 能碳智管。\n按企业、工序核算碳排放。',
    // A figure at the start of a line is no heading 1., and 一是 is prose.
    BG + '二、创新举措\n（一）建设智慧安全应急管理平台\n1.2万个监测点位全部接入平台，实现危化品储运全过程实时监测。\n一是推行安全风险分级管控；二是推行隐患排查治理。',
    // A draft that numbers 一、 then 1. throughout (fixtures/real/06, dev2/92: a list of projects or measures under
    // 一、) uses another scheme, not a skipped level; a text with no 一、 at all is an excerpt or another genre.
    BG + '二、创新举措\n1. 绿电直供。光伏电量优先供给正极材料企业。\n2. 能碳智管。按企业、工序核算碳排放。',
    '（一）建设绿色微电网\n园区建成屋顶光伏86兆瓦。',
    // dev2/89: an excerpt that starts inside part 3 of the page.
    '资专业家居市场。在谈项目16个，包括5个500强企业项目。\n3.园区发展换挡升级。1—9月，园区规模工业产值143.3亿元，同比增长21%。',
    // dev2/56: 1.2025年 reads as a figure, not as heading 1., yet it is the first item: 2. and 3. follow it.
    '一、反馈问题\n化工园区布局分散。\n二、完成情况\n1.2025年6月省经信厅组织相关单位对荆州市7个化工园区开展现场核查。\n2.对沙市区化工园区和经开区化工园区进行了整合。\n3.编制了化工园区提档升级规划。',
    // Numbering restarts under each parent.
    BG + '二、创新举措\n（一）建设绿色微电网\n园区建成屋顶光伏86兆瓦。\n（二）打通副产硫酸钠循环链条\n园区建设硫酸钠资源化项目。\n三、实践成效\n（一）碳排放强度明显下降\n单位能耗碳排放降至2.05吨/吨标准煤。\n（二）固废综合利用水平大幅提升\n综合利用率提升至93.6%。',
    // A heading that ends with a question mark keeps it; 2025年 at a line start is no heading.
    '一、背景介绍\n（一）中小企业为何“不敢转”？\n2025年园区开展企业数字化诊断126家。',
    // Short lines that are no sub-headings: a sentence with its 。, a lead-in ending with ：, a caption, a line
    // closing the part (nothing follows it), and a short line under the heading with no other one after it.
    BG + '二、创新举措\n' +
      '园区建成危险化学品全流程监管平台，覆盖重点企业46家。\n监测数据实时汇聚。\n平台主要功能如下：\n' +
      '一是重大危险源在线监测；二是危化品车辆全过程跟踪；三是应急资源一张图调度。\n图1 园区安全风险监测点位分布\n' +
      '平台接入各类感知设备1654个，实现重点区域全覆盖。\n南岭经济技术开发区管理委员会',
    '一、背景介绍\n园区概况\n园区实际管理面积3260公顷，集聚化工新材料企业86家，其中重大危险源企业46家。',
  ],
  invalid: [
    {
      text: BG + '二、创新举措\n(一)建设绿色微电网\n园区建成屋顶光伏86兆瓦。',
      errors: [{ span: '(一)', severity: 'error', message: '标题序号“(一)”不规范，应写作“（一）”' }],
      output: BG + '二、创新举措\n（一）建设绿色微电网\n园区建成屋顶光伏86兆瓦。',
    },
    {
      text: '一.背景介绍\n园区实际管理面积3260公顷。\n二、创新举措\n（一）、建设绿色微电网\n1、绿电直供。光伏电量优先供给正极材料企业。\n2．能碳智管。按企业、工序核算碳排放。\n(1)屋顶光伏。建成屋顶光伏86兆瓦。',
      errors: [
        { span: '一.', severity: 'error', message: '应写作“一、”' },
        { span: '（一）、', severity: 'error', message: '应写作“（一）”' },
        { span: '1、', severity: 'error', message: '应写作“1.”' },
        { span: '2．', severity: 'error', message: '应写作“2.”' },
        { span: '(1)', severity: 'error', message: '应写作“（1）”' },
      ],
      output: '一、背景介绍\n园区实际管理面积3260公顷。\n二、创新举措\n（一）建设绿色微电网\n1.绿电直供。光伏电量优先供给正极材料企业。\n2.能碳智管。按企业、工序核算碳排放。\n（1）屋顶光伏。建成屋顶光伏86兆瓦。',
    },
    {
      // Level 1: the kind's parts decide the numbers, so the gap is reported without a fix.
      text: '一、背景介绍\n园区实际管理面积3260公顷。\n三、实践成效\n综合利用率提升至93.6%。',
      errors: [{ span: '三、', severity: 'error', message: '“一、”之后是“三、”，缺少“二、”' }],
      output: '一、背景介绍\n园区实际管理面积3260公顷。\n三、实践成效\n综合利用率提升至93.6%。',
    },
    {
      text: '二、创新举措\n（一）建设绿色微电网\n园区建成屋顶光伏86兆瓦。\n三、实践成效\n单位能耗碳排放降至2.05吨/吨标准煤。',
      errors: [{ span: '二、', severity: 'error', message: '同级标题应从“一、”开始，此处为“二、”' }],
    },
    {
      text: BG + '二、创新举措\n（一）建设绿色微电网\n建成屋顶光伏。\n（三）打通循环链条\n建设资源化项目。\n（二）建设应急管理平台\n接入监测点位。',
      errors: [
        { span: '（三）', severity: 'error', message: '缺少“（二）”' },
        { span: '（二）', severity: 'error', message: '标题序号倒退：“（三）”之后是“（二）”' },
      ],
      output: BG + '二、创新举措\n（一）建设绿色微电网\n建成屋顶光伏。\n（二）打通循环链条\n建设资源化项目。\n（三）建设应急管理平台\n接入监测点位。',
    },
    {
      // A repeated number: this heading and every following one are renumbered by position.
      text: BG + '二、创新举措\n（一）建设绿色微电网\n建成屋顶光伏。\n（二）打通循环链条\n建设资源化项目。\n（二）建设应急管理平台\n接入监测点位。\n（三）完善安全制度\n推行双重预防机制。',
      errors: [
        { span: '（二）', severity: 'error', message: '标题序号“（二）”重复' },
        { span: '（三）', severity: 'error', message: '应为“（四）”' },
      ],
      output: BG + '二、创新举措\n（一）建设绿色微电网\n建成屋顶光伏。\n（二）打通循环链条\n建设资源化项目。\n（三）建设应急管理平台\n接入监测点位。\n（四）完善安全制度\n推行双重预防机制。',
    },
    {
      text: BG + '二、创新举措\n（二）建设绿色微电网\n建成屋顶光伏86兆瓦。\n（三）建设智慧安全应急管理平台\n接入1.2万个监测点位。',
      errors: [
        { span: '（二）', severity: 'error', message: '同级标题应从“（一）”开始' },
        { span: '（三）', severity: 'error', message: '应为“（二）”' },
      ],
      output: BG + '二、创新举措\n（一）建设绿色微电网\n建成屋顶光伏86兆瓦。\n（二）建设智慧安全应急管理平台\n接入1.2万个监测点位。',
    },
    {
      // A gap at level 3, with a half-width marker: one fix per marker, carried by the form finding.
      text: BG + '二、创新举措\n（一）建设绿色微电网\n1. 绿电直供。光伏电量优先供给正极材料企业。\n3、能碳智管。按企业、工序核算碳排放。',
      errors: [
        { span: '3、', severity: 'error', message: '缺少“2.”' },
        { span: '3、', severity: 'error', message: '应写作“3.”' },
      ],
      output: BG + '二、创新举措\n（一）建设绿色微电网\n1. 绿电直供。光伏电量优先供给正极材料企业。\n2.能碳智管。按企业、工序核算碳排放。',
    },
    {
      // The draft uses （一） elsewhere, so 1. right under 二、 skipped that level here.
      text: '一、背景介绍\n（一）园区概况\n园区实际管理面积3260公顷。\n二、创新举措\n1. 绿电直供。光伏电量优先供给正极材料企业。\n2. 能碳智管。按企业、工序核算碳排放。',
      errors: [{ span: '1.', severity: 'warning', message: '“1.”直接位于“二、创新举措”之下，跳过了“（一）”一级' }],
    },
    {
      // The draft has 一、 parts, and this （一） stands before the first of them.
      text: '（一）建设绿色微电网\n园区建成屋顶光伏86兆瓦。\n一、背景介绍\n园区实际管理面积3260公顷。',
      errors: [{ span: '（一）', severity: 'warning', message: '前面没有一级标题' }],
    },
    {
      text: '一、背景介绍：\n园区实际管理面积3260公顷。\n二、创新举措\n（一）建设绿色微电网。\n园区建成屋顶光伏86兆瓦。',
      errors: [
        { span: '：', severity: 'warning', message: '单独成行的标题末尾不加“：”' },
        { span: '。', severity: 'warning', message: '单独成行的标题末尾不加“。”' },
      ],
      output: '一、背景介绍\n园区实际管理面积3260公顷。\n二、创新举措\n（一）建设绿色微电网\n园区建成屋顶光伏86兆瓦。',
    },
    {
      // A sub-heading written without its marker is a paragraph to the parser: a short line alone between body
      // paragraphs is pointed at with the （N） it would take, and not fixed (it may be a sentence without its 。).
      text:
        BG + '二、创新举措\n织密“一张监测网”\n园区将46家危险化学品企业的重大危险源数据全量接入监管平台，在线监测点位1654个。\n' +
        '打造应急指挥中枢\n园区整合消防、医疗等应急资源，建成一体化应急指挥中心，实现“一键调度”。',
      errors: [
        { span: '织密“一张监测网”', severity: 'warning', message: '“织密“一张监测网””单独成行、没有序号，可能是漏标序号的小标题', suggestion: '写作“（一）织密“一张监测网””' },
        { span: '打造应急指挥中枢', severity: 'warning', suggestion: '写作“（二）打造应急指挥中枢”' },
      ],
      output:
        BG + '二、创新举措\n织密“一张监测网”\n园区将46家危险化学品企业的重大危险源数据全量接入监管平台，在线监测点位1654个。\n' +
        '打造应急指挥中枢\n园区整合消防、医疗等应急资源，建成一体化应急指挥中心，实现“一键调度”。',
    },
    {
      // After an opening paragraph, the first sub-heading is （一）.
      text:
        BG + '二、创新举措\n园区以安全风险智能化管控为主线，分两步推进化工园区智慧化建设。\n建设感知网络\n' +
        '园区在装卸台、中控室等重点区域布设可燃气体和有毒气体报警器。\n完善处置机制\n园区制定分级响应流程，报警信息10分钟内推送至企业和监管人员。',
      errors: [
        { span: '建设感知网络', severity: 'warning', suggestion: '（一）建设感知网络' },
        { span: '完善处置机制', severity: 'warning', suggestion: '（二）完善处置机制' },
      ],
    },
    {
      format: 'markdown',
      text: '## 一、背景介绍\n\n园区实际管理面积3260公顷。\n\n## 二、创新举措\n\n### **(二)建设智慧安全应急管理平台。**\n\n园区接入1.2万个监测点位。',
      errors: [
        { span: '(二)', severity: 'error', message: '同级标题应从“（一）”开始' },
        { span: '(二)', severity: 'error', message: '应写作“（二）”' },
        { span: '。', severity: 'warning' },
      ],
      output: '## 一、背景介绍\n\n园区实际管理面积3260公顷。\n\n## 二、创新举措\n\n### **（一）建设智慧安全应急管理平台**\n\n园区接入1.2万个监测点位。',
    },
  ],
})

describe('heading-numbering', () => {
  describeCases(table)

  it('takes no table cell of a .docx for an unnumbered sub-heading', async () => {
    // A row of a table: a short label cell between the long explanation cells of the rows around it.
    const cell = (text: string) => `<w:tc>${paragraphXml([text])}</w:tc>`
    const row = (label: string, text: string) => `<w:tr>${cell(label)}${cell(text)}</w:tr>`
    const body =
      ['一、背景介绍', '园区实际管理面积3260公顷，集聚化工新材料企业86家。'].map((text) => paragraphXml([text])).join('') +
      `<w:tbl>${row('安全科技支撑情况', '园区与高校共建化工安全工程技术研究中心，近三年转化安全技术成果12项。')}` +
      `${row('应急救援能力建设情况', '园区建成专职消防站2座，配备危险化学品事故应急救援车辆18台。')}</w:tbl>`
    const { doc, paragraphs } = await parseDocxReport(makeDocx({ document: documentXml(body) }))
    const { findings } = checkReport({ doc, kind: getKind('innovation-green'), docxParagraphs: paragraphs, rules: [headingNumberingRule] })
    expect(findings.map((f) => f.message)).toEqual([])
    // The same lines as plain text: each label between two body paragraphs is taken for a sub-heading.
    expect(runPlain(doc.source)).toEqual([
      '“安全科技支撑情况”单独成行、没有序号，可能是漏标序号的小标题。',
      '“应急救援能力建设情况”单独成行、没有序号，可能是漏标序号的小标题。',
    ])
  })
})

function runPlain(text: string): string[] {
  return checkReport({ doc: parseReport(text), kind: getKind('innovation-green'), rules: [headingNumberingRule] }).findings.map((f) => f.message)
}
