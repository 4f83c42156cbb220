/**
 * JSON paths for park-data locations, as shown to users and used as provenance: `$.park.leadIndustries[3]`,
 * `$.indicators.scale.revenue['2025']`. Keys that are not identifiers (years, Chinese) use the bracket form of
 * RFC 9535 normalized paths.
 */
export type PathSegment = string | number

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

export function jsonPath(segments: readonly PathSegment[]): string {
  let out = '$'
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`
    else if (IDENTIFIER.test(s)) out += `.${s}`
    else out += `['${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
  }
  return out
}
