import { Document, Packer, Paragraph } from 'docx'
import { describe, expect, it } from 'vitest'
import { loadDraft } from '../../src/model/load-draft.js'

const EMPTY = '草稿里没有读到正文文字。请确认选对了文件；如果是扫描件或图片，请提交 Word（.docx）或文本格式的稿件。'

describe('loadDraft', () => {
  it('says what to do when a text file holds only blank lines and spaces', async () => {
    await expect(loadDraft('初稿.txt', new TextEncoder().encode(' \n\u3000\n\n'))).rejects.toMatchObject({ code: 'empty_draft', message: EMPTY })
  })

  it('says the same for a Word file whose only paragraph is empty (a scan pasted as a picture reads this way)', async () => {
    const data = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({})] }] }))
    await expect(loadDraft('初稿.docx', new Uint8Array(data))).rejects.toMatchObject({ code: 'empty_draft', message: EMPTY })
  })

  it('names the file and the formats it takes when the type is not a draft', async () => {
    await expect(loadDraft('初稿.pdf', new TextEncoder().encode('%PDF-1.7'))).rejects.toMatchObject({
      code: 'unsupported_draft',
      message: '不支持的草稿格式“初稿.pdf”：请提交 .txt、.md 或 .docx 文件。',
    })
  })
})
