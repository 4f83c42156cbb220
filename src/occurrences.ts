/** Offsets of every occurrence of `needle` in `text`, overlapping ones included (none for an empty needle). */
export function occurrences(text: string, needle: string): number[] {
  const found: number[] = []
  if (!needle) return found
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push(at)
  return found
}
