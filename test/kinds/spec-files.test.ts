import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { UserError } from '../../src/errors.js'
import { KindSpecSchema } from '../../src/kinds/kind-spec.js'
import { addKindFile, getKind, listKinds, loadKindFile } from '../../src/kinds/registry.js'

const COMMON = fileURLToPath(new URL('../../src/kinds/specs/innovation-common.json', import.meta.url))

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'park-report-kinds-'))
}

function write(dir: string, name: string, value: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(value, null, 2))
  return path
}

function thrown(fn: () => unknown): UserError {
  try {
    fn()
  } catch (e) {
    if (e instanceof UserError) return e
    throw e
  }
  throw new Error('expected a UserError')
}

/** A made-up third innovation kind for the 004 direction 提高开放合作水平 (二（七）), written as next year's spec would be. */
const openKind = (common: string) => ({
  extends: common,
  id: 'innovation-open',
  order: 5,
  source: { seed: '005_example.txt', document: '2026年工业园区高质量发展创新实践经验总结材料（提高开放合作水平类）' },
  category: '提高开放合作水平类',
  title: { guidance: '突出所选择的主导产业、创新实践方向和特色亮点。' },
  directionReference: {
    text: '提高开放合作水平，重点包括开展产业转移发展对接、加强跨园区联动互助、深化国际产业和科技合作等细分内容。',
    clauseRelation: 'source',
    subDirections: [
      { name: '开展产业转移发展对接', clauses: ['《工业园区高质量发展指引》二（七）17'] },
      { name: '加强跨园区联动互助', clauses: ['《工业园区高质量发展指引》二（七）18'] },
      { name: '深化国际产业和科技合作', clauses: ['《工业园区高质量发展指引》二（七）19'] },
    ],
  },
  backgroundGuidance: {
    text: '本部分旨在阐明创新实践的提出背景：一是介绍开放合作基础；二是剖析制约因素。',
    intro: '本部分旨在阐明创新实践的提出背景：',
    parts: [
      { marker: '一是', text: '介绍开放合作基础' },
      { marker: '二是', text: '剖析制约因素' },
    ],
  },
  indicatorBlock: { groups: [{ $ref: '#/$defs/scaleGroup' }] },
})

describe('extends', () => {
  it('a new kind = one file extending innovation-common: shared frame inherited, own parts filled in', () => {
    const spec = loadKindFile(write(tempDir(), 'innovation-open.json', openKind(COMMON)))
    expect(spec.name).toBe('2026年工业园区高质量发展创新实践经验总结材料（提高开放合作水平类）')
    expect(spec.sections.map((s) => `${s.marker}${s.heading}`)).toEqual(['一、背景介绍', '二、创新举措', '三、实践成效'])
    expect(spec.sections[0]?.guidance).toBe('本部分旨在阐明创新实践的提出背景：一是介绍开放合作基础；二是剖析制约因素。')
    expect(spec.typography).toEqual(getKind('innovation-digital').typography)
    expect(spec.limits.totalZishu).toBe(3000)
    expect(spec.form?.overview.title).toBe('二、提高开放合作水平类创新实践概述')
    expect(spec.form?.cover.titleLines[2]).toBe('（提高开放合作水平类）')
    expect(spec.indicatorBlock?.groups.map((g) => g.label)).toEqual(['整体规模情况'])
  })

  it('deep merge: objects merge key by key, arrays are replaced', () => {
    const dir = tempDir()
    const child = {
      ...openKind(COMMON),
      typography: { sizePt: 14, sizeName: '四号' },
      sections: [{ id: 'measures', marker: '一、', heading: '创新举措', role: 'measures', guidance: '系统介绍解决问题的具体做法。' }],
    }
    const spec = loadKindFile(write(dir, 'child.json', child))
    expect(spec.typography).toMatchObject({ sizePt: 14, sizeName: '四号', bodyFont: '仿宋_GB2312', lineSpacingPt: 22 })
    expect(spec.sections.map((s) => s.heading)).toEqual(['创新举措'])
  })

  it('chains: a file may extend a kind that extends the common frame (relative path)', () => {
    const dir = tempDir()
    write(dir, 'innovation-open.json', openKind(COMMON))
    const next = write(dir, 'innovation-open-2027.json', {
      extends: './innovation-open.json',
      id: 'innovation-open-2027',
      year: 2027,
      dataYear: 2026,
    })
    const spec = loadKindFile(next)
    expect(spec.name).toBe('2027年工业园区高质量发展创新实践经验总结材料（提高开放合作水平类）')
    expect(spec.category).toBe('提高开放合作水平类')
    expect(spec.indicatorBlock?.groups[0]?.years).toEqual(['2026', '2025', '2024'])
    expect(spec.form?.pledge.text.startsWith('本单位自愿参与2027年工业园区高质量发展创新实践活动')).toBe(true)
  })

  it('a cycle is reported with the chain', () => {
    const dir = tempDir()
    write(dir, 'a.json', { extends: 'b.json', id: 'a' })
    write(dir, 'b.json', { extends: 'a.json' })
    const error = thrown(() => loadKindFile(join(dir, 'a.json')))
    expect(error.code).toBe('KIND_SPEC_EXTENDS_CYCLE')
    expect(error.message).toBe(
      `报告类型定义文件存在循环继承：${join(dir, 'a.json')} → ${join(dir, 'b.json')} → ${join(dir, 'a.json')}。`,
    )
  })

  it('an abstract file cannot be loaded as a kind', () => {
    expect(thrown(() => loadKindFile(COMMON)).code).toBe('KIND_SPEC_ABSTRACT')
  })

  it('a $ref to nothing names the pointer', () => {
    const spec = { ...openKind(COMMON), indicatorBlock: { groups: [{ $ref: '#/$defs/openGroup' }] } }
    const error = thrown(() => loadKindFile(write(tempDir(), 'bad-ref.json', spec)))
    expect([error.code, error.message]).toEqual(['SPEC_REF_NOT_FOUND', '报告类型定义中的引用 #/$defs/openGroup 指向不存在的内容。'])
  })

  it('a file that is not JSON', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'broken.json'), '{ "id": ')
    expect(thrown(() => loadKindFile(join(dir, 'broken.json'))).code).toBe('KIND_SPEC_NOT_JSON')
  })
})

