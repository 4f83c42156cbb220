import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { Busboy } from '@fastify/busboy'
import { UserError } from '../errors.js'

/**
 * A multipart/form-data upload read as its bytes arrive, by a streaming parser (@fastify/busboy): each network chunk
 * is scanned once, so a 20 MB upload never holds the event loop. (The Fetch API's `formData()`, behind Hono's
 * `parseBody`, parses the whole buffered body in one go: ~1.5 s of a blocked event loop for 20 MB, measured while
 * `/api/health` waited as long.) Forms are small and fixed — a file and a few fields — so the number of parts, of
 * files and the size of a field are bounded: a body of ten thousand tiny parts is refused at the seventeenth.
 */

export const MULTIPART_LIMITS = {
  /** Parts of any kind: the largest form (a draft upload) has a file and two fields. */
  parts: 16,
  files: 4,
  /** A text field may carry a park's data (JSON), bounded like a JSON request body. */
  fieldBytes: 5 * 1024 * 1024,
  /** Headers of one part (Content-Disposition, Content-Type, …). */
  headerPairs: 16,
}

const messages = {
  invalid: '上传内容不是有效的表单（multipart/form-data），请重新选择文件上传。',
  tooManyParts: `上传的表单内容过多（最多 ${MULTIPART_LIMITS.parts} 项、${MULTIPART_LIMITS.files} 个文件）。请每次只选择一个文件上传，不要附加其他内容。`,
  fieldTooLarge: (name: string) => `表单中的“${name}”超过 5 MB 的大小限制。请删去其中与报告无关的内容后重试。`,
  aborted: '请求内容未完整上传，请重试。',
}

/**
 * A file of a form, its bytes in one buffer of their own. Not a `File`: a Blob copies the parts it is made of and
 * hands them back only through its asynchronous reader, which for an 8 MB upload took ~200 ms of the event loop in
 * small steps; this buffer is filled once and moves to the worker thread that reads it without a copy.
 */
export class UploadedFile {
  constructor(
    readonly name: string,
    readonly bytes: Uint8Array<ArrayBuffer>,
  ) {}

  get size(): number {
    return this.bytes.byteLength
  }
}

export type MultipartForm = Record<string, string | UploadedFile>

/** The chunks of one file joined into a buffer of exactly their size (a Buffer may be a slice of a shared pool). */
function joined(chunks: readonly Buffer[]): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0))
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/**
 * The fields and files of a multipart request; a field given twice keeps its last value. A Chinese 4xx for a body
 * that is not a form, has too many parts or too large a field, or stops before its end.
 */
export function readMultipart(request: Request): Promise<MultipartForm> {
  const type = request.headers.get('content-type') ?? ''
  if (!request.body || !/^multipart\/form-data\b/i.test(type)) return Promise.reject(new UserError('invalid_form', messages.invalid, 400))
  let parser: ReturnType<typeof Busboy>
  try {
    parser = new Busboy({
      headers: { 'content-type': type },
      limits: { parts: MULTIPART_LIMITS.parts, files: MULTIPART_LIMITS.files, fields: MULTIPART_LIMITS.parts, fieldSize: MULTIPART_LIMITS.fieldBytes, headerPairs: MULTIPART_LIMITS.headerPairs },
    })
  } catch {
    // A Content-Type without a boundary.
    return Promise.reject(new UserError('invalid_form', messages.invalid, 400))
  }
  const source = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>)
  return new Promise<MultipartForm>((resolve, reject) => {
    const form: MultipartForm = {}
    let openFiles = 0
    let finished = false
    let failed = false
    const fail = (error: unknown) => {
      if (failed) return
      failed = true
      source.unpipe(parser)
      source.destroy()
      reject(error)
    }
    const settle = () => {
      if (finished && openFiles === 0 && !failed) resolve(form)
    }
    parser.on('file', (name, stream, fileName) => {
      openFiles += 1
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        form[name] = new UploadedFile(fileName, joined(chunks))
        openFiles -= 1
        settle()
      })
      stream.on('error', fail)
    })
    parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated) return fail(new UserError('field_too_large', messages.fieldTooLarge(name), 413, { path: name }))
      form[name] = value
    })
    const tooMany = () => fail(new UserError('too_many_parts', messages.tooManyParts, 400))
    parser.on('partsLimit', tooMany)
    parser.on('filesLimit', tooMany)
    parser.on('fieldsLimit', tooMany)
    parser.on('error', () => fail(new UserError('invalid_form', messages.invalid, 400)))
    parser.on('finish', () => {
      finished = true
      settle()
    })
    // The client went away mid-body: nobody reads this answer, but it must not be logged as a server error.
    source.on('error', () => fail(new UserError('body_aborted', messages.aborted, 400)))
    source.pipe(parser)
  })
}
