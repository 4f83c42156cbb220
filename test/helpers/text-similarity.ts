/**
 * Character similarity of two texts: 1 − (Levenshtein distance / length of the longer), over the texts with
 * whitespace removed. 1 means identical; 0.97 means about three characters in a hundred differ.
 */
export function textSimilarity(a: string, b: string): number {
  const x = Array.from(a.replace(/\s+/g, ''))
  const y = Array.from(b.replace(/\s+/g, ''))
  if (x.length === 0 && y.length === 0) return 1
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return 1 - previous[y.length]! / Math.max(x.length, y.length)
}
