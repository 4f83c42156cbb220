import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { PolicyCorpus } from '../../src/corpus/policy-corpus.js'
import { createApp } from '../../src/server/app.js'
import { acceptedText, documentXml, ourComments } from './review-package.js'
import { FIXED_TEXT, handCraftedDraft } from './word-drafts.js'

/**
 * The annotated copy through the two doors a person uses: `check draft.docx --annotate reviewed.docx` and
 * POST /api/check/annotate. The hand-made draft with its four planted problems, checked against its park: five
 * findings (two 专有名词, 标题编号, 数字一致, one Word 格式), four of them with a fix.
 */

const root = new URL('../../', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'park-report-annotate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const parkPath = 'fixtures/parks/nanling-green.json'

describe('check --annotate (CLI)', () => {
  it('writes the reviewed copy and says how many comments and changes it holds', () => {
    const input = join(dir, '南岭草稿.docx')
    const output = join(dir, '南岭草稿-审校.docx')
    writeFileSync(input, handCraftedDraft())
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'check', input, '--park', parkPath, '--annotate', output], { cwd: root, encoding: 'utf8' })
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(`已写入 ${output}：5 条批注、4 处修订。\n`)
    expect(result.stdout).toContain('共 5 个错误、0 个警告、0 个提示。')
    const reviewed = new Uint8Array(readFileSync(output))
    expect(ourComments(reviewed).size).toBe(5)
    expect(acceptedText(documentXml(reviewed))).toBe(FIXED_TEXT)
  })

  it('refuses a text file with a Chinese message', () => {
    const text = join(dir, '草稿.txt')
    writeFileSync(text, readFileSync(join(root, 'fixtures/drafts/nanling-green.txt')))
    const one = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'check', text, '--annotate', join(dir, 'x.docx')], { cwd: root, encoding: 'utf8' })
    expect(one.status).toBe(2)
    expect(one.stderr).toContain('“' + text + '”不是 Word（.docx）文件：带批注和修订的审校稿只能在 Word 文件上生成。')
  })
})

describe('POST /api/check/annotate', () => {
  const config = loadConfig({ DATA_DIR: dir })
  const app = PolicyCorpus.open(config).then((corpus) => createApp({ config, corpus }))
  const upload = (data: Uint8Array, name: string, park?: string) => {
    const form = new FormData()
    form.append('file', new File([new Uint8Array(data)], name))
    if (park) form.append('park', park)
    return form
  }

  it('answers the person’s file with comments and tracked changes, named after it', async () => {
    const response = await (await app).request('/api/check/annotate', { method: 'POST', body: upload(handCraftedDraft(), '南岭草稿.docx', readFileSync(join(root, parkPath), 'utf8')) })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent('南岭草稿-审校.docx')}`)
    expect([response.headers.get('x-review-comments'), response.headers.get('x-review-changes')]).toEqual(['5', '4'])
    expect(acceptedText(documentXml(new Uint8Array(await response.arrayBuffer())))).toBe(FIXED_TEXT)
  })

  it('refuses a .txt upload with 415 and a Chinese message', async () => {
    const response = await (await app).request('/api/check/annotate', { method: 'POST', body: upload(new TextEncoder().encode('一、背景介绍\n园区位于南岭市。'), '草稿.txt') })
    expect(response.status).toBe(415)
    const body = (await response.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('annotate_needs_docx')
    expect(body.error.message).toBe('“草稿.txt”不是 Word（.docx）文件：带批注和修订的审校稿只能在 Word 文件上生成。请上传 .docx 文件，或去掉批注选项只做审校。')
  })
})
