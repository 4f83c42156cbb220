import { describe, expect, it } from 'vitest'
import { UserError } from '../../src/errors.js'
import { MULTIPART_LIMITS, readMultipart, UploadedFile } from '../../src/server/multipart.js'
import { rejectionOf } from '../helpers/user-error.js'

/** Uploads parsed as they arrive: the fields and files of a form, and a Chinese 4xx for each way a form goes wrong. */

const post = (body: string | FormData, headers: Record<string, string> = {}) => new Request('http://127.0.0.1/api/documents', { method: 'POST', body, headers })
const BOUNDARY = '----park-report-test'
/** A multipart body written by hand, as a careless or hostile client sends it. */
const rawForm = (parts: string[], end = `--${BOUNDARY}--\r\n`) =>
  post(parts.map((part) => `--${BOUNDARY}\r\n${part}\r\n`).join('') + end, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` })
const field = (name: string, value: string) => `Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`

describe('readMultipart', () => {
  it('reads a file with its name and bytes, and the text fields beside it', async () => {
    const form = new FormData()
    const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7919) & 255)
    form.append('file', new File([bytes], '南岭经开区申报材料.docx'))
    form.append('kind', 'innovation-green')
    const read = await readMultipart(post(form))
    expect(read['kind']).toBe('innovation-green')
    const file = read['file'] as UploadedFile
    expect(file.name).toBe('南岭经开区申报材料.docx')
    // Compared as buffers: a deep equality of three million elements would take a minute.
    expect(Buffer.from(file.bytes).equals(bytes)).toBe(true)
    // Its own buffer, whole: it moves to a worker thread without a copy.
    expect([file.size, file.bytes.byteOffset, file.bytes.buffer.byteLength]).toEqual([bytes.length, 0, bytes.length])
  })

  it('refuses a form of ten thousand tiny parts at the limit, with what to do', async () => {
    const request = rawForm(Array.from({ length: 10_000 }, (_, i) => field(`f${i}`, '1')))
    const error = await rejectionOf(readMultipart(request))
    expect([error.status, error.code, error.message]).toEqual([
      400,
      'too_many_parts',
      `上传的表单内容过多（最多 ${MULTIPART_LIMITS.parts} 项、${MULTIPART_LIMITS.files} 个文件）。请每次只选择一个文件上传，不要附加其他内容。`,
    ])
  })

  it('refuses a text field over 5 MB with 413 naming it', async () => {
    const error = await rejectionOf(readMultipart(rawForm([field('park', 'x'.repeat(MULTIPART_LIMITS.fieldBytes + 1))])))
    expect([error.status, error.code, error.message]).toEqual([413, 'field_too_large', '表单中的“park”超过 5 MB 的大小限制。请删去其中与报告无关的内容后重试。'])
  })

  it.each([
    ['a body that is not a form', post('{"text":"一、背景介绍"}', { 'content-type': 'application/json' })],
    ['a form type without a boundary', post('--x\r\n', { 'content-type': 'multipart/form-data' })],
    ['a form cut off before its end', rawForm([field('kind', 'innovation-green')], `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.docx"\r\n\r\nPK`)],
  ])('answers %s with 400 invalid_form', async (_, request) => {
    const error = await rejectionOf(readMultipart(request))
    expect(error).toBeInstanceOf(UserError)
    expect([error.status, error.code, error.message]).toEqual([400, 'invalid_form', '上传内容不是有效的表单（multipart/form-data），请重新选择文件上传。'])
  })
})
