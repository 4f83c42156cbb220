/**
 * A draft title no other draft of the park has: “绿色安全发展类初稿”, then “绿色安全发展类初稿（2）”, “（3）”…
 * Every generated draft used to get the same title, so the lists showed several identical rows and a person could
 * not tell which one they were opening.
 */
export function distinctTitle(wanted: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  if (!used.has(wanted)) return wanted
  for (let n = 2; ; n++) {
    const candidate = `${wanted}（${n}）`
    if (!used.has(candidate)) return candidate
  }
}
