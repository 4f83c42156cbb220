import { FILE_FORMATS, type ExportedFile } from '../export/file-format.js'

/**
 * An exported file as an HTTP answer: the media type of its format, the Chinese file name (RFC 6266/5987: an ASCII
 * fallback plus the UTF-8 name, so browsers save the Chinese name) and, when it is not ready to submit, the warnings
 * in X-Export-Warnings (a header holds only ASCII: each is percent-encoded UTF-8, the list joined by commas).
 */
export function fileResponse(file: Pick<ExportedFile, 'format' | 'data' | 'fileName'> & { warnings?: readonly string[] }, asciiStem: string, headers: Record<string, string> = {}): Response {
  const { extension, mediaType } = FILE_FORMATS[file.format]
  const warnings = file.warnings ?? []
  return new Response(file.data as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      'content-type': mediaType,
      'content-disposition': contentDisposition(file.fileName, `${asciiStem}${extension}`),
      ...(warnings.length ? { 'x-export-warnings': warnings.map((w) => encodeURIComponent(w)).join(',') } : {}),
      ...headers,
    },
  })
}

/** RFC 6266/5987 Content-Disposition for a download. */
export function contentDisposition(fileName: string, asciiName: string): string {
  // toWellFormed: a lone surrogate (a broken character pasted into a title) would make encodeURIComponent throw.
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName.toWellFormed())}`
}
