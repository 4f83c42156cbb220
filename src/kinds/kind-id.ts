import { z } from 'zod'
import { isKindId, kindIds, messages } from './registry.js'

/**
 * A report kind id in a request or a park file: any registered kind (built-in or KINDS_DIR), never a fixed list.
 * The error names the valid kinds at the time of the request.
 */
export const KindIdSchema = z
  .string({ error: () => messages.unknownKind('', kindIds()) })
  .refine(isKindId, { error: (issue) => messages.unknownKind(String(issue.input), kindIds()) })
