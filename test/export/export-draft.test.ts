import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { exportDraft, MAX_EXPORT_PARAGRAPHS } from '../../src/export/export-draft.js'
import { parseDraftText } from '../../src/model/load-draft.js'
import { rejectionOf } from '../helpers/user-error.js'

const draft = readFileSync(new URL('../../fixtures/drafts/nanling-green.txt', import.meta.url), 'utf8')

describe('exportDraft: a paste that is not a report', () => {
  it(`refuses more than ${MAX_EXPORT_PARAGRAPHS} paragraphs with 413 and what to do (59,000 characters of heading markers are 16,858 lines)`, async () => {
    const markers = '一、\n（一）\n1.\n（1）\n'.repeat(4215).slice(0, 59_000)
    const error = await rejectionOf(exportDraft({ doc: parseDraftText(markers), kindId: 'innovation-green' }))
    expect(error).toMatchObject({
      code: 'too_many_paragraphs',
      status: 413,
      message: '稿件共 16858 段，超过导出上限 2000 段（一篇报告通常只有一两百段）：请检查是否粘贴进了表格、目录或多余的空行分段，整理成报告正文后再导出。',
    })
  })

  it('counts only lines with text: blank lines between paragraphs do not count', async () => {
    const spaced = draft.split('\n').join('\n\n\n')
    const file = await exportDraft({ doc: parseDraftText(spaced), kindId: 'innovation-green' })
    expect(file.fileName).toBe('绿电直供降碳、能碳智管提效、智慧安监守底线，推动新能源电池材料产业绿色安全发展-报告.docx')
  })

  it('holds for the previous version of a tracked-changes export too', async () => {
    const error = await rejectionOf(
      exportDraft({ doc: parseDraftText(draft), previous: parseDraftText('园区产值增长。\n'.repeat(MAX_EXPORT_PARAGRAPHS + 1)), kindId: 'innovation-green' }),
    )
    expect(error).toMatchObject({ code: 'too_many_paragraphs', status: 413 })
  })
})
