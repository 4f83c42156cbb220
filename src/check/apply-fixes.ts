import type { TextFix } from './finding.js'

/**
 * Applies non-overlapping fixes to `source`. When two fixes overlap, the one that starts first wins and
 * the other is returned in `skipped` (as ESLint does: run the checker again to get the rest).
 */
export function applyFixes(source: string, fixes: readonly TextFix[]): { text: string; applied: TextFix[]; skipped: TextFix[] } {
  const ordered = [...fixes].sort((a, b) => a.start - b.start || a.end - b.end)
  const applied: TextFix[] = []
  const skipped: TextFix[] = []
  let cursor = 0
  let text = ''
  for (const fix of ordered) {
    if (fix.start < cursor || fix.start > fix.end || fix.end > source.length) {
      skipped.push(fix)
      continue
    }
    text += source.slice(cursor, fix.start) + fix.text
    cursor = fix.end
    applied.push(fix)
  }
  return { text: text + source.slice(cursor), applied, skipped }
}
