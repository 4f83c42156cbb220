import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openZip } from '../../src/model/docx-zip.js'

// The CLI as a user runs it: a separate process, arguments, standard input, exit codes.
const root = new URL('../../', import.meta.url).pathname
const dataDir = mkdtempSync(join(tmpdir(), 'park-report-cli-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: root,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir },
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('CLI', () => {
  it('retrieve --json prints one JSON object per query', () => {
    const { code, stdout } = cli(['retrieve', '屋顶光伏 储能 绿色微电网', '--top', '2', '--json'])
    expect(code).toBe(0)
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { query: string; results: { source: string; path: string; text: string; score: number }[] })
    expect(lines).toHaveLength(1)
    expect(lines[0]!.query).toBe('屋顶光伏 储能 绿色微电网')
    expect(lines[0]!.results).toHaveLength(2)
    expect(Object.keys(lines[0]!.results[0]!)).toEqual(['source', 'path', 'text', 'score'])
    expect(lines[0]!.results[0]!.path).toBe('《工业园区高质量发展指引》二（六）14')
  })

  it('retrieve sees a document uploaded through the workspace, while the workspace is open', async () => {
    const { openWorkspace } = await import('../../src/store/workspace.js')
    const { PolicyCorpus } = await import('../../src/corpus/policy-corpus.js')
    const { loadConfig } = await import('../../src/config.js')
    const config = loadConfig({ DATA_DIR: dataDir })
    const workspace = await openWorkspace(config)
    try {
      const corpus = await PolicyCorpus.open(config, workspace.documents)
      const policy = '南岭市新能源电池材料产业链招商专项政策\n一、支持链主企业\n对新引进的正极材料链主企业给予固定资产投资奖补。\n'
      await corpus.addUpload({ fileName: '招商政策.txt', data: new TextEncoder().encode(policy) })
      const { code, stdout } = cli(['retrieve', '正极材料链主企业 投资奖补', '--top', '1', '--json'])
      expect(code).toBe(0)
      expect((JSON.parse(stdout) as { results: { source: string }[] }).results[0]!.source).toBe('南岭市新能源电池材料产业链招商专项政策')
    } finally {
      await workspace.close()
    }
  })

  it('retrieve reads one query per line from standard input', () => {
    const { code, stdout } = cli(['retrieve', '--top', '1', '--json'], '双千兆网络覆盖率\n\n亩均税收 土地集约利用\n')
    expect(code).toBe(0)
    expect(stdout.trim().split('\n').map((line) => (JSON.parse(line) as { query: string }).query)).toEqual(['双千兆网络覆盖率', '亩均税收 土地集约利用'])
  })

  it('check exits 0 for a clean draft and 1 with findings', () => {
    const clean = cli(['check', 'fixtures/drafts/nanling-green.txt', '--park', 'fixtures/parks/nanling-green.json', '--json'])
    expect(clean.code).toBe(0)
    const result = JSON.parse(clean.stdout) as { file: string; findings: { severity: string }[]; stats: { total: number } }
    expect(result.file).toBe('fixtures/drafts/nanling-green.txt')
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([])

    const draft = join(dataDir, 'draft.txt')
    writeFileSync(draft, '一、背景介绍\n园区引进XX公司。\n')
    const flawed = cli(['check', draft, '--kind', 'innovation-digital'])
    expect(flawed.code).toBe(1)
    expect(flawed.stdout).toContain('第2行第5列  错误  [待补充内容]  一、背景介绍')
  })

  it('check --rules lists every rule of the checker with its Chinese name, the same list as GET /api/rules', async () => {
    const { listRules } = await import('../../src/review/rule-names.js')
    const { code, stdout } = cli(['check', '--rules'])
    expect(code).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(lines[0]).toBe(`共 ${listRules().length} 项审校：`)
    expect(lines[1]).toBe('字数（length）：字数：全文是否超出上限，各部分、各条目是否明显偏离模板建议的字数')
    expect(lines.slice(1).map((line) => line.slice(0, line.indexOf('：')))).toEqual(listRules().map((rule) => `${rule.name}（${rule.id}）`))
    expect(stdout).toContain('数字一致（number-consistency）：正文数字与园区数据（指标、量化数据）不一致（需要园区资料）')
  })

  it('check --park exits 1 on a figure the data does not back, even one equal to an unrelated datum', () => {
    const draft = join(dataDir, 'invented.txt')
    // 27.8% is the park's 绿电消费占比, not a 生产效率.
    const clean = readFileSync(new URL('../../fixtures/drafts/nanling-green.txt', import.meta.url), 'utf8')
    writeFileSync(draft, clean.replace('提高22.3个百分点。', '提高22.3个百分点，入驻企业生产效率平均提升27.8%。'))
    const checked = cli(['check', draft, '--park', 'fixtures/parks/nanling-green.json'])
    expect(checked.code).toBe(1)
    expect(checked.stdout).toContain('错误  [数字来源]  三、实践成效/（二）\n    该数字在园区数据和上传材料中找不到来源：“入驻企业生产效率平均提升27.8%”。')
  })

  it('export and draft refuse an output file of the wrong format before writing anything', () => {
    const table = join(dataDir, '汇总表.docx')
    const wrongTable = cli(['export', '--park', 'fixtures/parks/lizhou-base.json', '--summary-table', '--out', table])
    expect(wrongTable.code).toBe(2)
    expect(wrongTable.stderr).toContain(`《汇总表》应导出为Excel 文件：--out 的文件名请以 .xlsx 结尾（收到“${table}”）。`)
    const report = join(dataDir, '报告.xlsx')
    const wrongReport = cli(['export', 'fixtures/drafts/nanling-green.txt', '--park', 'fixtures/parks/nanling-green.json', '--form', '--out', report])
    expect(wrongReport.code).toBe(2)
    expect(wrongReport.stderr).toContain(`经验总结材料应导出为Word 文件：--out 的文件名请以 .docx 结尾（收到“${report}”）。`)
    const wrongDraft = cli(['draft', '--park', 'fixtures/parks/nanling-green.json', '--out', report])
    expect(wrongDraft.code).toBe(2)
    expect(wrongDraft.stderr).toContain('初稿只能保存为 .txt、.md 或 .docx；《汇总表》请用 export --summary-table 导出。')
    expect([existsSync(table), existsSync(report)]).toEqual([false, false])
  })

  it('says in Chinese why an output file cannot be written, with exit code 2 and no stack trace', () => {
    const missingFolder = join(dataDir, '没有的文件夹', '报告.docx')
    const folder = join(dataDir, '已有文件夹.docx')
    mkdirSync(folder)
    const cases: [string[], string][] = [
      [['export', 'fixtures/drafts/nanling-green.txt', '--kind', 'innovation-green', '--out', missingFolder], `错误：无法写入“${missingFolder}”：文件夹“${join(dataDir, '没有的文件夹')}”不存在。请先建好这个文件夹，或换一个输出位置。`],
      [['export', 'fixtures/drafts/nanling-green.txt', '--kind', 'innovation-green', '--out', folder], `错误：“${folder}”是一个文件夹，不能作为输出文件：请在后面加上文件名。`],
      [['check', 'fixtures/drafts/nanling-green-mistakes.docx', '--annotate', missingFolder], `错误：无法写入“${missingFolder}”：文件夹“${join(dataDir, '没有的文件夹')}”不存在。请先建好这个文件夹，或换一个输出位置。`],
    ]
    for (const [args, message] of cases) {
      const { code, stderr } = cli(args)
      expect([code, stderr.trim()]).toEqual([2, message])
    }
  })

  it('answers wrong arguments in Chinese with exit code 2', () => {
    const missing = cli(['check'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('请给出要审校的草稿文件')
    const unknown = cli(['retrieve', '数据', '--topp', '3'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('参数不正确')
    expect(cli(['frobnicate']).code).toBe(2)
  })

  it('draft writes an offline first draft that the checker passes, and rewrite changes one section', () => {
    const out = join(dataDir, 'draft.txt')
    const drafted = cli(['draft', '--park', 'fixtures/parks/jialan-digital.json', '--out', out])
    expect(drafted.code).toBe(0)
    expect(drafted.stderr).toMatch(/已生成初稿（离线撰写，\d+字，0个错误）/)
    const checked = cli(['check', out, '--park', 'fixtures/parks/jialan-digital.json', '--json'])
    expect(checked.code).toBe(0)

    const rewritten = join(dataDir, 'rewritten.txt')
    const result = cli(['rewrite', out, '--section', '一、背景介绍', '--max-chars', '400', '--park', 'fixtures/parks/jialan-digital.json', '--out', rewritten])
    expect([0, 1]).toContain(result.code)
    const before = readFileSync(out, 'utf8')
    const after = readFileSync(rewritten, 'utf8')
    expect(after.slice(after.indexOf('二、创新举措'))).toBe(before.slice(before.indexOf('二、创新举措')))

    // The rewrite as 修订 against the draft it came from: changes in 一、背景介绍 only.
    const tracked = join(dataDir, '修订稿.docx')
    const exported = cli(['export', rewritten, '--previous', out, '--park', 'fixtures/parks/jialan-digital.json', '--out', tracked])
    expect(exported.code).toBe(0)
    const xml = new TextDecoder().decode(openZip(readFileSync(tracked), { maxEntries: 100, maxUncompressedBytes: 1e8 }).read('word/document.xml')!)
    const revisions = [...xml.matchAll(/<w:(?:ins|del) w:id="\d+" w:author="园区报告助手"/g)].map((m) => m.index)
    expect(revisions.length).toBeGreaterThan(0)
    expect(Math.max(...revisions)).toBeLessThan(xml.indexOf('二、创新举措'))
    expect(Math.min(...revisions)).toBeGreaterThan(xml.indexOf('一、背景介绍'))
  })

  it('park lists every problem of a bad park file with its JSON path', () => {
    const file = join(dataDir, 'bad-park.json')
    writeFileSync(file, JSON.stringify({ formatVersion: 1, kind: 'innovation-green' }))
    const { code, stdout } = cli(['park', file])
    expect(code).toBe(1)
    expect(stdout).toContain('$.park  缺少必填字段')
  })
})