describe('validation', () => {
  it('a spec without sections fails with a zod issue naming the field', () => {
    const { sections: _dropped, ...withoutSections } = getKind('innovation-digital')
    const direct = KindSpecSchema.safeParse(withoutSections)
    expect(direct.success).toBe(false)
    expect(direct.error?.issues.map((i) => i.path)).toEqual([['sections']])

    const file = write(tempDir(), 'no-sections.json', withoutSections)
    const error = thrown(() => loadKindFile(file))
    expect(error.code).toBe('KIND_SPEC_INVALID')
    expect(error.status).toBe(422)
    expect(error.message).toBe(`报告类型定义文件 ${file} 校验失败：sections：Invalid input: expected array, received undefined`)
    expect(error.details?.issues).toMatchObject([{ path: ['sections'], code: 'invalid_type' }])
  })

  type Spec = ReturnType<typeof getKind>
  it.each<[string, (spec: Spec) => unknown, string]>([
    ['a misspelt key', (s) => ({ ...s, typography: { ...s.typography, lineSpaceingPt: 20 } }), 'typography：Unrecognized key: "lineSpaceingPt"'],
    ['an unknown role', (s) => ({ ...s, sections: [{ ...s.sections[0], role: 'summary' }] }), 'sections[0].role：'],
    ['a wrong marker order', (s) => ({ ...s, sections: [{ ...s.sections[0], marker: '二、' }] }), 'sections[0].marker：expected 一、'],
    [
      'a clause path without the document',
      (s) => ({ ...s, directionReference: { ...s.directionReference, subDirections: [{ name: '开放', clauses: ['二（七）17'] }] } }),
      'directionReference.subDirections[0].clauses[0]：must be a clause path like 《工业园区高质量发展指引》二（五）11',
    ],
    ['a 5th heading level', (s) => ({ ...s, headingLevels: [...s.headingLevels, { level: 5, marker: '1.', font: '仿宋_GB2312' }] }), 'headingLevels：'],
  ])('%s is named in the message', (_case, mutate, expected) => {
    const spec = mutate(structuredClone(getKind('innovation-digital')))
    const error = thrown(() => loadKindFile(write(tempDir(), 'bad.json', spec)))
    expect(error.code).toBe('KIND_SPEC_INVALID')
    expect(error.message).toContain(expected)
  })

  it('a resolved spec written back to a file loads to the same spec', () => {
    const spec = getKind('base-excellent-case')
    expect(loadKindFile(write(tempDir(), 'round-trip.json', spec))).toEqual(spec)
  })
})

describe('addKindFile', () => {
  it('registers a new kind; its id cannot be reused', () => {
    const file = write(tempDir(), 'innovation-open.json', openKind(COMMON))
    const spec = addKindFile(file)
    expect(getKind('innovation-open')).toBe(spec)
    expect(listKinds().map((k) => k.id)).toEqual([
      'innovation-digital',
      'innovation-green',
      'base-annual-report',
      'base-excellent-case',
      'innovation-open',
    ])
    const error = thrown(() => addKindFile(file))
    expect([error.code, error.status, error.message]).toEqual(['KIND_DUPLICATE', 409, '报告类型“innovation-open”已存在，不能重复添加。'])
  })
})
