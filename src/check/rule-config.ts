import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { getKind } from '../kinds/registry.js'
import { SeveritySchema } from './finding.js'

/**
 * Per-kind rule settings, as data (a textlint preset): switch a rule off, change its severity, or set its
 * thresholds. Each kind's spec holds its defaults (`checkPreset`); a caller may layer its own.
 */
export const RuleSettingSchema = z.object({
  severity: z.union([SeveritySchema, z.literal('off')]).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
})
export const RuleConfigSchema = z.record(z.string(), RuleSettingSchema)
export type RuleSetting = z.infer<typeof RuleSettingSchema>
export type RuleConfig = z.infer<typeof RuleConfigSchema>

/**
 * The preset of a kind: its spec's `checkPreset` (src/kinds/specs), the one place a kind's rule settings live.
 * A kind without one runs every rule with its defaults.
 */
export function kindPreset(kindId: string): RuleConfig {
  return getKind(kindId).checkPreset
}

/**
 * The settings for a draft that follows no report template (presets/untemplated.json): the rules that hold a draft
 * to a template's frame, length and per-part content are off, and short forms declared with 以下简称 are accepted.
 */
export const untemplatedPreset = (): RuleConfig => (untemplated ??= RuleConfigSchema.parse(
  JSON.parse(readFileSync(new URL('./presets/untemplated.json', import.meta.url), 'utf8')),
))
let untemplated: RuleConfig | undefined

/** Later layers win; options are merged key by key. */
export function mergeRuleConfigs(...layers: readonly (RuleConfig | undefined)[]): RuleConfig {
  const merged: RuleConfig = {}
  for (const layer of layers) {
    for (const [id, setting] of Object.entries(layer ?? {})) {
      const previous = merged[id] ?? {}
      merged[id] = {
        ...previous,
        ...setting,
        ...(previous.options || setting.options ? { options: { ...previous.options, ...setting.options } } : {}),
      }
    }
  }
  return merged
}
