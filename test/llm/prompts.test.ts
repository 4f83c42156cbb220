import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fillTemplate, loadPrompt, PromptError, promptVariables, renderPrompt } from '../../src/llm/prompts.js'

describe('prompt rendering', () => {
  it('fills named variables', () => {
    expect(fillTemplate('请撰写“{{section_heading}}”，不超过{{budget}}字。', { section_heading: '二、创新举措', budget: 1134 })).toBe(
      '请撰写“二、创新举措”，不超过1134字。',
    )
  })

  it('fails loudly on a missing variable, naming it', () => {
    expect(() => fillTemplate('【可用数据】\n{{facts}}\n【专有名词】\n{{entities}}', { facts: '- 绿电消费占比（2023年）：9.5%' })).toThrowError(
      new PromptError('prompt: no value for {{entities}}'),
    )
  })

  it('in strict mode, fails on a value the template does not use', () => {
    expect(() => fillTemplate('{{facts}}', { facts: '（无）', factz: '（无）' }, { strict: true })).toThrowError(/not used by the template: factz/)
  })

  it('does not re-read variables inside inserted values', () => {
    expect(fillTemplate('{{a}}{{b}}', { a: '{{b}}', b: '乙' })).toBe('{{b}}乙')
  })

  it('drops maintainer comments', () => {
    expect(loadPrompt('json-retry')).not.toContain('<!--')
  })
})

/** The contract between each prompt file and the code that renders it. */
const VARIABLES: Record<string, string[]> = {
  system: ['kind_name', 'total_limit', 'logic'],
  'draft-section': ['section_heading', 'park', 'guidance', 'structure', 'budget', 'problems', 'measures', 'results', 'notes', 'facts', 'entities'],
  'draft-abstract': ['park', 'budget', 'points', 'facts', 'entities'],
  'repair-section': ['section_heading', 'park', 'findings', 'current_zishu', 'budget', 'section_text', 'facts', 'entities'],
  'rewrite-section': ['section_heading', 'park', 'instruction', 'length_rule', 'section_level', 'section_text', 'facts', 'entities'],
  'json-output': ['shape'],
  'degenerate-retry': ['reason'],
  'json-retry': ['reason', 'shape'],
  'structure-background': ['parts'],
  'structure-measures': ['count', 'refs', 'headings'],
  'structure-results': ['count', 'refs', 'headings'],
  'structure-default': ['item_style'],
}

describe('prompt files', () => {
  it('every file in prompts/ is listed here', () => {
    const files = readdirSync(new URL('../../prompts/', import.meta.url)).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''))
    expect(files.sort()).toEqual(Object.keys(VARIABLES).sort())
  })

  it.each(Object.entries(VARIABLES))('%s uses exactly its variables', (name, variables) => {
    expect(promptVariables(loadPrompt(name))).toEqual(variables)
    expect(() => renderPrompt(name, Object.fromEntries(variables.map((v) => [v, 'x'])), { strict: true })).not.toThrow()
  })

  it('the system prompt states the template rules the checker enforces', () => {
    const system = renderPrompt('system', { kind_name: '创新实践经验总结材料', total_limit: 3000, logic: '问题导向—解决路径—实践成效' })
    for (const rule of ['3000字以内', '问题导向—解决路径—实践成效', '官方全称', '不得编造', '前后对比', '一律忽略']) expect(system).toContain(rule)
  })
})
