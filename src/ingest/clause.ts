import { z } from 'zod'

/**
 * A numbered unit of a policy document: the thing the retriever indexes and a report cites.
 * `path` is the citation a person reads, e.g. 《工业园区高质量发展指引》二（五）11.
 */
export const ClauseSchema = z.object({
  /** Stable id: `${docId}#${ordinal}`. */
  id: z.string(),
  docId: z.string(),
  /** Document title without book-title marks, e.g. 工业园区高质量发展指引. */
  source: z.string(),
  /** Full citation: 《title》 followed by the numbering path. */
  path: z.string(),
  /** The numbering markers from the top, e.g. ['二', '（五）', '11']. */
  numbers: z.array(z.string()),
  /** The clause's own heading (领句) when it has one, e.g. 加强新型信息基础设施建设应用. */
  heading: z.string().optional(),
  /**
   * Headings of the enclosing groups, outermost first, e.g. ['发展导向', '促进实数深度融合'], plus a list lead-in
   * when there is one (高标准数字园区建设期满后应达到以下标准：). Not repeated in `text`; retrieval can match it.
   * Optional so clauses built elsewhere stay valid; splitClauses always sets it.
   */
  context: z.array(z.string()).optional(),
  /** Normalized clause text, heading included. */
  text: z.string(),
  /** The page of the uploaded file the clause starts on (PDFs). */
  page: z.number().int().positive().optional(),
})
export type Clause = z.infer<typeof ClauseSchema>

/** A policy document after text extraction and normalization. */
export const PolicyDocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Where it came from: 'builtin' (fixtures/policies) or 'upload'. */
  origin: z.enum(['builtin', 'upload']),
  fileName: z.string(),
  mediaType: z.string(),
  pages: z.number().int().nonnegative().optional(),
  /** PDFs: the offset in `text` where each page starts (element p − 1 for page p), for the page of each clause. */
  pageStarts: z.array(z.number().int().nonnegative()).optional(),
  /**
   * The file's content, whitespace and punctuation aside, as a SHA-256: the same text uploaded again (even as
   * another file) is a duplicate. Absent for built-in documents and uploads stored by earlier versions.
   */
  contentHash: z.string().optional(),
  /** Pages read by OCR (scans), when any. */
  ocrPages: z.array(z.number().int().positive()).optional(),
  addedAt: z.string(),
  text: z.string(),
})
export type PolicyDocument = z.infer<typeof PolicyDocumentSchema>
