import { readFileSync } from 'node:fs'
import { describe, it } from 'vitest'
import { headingNumberingRule } from '../../src/check/rules/heading-numbering.js'
import { testRule } from './rule-tester.js'

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
    // Numbering restarts under each parent.
    BG + '二、创新举措\n（一）建设绿色微电网\n园区建成屋顶光伏86兆瓦。\n（二）打通副产硫酸钠循环链条\n园区建设硫酸钠资源化项目。\n三、实践成效\n（一）碳排放强度明显下降\n单位能耗碳排放降至2.05吨/吨标准煤。\n（二）固废综合利用水平大幅提升\n综合利用率提升至93.6%。',
    // A heading that ends with a question mark keeps it; 2025年 at a line start is no heading.
    '一、背景介绍\n（一）中小企业为何“不敢转”？\n2025年园区开展企业数字化诊断126家。',
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
      text: BG + '二、创新举措\n1. 绿电直供。光伏电量优先供给正极材料企业。\n2. 能碳智管。按企业、工序核算碳排放。',
      errors: [{ span: '1.', severity: 'warning', message: '“1.”直接位于“二、创新举措”之下，跳过了“（一）”一级' }],
    },
    {
      text: '（一）建设绿色微电网\n园区建成屋顶光伏86兆瓦。',
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
  describe('valid', () => table.valid.forEach(([name, fn]) => it(name, fn)))
  describe('invalid', () => table.invalid.forEach(([name, fn]) => it(name, fn)))
})
